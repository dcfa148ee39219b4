"""--runs on the command line: parsed by gui.plots.runs.parse_runs, applied as a race."""
import pytest

from gui.app.cli import _set_up, build_parser


def test_runs_flag_sets_up_the_race(model, qtbot):
    args = build_parser().parse_args(
        ["--expr", "x^2 + 2y^2", "--start", "3,2",
         "--runs", "gd:lr=0.1, gd:lr=0.3, adam:lr=0.05,betas=0.8/0.99"])
    _set_up(model, args)
    qtbot.waitUntil(lambda: len(model.paths) == 3, timeout=60000)
    assert [model.lab.label(k) for k in model.paths] == ["GD η=0.1", "GD η=0.3", "Adam"]
    assert model.paths["adam"].hyper["betas"] == (0.8, 0.99)
    assert model.paths["gd#2"].lr == 0.3
    # --methods afterwards means one plain run per method again
    _set_up(model, build_parser().parse_args(["--methods", "gd,momentum"]))
    qtbot.waitUntil(lambda: list(model.paths) == ["gd", "momentum"], timeout=60000)
    assert all(r.lr is None for r in model.settings.runs)


def test_a_bad_runs_flag_is_a_value_error_that_says_why(model):
    args = build_parser().parse_args(["--runs", "gd:lr=0.1, sgd:lr=1"])
    with pytest.raises(ValueError, match="unknown method 'sgd'"):
        _set_up(model, args)
