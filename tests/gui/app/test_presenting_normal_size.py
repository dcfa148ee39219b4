"""Ctrl+0 while presenting gives presentation's own look, the one F11 off and on again
gives. The rehearsal (Network tab, dark, 1280×720): F11, Ctrl++ twice, Ctrl+0 showed
window-size type (tool bar ~13 px) with the Jacobian back, while F11 off and on showed
large type (~17 px) with the panels folded: one mode, theme and size, two pictures."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.app.window_commands import PRESENTATION_SCALE
from tests.gui.app.projector import projector_window
from tests.gui.app.test_look_round_trip import differing_places, pixels, settle

pytestmark = pytest.mark.xdist_group("presenting_normal_size")
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory, "network")


def _keys(qtbot, window, *keys):
    """Keys as the lecturer presses them, to whatever has the keyboard of the active
    window, each look settled before the next."""
    for key, modifier in keys:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)
        settle(qtbot, window)


def test_ctrl_0_presenting_looks_as_presenting_again(window, qtbot, screenshot):
    no = Qt.KeyboardModifier.NoModifier
    commands = window.commands
    try:
        _keys(qtbot, window, (Qt.Key.Key_F11, no), (Qt.Key.Key_D, CTRL),
              (Qt.Key.Key_Equal, CTRL), (Qt.Key.Key_Equal, CTRL), (Qt.Key.Key_0, CTRL))
        assert commands.presenting and commands.theme == "dark"
        assert commands.scale == PRESENTATION_SCALE       # presentation's own large type
        after_ctrl_0 = pixels(settle(qtbot, window))
        panels = window.panels_visible()
        _keys(qtbot, window, (Qt.Key.Key_F11, no), (Qt.Key.Key_F11, no))
        assert commands.presenting and commands.scale == PRESENTATION_SCALE
        assert window.panels_visible() == panels
        again = pixels(settle(qtbot, window))
        differ = (after_ctrl_0 != again).any(axis=-1)
        if differ.any():
            screenshot(window, "presenting_again")
        assert differ.sum() == 0, differing_places(after_ctrl_0, again)
    finally:
        commands.set_presentation(False)
        commands.set_theme("light")
