"""The Neuron tab looks the same whenever the theme changed: changed while the tab was
hidden (built and shown in dark, then the lecturer on the Explorer switching to light) or
before it was first built (switched to dark, then opened), it gives the picture of a
fresh start in that theme.

A theme applied while the tab was hidden left its loss map's axes without room for their
tick labels (the map's fit gave them 0 px, to be measured at the next paint, which a
hidden view does not have): when shown, the map was first laid out 12 px taller, sampled
for that range, and its colour bar labelled for it ("0.0055", wider than a fresh start's
"0.006"); the wider bar held the narrower map, another picture than a fresh start's
(1.1 % of the window: the map's range b −0.734…0.934 against −0.761…0.961).

Three windows at 1280×720, text size 1: a fresh start in light; one started in dark (a
fresh dark picture), the tab then hidden, the theme switched to light and the tab shown
again; one started in light, switched to dark before the tab was built, then the tab
opened. The pictures and their differences are saved in tests/screenshots/neuron_look/.
(The theme matrix, tests/gui/widgets/test_theme_matrix.py, covers text size 1.5.)"""
import gc

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from tests.gui.app.test_look_round_trip import settle
from tests.gui.conftest import SCREENSHOTS
from tests.gui.png_file import save_png
from tests.gui.widgets.screen_contrast import pixels

SCREEN = (1280, 720)
FOLDER = SCREENSHOTS / "neuron_look"
# Both cases read the module's three windows (`neuron_tabs`, ~6 s of CPU): without a group
# xdist sent each case to another worker, and each worker built all three.
pytestmark = pytest.mark.xdist_group("neuron_look_while_hidden")


def _window(folder, name, theme):
    """(model, window) of a fresh start whose saved theme is `theme` ("light", "dark"),
    shown at SCREEN and analysed, as the app starts with that setting."""
    from gui.app.application import build_window
    settings = QSettings(str(folder / f"{name}.ini"), QSettings.Format.IniFormat)
    settings.setValue("look/theme", theme)
    model, window = build_window(settings=settings)
    window.resize(*SCREEN)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    assert model.wait_for_analysis(60000)      # 2 shared cores: allow for load
    return model, window


def _close(model, window):
    model.shutdown()
    window.close()
    window.deleteLater()
    gc.collect()


def _neuron(qtbot, window) -> dict:
    """The Neuron tab shown and settled: its picture, its map's range and colour bar labels."""
    window.show_tab("neuron")
    settle(qtbot, window)
    scape = window.neuron.training.contour_view
    return {"picture": window.grab().toImage(),
            "range": [tuple(r) for r in scape.plot.vb.viewRange()],
            "bar": [text for _, text in scape.bar_ticks.shown]}


@pytest.fixture(scope="module")
def neuron_tabs(qapp, request, tmp_path_factory):
    """{name: _neuron(...)} of the fresh starts and the changed looks described above."""
    from pytestqt.qtbot import QtBot
    from gui.widgets import theme
    qtbot = QtBot(request)
    folder = tmp_path_factory.mktemp("neuron_look")
    FOLDER.mkdir(parents=True, exist_ok=True)
    tabs = {}
    try:
        model, window = _window(folder, "fresh-light", "light")
        tabs["fresh light"] = _neuron(qtbot, window)
        _close(model, window)

        model, window = _window(folder, "dark", "dark")
        tabs["fresh dark"] = _neuron(qtbot, window)
        window.show_tab("explorer")
        settle(qtbot, window)
        window.commands.set_theme("light")      # the Neuron tab hidden meanwhile
        settle(qtbot, window)
        tabs["light while hidden"] = _neuron(qtbot, window)
        _close(model, window)

        model, window = _window(folder, "light", "light")
        window.commands.set_theme("dark")       # the Neuron tab not built yet
        settle(qtbot, window)
        tabs["dark before built"] = _neuron(qtbot, window)
        _close(model, window)
    finally:
        theme.apply_theme(qapp, QWidget(), "light", 1.0)    # module state: leave it as found
    for name, tab in tabs.items():
        assert save_png(tab["picture"], FOLDER / f"{name.replace(' ', '_')}.png")
    return tabs


def _save_difference(a: np.ndarray, b: np.ndarray, name: str) -> np.ndarray:
    """Where `a` and `b` differ by more than an antialiased edge (white on black), saved."""
    differs = np.abs(a.astype(int) - b.astype(int)).max(axis=2) > 40
    picture = np.ascontiguousarray(np.repeat(differs[:, :, None], 3, axis=2) * 255,
                                   dtype=np.uint8)
    h, w = differs.shape
    save_png(QImage(picture.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy(),
             FOLDER / f"{name}.png")
    return differs


@pytest.mark.parametrize("changed, fresh", [("light while hidden", "fresh light"),
                                            ("dark before built", "fresh dark")])
def test_a_changed_look_gives_the_neuron_tab_of_a_fresh_start(neuron_tabs, changed, fresh):
    now, start = neuron_tabs[changed], neuron_tabs[fresh]
    differs = _save_difference(pixels(now["picture"]), pixels(start["picture"]),
                               f"difference_{changed.replace(' ', '_')}")
    assert start["bar"], "the fresh start's colour bar has labels"
    assert now["bar"] == start["bar"]
    np.testing.assert_allclose(now["range"], start["range"], rtol=0, atol=1e-9)
    assert differs.mean() < 0.002, f"{differs.mean():.4f} of the pixels differ"
