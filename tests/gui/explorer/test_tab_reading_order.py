"""Tab walks the Explorer in reading order: from the map's "Gradient field" and "Labels"
on to the 3-D view's "Tangent plane" and "Reset view" on the same row. The 3-D view is
built after the rest (deferred until shown), and Qt's Tab order is creation order: its
two controls came last, after the lower panel, the side panel and the playback buttons."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _tab_from(widget, qtbot):
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    return QApplication.focusWidget()


@pytest.fixture(params=["built at once", "deferred"])
def explorer_window(request, shown, settings):
    """The main window with its 3-D view built with the rest, or (as the app starts:
    paint first) in its placeholder's place afterwards."""
    from gui.app.application import build_window
    model, win = build_window(settings=settings, paint_first=request.param == "deferred")
    shown(win, 1280, 720)
    win.explorer.build_surface_view()
    yield win
    model.shutdown()


def test_tab_goes_from_the_map_to_the_3d_view_beside_it(explorer_window, qtbot):
    window = explorer_window
    ex = window.explorer
    surface = ex.surface_view
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    contour = ex.contour_view
    names = []
    for start in (contour.labels_toggle, surface.plane_toggle):
        names.append(_tab_from(start, qtbot).text())
    assert names == ["Tangent plane", "Reset view"]
