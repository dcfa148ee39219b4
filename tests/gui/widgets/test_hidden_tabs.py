"""gui.widgets.hidden_tabs on the real window: a change of look leaves a tab not shown as
it is, and that tab, shown, is restyled to exactly the picture it has when restyled at
once (the Network tab after Ctrl+D and Ctrl++ on the Explorer, and the Explorer after
them on the Network tab)."""
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor

from tests.gui.app.test_look_round_trip import differing_places, pixels, settle

pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("theme_shared")]


@pytest.fixture
def looks(window):
    yield window.commands
    window.commands.set_theme("light")         # the module's look: leave it as found
    window.commands.set_scale(1.0)
    window.show_tab("explorer")


@pytest.mark.parametrize("hidden, shown", [("network", "explorer"), ("explorer", "network")])
def test_a_hidden_tab_is_restyled_when_shown_as_if_restyled_at_once(window, qtbot, looks,
                                                                    hidden, shown):
    window.show_tab(hidden)
    settle(qtbot, window)
    window.show_tab(shown)
    settle(qtbot, window)
    views = getattr(window, hidden).findChildren(pg.GraphicsView)
    assert views
    looks.set_theme("dark")
    looks.set_scale(1.3)
    settle(qtbot, window)
    # not shown: its plots keep the light look (restyled at once, they were dark)
    assert {v.backgroundBrush().color().name() for v in views} == {QColor("#ffffff").name()}
    window.show_tab(hidden)
    shown_later = pixels(settle(qtbot, window))
    looks.set_scale(1.0)
    looks.set_theme("light")
    settle(qtbot, window)
    looks.set_theme("dark")
    looks.set_scale(1.3)
    restyled_at_once = pixels(settle(qtbot, window))
    assert shown_later.mean() < 128                   # (the dark theme, shown)
    differ = (shown_later != restyled_at_once).any(axis=-1)
    assert differ.sum() == 0, differing_places(shown_later, restyled_at_once)
