"""An example sets every setting it depends on, and its caption says when it no longer
applies (issue 11, item 3)."""
import pytest

from gui.app.presets import find_preset
from gui.plots.landscape_model import DescentSettings

SEED2 = "Seed 2"


# One window for the module, put back by File ▸ New before each test (fixture `window`):
# preset, settings, start and text are a fresh start's again.
pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("example_caption_shared")]


def test_an_example_resets_the_settings_it_depends_on(window, qtbot):
    m = window.model
    m.set_settings(noise=1.0, seed=3, clip=2.0, methods=("gd", "adam"))
    m.set_hyper("adam", "betas", (0.5, 0.9))
    m.load_preset(find_preset(SEED2))
    assert m.wait_for_analysis(30000)
    assert m.settings == DescentSettings(methods=("gd",), lr=0.1, max_steps=100)
    # the caption's promise holds on screen: (3, 2) → (2.4, 1.2) → (1.92, 0.72)
    table = window.iterate_table.table_model
    assert [table.texts()[c][1] for c in (1, 2)] == ["2.4", "1.2"]
    assert [table.texts()[c][2] for c in (1, 2)] == ["1.92", "0.72"]
    assert window.caption.text() == find_preset(SEED2)["caption"] and window.caption.applies


def test_the_caption_says_when_it_no_longer_applies(window, qtbot):
    m = window.model
    m.load_preset(find_preset(SEED2))
    assert m.wait_for_analysis(30000)
    caption = find_preset(SEED2)["caption"]
    m.set_settings(noise=1.0)
    assert not window.caption.applies
    assert "No longer applies — you changed the descent settings:" in window.caption.text()
    assert "(2.4, 1.2)" in window.caption.text()         # still there, marked
    m.set_settings(noise=0.0)                             # back as the example had it
    assert window.caption.applies and window.caption.text() == caption
    m.set_start((1.0, 1.0))
    assert "you changed the start point:" in window.caption.text()
    m.set_text("x^2 + 3y^2")                              # another function: no caption
    assert window.caption.text() == ""
