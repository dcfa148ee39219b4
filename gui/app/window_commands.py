"""Everything the main window can be told to do: the menus, the tool bar and the
keyboard (one QAction each, so menu, button and key always agree), presentation
mode, themes and text size, exports, and the session files.

Keys act on the current tab: Space plays the explorer's descent there, the neuron's
stages in the Neuron tab, the training in the Network tab.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication

from gui.app.export_commands import ExportCommands
from gui.app.paint_hold import PaintHold
from gui.app.session_commands import SessionCommands
from gui.app.tab_commands import TabCommands
from gui.app.presets import presets
from gui.app.screen_fit import restore_rect, saved_rect
from gui.app.toolbar_texts import SHORT_TEXTS, ToolbarTexts

SCALES = (0.75, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5, 3.0)
PRESENTATION_SCALE = 1.5
PICTURE_SCALES = (1, 2, 3)
ZOOM = 1.25


class WindowCommands(SessionCommands, TabCommands, QObject):
    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.theme = "light"
        self.scale = 1.0
        self.picture_scale = 2
        self.exports = ExportCommands(self)
        # while presenting: (the text size before, the size presentation set or None,
        # maximised); leaving gives back only what presentation itself changed
        self._before_presentation = None
        self.paint_hold = PaintHold(window)      # while a look's layouts apply
        self.last_message = ""
        self.discard_question = None       # "Save / Discard / Cancel" while it shows
        self.actions: dict[str, QAction] = {}
        # What "New" goes back to: the tabs as they were built.
        self._initial = {"neuron": window.neuron_model.get_state(),
                         "network": window.network_model.get_state()}
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        window.session.recentChanged.connect(self._fill_recent)
        window.tabs.currentChanged.connect(self._on_tab)
        self._on_tab()

    # --- actions --------------------------------------------------------------------
    def _action(self, key, text, slot, shortcut=None, tip="", checkable=False):
        a = QAction(text, self.w)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            a.setShortcuts([QKeySequence(s) for s in shortcuts])
        keys = " or ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                           for s in a.shortcuts())
        a.setToolTip(f"{tip or text.replace('&', '').rstrip('…')}" + (f" ({keys})" if keys else ""))
        a.setStatusTip(a.toolTip())
        a.setCheckable(checkable)
        (a.toggled if checkable else a.triggered).connect(slot)
        self.w.addAction(a)          # keys work with the menu bar hidden (full screen)
        self.actions[key] = a
        return a

    def _build_actions(self):
        A, S = self._action, QKeySequence.StandardKey
        A("new", "&New", self.ask_new, S.New, "Back to the default example")
        A("open", "&Open session…", self.ask_open, S.Open, "Open a saved session")
        A("save", "&Save session", self.save, S.Save, "Save everything you set up")
        A("save_as", "Save session &as…", self.ask_save_as, S.SaveAs)
        A("restore", "Reopen the last session at start", self.w.session.set_restore_enabled,
          tip="Start where you left off", checkable=True)
        A("quit", "&Quit", self.quit, S.Quit)
        A("export_view", "Picture of the &views…", lambda: self.exports.ask_export_picture("views"),
          "Ctrl+E", "The current tab's plots as PNG, at the picture scale")
        A("export_window", "Picture of the whole &window…",
          lambda: self.exports.ask_export_picture("window"), "Ctrl+Shift+E")
        A("export_gif", "&Animation (GIF)…", self.exports.ask_export_gif, "Ctrl+G",
          "The descent (or the training from now on) as an animated GIF")
        A("export_csv", "&Table (CSV)…", self.exports.ask_export_csv, None,
          "Iterates and loss per step (or the training cost) as CSV")
        A("copy_picture", "&Copy picture", self.exports.copy_picture, "Ctrl+Shift+C",
          "The current tab's plots on the clipboard, to paste into a slide")
        A("caption", "Caption on &pictures", self.exports.set_caption, None,
          "Step, f and the runs' legend in a corner of exported pictures", checkable=True)
        self.actions["caption"].setChecked(True)

        A("play", "Play / pause", self.play, Qt.Key.Key_Space,
          "Play / pause (the descent, the neuron's stages or the training)")
        A("step", "Step forward", self.step, Qt.Key.Key_Right, "Step forward: one more step or stage")
        A("back", "Step back", self.step_back, Qt.Key.Key_Left, "Step back: undo one step or stage")
        A("reset", "Reset", self.reset, Qt.Key.Key_R, "Reset to the start (step 0)")
        A("view1", "Explorer", lambda: self.w.show_tab("explorer"), Qt.Key.Key_1)
        A("view2", "Neuron", lambda: self.w.show_tab("neuron"), Qt.Key.Key_2)
        A("view3", "Network", lambda: self.w.show_tab("network"), Qt.Key.Key_3)
        A("view4", "Explorer: both views / contour / surface", self.w.cycle_focus_mode,
          Qt.Key.Key_4)
        A("editor", "Edit the expression", self.focus_editor, "Ctrl+L")
        A("tangent_x", "Type the tangent point's x", self.w.explorer.type_tangent_x,
          Qt.Key.Key_X, "Type the tangent point's x (1-D view)")
        A("zoom_in", "Zoom in", lambda: self.zoom(1 / ZOOM), [Qt.Key.Key_Plus, Qt.Key.Key_Equal])
        A("zoom_out", "Zoom out", lambda: self.zoom(ZOOM), Qt.Key.Key_Minus)
        A("clear_pins", "Clear the ∇f pins", self.clear_gradient_pins, Qt.Key.Key_Delete,
          "Shift+click on the map pins ∇f there (again: unpins); Delete clears them all")

        A("present", "&Presentation mode", self.set_presentation, "F11",
          "Full screen, large type, lower panel folded (side panel if cramped)",
          checkable=True)
        A("larger", "&Larger text", lambda: self.step_scale(+1), [S.ZoomIn, "Ctrl+="])
        A("smaller", "&Smaller text", lambda: self.step_scale(-1), S.ZoomOut)
        A("normal", "&Normal text size", self.normal_scale, "Ctrl+0",
          "Normal text size; presenting, presentation's large type")
        A("dark", "&Dark theme", lambda on: self.set_theme("dark" if on else "light"),
          "Ctrl+D", "High-contrast dark theme (light when off)", checkable=True)
        A("show_top", "Show the &top panel", lambda on: self.w.show_panel(top=on),
          "Ctrl+1", "Show or fold the formula field and the derivatives under it, "
          "together (Neuron: parameters; "
          "Network: controls)", checkable=True)
        A("show_side", "Show the &side panel", lambda on: self.w.show_panel(side=on),
          "Ctrl+2", "Show or fold the descent panel (Neuron: the note on rounding; "
          "Network: cost plots)", checkable=True)
        A("show_below", "Show the &lower panel", self._show_lower_panel,
          "Ctrl+3", "Show or fold the loss curve and iterates (Neuron: training and "
          "landscape; Network: Jacobian)", checkable=True)
        for key in ("show_top", "show_side", "show_below"):
            self.actions[key].setChecked(True)
        # the lower panel folded for room, or back: Ctrl+3's check says so
        self.w.explorer.page_fit.panelsChanged.connect(self._sync_panel_actions)
        A("examples", "Examples &gallery…", self.show_examples, Qt.Key.Key_G,
          "Choose an example (works in presentation mode)")
        A("shortcuts", "&Keyboard shortcuts", self.show_shortcuts, ["F1", "?"])
        A("about", "&About Gradient Lab", self.show_about)
        self.actions["examples"].setIconText("Examples")      # the tool-bar button

    def _build_menus(self):
        a, bar = self.actions, self.w.menuBar()
        m = bar.addMenu("&File")
        for key in ("new", "open"):
            m.addAction(a[key])
        self.recent_menu = m.addMenu("Open &recent")
        for key in ("save", "save_as"):
            m.addAction(a[key])
        m.addSeparator()
        ex = m.addMenu("&Export")
        for key in ("export_view", "export_window", "export_gif", "export_csv", "copy_picture",
                    "caption"):
            ex.addAction(a[key])
        scale_menu = ex.addMenu("Picture &scale")
        group = QActionGroup(self.w)
        for s in PICTURE_SCALES:
            act = scale_menu.addAction(f"{s}×" + ("  (slides)" if s == 2 else ""))
            act.setCheckable(True)
            act.setData(s)
            group.addAction(act)
            act.triggered.connect(lambda _=False, s=s: setattr(self, "picture_scale", s))
        self.picture_scale_actions = group
        m.addSeparator()
        m.addAction(a["restore"])
        m.addAction(a["quit"])

        m = bar.addMenu("&Examples")
        m.addAction(a["examples"])
        m.addSeparator()
        for preset in presets():
            act = m.addAction(preset["name"])
            act.setToolTip(preset["caption"])
            act.triggered.connect(lambda _=False, p=preset: self._load_preset(p))
        m.setToolTipsVisible(True)

        m = bar.addMenu("&Run")
        for key in ("play", "step", "back", "reset"):
            m.addAction(a[key])
        m = bar.addMenu("&View")
        for key in ("present", "dark", "larger", "smaller", "normal", None, "show_top",
                    "show_side", "show_below", None, "view1", "view2", "view3", "view4", "editor",
                    "zoom_in", "zoom_out", "clear_pins"):
            m.addSeparator() if key is None else m.addAction(a[key])
        m = bar.addMenu("&Help")
        m.addAction(a["shortcuts"])
        m.addAction(a["about"])
        self._fill_recent(self.w.session.recent())

    def _build_toolbar(self):
        bar = self.w.addToolBar("Main")
        bar.setObjectName("mainToolBar")
        for key in ("open", "save", "export_view", None, "examples", "present", "dark", "smaller",
                    "larger", None, "shortcuts"):
            bar.addSeparator() if key is None else bar.addAction(self.actions[key])
        self.toolbar = bar
        self.toolbar_texts = ToolbarTexts(bar, {self.actions[key]: text    # short where narrow
                                                for key, text in SHORT_TEXTS.items()})

    def _fill_recent(self, paths):
        self.recent_menu.clear()
        for p in paths:
            act = self.recent_menu.addAction(Path(p).name)
            act.setToolTip(p)
            act.triggered.connect(lambda _=False, p=p: self.open_recent(p))
        self.recent_menu.setEnabled(bool(paths))

    def _show_lower_panel(self, on: bool):
        """Ctrl+3: the lower panel as the lecturer asks, and the Explorer's page fit
        keeps it so (it folds that panel where the page would scroll)."""
        fit = getattr(self.w.tabs.currentWidget(), "page_fit", None)
        if fit is not None and on != self.w.panels_visible().get("below"):   # (a change)
            fit.keep_below(on)
        self.w.show_panel(below=on)

    def _sync_panel_actions(self):
        """Ctrl+1/2/3 show the current tab's panels as they are; the top counts as shown
        only whole: its formulas folded for room, Ctrl+1 brings them back (it folded the
        formula field too, which named the f shown)."""
        formulas_folded = getattr(self.w.tabs.currentWidget(), "formulas_folded", False)
        for name, shown in self.w.panels_visible().items():
            shown = shown and not (name == "top" and formulas_folded)
            action = self.actions[f"show_{name}"]
            action.blockSignals(True)
            action.setChecked(shown)
            action.blockSignals(False)

    def _on_tab(self, *_):
        self._sync_panel_actions()
        tab = self.w.current_tab
        self.actions["back"].setEnabled(tab != "network")    # training cannot step back
        for key in ("zoom_in", "zoom_out"):                    # only f has a window
            self.actions[key].setEnabled(tab == "explorer")

    # --- playback on the current tab ------------------------------------------------
    def _load_preset(self, preset):
        self.w.show_tab("explorer")
        # an example starts a clean map: x² + y²'s pins stayed on Himmelblau as three
        # large arrows over its centre, maximum and start. A pin takes no step of Undo
        # of its own: the pins placed since the last step become one first, so Undo
        # after the example brings them back (typing a new f keeps them: they recompute)
        pins = self.w.explorer.contour_view.pins
        history = getattr(getattr(self.w, "lecture_commands", None), "undo_history", None)
        if pins.points and history is not None:
            history.capture()
        self.w.model.load_preset(preset)
        pins.clear()
        self.w.fit_to_screen()
        # the side panel keeps its scroll position: scrolled to the example's learning
        # rate and start, it hid the Methods list at 1280×720 (the caption and the map's
        # start mark say them)

    # --- look: presentation mode, theme, text size ------------------------------------
    def set_theme(self, theme: str):
        self.theme = theme
        self._apply_look()

    def set_scale(self, scale: float, hold: bool = True):
        self.scale = float(min(max(scale, SCALES[0]), SCALES[-1]))
        self._apply_look(hold)

    def normal_scale(self):
        """Ctrl+0: the mode's own text size, 1 in a window and PRESENTATION_SCALE while
        presenting. Size 1 while presenting was a look of its own: window-size type with
        the panels unfolded, which F11 off and on again (large type, folded) never gave."""
        self.set_scale(PRESENTATION_SCALE if self.presenting else 1.0)

    def step_scale(self, direction: int):
        if direction > 0:
            bigger = [s for s in SCALES if s > self.scale + 1e-9]
            self.set_scale(bigger[0] if bigger else SCALES[-1])
        else:
            smaller = [s for s in SCALES if s < self.scale - 1e-9]
            self.set_scale(smaller[-1] if smaller else SCALES[0])

    def _apply_look(self, hold: bool = True):
        from gui.widgets.theme import apply_theme
        apply_theme(QApplication.instance(), self.w, self.theme, self.scale)
        dark = self.actions["dark"]
        dark.blockSignals(True)
        dark.setChecked(self.theme == "dark")
        dark.blockSignals(False)
        self.w.settle_presentation(restore=True)
        if hold and not self.paint_hold.holding and self.w.isVisible():
            # one change on screen, as for F11: the new type's layouts, the page's fit and
            # the map's refits took 2-3 paints a step (the map 478×252, then 478×264)
            self.paint_hold.hold()

    def set_presentation(self, on: bool):
        """Full screen with large type, the lower panel folded, the side panel too where
        the formulas need its room (Ctrl+1/2/3 bring them back; ExplorerTab's
        PRESENTATION_FOLDS and PRESENTATION_SPARE); leaving restores the window's size, the
        panels and the text size it set, not a theme or text size chosen while presenting."""
        # Leaving is several changes (panels, the window's size, the text size, the fit
        # to the screen), each laid out and painted on its own: four layouts in ~450 ms,
        # the map's window -5..5 -> -6..6 -> -4..4. The window paints nothing until they
        # all applied, then the whole of it once: one change on screen.
        was_presenting = self._before_presentation is not None
        # (Entering is not held: the tool bar's » button, moved up as the menu bar hid,
        # then kept its old picture on screen, 46 px — test_screen_matches_render.)
        changing = not on and was_presenting and not self.paint_hold.holding
        if changing:
            self.paint_hold.start()     # (its text size's change: released below)
        if on and self._before_presentation is None:
            set_scale = PRESENTATION_SCALE if self.scale < PRESENTATION_SCALE else None
            self._before_presentation = (self.scale, set_scale, self.w.isMaximized())
            self.w.menuBar().setVisible(False)          # the tool bar keeps the controls
            # Large type on a 1280×720 projector leaves the views too little height
            # with every panel shown.
            self.w.fold_for_presentation(True)
            self.w.showFullScreen()
            # at 1.5 or more already, the look stays as it is: restyling every widget and
            # plot to the same theme and size cost ~40 ms of the GUI thread for nothing
            if set_scale is not None:
                self.set_scale(set_scale, hold=False)
        elif not on and self._before_presentation is not None:
            scale = self._scale_after_presentation()
            maximised = self._before_presentation[2]
            self._before_presentation = None
            self.w.fold_for_presentation(False)
            self.w.menuBar().setVisible(True)
            self.w.showMaximized() if maximised else self.w.showNormal()
            if scale != self.scale:                 # (else the look is as it was)
                self.set_scale(scale)
        self._sync_panel_actions()
        self.actions["present"].blockSignals(True)
        self.actions["present"].setChecked(self._before_presentation is not None)
        self.actions["present"].blockSignals(False)
        self.w.settle_presentation()
        if on != was_presenting:
            self.w.explorer.show_from_top()
        if changing:
            self.paint_hold.hold()

    @property
    def presenting(self) -> bool:
        return self._before_presentation is not None

    def _scale_after_presentation(self) -> float:
        """The text size once presentation ends: the one before it, unless one was chosen
        while presenting (leaving put back the whole look: F11, Ctrl+D, F11 was light)."""
        if self._before_presentation is None:
            return self.scale
        before, set_scale, _ = self._before_presentation
        return before if self.scale == set_scale else self.scale

    # --- settings remembered between runs ---------------------------------------------
    def restore_settings(self):
        s = self.w.settings
        self.theme = s.value("look/theme", "light")
        if self.theme not in ("light", "dark"):
            self.theme = "light"
        try:
            self.scale = float(s.value("look/scale", 1.0))
        except (TypeError, ValueError):
            self.scale = 1.0
        self.picture_scale = int(s.value("export/scale", 2) or 2)
        for act in self.picture_scale_actions.actions():
            act.setChecked(act.data() == self.picture_scale)
        state = s.value("window/state")
        self.restored_rect = restore_rect(self.w, s.value("window/rect"))
        if self.restored_rect and str(s.value("window/maximized", "false")).lower() == "true":
            self.w.setWindowState(self.w.windowState() | Qt.WindowState.WindowMaximized)
        if state is not None:
            self.w.restoreState(state)
        self.actions["restore"].setChecked(self.w.session.restore_enabled)
        if (self.theme, self.scale) != ("light", 1.0):
            self._apply_look()

    def save_settings(self):
        s = self.w.settings
        s.setValue("look/theme", self.theme)
        s.setValue("look/scale", self._scale_after_presentation())
        s.setValue("export/scale", self.picture_scale)
        if not self.presenting:
            s.setValue("window/rect", saved_rect(self.w))
            s.setValue("window/maximized", self.w.isMaximized())
            s.remove("window/geometry")      # Qt's own, read before: see restore_rect
            s.setValue("window/state", self.w.saveState())
        s.sync()

    # --- help -------------------------------------------------------------------------
    def show_shortcuts(self):
        from gui.app.about import show_shortcut_sheet
        show_shortcut_sheet(self.w)

    def show_examples(self):
        from gui.app.examples_gallery import show_examples_gallery
        return show_examples_gallery(self.w, self._load_preset)

    def show_about(self):
        from gui.app.about import show_about
        show_about(self.w)
