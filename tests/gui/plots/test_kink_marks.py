"""gui.plots.kink_marks: a smooth f's kink search is skipped without printing f."""
from engine.expression import Expression, parse
from gui.plots.kink_marks import kink_points


def test_a_new_smooth_f_is_not_printed_to_look_for_kinks(monkeypatch):
    """Each edit's new f was printed (str(f), ~1.2 ms of the GUI thread) to look for
    abs, max, min, relu or sqrt in the text; f's tree tells the same."""
    smooth, kinked = parse("(1-x)^2 + 5(y-x^2)^2 + x/707"), parse("|x| + |y| + 1/709")

    def printed(_self):
        raise AssertionError("f printed to look for kinks")
    monkeypatch.setattr(Expression, "__str__", printed)
    window = ((-2.0, 2.0), (-2.0, 2.0))
    assert kink_points(smooth, window) == []
    assert [k.kind for k in kink_points(kinked, window)] == ["minimum"]


def test_a_slice_of_f_is_looked_at_as_before():
    """A slice (three or more variables) has no sympy tree of its own: its text."""
    from gui.plots.slice import SlicedExpression
    window = ((-2.0, 2.0), (-2.0, 2.0))
    kinked = SlicedExpression(parse("|x| + |y| + z^2 + 1/711"), (0, 1), (0.0, 0.0, 0.5))
    smooth = SlicedExpression(parse("x^2 + y^2 + z^2 + 1/713"), (0, 1), (0.0, 0.0, 0.5))
    assert [k.kind for k in kink_points(kinked, window)] == ["minimum"]
    assert kink_points(smooth, window) == []
