"""A typed function of one variable is framed at once from the critical points found
numerically (gui.plots.framing.frame_at_once); the exact ones, found later, keep it."""
import pytest

from engine.calculus import critical_points
from engine.expression import parse
from gui.plots.framing import DEFAULT_WINDOW_1D, frame_at_once, settled_frame


@pytest.mark.parametrize("text, window, start", [
    ("x^4 - 4x^3 + 4x^2", ((-1.0, 3.0),), (2.8,)),       # points 0, 1, 2
    ("sin(x)", ((-3.1416, 3.1416),), (2.82744,)),        # ±π/2: the window to 10⁻⁴ of its span
    ("x^2", ((-2.0, 2.0),), (1.8,)),
    ("tanh(x)", DEFAULT_WINDOW_1D, (2.8,)),              # none: the default window
])
def test_framed_at_once_as_the_exact_points_frame_it(text, window, start):
    framed = frame_at_once(text)
    assert framed[:2] == (window, start)
    f = parse(text).compile()
    exact = [c.point[0] for c in critical_points(f, [DEFAULT_WINDOW_1D[0]])]
    assert settled_frame(f, framed, exact) is None        # nothing moves when they come


def test_a_frame_the_exact_points_contradict_is_made_again_from_them():
    f = parse("x^4 - 4x^3 + 4x^2").compile()
    framed = frame_at_once("x^4 - 4x^3 + 4x^2")
    assert settled_frame(f, framed, [0.0, 2.0]) == (((-1.0, 3.0),), (2.8,))
    assert settled_frame(f, framed, [0.0, 1.0, 3.5]) == (((-1.75, 5.25),), (4.9,))
    assert settled_frame(f, None, [0.0, 1.0, 2.0]) == framed[:2]    # not framed at once


def test_formulas_the_numeric_reader_refuses_wait_for_the_exact_points():
    assert frame_at_once("min(x, 1)") is None
    assert frame_at_once("x^2 + y^2") is None             # not of one variable


def test_a_typed_function_of_one_variable_arrives_framed_and_stays(model, qtbot):
    """From a 2-D f, x⁴ − 4x³ + 4x² typed: its first picture (expressionChanged) already
    has the framed window and start; the critical points, when they come, move nothing."""
    assert model.wait_for_analysis(60000)
    seen, windows, starts = [], [], []
    model.expressionChanged.connect(lambda e: seen.append((str(e), model.window, model.start)))
    model.windowChanged.connect(windows.append)
    model.startChanged.connect(starts.append)
    model.set_text("x^4 - 4x^3 + 4x^2")
    assert model.wait_for_analysis(60000)
    qtbot.waitUntil(lambda: len(model.critical_points) == 3, timeout=60000)
    assert seen[0][1:] == (((-1.0, 3.0),), (2.8,)), seen
    assert windows == [((-1.0, 3.0),)] and starts == [(2.8,)]
    assert model.window == ((-1.0, 3.0),) and model.start == (2.8,)
