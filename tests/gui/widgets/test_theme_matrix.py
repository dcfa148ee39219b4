"""The theme matrix: tab (explorer 2-D, explorer 1-D, neuron, network) × theme path (light,
dark, light→dark→light, dark→light) × text scale (1.0, presentation's 1.5).

In every cell: no visible axis rescales its numbers by an SI prefix, every visible
text meets 4.5:1 against what the screen shows behind it (labels, check boxes and their
frames at 3:1, table cells, plot texts), the network's a = 0.5 line shows on its map,
the neuron diagram is on the theme's background, and a toggled theme's picture equals a fresh
start's. One window per theme path (not per cell) keeps the run short, and the paths are
split over two xdist groups (two workers): the dark path alone, and the three paths that
end in light (the toggled ones are compared with the fresh light start, so they share
its worker). Every picture is
saved as tests/screenshots/matrix/<tab>-<path>-<scale>.png to page through.
"""
import gc

import numpy as np
import pytest
from PySide6.QtCore import QEventLoop, QPoint, QRect, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from gui.widgets import theme
from tests.gui.conftest import SCREENSHOTS
from tests.gui.png_file import save_png
from tests.gui.widgets.screen_contrast import findings, line_seen, mode_colour, pixels


PATHS = {"light": ("light",), "dark": ("dark",), "light-dark-light": ("light", "dark", "light"),
         "dark-light": ("dark", "light")}
FRESH = {"light-dark-light": "light", "dark-light": "light"}
SCALES = (1.0, 1.5)
TABS = ("explorer-2d", "explorer-1d", "neuron", "network")
SIZE = (1280, 720)
MATRIX = SCREENSHOTS / "matrix"


def _wait(ms):
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _pending(window):
    """The window's one-shot timers still to fire: the views' settle timers (a range
    that moved is resampled 120–200 ms later), the tabs' deferred restyles."""
    return [t for t in window.findChildren(QTimer) if t.isActive() and t.isSingleShot()]


def _until_no_timer_pending(window):
    """Process events until what a tab switch or theme change deferred has run: no
    one-shot timer of the window pending (at most ~2 s)."""
    for _ in range(200):
        QApplication.processEvents()
        if not _pending(window):
            return
        _wait(10)


def _settled_grab(window, tries=12):
    """The window's picture once two grabs 200 ms apart agree (layouts and deferred
    repaints settle later on a loaded machine). Waiting on these conditions, not a fixed
    time: first until nothing deferred is pending, so that the first grab is usually the
    settled picture."""
    _until_no_timer_pending(window)
    image = window.grab().toImage()
    for _ in range(tries):
        _wait(200)
        again = window.grab().toImage()
        if again == image:
            break
        image = again
    return image


def _shoot(window, tab, path, scale, out):
    window.show_tab("explorer" if tab.startswith("explorer") else tab)
    image = _settled_grab(window)       # at least 200 ms after the switch, unchanged since
    assert save_png(image, MATRIX / f"{tab}-{path}-{scale:g}.png")
    problems = findings(window, image)
    rgb = pixels(image)
    if tab == "network":       # the a = 0.5 line on the map's white, in both themes
        problems += line_seen(window, window.network.boundary.level_line, rgb)
    if tab == "neuron":        # the diagram's background is the theme's
        graph = window.neuron.graph
        shown = mode_colour(rgb, QRect(graph.mapTo(window, QPoint(0, 0)), graph.size()))
        if shown.name() != theme.current().background:
            problems.append(f"neuron diagram on {shown.name()}, not {theme.current().background}")
    out[(tab, path, scale)] = (image, problems)


def _look(app, window, name, scale):
    """`name` at `scale`, restyling the window only if that is not the look already: a
    restyle to the same look changes nothing a lecturer sees, and would redo for the views
    built since the last one what they did themselves (`theme.restyle_new`), which the
    pictures are to check."""
    if theme.current() != theme.theme(name, scale):
        theme.apply_theme(app, window, name, scale)


