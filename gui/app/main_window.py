"""The main window: the Explorer, Neuron and Network tabs, with the menus, tool bar and
keyboard a lecturer drives them with (commands in `window_commands`)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QLineEdit, QMainWindow,
                               QTabWidget, QWidget)

from gui.app.lecture_commands import LectureCommands
from gui.app.screen_fit import clamp_to_screen
from gui.app.session_controller import SessionController
from gui.app.status_toast import StatusToast
from gui.app.window_commands import WindowCommands
from gui.explorer.tab import FOCUS_MODES, ExplorerTab
from gui.network.model import NetworkModel
from gui.neuron.model import NeuronModel
from gui.plots import map_first, theme as _plot_theme  # noqa: F401 - theme: how plots restyle
from gui.widgets.scroll_page import page_overflow, view_short
from gui.widgets.paint_pass import PaintPass, repaint_plots_whole
from gui.widgets.splitter_memory import SplitterMemory
from gui.widgets.tab_chain import ReadingOrderTabs
from gui.widgets.theme import restyle_new
from gui.compute.qt_guard import qt_override, report as report_error

TABS = ("explorer", "neuron", "network")
VIEWS_SHARE = 0.55     # presenting: the share of the height the main view should keep

class MainWindow(ReadingOrderTabs, QMainWindow):
    def __init__(self, model, settings: QSettings | None = None, parent=None,
                 defer_surface: bool = False):
        """`defer_surface`: the explorer's 3-D view is built later (ExplorerTab)."""
        super().__init__(parent)
        self.model = model
        # a new f changes every view: gathered into one paint pass (gui.widgets.paint_pass)
        self.paint_pass = PaintPass(self)
        model.expressionChanged.connect(self.paint_pass.gather_next)
        # and every plot painted whole on a change that is no race frame (paint_pass:
        # a scene's own reports of what changed were lost in long lectures)
        self._last_frame = model.frame
        for changed in (model.expressionChanged, model.pathsChanged, model.startChanged):
            changed.connect(self._repaint_plots_whole)
        model.frameChanged.connect(self._on_frame)
        self.settings = settings if settings is not None else QSettings()
        # a QRect to emulate a smaller screen (tests); None: the screen's own geometry
        self.screen_limit = None

        self.explorer = ExplorerTab(model, defer_surface=defer_surface)
        # the window's handles on the explorer's parts (commands, sessions, exports)
        ex = self.explorer
        self.editor, self.math_view, self.caption = ex.editor, ex.math_view, ex.caption
        self.contour_view = ex.contour_view       # (surface_view: a property, maybe deferred)
        self.descent_panel, self.loss_plot = ex.descent_panel, ex.loss_plot
        self.iterate_table, self.views, self.pair = ex.iterate_table, ex.views, ex.pair
        self.top, self.below = ex.top, ex.below

        # The Neuron and Network tabs are built when first shown (or first asked for):
        # they cost ~1.5 s (typesetting, a second 3-D view) that the start need not
        # wait for. Their models exist from the start, for sessions and the keys.
        self.neuron_model = NeuronModel(self)
        self.network_model = NetworkModel(self)
        self._lazy_tabs: dict[str, QWidget] = {}
        self._panels_before = None     # while presenting: {tab: its panels before}
        self._spared_for_room: dict = {}   # per tab: spare panels folded for room (presenting)
        self.scene_panels: dict = {}   # a lecture scene's panels: presenting keeps them shown
        self.tabs = QTabWidget()
        self.tabs.addTab(self.explorer, "Explorer")
        for name in TABS[1:]:
            self.tabs.addTab(QWidget(), name.capitalize())    # until first shown
        self.tabs.currentChanged.connect(self._on_current_tab)
        self.tabs.setTabToolTip(0, "Derivatives, gradients and descent on f (key 1)")
        self.tabs.setTabToolTip(1, "Forward and backward pass through one neuron (key 2)")
        self.tabs.setTabToolTip(2, "A small network trained live on toy data (key 3)")
        self.setCentralWidget(self.tabs)
        # where the splitters first are on screen, for File ▸ New to put them back
        self.splitter_memory = SplitterMemory(self)
        self.splitter_memory.watch(self.explorer)
        self._status = StatusToast(self)      # (statusBar(): no bar that takes room)

        self.session = SessionController(
            {"explorer": model, "neuron": self.neuron_model, "network": self.network_model,
             "view": _ViewState(self)}, self.settings, self)
        self.session.changed.connect(self._retitle)
        # a bound method, not a lambda: Qt drops the connection when the window goes
        model.notice.connect(self._show_notice)
        for signal in (model.textChanged, model.windowChanged, model.startChanged,
                       model.settingsChanged, self.neuron_model.parametersChanged,
                       self.neuron_model.historyChanged, self.network_model.settingsChanged,
                       self.network_model.architectureChanged,
                       self.network_model.dataChanged, self.network_model.trainingChanged):
            signal.connect(self.session.mark_modified)

        model.expressionChanged.connect(self.fit_to_screen)   # (a 1-D f brings the curve's rows)
        # presenting: a new f's taller formulas (a lecture's next scene, a typed f) arrive
        # after the room was made: the map was cut to a strip; look again when they grow
        self.top.installEventFilter(self)
        # presenting, whatever makes the page scroll (a race's third run and its status
        # line) gives the views their room as entering presentation with it did: the
        # same panels fold whichever came first
        self.explorer.scroll_area.verticalScrollBar().rangeChanged.connect(
            self._on_page_range)
        self.commands = WindowCommands(self)
        # presenting, a refused text brings the editor back (Ctrl+1's check follows)
        ex.refusal_veil.veiled.connect(lambda _on: self.commands._sync_panel_actions())
        self.lecture_commands = LectureCommands(self)   # scenes, clicker, ink, undo
        self._retitle()
        self.commands.restore_settings()

    # --- what the window shows ------------------------------------------------------
    @property
    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def show_tab(self, name: str) -> None:
        """Show the tab; the keyboard stays with the window (1 2 3, Space, →): Qt gives
        a page shown again the focus its field had, and the next "1" was typed into the
        Neuron tab's b box rather than showing the Explorer."""
        self.tabs.setCurrentIndex(TABS.index(name))
        self._keys_to_window()

    def _keys_to_window(self) -> None:
        if isinstance(QApplication.focusWidget(), (QAbstractSpinBox, QLineEdit)):
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def curve_view(self) -> QWidget:
        return self.explorer.curve_view

    @property
    def surface_view(self) -> QWidget:
        return self.explorer.surface_view

    @property
    def focus_mode(self) -> str:
        return self.explorer.focus_mode

    @property
    def neuron(self) -> QWidget:
        """The Neuron tab (a NeuronTab of `neuron_model`), built on first use."""
        return self._lazy_tab("neuron")

    @property
    def network(self) -> QWidget:
        """The Network tab (a NetworkTab of `network_model`), built on first use."""
        return self._lazy_tab("network")

    def _on_current_tab(self, index: int) -> None:
        self._keys_to_window()          # (as show_tab: a tab clicked)
        if 0 < index < len(TABS):
            self._lazy_tab(TABS[index])
        if self._panels_before is not None:
            self.settle_presentation()

    def _lazy_tab(self, name: str) -> QWidget:
        tab = self._lazy_tabs.get(name)
        if tab is None:
            # Imported here, not at the top: ziamath, sympy's typesetting and the
            # landscape's GL view are not needed for the explorer's first paint.
            if name == "neuron":
                from gui.neuron.tab import NeuronTab
                tab = NeuronTab(self.neuron_model)
            else:
                from gui.network.tab import NetworkTab
                tab = NetworkTab(self.network_model)
            self._lazy_tabs[name] = tab
            self._replace_page(TABS.index(name), tab)
            restyle_new(tab)
            self.splitter_memory.watch(tab)
            if self._panels_before is not None:     # built while presenting
                self._fold(name, tab)
        return tab

    def set_focus_mode(self, mode: str) -> None:
        self.explorer.set_focus_mode(mode)

    def cycle_focus_mode(self) -> None:
        self.show_tab("explorer")
        self.explorer.cycle_focus_mode()

    def set_panels_visible(self, top: bool | None = None, side: bool | None = None,
                           below: bool | None = None) -> None:
        """Fold or show the current tab's top, side or lower panel (Ctrl+1/2/3)."""
        self.tabs.currentWidget().set_panels_visible(top, side, below)

    def show_panel(self, **asked: bool) -> None:
        """Ctrl+1/2/3: fold or show one of the current tab's panels. Presenting, a panel
        shown where the page then would scroll makes the others give way (the spare ones
        first, then those presenting folds; the side panel only to the top's formulas):
        at 720p the lower panel pushed the side's Playback below the screen."""
        self.set_panels_visible(**asked)
        page = self.tabs.currentWidget()
        if self._panels_before is None or not any(asked.values()) \
                or not hasattr(page, "main_view"):
            return
        top = asked.get("top")
        for panels in (page.PRESENTATION_SPARE, page.PRESENTATION_FOLDS):
            # a panel shown reaches the page's layout through its parents' layouts, an
            # event each: after one, the Neuron's training (Ctrl+3) read as fitting and
            # the page scrolled its landscape below a 720p screen
            for _ in range(3):
                QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            if page_overflow(page)[1] <= 0:
                break
            page.set_panels_visible(**{panel: False for panel in panels
                                       if panel not in asked and (panel != "side" or top)
                                       and not (panel in ("caption", "formulas") and top)
                                       and not self.scene_panels.get(panel)})
        self.commands._sync_panel_actions()

    def panels_visible(self) -> dict:
        """{"top", "side", "below"}: which of the current tab's panels show."""
        page = self.tabs.currentWidget()
        return page.panels_visible() if hasattr(page, "panels_visible") else {}

    def fold_for_presentation(self, on: bool) -> None:
        """Presenting: every tab folds its secondary panels (its PRESENTATION_FOLDS) so
        the views keep the height; leaving gives each tab back the panels it had."""
        if on and self._panels_before is None:
            self._panels_before = {}
            for name, page in self._built_tabs().items():
                self._fold(name, page)
        elif not on and self._panels_before is not None:
            before, self._panels_before = self._panels_before, None
            self._spared_for_room.clear()      # (leaving gives back the panels as before)
            for name, page in self._built_tabs().items():
                page.set_panels_visible(**before.get(name, {}))
        for page in self._built_tabs().values() if not on else ():   # (on: in _fold)
            getattr(page, "set_presenting", lambda _on: None)(on)

    def make_room_for_views(self, share: float = VIEWS_SHARE, spare: int | None = None,
                            restore: bool = False) -> None:
        """Presenting: if the current tab's main view has less than `share` of the window's
        height, or the page would scroll after its own fit (`fit_page`), fold its spare
        panels too (Ctrl+1/2/3 bring them back). Called after entering presentation, a text
        size change and a tab switch; `spare` folds only that many of the spare panels (the
        page's own growth folds the formulas, never the editor a lecturer may just have
        brought back). `restore` (a new text size): what was folded for room shown first."""
        page = self.tabs.currentWidget()
        if self._panels_before is None or not hasattr(page, "main_view"):
            return
        spared = self._spared_for_room.setdefault(self.current_tab, [])
        while restore and spared:
            page.set_panels_visible(**{spared.pop(): True})
        def cramped() -> bool:
            # measured as laid out: a text size or a fold applies through the parents' layouts
            for _ in range(3):
                QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            getattr(page, "fit_page", lambda: None)()
            return (view_short(page.main_view(), share * self.height())
                    or page_overflow(page)[1] > 0 or getattr(page, "views_cramped", bool)())

        # one spare panel at a time, as long as it takes: the Explorer's formulas first,
        # its editor's line (which names f) only where that is not enough
        for panel in page.PRESENTATION_SPARE[:spare]:
            if not cramped():
                break
            # a scene that keeps the top keeps its formulas too
            if not self.scene_panels.get("top" if panel in ("caption", "formulas") else panel):
                page.set_panels_visible(**{panel: False})
                spared.append(panel)
        self.commands._sync_panel_actions()

    def fold_for_scene(self) -> None:
        """Presenting, a lecture scene entered: the current tab folds as presenting does,
        but for the scene's panels, and its views get their room (a scene after one on
        the same tab kept that one's panels, and its views were never given room)."""
        if self._panels_before is None:
            return
        page = self.tabs.currentWidget()
        page.set_panels_visible(**{panel: False for panel in page.PRESENTATION_FOLDS
                                   if not self.scene_panels.get(panel)})
        self.commands._sync_panel_actions()
        self.settle_presentation()

    def _fold(self, name: str, page: QWidget) -> None:
        self._panels_before[name] = getattr(page, "panels_chosen", page.panels_visible)()
        keep = self.scene_panels if page is self.tabs.currentWidget() else {}
        page.set_panels_visible(**{panel: False for panel in page.PRESENTATION_FOLDS
                                   if not keep.get(panel)})
        getattr(page, "set_presenting", lambda _on: None)(True)    # (built while presenting too)

    def _built_tabs(self) -> dict:
        return {"explorer": self.explorer, **self._lazy_tabs}

    def fit_to_screen(self, *_) -> None:
        """Put the window back inside the screen's available geometry, now and once the
        layouts have settled (they apply a text size or a new page an event later)."""
        clamp_to_screen(self, fill=self._panels_before is not None)
        QTimer.singleShot(0, self, lambda: clamp_to_screen(self, fill=self._panels_before is not None))

    def settle_presentation(self, restore: bool = False) -> None:
        """Once the layouts have applied a change (an event later): on screen, and the
        views given their room (`make_room_for_views`)."""
        self.fit_to_screen()
        QTimer.singleShot(0, self, lambda: self.make_room_for_views(restore=restore))

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
    def apply_session(self, data: dict, path=None, name: str | None = None) -> None:
        """Apply a loaded session (SessionError leaves all as it was), titled `name` if no file."""
        self.session.apply(data)
        self.session._set_clean(path, name)

    def statusBar(self) -> StatusToast:
        """The status line: a floating box, not a bar that takes the views' height."""
        return self._status

    def _show_notice(self, message: str) -> None:
        self.statusBar().showMessage(message, 12000)

    def _retitle(self) -> None:
        self.setWindowTitle(f"{self.session.display_name}[*] — Gradient Lab")
        self.setWindowModified(self.session.modified)   # LectureCommands refines the [*]

    def _on_page_range(self, _low: int, high: int) -> None:
        if high > 0 and self._panels_before is not None:
            QTimer.singleShot(0, self, lambda: self.make_room_for_views(spare=1))

    @qt_override
    def eventFilter(self, obj, event) -> bool:
        if (obj is self.top and event.type() == QEvent.Type.Resize
                and self._panels_before is not None
                and event.size().height() > event.oldSize().height()):
            QTimer.singleShot(0, self, self.make_room_for_views)
        return super().eventFilter(obj, event)

    @qt_override
    def event(self, event) -> bool:
        # a menu entry's or button's status tip while the pointer is on it (QMainWindow
        # shows it only in a QStatusBar of its own, which this window never makes)
        if event.type() == QEvent.Type.StatusTip:
            self._status.showMessage(event.tip())
            return True
        if event.type() == QEvent.Type.UpdateRequest:
            self.paint_pass.before_paint()
        return super().event(event)

    def _repaint_plots_whole(self, _changed=None) -> None:
        self.paint_pass.plots_whole(map_first.map_painted_first(self.model, self.contour_view))

    def _on_frame(self, frame: int) -> None:
        # a step or reset by hand, or a jump: whole; the frames of a race: their own
        # small repaints (race_layer)
        if not (self.model.playing and frame == self._last_frame + 1):
            repaint_plots_whole(self)
        self._last_frame = frame

    @qt_override
    def closeEvent(self, event):
        # Each step on its own: a failure in one (a read-only home, a state that cannot be
        # written) is reported and the others still run, so the helpers always stop.
        # The window goes once its state is saved, before the stops: it stayed on screen
        # through them (and, at a quit, through the process's end: ~3 s on a busy machine).
        for step in (self.commands.save_settings, self.session.save_last,
                     self._vanish, self.model.shutdown, self.neuron_model.shutdown,
                     self.network_model.shutdown):
            try:
                step()
            except Exception as exc:   # noqa: BLE001 - closing must always finish
                report_error(step, exc)
        super().closeEvent(event)

    def _vanish(self) -> None:
        """Hidden now, on the screen too: the window system is told before anything else."""
        self.hide()
        QApplication.sync()


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
