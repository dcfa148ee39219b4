"""Check boxes and radio buttons, ticked and not, told apart at a glance on either
theme: the mark a tick adds stands ≥ 3:1 (WCAG's rule for a control's parts) against
what the same place shows unticked, measured on the screen. (A legend's "■" that read as
a ticked box: tests/gui/plots/test_lr_sweep_marks.py.)"""
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QCheckBox, QListWidget, QListWidgetItem,
                               QRadioButton, QVBoxLayout, QWidget)

from gui.widgets import theme
from tests.gui.widgets.screen_contrast import pixels
from gui.widgets.theme import contrast


def _hex(rgb) -> str:
    return "#%02x%02x%02x" % tuple(int(v) for v in rgb)


def _mark_contrast(grab_off, grab_on) -> float:
    """The contrast of the pixel a tick changes most with what it was unticked."""
    off, on = pixels(grab_off.toImage()), pixels(grab_on.toImage())
    changed = np.abs(on.astype(int) - off.astype(int)).sum(-1)
    y, x = np.unravel_index(changed.argmax(), changed.shape)
    return contrast(_hex(on[y, x]), _hex(off[y, x]))


@pytest.mark.parametrize("look", ["light", "dark"])
def test_ticked_and_unticked_differ_clearly(qtbot, look):
    page = QWidget()
    qtbot.addWidget(page)
    column = QVBoxLayout(page)
    check, radio, items = QCheckBox("Newton"), QRadioButton("Newton"), QListWidget()
    item = QListWidgetItem("Newton")
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    items.addItem(item)
    for widget in (check, radio, items):
        column.addWidget(widget)
    theme.apply_theme(QApplication.instance(), page, look, 1.0)
    try:
        page.show()
        qtbot.waitExposed(page)
        for name, tick in (("check box", check.setChecked), ("radio", radio.setChecked),
                           ("list item", lambda on: item.setCheckState(
                               Qt.CheckState.Checked if on else Qt.CheckState.Unchecked))):
            widget = {"check box": check, "radio": radio}.get(name, items.viewport())
            tick(False)
            off = widget.grab()
            tick(True)
            on = widget.grab()
            ratio = _mark_contrast(off, on)
            assert ratio >= 3.0, (look, name, round(ratio, 2))
    finally:
        theme.apply_theme(QApplication.instance(), QWidget(), "light", 1.0)