def _run_path(path, names, tmp, out):
    """A window started in names[0] (its tabs built in it), then switched through the
    rest; pictures of every tab at every scale."""
    from gui.app.application import build_window
    from gui.app.presets import find_preset
    app = QApplication.instance()
    settings = QSettings(str(tmp / f"{path}.ini"), QSettings.Format.IniFormat)
    model, window = build_window(settings=settings)
    window.resize(*SIZE)
    window.show()
    try:
        assert model.wait_for_analysis(60000)    # 2 shared cores: allow for load
        theme.apply_theme(app, window, names[0], 1.0)    # as restore_settings does at start
        for tab in ("neuron", "network", "explorer"):    # each built and shown in names[0]
            window.show_tab(tab)
            _until_no_timer_pending(window)
        for name in names[1:]:
            theme.apply_theme(app, window, name, 1.0)
            _until_no_timer_pending(window)
        for scale in SCALES:
            _look(app, window, names[-1], scale)
            for tab in ("explorer-2d", "neuron", "network"):
                _shoot(window, tab, path, scale, out)
        model.load_preset(find_preset("Seed 1: x⁴ − 4x³ + 4x²"))
        assert model.wait_for_analysis(60000)    # 2 shared cores: allow for load
        for scale in reversed(SCALES):     # the size the 2-D cells left first: one restyle
            _look(app, window, names[-1], scale)
            _shoot(window, "explorer-1d", path, scale, out)
    finally:
        theme.apply_theme(app, window, "light", 1.0)       # module state: leave it as found
        model.shutdown()
        window.close()
        window.deleteLater()
        _wait(50)
        gc.collect()


class _Pictures(dict):
    """(tab, path, scale) → (image, problems); a path's window is run the first time one
    of its cells is asked for, so a worker runs only the paths of the cells it was given."""

    def __init__(self, tmp):
        super().__init__()
        self.tmp, self.done = tmp, set()

    def __missing__(self, cell):
        path = cell[1]
        if path in self.done:
            raise KeyError(cell)
        self.done.add(path)
        _run_path(path, PATHS[path], self.tmp, self)
        return self[cell]


@pytest.fixture(scope="module")
def matrix(qapp, tmp_path_factory):
    MATRIX.mkdir(parents=True, exist_ok=True)
    return _Pictures(tmp_path_factory.mktemp("matrix"))


CELLS = [(tab, path, scale) for tab in TABS for path in PATHS for scale in SCALES]


def _id(cell):
    return f"{cell[0]}-{cell[1]}-{cell[2]:g}"


def _group(path):
    """xdist group of a path's cells: each group's windows are built on one worker only."""
    return pytest.mark.xdist_group("theme_matrix_dark" if path == "dark" else
                                   "theme_matrix_light")


@pytest.mark.parametrize("cell", [pytest.param(c, marks=_group(c[1])) for c in CELLS], ids=_id)
def test_every_text_readable_and_no_axis_rescaled(matrix, cell):
    image, problems = matrix[cell]
    assert not image.isNull()       # (its width is the layout's business, not the theme's)
    assert problems == []


@pytest.mark.parametrize("cell", [pytest.param(c, marks=_group(c[1])) for c in CELLS
                                  if c[1] in FRESH], ids=_id)
def test_toggled_theme_looks_like_a_fresh_start(matrix, cell):
    tab, path, scale = cell
    toggled = pixels(matrix[cell][0]).astype(int)
    fresh = pixels(matrix[(tab, FRESH[path], scale)][0]).astype(int)
    differs = np.abs(toggled - fresh).max(axis=2) > 40
    # a caret blink or an antialiased edge may differ; a white-on-white label does not
    assert differs.mean() < 0.002, f"{differs.mean():.4f} of the pixels differ"


@pytest.mark.parametrize("path", [pytest.param(p, marks=_group(p)) for p in PATHS])
def test_dark_is_dark_and_light_is_light(matrix, path):
    """The matrix compares real pictures: a path ending in dark gives a mostly dark window,
    one ending in light a mostly light one (per path, so that each runs on its group's
    worker; the fresh light and dark starts are checked as before, the toggled ones too)."""
    for tab in TABS:
        brightness = pixels(matrix[(tab, path, 1.0)][0]).mean()
        if PATHS[path][-1] == "dark":
            assert brightness < 110, (tab, path, brightness)
        else:
            assert brightness > 150, (tab, path, brightness)
