"""gui.plots.runs: the race as runs — parsing --runs, labels that say what differs,
colours, files (old "methods" + "lr" sessions too)."""
import pytest

from gui.plots import runs as race
from gui.widgets.palette import METHOD_COLOURS, METHOD_LABELS


def test_parse_runs_reads_the_issue_example():
    runs = race.parse_runs("gd:lr=0.1, gd:lr=0.3, adam:lr=0.05,betas=0.8/0.99")
    assert [(r.method, r.lr) for r in runs] == [("gd", 0.1), ("gd", 0.3), ("adam", 0.05)]
    assert runs[2].hyper == {"betas": (0.8, 0.99)}
    assert [r.key for r in runs] == ["gd", "gd#2", "adam"]


def test_parse_runs_bare_methods_switches_and_starts():
    runs = race.parse_runs("newton, rmsprop:centered=true,alpha=0.9, gd:start=1/-2")
    assert [r.method for r in runs] == ["newton", "rmsprop", "gd"]
    assert runs[0].lr is None and runs[0].hyper == {}
    assert runs[1].hyper == {"centered": True, "alpha": 0.9}
    assert runs[2].start == (1.0, -2.0)


@pytest.mark.parametrize("text, words", [
    ("sgd:lr=0.1", "unknown method 'sgd'"),
    ("lr=0.1", "must start with a method"),
    ("gd:lr=fast", "expected a number"),
    ("gd:lr=-1", "must be a number > 0"),
    ("adam:betas=1.5/0.9", "betas[0]"),
    ("gd:momentum=0.9", "unknown hyperparameter 'momentum'"),
    ("gd:lr", "expected name=value"),
    ("", "names no run"),
    ("gd:lr=__import__('os')", "expected a number"),
])
def test_parse_runs_says_what_is_wrong(text, words):
    with pytest.raises(ValueError, match=None) as info:
        race.parse_runs(text)
    assert words in str(info.value)


def test_labels_name_what_differs_between_runs_of_one_method():
    runs = race.parse_runs("gd:lr=0.1, gd:lr=0.3, adam:lr=0.05")
    labels = race.labels(runs, 0.1, {})
    assert labels == {"gd": "GD η=0.1", "gd#2": "GD η=0.3", "adam": "Adam"}
    # the shared rate counts as the run's own: 0.1 shared against 0.3 own
    runs = race.with_keys((race.Run("gd"), race.Run("gd", 0.3)))
    assert list(race.labels(runs, 0.1, {}).values()) == ["GD η=0.1", "GD η=0.3"]
    runs = race.parse_runs("adam:betas=0.8/0.99, adam")
    assert list(race.labels(runs, 0.1, {}).values()) == ["Adam β=0.8/0.99",
                                                           "Adam β=0.9/0.999"]
    twins = race.with_keys((race.Run("momentum"), race.Run("momentum")))
    assert list(race.labels(twins, 0.1, {}).values()) == ["Momentum", "Momentum (2)"]
    alone = race.with_keys((race.Run("nesterov", 0.2),))
    assert race.labels(alone, 0.1, {}) == {"nesterov": METHOD_LABELS["nesterov"]}


def test_colours_first_run_in_the_method_colour_the_others_in_distinct_shades():
    runs = race.parse_runs("gd, gd:lr=0.3, gd:lr=0.5, newton, newton:lr=0.5")
    colours = race.colours(runs)
    assert colours["gd"] == METHOD_COLOURS["gd"]
    assert len({colours["gd"], colours["gd#2"], colours["gd#3"]}) == 3
    assert colours["newton"] == "#000000" and colours["newton#2"] != "#000000"


def test_editing_a_race():
    runs = race.parse_runs("gd:lr=0.1, adam")
    twice = race.duplicate(runs, 0)
    assert [r.key for r in twice] == ["gd", "gd#2", "adam"] and twice[1].lr == 0.1
    assert [r.key for r in race.move(twice, 2, -1)] == ["gd", "adam", "gd#2"]
    assert [r.key for r in race.remove(twice, 0)] == ["gd#2", "adam"]
    assert race.remove(race.remove(runs, 0), 0) == race.remove(runs, 0)   # one stays
    full = runs
    for _ in range(20):
        full = race.duplicate(full, 0)
    assert len(full) == race.MAX_RUNS


def test_json_round_trip_and_ticked_methods_keep_their_runs():
    runs = race.parse_runs("gd:lr=0.1, gd:lr=0.3,start=1/2, adam:betas=0.8/0.99")
    again = race.from_json(race.to_json(runs))
    assert again == runs
    kept = race.runs_for_methods(("gd", "momentum"), runs)
    assert [(r.key, r.lr) for r in kept] == [("gd", 0.1), ("gd#2", 0.3), ("momentum", None)]
    with pytest.raises(ValueError, match="non-empty"):
        race.from_json([])
