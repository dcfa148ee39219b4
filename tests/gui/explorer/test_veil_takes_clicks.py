"""While a refused text veils the views, they are not live: a click on the dimmed map
moved the descent start of the f shown (not of the one typed), a drag on the 1-D curve
its tangent point, a wheel zoomed the window. The mouse is sent through the window as
the screen's is (QTest on the QWindow: the widget under the pointer gets it), so the veil
over a view is what a click meets. A click on the veil takes the keyboard to the error."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.explorer.test_refused_formula import type_keys

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


def at(window, widget, fx: float, fy: float) -> QPoint:
    """The point a fraction (fx, fy) across `widget`, in the window's coordinates."""
    return widget.mapTo(window, QPoint(int(widget.width() * fx), int(widget.height() * fy)))


def click(window, point: QPoint) -> None:
    QTest.mouseClick(window.windowHandle(), LEFT, NONE, point)
    QApplication.processEvents()


def drag(window, qtbot, a: QPoint, b: QPoint) -> None:
    handle = window.windowHandle()
    QTest.mousePress(handle, LEFT, NONE, a)
    for i in range(1, 9):
        QTest.mouseMove(handle, a + (b - a) * i / 8)
        qtbot.wait(10)
    QTest.mouseRelease(handle, LEFT, NONE, b)
    QApplication.processEvents()


def wheel(window, widget, point: QPoint) -> None:
    from PySide6.QtGui import QWheelEvent
    target = window.childAt(point)         # what the screen's wheel reaches first
    local = target.mapFrom(window, point)
    event = QWheelEvent(QPointF(local), QPointF(window.mapToGlobal(point)), QPoint(0, 0),
                        QPoint(0, 240), Qt.MouseButton.NoButton, NONE,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(target, event)
    QApplication.processEvents()


def refuse(qtbot, tab, text):
    type_keys(qtbot, tab.editor.line_edit, text)
    qtbot.keyClick(tab.editor.line_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.refusal_veil.views.isVisible(), timeout=5000)
    assert tab.model.wait_for_analysis()
    qtbot.wait(100)


def test_clicks_drags_and_wheels_on_the_veiled_map_and_surface_change_nothing(window, qtbot):
    model, tab = window.explorer.model, window.explorer
    window.activateWindow()               # (the keyboard's place is checked at the end)
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    canvas = tab.contour_view.canvas
    # unveiled, the same click moves the start (so the clicks below reach where they aim)
    click(window, at(window, canvas, 0.35, 0.7))
    qtbot.wait(200)
    assert model.start != (3.0, 2.0)
    model.set_start((3.0, 2.0))
    refuse(qtbot, tab, "x^2y")
    state = model.get_state()
    click(window, at(window, canvas, 0.35, 0.7))
    click(window, at(window, canvas, 0.6, 0.4))
    drag(window, qtbot, at(window, canvas, 0.3, 0.5), at(window, canvas, 0.6, 0.5))
    wheel(window, canvas, at(window, canvas, 0.5, 0.5))
    surface = tab.surface_view
    drag(window, qtbot, at(window, surface, 0.3, 0.5), at(window, surface, 0.7, 0.6))
    click(window, at(window, surface, 0.5, 0.5))
    lower = tab.below                     # the loss curve and the lab's panels
    click(window, at(window, lower, 0.2, 0.5))
    click(window, at(window, lower, 0.7, 0.5))
    qtbot.wait(300)
    assert model.start == (3.0, 2.0)
    assert model.get_state() == state
    assert window.childAt(at(window, canvas, 0.35, 0.7)) is tab.refusal_veil.views
    # a click on the veil took the keyboard to the error: after 'x^2', the 'y'
    field = tab.editor.line_edit
    assert QApplication.focusWidget() is field and field.cursorPosition() == 3


def handle_point(window, curve) -> QPoint:
    """The tangent point's handle, in the window's coordinates."""
    on_canvas = curve.canvas.mapFromScene(curve.handle.mapToScene(0, 0))
    return curve.canvas.mapTo(window, on_canvas)


def test_clicks_and_drags_on_the_veiled_curve_change_nothing(window, qtbot):
    model, tab = window.explorer.model, window.explorer
    type_keys(qtbot, tab.editor.line_edit, "x^2")
    qtbot.keyClick(tab.editor.line_edit, Qt.Key.Key_Return)     # the f the user had
    assert model.wait_for_analysis()
    curve = tab.curve_view
    qtbot.wait(200)
    # unveiled, a drag of the handle moves the tangent point
    point = curve.handle.pos()
    drag(window, qtbot, handle_point(window, curve), handle_point(window, curve) + QPoint(60, 0))
    qtbot.wait(100)
    assert curve.handle.pos().x() > point.x() + 0.1
    refuse(qtbot, tab, "x^2 +")
    assert model.shown_text == "x^2"
    state, point = model.get_state(), curve.handle.pos()
    x_range = curve.plot_f.getViewBox().viewRange()[0]
    grip = handle_point(window, curve)
    drag(window, qtbot, grip, grip - QPoint(80, 0))              # the tangent point
    click(window, at(window, curve.canvas, 0.2, 0.6))            # the start
    click(window, at(window, curve.canvas_d, 0.8, 0.5))          # f′'s plot
    wheel(window, curve.canvas, at(window, curve.canvas, 0.5, 0.5))
    qtbot.wait(300)
    assert curve.handle.pos() == point
    assert model.get_state() == state
    assert curve.plot_f.getViewBox().viewRange()[0] == x_range
    assert window.childAt(grip) is tab.refusal_veil.views
