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
