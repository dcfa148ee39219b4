"""Tab walks every tab in reading order on a 1280×720 projector, in the window and
presenting (F11), and Shift+Tab walks back the same way; the focus ring goes along.

Before, Qt's order was the widgets' creation order: on the Explorer "Tangent plane" and
"Reset view" came before the map (the 3-D view's controls were tied after the map's
switches by hand), and the settings of a method ticked later (Momentum, Adam) came
after Playback, built last. What is checked is what the lecturer sees: the stops'
rectangles on the screen, each panel's stops in one run, and within a panel no step
back up or to the left (a step up only into a column to the right)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QSplitter, QWidget

from engine.optimizers import METHODS
from gui.widgets.focus_mark import focus_ring
from tests.gui.app.lecture_helpers import SLOW_MS
from tests.gui.app.projector import projector_window, settle_at

pytestmark = pytest.mark.xdist_group("tab_reading_order")     # one projector window

STOPS_MAX = 200


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory)


def _walk(window, qtbot, start: QWidget, key) -> list[QWidget]:
    """The stops Tab (or Shift+Tab) reaches from `start` until it comes back to it; the
    focus ring is around each as it gets there."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    stops = [start]
    for _ in range(STOPS_MAX):
        qtbot.keyClick(QApplication.focusWidget(), key)
        reached = QApplication.focusWidget()
        assert focus_ring() is not None and focus_ring().target() is reached
        if reached is start:
            return stops
        assert reached not in stops, f"Tab went round without {_name(start)}"
        stops.append(reached)
    raise AssertionError(f"Tab did not come back to {_name(start)}")


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return f"{type(widget).__name__}[{text() if callable(text) else ''}]"


def _panel(widget: QWidget, page: QWidget):
    """The panel a stop lies in: the innermost pane of a splitter around it that is no
    splitter itself (the map, the 3-D view, the loss curve, the lab, the side panel...);
    None outside the panes (the editor's row, the window's tab bar)."""
    chain = widget
    while chain is not None and chain is not page:
        if isinstance(chain.parentWidget(), QSplitter) and not isinstance(chain, QSplitter):
            return chain
        chain = chain.parentWidget()
    return None


def _screen_rect(widget: QWidget, window) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _read_after(before: QRect, after: QRect) -> bool:
    """`after` comes after `before` when reading: in the same row to the right, in a
    lower row, or higher only in a column wholly to the right."""
    overlap = min(before.bottom(), after.bottom()) - max(before.top(), after.top())
    if overlap > min(before.height(), after.height()) / 2:
        return after.center().x() > before.center().x()
    if after.center().y() > before.center().y():
        return True
    return after.left() >= before.right()


def _check_reading_order(window, qtbot, start: QWidget, page: QWidget) -> list[QWidget]:
    stops = _walk(window, qtbot, start, Qt.Key.Key_Tab)
    # the cycle read from the window's tab bar, which heads it
    bar = window.tabs.tabBar()
    assert bar in stops
    stops = stops[stops.index(bar):] + stops[:stops.index(bar)]
    rects = {stop: _screen_rect(stop, window) for stop in stops}    # one moment's screen
    panels = [_panel(stop, page) for stop in stops]
    runs = [p for i, p in enumerate(panels) if i == 0 or panels[i - 1] is not p]
    assert len(runs) == len(set(map(id, runs))), (
        "a panel's stops are split: " + " → ".join(_name(s) for s in stops))
    for before, after, same in zip(stops, stops[1:], (a is b for a, b in zip(panels,
                                                                           panels[1:]))):
        if same:
            assert _read_after(rects[before], rects[after]), (
                f"{_name(before)} {rects[before].getRect()} → {_name(after)} "
                f"{rects[after].getRect()}")
    back = _walk(window, qtbot, start, Qt.Key.Key_Backtab)
    forward = stops[stops.index(start):] + stops[:stops.index(start)]
    assert back == [start] + forward[:0:-1], "Shift+Tab does not walk back the same way"
    return stops


def _explorer(window, qtbot, text, presenting, look="light", scale=1.0):
    window.show_tab("explorer")
    window.commands.set_theme(look)
    window.model.set_text(text)
    window.model.set_settings(methods=tuple(METHODS))      # every method's settings shown
    assert window.model.wait_for_analysis(SLOW_MS)
    settle_at(window, qtbot, scale, presenting)
    return window.explorer


@pytest.mark.parametrize("presenting", [False, True], ids=["window", "presenting"])
def test_tab_reads_the_explorer_of_two_variables(window, qtbot, presenting):
    explorer = _explorer(window, qtbot, "x^2 + 2y^2", presenting)
    stops = _check_reading_order(window, qtbot, explorer.editor.line_edit, explorer)
    names = [_name(s) for s in stops]
    # the map, then the 3-D view beside it: Labels, the map itself, Tangent plane
    labels = stops.index(explorer.contour_view.labels_toggle)
    assert stops[labels + 1] is explorer.contour_view.canvas
    assert stops[labels + 2] is explorer.surface_view.plane_toggle, names
    # a method's settings inside the side panel, before Playback
    panel = explorer.descent_panel
    settings = [s for s in stops if panel.hyper_group.isAncestorOf(s)]
    assert settings and (stops.index(settings[-1])
                         < stops.index(_first_in(stops, panel.playback_group))), names


def _first_in(stops, container):
    return next(s for s in stops if container.isAncestorOf(s))


def test_tab_reads_the_explorer_after_1d_and_back_dark_and_larger(window, qtbot):
    explorer = _explorer(window, qtbot, "x^3 - x", presenting=False)
    _check_reading_order(window, qtbot, explorer.editor.line_edit, explorer)
    explorer = _explorer(window, qtbot, "x^2 + 2y^2", True, look="dark", scale=1.5)
    _check_reading_order(window, qtbot, explorer.editor.line_edit, explorer)
    settle_at(window, qtbot, 1.0, False)
    window.commands.set_theme("light")


@pytest.mark.parametrize("presenting", [False, True], ids=["window", "presenting"])
@pytest.mark.parametrize("tab", ["neuron", "network"])
def test_tab_reads_the_other_tabs(window, qtbot, tab, presenting):
    window.show_tab(tab)
    settle_at(window, qtbot, 1.0, presenting)
    page = window.tabs.currentWidget()
    _check_reading_order(window, qtbot, window.tabs.tabBar(), page)
