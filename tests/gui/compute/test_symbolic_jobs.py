"""gui.compute.symbolic_jobs: the helper's answers are the engine's, in order."""
from numpy.testing import assert_allclose

from engine.analysis import formulas
from engine.calculus import critical_points
from engine.expression import parse
from gui.compute.frame_rules import frame_for_points
from gui.compute.symbolic_jobs import analyse_text, search_points
from gui.compute.typesetting import display_tex, render_svg

TEXT = "(x^2+y-11)^2 + (x+y^2-7)^2 + x*13"
BOUNDS = ((-5.0, 5.0), (-5.0, 5.0))


def test_analyse_gives_the_engines_points_formulas_and_svgs(monkeypatch):
    # every formula typeset: on a loaded machine the Hessian came past the 1 s budget
    monkeypatch.setattr("gui.compute.symbolic_jobs.TYPESET_BUDGET_S", 600.0)
    line, *items = list(analyse_text((TEXT, BOUNDS)))
    assert [item[0] for item in items] == ["points", "falling", "formulas", "formulas",
                                           "typeset"]
    assert items[1] == ("falling", TEXT, None)        # (x⁴ + y⁴ on top: a minimum)
    del items[1]
    f = parse(TEXT)
    expected = critical_points(f, BOUNDS)
    points = items[0][1]
    assert [cp.kind for cp in points] == [cp.kind for cp in expected] and len(points) == 9
    assert_allclose([cp.point for cp in points], [cp.point for cp in expected], rtol=1e-12)
    # (f's own line as typed: 13x last, where sympy puts it)
    assert items[1][1:] == (formulas(f, tidy=False, typed=TEXT), False)
    tidy = formulas(f, typed=TEXT)
    assert items[2][1:] == (tidy, True)
    assert tidy[0].latex.endswith("13 x") and tidy[1:] == formulas(f)[1:]
    texs = [display_tex(formula, f.variables) for formula in tidy]
    assert items[3][1] == {tex: render_svg(tex) for tex in texs}
    # first of all, before any derivative: f's own line as typed, typeset (the formula
    # panel shows it at once: tests/gui/explorer/test_formulas_follow_the_views.py)
    assert line == ("f line", tidy[0], {texs[0]: render_svg(texs[0])})


def test_the_points_and_the_formulas_apart_are_the_same_answers():
    """What the worker's two children send (points in one, formulas in the other) is
    what one child sends in turn."""
    together = list(analyse_text((TEXT, BOUNDS)))
    formulas_only = list(analyse_text((TEXT, BOUNDS, False)))
    points, falling = list(search_points((TEXT, BOUNDS)))
    assert [item[0] for item in formulas_only] == ["f line", "formulas", "formulas", "typeset"]
    assert formulas_only[1:] == together[3:] and formulas_only[0] == together[0]
    assert falling == together[2] == ("falling", TEXT, None)
    assert points[0] == "points" and len(points[1]) == 9
    assert_allclose([cp.point for cp in points[1]], [cp.point for cp in together[1][1]],
                    rtol=0)


def test_with_a_wider_box_the_points_of_the_window_come_first_then_those_of_the_box():
    """A typed f's framing (gui.plots.typed_framing): the window's points, as without a
    box, then the numeric search's in the box (Himmelblau's four minima, two of them
    outside ±4 × ±3)."""
    himmelblau, window, box = "(x^2+y-11)^2 + (x+y^2-7)^2", ((-4.0, 4.0), (-3.0, 3.0)), \
        ((-8.0, 8.0), (-6.0, 6.0))
    alone, _ = list(search_points((himmelblau, window)))
    points, (kind, in_box, frame), ahead, last = list(search_points((himmelblau, window, box)))
    assert last == ("falling", himmelblau, None)      # after what the framing waits for
    assert points[0] == "points" and [cp.point.tolist() for cp in points[1]] == \
        [cp.point.tolist() for cp in alone[1]]
    assert kind == "box points" and in_box.shape == (9, 2)
    for minimum in [(3.0, 2.0), (-2.805118, 3.131313), (-3.779310, -3.283186)]:
        assert min(abs(in_box - minimum).max(axis=1)) < 1e-5, minimum
    # the frame typed_framing re-frames to, searched ahead: all four minima in it, as
    # the engine finds them there
    assert frame == frame_for_points(in_box, window, box) == ((-6.0, 6.0), (-5.0, 5.0))
    assert ahead[:2] == ("frame points", frame)
    assert [cp.point.tolist() for cp in ahead[2]] == \
        [cp.point.tolist() for cp in critical_points(parse(himmelblau), frame)]
    assert sum(cp.kind == "minimum" for cp in ahead[2]) == 4
    # no frame (every point already in view): nothing searched ahead
    (_, near), (kind, _, frame), _ = list(search_points(("x^2 + y^2", window, box)))
    assert kind == "box points" and frame is None


def test_last_the_points_helper_names_a_direction_f_falls_along_without_end():
    """engine.unbounded.falling_direction, by f's text (the Descent panel's "no minimum"
    for x³ + y³ and x³: tests/gui/explorer/test_run_warnings.py), None where f has a
    minimum or the top-degree part cannot tell."""
    for text, window, direction in [("x^3 + y^3", BOUNDS, (-2 ** -0.5, -2 ** -0.5)),
                                    ("x^3", ((-3.0, 3.0),), (-1.0,)),
                                    ("x^4 - x^2", ((-3.0, 3.0),), None),
                                    ("x^2 + 2y^2", BOUNDS, None),
                                    ("sin(x) + y^2", BOUNDS, None)]:
        *_, (kind, named, found) = list(search_points((text, window)))
        assert (kind, named) == ("falling", text)
        if direction is None:
            assert found is None, text
        else:
            assert type(found) is tuple
            assert_allclose(found, direction, rtol=1e-12)
