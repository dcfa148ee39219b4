"""What the options alone show to be wrong is refused before any window is built
(gui/app/cli_checks.py): in this process, with the window's build made to fail, the
command line still ends with its one-line message and exit status 2."""
import pytest

from gui.app import application, cli
from gui.app.cli import build_parser
from gui.app.cli_checks import check_before_window
from gui.app.cli_options import join_negative_numbers
from gui.app.lecture_commands import sample_lectures


@pytest.fixture
def no_window(monkeypatch):
    """A build of the application or window fails the test (cli.main imports them when
    it gets that far)."""
    def built(*_a, **_k):
        raise AssertionError("a window was built before the refusal")
    monkeypatch.setattr(application, "build_window", built)
    monkeypatch.setattr(application, "make_application", built)


LECTURE = "LECTURE"       # stands for the first sample lecture (12 scenes)


@pytest.mark.parametrize("argv, message", [
    (["--preset", "Seed 1", "--view", "surface", "--export-png", "x.png"],
     "--view surface needs a function of two variables, and this one has one: nothing to "
     "draw (use --view curve)"),
    (["--expr", "x^2", "--view", "contour", "--export-svg", "x.svg"],
     "--view contour needs a function of two variables"),
    (["--view", "curve", "--export-png", "x.png"],        # the default example: x² + 2y²
     "--view curve needs a function of one variable"),
    (["--session", LECTURE, "--scene", "40", "--export-png", "x.png"],
     "there is no scene 40; the lecture has 12"),
    (["--session", LECTURE, "--scene", "40"], "there is no scene 40; the lecture has 12"),
    (["--scene", "2"], "--scene needs --session (a lecture file)"),
    (["--session", "/no/such.gradlab.json"], "Cannot read such.gradlab.json"),
    (["--expr", "x^", "--export-png", "x.png"], "'^' needs an exponent after it"),
    (["--expr", "x^"], "'^' needs an exponent after it"),
    (["--preset", "No such example"], "no examples match 'No such example'"),
    (["--methods", "gd,foo"], "The methods must be some of gd, momentum"),
    (["--runs", "gd:lr=abc"], "lr='abc': expected a number"),
    (["--expr", "x^2+y^2", "--start", "1,2,3"], "The start point must have 2 numbers, not 3."),
    (["--expr", "x^2+y^2", "--window", "-1,1"],
     "The window must have one range per variable of “x^2+y^2”."),
])
def test_refused_before_any_window(no_window, capsys, tmp_path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    argv = [str(sample_lectures()[0]) if a == LECTURE else a for a in argv]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gradient-lab: " + message), err
    assert list(tmp_path.iterdir()) == []                  # nothing written


def _checked(*argv, exporting=True):
    return check_before_window(build_parser().parse_args(join_negative_numbers(list(argv))),
                               exporting)


def test_what_passes_is_handed_on_read_once():
    lecture = sample_lectures()[1]
    checked = _checked("--session", str(lecture), "--scene", "4", "--view", "contour")
    assert checked.session["app"] == "Gradient Lab" and len(checked.session["scenes"]) >= 4
    assert checked.dimension is None                # no --expr: the window's session tells
    assert _checked("--expr", "(w_1-1)^2 + b^2 + w_2", "--start", "1,2,3").dimension == 3
    assert _checked("--preset", "Seed 1", "--view", "curve").dimension == 1
    # not exporting: a --view of the wrong kind draws nothing, so it is not refused
    assert _checked("--expr", "x^2", "--view", "surface", exporting=False).dimension == 1
