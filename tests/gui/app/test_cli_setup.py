"""The command line's set-up applied to a window as `gradient-lab --expr …` does."""
import pytest

from gui.app.cli import _set_up, build_parser
from gui.app.cli_options import join_negative_numbers
from tests.gui.app.lecture_helpers import SLOW_MS

# One window for the module, put back by File ▸ New before each test and checked to be a
# fresh start (fixture `window`): what the set-up changes (formula, window, start,
# preset, descent settings) is session state. A window each cost ~1 s of CPU (issue 15).
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("cli_setup_shared")]

SEED_1D = "x^4 - 4x^3 + 4x^2"         # critical points 0, 1, 2


def _open(window, qtbot, *argv):
    m = window.model
    _set_up(m, build_parser().parse_args(join_negative_numbers(list(argv))))
    assert m.wait_for_analysis(SLOW_MS)
    return m


def test_a_one_variable_expr_opens_framed_around_its_critical_points(window, qtbot):
    # it opened on (-4, 4) with the start at 2, a minimum: "converged at step 0"
    m = _open(window, qtbot, "--expr", SEED_1D)
    qtbot.waitUntil(lambda: m.window != ((-4.0, 4.0),) and bool(m.critical_points),
                    timeout=SLOW_MS)
    assert m.wait_for_analysis(SLOW_MS)
    (lo, hi), = m.window
    assert lo < 0 and hi > 2 and hi - lo < 8
    (x0,) = m.start
    assert lo < x0 < hi and min(abs(x0 - c) for c in (0.0, 1.0, 2.0)) > 0.1
    assert all(len(p.points) > 2 for p in m.paths.values())     # it descends


def test_a_given_window_and_start_are_kept(window, qtbot):
    m = _open(window, qtbot, "--expr", SEED_1D, "--window", "-1,3", "--start", "2.5")
    assert m.window == ((-1.0, 3.0),) and m.start == (2.5,)


def test_a_preset_opens_with_its_caption_as_from_the_gallery(window, qtbot):
    from gui.app.presets import find_preset
    caption = window.explorer.caption
    m = _open(window, qtbot, "--preset", "himmelblau")
    himmelblau = find_preset("himmelblau")
    assert m.text == himmelblau["expr"] and caption.applies
    assert caption.text() == himmelblau["caption"] and caption.isVisible()
    m = _open(window, qtbot, "--preset", "himmelblau", "--lr", "0.005")
    assert not caption.applies and himmelblau["caption"].split(".")[0] in caption.text()
    assert "descent settings" in caption.text()                 # said to be changed
    m = _open(window, qtbot, "--preset", "himmelblau", "--expr", "x^2 + y^2")
    assert caption.text() == ""                     # another function: not its caption


def test_an_expr_of_its_own_shows_no_examples_caption(window, qtbot):
    """`--expr "x^2 + 2y^2" --start -2.8,-2.1 --lr 0.6` (the seed's Example 2 by hand)
    showed the default example's caption as "No longer applies — you changed the start
    point and the descent settings: Example 2 …", an example nobody chose."""
    caption = window.explorer.caption
    m = _open(window, qtbot, "--expr", "x^2 + 2y^2", "--start", "-2.8,-2.1", "--lr", "0.6")
    assert m.start == (-2.8, -2.1) and m.preset is None
    assert caption.text() == "" and "No longer" not in caption.text()
