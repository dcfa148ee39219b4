"""gui.plots.map_first: a typed 2-D f's map (colours, iso-lines, arrows) is painted
before the analysis is applied; the paths, the 3-D view, the loss plot and the table in
the pass after that paint, all of the new f."""
import numpy as np
from PySide6.QtCore import QEvent, QObject

NEW = "x^2 + 4y^2 - x y"     # (test_paint_pass types its own: the memo would answer a repeat)


def f_new(x, y):
    return x ** 2 + 4 * y ** 2 - x * y


class _Paints(QObject):
    """Each Paint of the watched widgets, with the model's f and the map's state then."""

    def __init__(self, window):
        super().__init__()
        cv = window.contour_view
        self.window, self.log = window, []
        self.names = {cv.canvas.viewport(): "map", window.surface_view.gl.canvas: "surface",
                      window.loss_plot.plot.viewport(): "loss",
                      window.iterate_table.view.viewport(): "table"}
        for widget in self.names:
            widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj in self.names:
            cv, model = self.window.contour_view, self.window.model
            scape = cv.landscape
            self.log.append({"view": self.names[obj], "f": model.expression,
                             "Z": scape.Z.copy(), "xs": scape.xs.copy(), "ys": scape.ys.copy(),
                             "base": cv.field_base.copy(), "grad": cv.field_gradient.copy()})
        return False


def _settled(qtbot, window):
    """The default example's last answers in (its critical point, its typeset formulas)
    and painted: a view they repaint is not one the edit painted (CI once saw one)."""
    qtbot.waitUntil(lambda: window.math_view.is_ready
                    and len(window.model.critical_points) == 1, timeout=60000)
    qtbot.wait(50)


def _painted_through(window, qtbot):
    """Every watched view painted once more: what the start left to paint (its answers
    came from symbolic_memo after earlier tests, before the views' first paints) is not
    taken for the edit's first picture."""
    before = _Paints(window)
    for widget in before.names:
        widget.update()
    qtbot.waitUntil(lambda: {p["view"] for p in before.log} >= set(before.names.values()))
    for widget in before.names:
        widget.removeEventFilter(before)


def test_a_typed_f_paints_its_map_first_then_every_view_of_it(qtbot, window):
    model = window.model
    old = model.expression
    _settled(qtbot, window)
    _painted_through(window, qtbot)
    paints = _Paints(window)
    applied = []
    model.expressionChanged.connect(lambda f: applied.append(len(paints.log)))
    model.set_text(NEW)
    qtbot.waitUntil(lambda: bool(applied) and {p["view"] for p in paints.log[applied[0]:]}
                    >= {"map", "surface", "loss", "table"}, timeout=10000)
    first = paints.log[0]
    # the first paint after the edit is the map's, before the analysis was applied ...
    assert first["view"] == "map" and first["f"] is old and applied[0] >= 1
    assert [p["view"] for p in paints.log[:applied[0]]] == ["map"] * applied[0]
    # ... and it is the new f's map: its colours' values and ∇f's arrows
    X, Y = np.meshgrid(first["xs"], first["ys"], indexing="ij")
    assert np.allclose(first["Z"], f_new(X, Y))
    bx, by = first["base"].T
    assert len(bx) > 50
    assert np.allclose(first["grad"], np.column_stack([2 * bx - by, 8 * by - bx]))
    # then every numeric view shows the new f
    new = model.expression
    assert new is not old and np.isclose(new(1.0, 2.0), f_new(1.0, 2.0))
    assert window.surface_view.surface_of is new
    start = np.array(model.start)
    for key, curve in window.loss_plot.curves.items():
        if key in model.paths:
            xs, ys = curve.getData()
            assert np.isclose(ys[0], f_new(*start))
    table = window.iterate_table.view.model()
    assert table.rowCount() > 1


def test_a_key_typed_before_the_map_painted_drops_the_older_f(qtbot, window):
    """Two edits in one turn of the event loop: the older f's second pass never runs
    (its paths, 3-D view, loss and table would be drawn for nothing)."""
    model = window.model
    shown = []
    model.expressionChanged.connect(lambda f: shown.append(str(f)))
    model.set_text("x^2 + 5y^2")
    model.set_text(NEW)
    qtbot.waitUntil(lambda: model.expression(1.0, 2.0) == f_new(1.0, 2.0), timeout=10000)
    model.wait_for_analysis()
    assert shown and all(s == str(model.expression) for s in shown)
    assert np.isclose(model.expression(1.0, 2.0), f_new(1.0, 2.0))


class _Passes(QObject):
    """Each paint pass of the window (its UpdateRequest) and the region each watched
    widget painted in it: [(pass, name, bounding rect of the region painted)]."""

    def __init__(self, window, names):
        super().__init__()
        self.window, self.names, self.passes, self.log = window, names, 0, []
        window.installEventFilter(self)
        for widget in names:
            widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        if obj is self.window and event.type() == QEvent.Type.UpdateRequest:
            self.passes += 1
        elif event.type() == QEvent.Type.Paint and obj in self.names:
            self.log.append((self.passes, self.names[obj], event.region().boundingRect()))
        return False


def test_the_second_pass_does_not_paint_the_map_whole_again(qtbot, window):
    """Its map was painted whole in the first pass: in the second (the paths, the other
    views) only what changes on it is painted — the paths' rectangle, not the axes, the
    colour bar and the legend. (It was painted whole again, ~the first pass's cost.)"""
    model, cv = window.model, window.contour_view
    _settled(qtbot, window)
    _painted_through(window, qtbot)
    names = {cv.canvas.viewport(): "map", window.loss_plot.plot.viewport(): "loss",
             window.iterate_table.view.viewport(): "table"}
    passes = _Passes(window, names)
    applied = []
    model.expressionChanged.connect(lambda f: applied.append(passes.passes))
    model.set_text("x^2 + 6y^2 - x y")
    qtbot.waitUntil(lambda: bool(applied) and {"loss", "table"} <= {
        name for n, name, _ in passes.log if n > applied[0]}, timeout=10000)
    second = next(n for n, name, _ in passes.log if n > applied[0] and name != "map")
    assert any(name == "map" for n, name, _ in passes.log if n <= applied[0])   # first
    whole = cv.canvas.viewport().rect()
    in_second = [rect for n, name, rect in passes.log if name == "map" and n == second]
    assert all(rect != whole and not rect.contains(whole) for rect in in_second), in_second
    assert cv.pictured is model.expression
