"""Stepping the neuron's stages presenting (F11) on a 1280×720 projector: stage 6's
"∂z" reached the formula box's last row, and the titles of stages 5, 8 and 9 wrapped
onto two lines, pushing the formula down."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect

from gui.neuron.model import STAGES
from tests.gui.app.test_look_round_trip import pixels, settle


def test_every_stage_title_is_one_line_and_its_formula_whole(window, qtbot):
    window.screen_limit = QRect(0, 0, 1280, 720)          # full screen fills this screen
    window.setGeometry(0, 0, 1280, 720)
    window.show_tab("neuron")
    tab = window.neuron
    window.commands.set_presentation(True)
    try:
        settle(qtbot, window)
        assert (window.width(), window.height()) == (1280, 720)
        for index in range(len(STAGES)):
            tab.model.set_stage(index)
            settle(qtbot, window)
            label = tab.stage_label
            line = label.fontMetrics().lineSpacing()
            assert label.height() < 1.5 * line, (index + 1, label.height(), line)
            image = pixels(tab.formula).min(axis=-1)          # darkest channel, per pixel
            ink_rows = np.where((image < 160).any(axis=1))[0]
            assert ink_rows.size, index + 1
            assert ink_rows.min() >= 2 and ink_rows.max() <= image.shape[0] - 3, (
                index + 1, ink_rows.min(), ink_rows.max(), image.shape)
    finally:
        window.commands.set_presentation(False)
        settle(qtbot, window)
