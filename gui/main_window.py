"""The main window: the Explorer, Neuron and Network tabs, with the menus, tool bar and
keyboard a lecturer drives them with (commands in `window_commands`).

Explorer layout: editor and formulas on top, the views in the middle, descent
controls at the side, loss curve and iterates below.
"""
from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (QApplication, QLabel, QMainWindow, QSplitter, QStackedWidget,
                               QTabWidget, QVBoxLayout, QWidget)

from .contour_view import ContourView
from .descent_panel import DescentPanel
from .expression_editor import ExpressionEditor
from .iterate_table import IterateTable
from .loss_plot import LossPlot
from .math_view import MathView
from .network_model import NetworkModel
from .neuron_model import NeuronModel
from .session_controller import SessionController
from .surface_view import SurfaceView
from .window_commands import WindowCommands

TABS = ("explorer", "neuron", "network")
# Key 4 cycles what the explorer's middle shows for two variables.
FOCUS_MODES = ("both", "contour", "surface")


class MainWindow(QMainWindow):
    def __init__(self, model, settings: QSettings | None = None, parent=None):
        super().__init__(parent)
        self.model = model
        self.settings = settings if settings is not None else QSettings()

        self.editor = ExpressionEditor(model)
        self.math_view = MathView(model)
        self._curve_view = None     # built for the first function of one variable
        self.contour_view = ContourView(model)
        self.surface_view = SurfaceView(model)
        self.descent_panel = DescentPanel(model)
        self.loss_plot = LossPlot(model)
        self.iterate_table = IterateTable(model)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setObjectName("caption")

        # 1-D: the curve; 2-D: contour map and surface side by side, equal widths.
        self.pair = QSplitter(Qt.Orientation.Horizontal)
        self.pair.addWidget(self.contour_view)
        self.pair.addWidget(self.surface_view)
        self.pair.setSizes([10000, 10000])
        self.views = QStackedWidget()
        self.views.addWidget(QWidget())         # the curve view's place (see curve_view)
        self.views.addWidget(self.pair)
        self.focus_mode = "both"

        self.below = QSplitter(Qt.Orientation.Horizontal)
        self.below.addWidget(self.loss_plot)
        self.below.addWidget(self.iterate_table)
        self.middle = QSplitter(Qt.Orientation.Vertical)
        self.middle.addWidget(self.views)
        self.middle.addWidget(self.below)
        # Large numbers: setSizes keeps the ratio (3 : 2) whatever the first size is.
        self.middle.setSizes([6000, 4000])
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.addWidget(self.middle)
        self.body.addWidget(self.descent_panel)
        self.body.setStretchFactor(0, 4)
        self.body.setStretchFactor(1, 1)

        self.top = QWidget()
        column = QVBoxLayout(self.top)
        column.setContentsMargins(6, 6, 6, 0)
        column.addWidget(self.editor)
        column.addWidget(self.math_view)
        column.addWidget(self.caption)
        self.explorer = QWidget()
        layout = QVBoxLayout(self.explorer)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.top)
        layout.addWidget(self.body, 1)

        # The Neuron and Network tabs are built when first shown (or first asked for):
        # they cost ~1.5 s (typesetting, a second 3-D view) that the start need not
        # wait for. Their models exist from the start, for sessions and the keys.
        self.neuron_model = NeuronModel(self)
        self.network_model = NetworkModel(self)
        self._lazy_tabs: dict[str, QWidget] = {}
        self.tabs = QTabWidget()
        self.tabs.addTab(self.explorer, "Explorer")
        for name in TABS[1:]:
            self.tabs.addTab(QWidget(), name.capitalize())    # until first shown
        self.tabs.currentChanged.connect(self._on_current_tab)
        self.tabs.setTabToolTip(0, "Derivatives, gradients and descent on f (key 1)")
        self.tabs.setTabToolTip(1, "Forward and backward pass through one neuron (key 2)")
        self.tabs.setTabToolTip(2, "A small network trained live on toy data (key 3)")
        self.setCentralWidget(self.tabs)

        self.session = SessionController(
            {"explorer": model, "neuron": self.neuron_model, "network": self.network_model,
             "view": _ViewState(self)}, self.settings, self)
        self.session.changed.connect(self._retitle)
        for signal in (model.textChanged, model.windowChanged, model.startChanged,
                       model.settingsChanged, self.neuron_model.parametersChanged,
                       self.neuron_model.historyChanged, self.network_model.settingsChanged,
                       self.network_model.architectureChanged,
                       self.network_model.dataChanged, self.network_model.trainingChanged):
            signal.connect(self.session.mark_modified)

        self.commands = WindowCommands(self)
        model.expressionChanged.connect(self._on_expression)
        # The first window is known before the first analysis: the right views show from
        # the start (after it, the expression switches them, once its views are ready).
        model.windowChanged.connect(self._on_window)
        self._on_window(model.window)
        model.presetChanged.connect(self._on_preset)
        model.textChanged.connect(self._on_text)
        self._retitle()
        self.commands.restore_settings()

    # --- what the window shows ------------------------------------------------------
    @property
    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(name))

    @property
    def curve_view(self) -> QWidget:
        """The 1-D view (a CurveView), built for the first function of one variable or
        on first use: ~80 ms of plots the usual 2-D start does not show."""
        if self._curve_view is None:
            from .curve_view import CurveView
            self._curve_view = CurveView(self.model)
            placeholder = self.views.widget(0)
            self.views.insertWidget(0, self._curve_view)
            self.views.removeWidget(placeholder)
            placeholder.deleteLater()
            self._restyle_new(self._curve_view)
        return self._curve_view

    @property
    def neuron(self) -> QWidget:
        """The Neuron tab (a NeuronTab of `neuron_model`), built on first use."""
        return self._lazy_tab("neuron")

    @property
    def network(self) -> QWidget:
        """The Network tab (a NetworkTab of `network_model`), built on first use."""
        return self._lazy_tab("network")

    def _on_current_tab(self, index: int) -> None:
        if 0 < index < len(TABS):
            self._lazy_tab(TABS[index])

    def _lazy_tab(self, name: str) -> QWidget:
        tab = self._lazy_tabs.get(name)
        if tab is None:
            # Imported here, not at the top: ziamath, sympy's typesetting and the
            # landscape's GL view are not needed for the explorer's first paint.
            if name == "neuron":
                from .neuron_tab import NeuronTab
                tab = NeuronTab(self.neuron_model)
            else:
                from .network_tab import NetworkTab
                tab = NetworkTab(self.network_model)
            self._lazy_tabs[name] = tab
            self._replace_page(TABS.index(name), tab)
            self._restyle_new(tab)
        return tab

    @staticmethod
    def _restyle_new(widget: QWidget) -> None:
        """A view built after the start takes the theme and text size now in use."""
        from . import theme
        if theme.current() != theme.LIGHT:   # light@1 is how every view is built
            theme.restyle(widget)

    def set_focus_mode(self, mode: str) -> None:
        """Explorer with two variables: both views, or one of them across the width."""
        self.focus_mode = mode
        self.contour_view.setVisible(mode in ("both", "contour"))
        self.surface_view.setVisible(mode in ("both", "surface"))
        if mode == "both":
            self.pair.setSizes([10000, 10000])

    def cycle_focus_mode(self) -> None:
        self.show_tab("explorer")
        self.set_focus_mode(FOCUS_MODES[(FOCUS_MODES.index(self.focus_mode) + 1)
                                        % len(FOCUS_MODES)])

    def set_panels_visible(self, top: bool | None = None, side: bool | None = None,
                           below: bool | None = None) -> None:
        """Fold away the editor + formulas on top, the descent panel at the side or the
        loss curve + iterates below, to give the views the room (projector, slides)."""
        for panel, shown in ((self.top, top), (self.descent_panel, side), (self.below, below)):
            if shown is not None:
                panel.setVisible(shown)

    def view_widget(self, name: str) -> QWidget:
        """A widget to export by name: contour, surface, curve, loss, views, tab, window."""
        if name == "views":       # the explorer's middle: curve, or contour + surface
            return self.views.currentWidget()
        if name == "tab":
            return self.tabs.currentWidget()
        if name == "window":
            return self
        # attribute names, not widgets: the curve and the tabs are built on first use
        widgets = {"contour": "contour_view", "surface": "surface_view", "curve": "curve_view",
                   "loss": "loss_plot", "table": "iterate_table", "neuron": "neuron",
                   "network": "network"}
        if name not in widgets:
            names = ", ".join(["views", *widgets, "tab", "window"])
            raise ValueError(f"unknown view {name!r}; one of {names}")
        return getattr(self, widgets[name])

    def show_for_export(self) -> None:
        """Lay out and 'show' the window without putting it on the screen, so that its
        widgets (OpenGL included, on a display) can be drawn for the command line."""
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.show()
        for _ in range(3):
            QApplication.processEvents()

    def _replace_page(self, index: int, page: QWidget) -> None:
        """Put `page` in place of the placeholder at `index`; the current tab stays."""
        placeholder, current = self.tabs.widget(index), self.tabs.currentIndex()
        title, tip = self.tabs.tabText(index), self.tabs.tabToolTip(index)
        self.tabs.blockSignals(True)      # the same tab stays current: nothing to report
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, page, title)
            self.tabs.setTabToolTip(index, tip)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        placeholder.deleteLater()

    # --- sessions -------------------------------------------------------------------
    def apply_session(self, data: dict, path=None) -> None:
        """Apply a loaded session (SessionError leaves the window as it was)."""
        self.session.apply(data)
        self.session._set_clean(path)

    def _retitle(self) -> None:
        self.setWindowTitle(f"{self.session.display_name}[*] — Gradient Lab")
        self.setWindowModified(self.session.modified)

    # --- model → view ---------------------------------------------------------------
    def _on_expression(self, expr):
        self._show_views(expr.dimension)

    def _on_window(self, window):
        if self.model.expression is None:
            self._show_views(len(window))

    def _show_views(self, dimension: int) -> None:
        if dimension == 1:
            self.views.setCurrentWidget(self.curve_view)
        else:
            self.views.setCurrentWidget(self.pair)

    def _on_preset(self, preset):
        self.caption.setText(preset["caption"] if preset else "")

    def _on_text(self, text):
        # A preset's caption describes its own function only.
        preset = self.model.preset
        if preset is None or text.replace(" ", "") != preset["expr"].replace(" ", ""):
            self.caption.clear()

    def closeEvent(self, event):
        self.commands.save_settings()
        try:
            self.session.save_last()
        except OSError:
            pass                      # a read-only home must not stop the window closing
        self.model.shutdown()
        super().closeEvent(event)


class _ViewState:
    """The window's own part of a session: which tab and which explorer views."""

    def __init__(self, window: MainWindow):
        self.window = window

    def get_state(self) -> dict:
        return {"tab": self.window.current_tab, "focus": self.window.focus_mode}

    def set_state(self, state: dict) -> None:
        tab, focus = state.get("tab", "explorer"), state.get("focus", "both")
        if tab not in TABS or focus not in FOCUS_MODES:
            raise ValueError(f"unknown view {tab!r} / {focus!r}")
        self.window.show_tab(tab)
        self.window.set_focus_mode(focus)
