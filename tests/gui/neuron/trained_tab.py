"""The Neuron tab as the lecturer's walkthrough left it: at x = −1.5, trained 100 steps
(the loss landscape re-centred on the run), on a window of the screen's size."""
from __future__ import annotations

from PySide6.QtCore import QRect

from tests.gui.app.test_look_round_trip import settle


def trained_neuron_tab(window, qtbot, screen):
    window.screen_limit = QRect(0, 0, *screen)
    window.setGeometry(0, 0, *screen)
    window.show_tab("neuron")
    tab = window.neuron
    tab.model.set_x(-1.5)
    assert tab.training.landscape_model.wait_for_analysis(60000)
    tab.model.train(100)
    settle(qtbot, window)
    return tab
