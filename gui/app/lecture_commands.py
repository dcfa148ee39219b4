"""The lecture's keys, menu and tools: a presenter's clicker, the scenes, drawing on
the screen, undo / redo and the sample lectures.

Clickers send PageDown / PageUp (some F5, Escape, B or '.'). They must work whatever
has focus: a spin box would take PageDown as "ten steps" and the formula editor would
swallow it, so those keys are caught by an application-level event filter before any
widget sees them, for this window only (a dialog keeps its own keys). The other keys
are ordinary QActions of the window, so a text field still types the letter P.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QMenu, QWidget

from gui.app.ink_overlay import InkOverlay
from gui.app.lecture import LectureError
from gui.app.lecture_controller import LectureController, SceneIndexPart, ScenesPart, setup_of
from gui.app.presenter_overlays import Blackout, SceneBanner
from gui.app.session import SessionError, load_session
from gui.app.undo_history import UndoHistory
from gui.compute.qt_guard import qt_override

LECTURES = Path(__file__).resolve().parents[2] / "resources" / "lectures"
PANEL_WIDTH = 280
# ...and at most this share of the window: at 1280×720 (text size 1.15) a 284-px panel
# left the Explorer 986 px, which folded its formulas and caption and gave the 3-D view
# 253 px; at 15 % (192 px) the Explorer keeps them, and the 3-D view ~380 px
PANEL_SHARE = 0.15
FORWARD_KEYS = (Qt.Key.Key_PageDown,)
BACK_KEYS = (Qt.Key.Key_PageUp,)
# The filter sees every event of the application (~15,000 while a window is built and
# shown). Asking an event its kind costs ~2 µs (PySide makes a Python enum member each
# time), ~35 ms of every window's build: the filter asks only key events (PySide hands
# them over as QKeyEvent) and the window's own, and compares with these constants
_KEY_PRESS = QEvent.Type.KeyPress
_WINDOW_STATE_CHANGE = QEvent.Type.WindowStateChange
_CLOSE = QEvent.Type.Close


# For the F1 sheet (gui/app/about.py lists its rows by hand): the lecture's keys.
LECTURE_SHORTCUTS = (
    ("PgDown / PgUp", "Next / previous step or scene (a clicker), from any field"),
    ("F5 / Esc", "Present from this scene / leave presentation"),
    ("B or .", "Black screen; Esc, B or a clicker key ends it"),
    ("P / H / L", "Pen / highlighter / laser pointer (again: put it down)"),
    ("E or C", "Clear the drawings"),
    ("Ctrl+Z / Ctrl+Y", "Undo / redo (also Ctrl+Shift+Z)"),
    ("Ctrl+Shift+N", "Add this as a scene"),
    ("F9", "Show or hide the scenes and notes"),
)


def sample_lectures() -> list[Path]:
    return sorted(LECTURES.glob("*.gradlab.json"))


def lecture_label(path: Path) -> str:
    stem = path.name[: -len(".gradlab.json")]
    return stem.split("-", 1)[-1].replace("-", " ").capitalize() if "-" in stem else stem


def user_change_signals(window) -> list:
    """Every signal that means the user changed something (as the window's list for
    the session's "modified" marker)."""
    m, n, net = window.model, window.neuron_model, window.network_model
    return [m.textChanged, m.windowChanged, m.startChanged, m.settingsChanged,
            n.parametersChanged, n.historyChanged, net.settingsChanged,
            net.architectureChanged, net.dataChanged, net.trainingChanged]


class LectureCommands(QObject):
    SHEET_ROWS = LECTURE_SHORTCUTS     # for the F1 sheet (some keys no QAction holds)

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.lecture = LectureController(window, self)
        window.session.parts["scenes"] = ScenesPart(self.lecture, self._on_session_loaded)
        window.session.parts["scene"] = SceneIndexPart(self.lecture)
        host = window.centralWidget()
        self.ink = InkOverlay(host)
        self.lecture.ink = self.ink
        self.banner = SceneBanner(host)
        self.blackout = Blackout(window)
        self.undo_history = UndoHistory(window.session, self)
        for signal in user_change_signals(window):
            signal.connect(self.undo_history.on_change)
            signal.connect(self.lecture.look_again)
        # another tab or explorer view is leaving the scene too (they are no edits)
        window.tabs.currentChanged.connect(self.lecture.look_again)
        window.commands.actions["view4"].triggered.connect(self.lecture.look_again)
        self.lecture.departedChanged.connect(self._on_departed)
        # the scenes and the app's set-up as last saved or opened: what File ▸ New, Open
        # or Quit would lose
        self._saved_scenes = self._saved_setup = None
        window.session.changed.connect(self._on_session_changed)
        # after the window's own retitle (connected first): the title's "*" is what the
        # Discard question would ask about (it said unsaved after a scene was only
        # left and brought back, while Ctrl+N rightly asked nothing)
        window.session.changed.connect(self._mark_title)
        self.lecture.lectureChanged.connect(self._mark_title)
        self.lecture.departedChanged.connect(self._mark_title)
        self.lecture.lectureChanged.connect(self.undo_history.on_change)
        window.explorer.editor.line_edit.textEdited.connect(self.undo_history.on_typing)
        self.undo_history.watch_keys(window.explorer.editor.line_edit)    # the keys' times
        window.explorer.editor.left.connect(self.undo_history.end_typing)    # Enter, Escape
        window.explorer.editor.line_edit.editingFinished.connect(self.undo_history.end_typing)
        self.lecture.lectureChanged.connect(window.session.mark_modified)
        self.lecture.sceneChanged.connect(self.undo_history.rebaseline)
        self.lecture.stepChanged.connect(self.undo_history.rebaseline)
        self.lecture.sceneChanged.connect(self._on_scene)
        self.actions: dict[str, QAction] = {}
        self._build_actions()
        self._build_menus()
        self.panel = None
        self._panel_before_presenting = False
        QApplication.instance().installEventFilter(self)
        window.destroyed.connect(self._forget_filter)
        self._mark_title()

    # --- actions --------------------------------------------------------------------
    def _action(self, key, text, slot, shortcut=None, tip="", checkable=False):
        a = QAction(text, self.w)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            sequences = []
            for s in shortcuts:   # StandardKey.Redo is Ctrl+Shift+Z on Linux: no twice
                for seq in QKeySequence.keyBindings(s) if isinstance(s, QKeySequence.StandardKey) \
                        else [QKeySequence(s)]:
                    if seq not in sequences:
                        sequences.append(seq)
            a.setShortcuts(sequences)
        keys = " or ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                           for s in a.shortcuts())
        a.setToolTip((tip or text.replace("&", "").rstrip("…")) + (f" ({keys})" if keys else ""))
        a.setStatusTip(a.toolTip())
        a.setCheckable(checkable)
        (a.toggled if checkable else a.triggered).connect(slot)
        self.w.addAction(a)
        self.actions[key] = a
        return a

    def _build_actions(self):
        A, S = self._action, QKeySequence.StandardKey
        # PageDown / PageUp / F5 / Escape are caught by eventFilter (any focus); the
        # menu shows them after a tab, as Qt shows a shortcut
        A("next", "&Next step or scene\tPgDown", self.forward,
          tip="Play the scene's next step, then go to the next scene (PageDown)")
        A("previous", "&Previous step or scene\tPgUp", self.back,
          tip="One step back, then the previous scene (PageUp)")
        A("add_scene", "&Add this as a scene", self.add_scene, "Ctrl+Shift+N",
          "The app as it is now becomes a new scene after the current one")
        A("update_scene", "&Update this scene", self.lecture.update_current, None,
          "The current scene takes what the app shows now")
        A("scene_panel", "Show the &scenes", self.set_panel_visible, "F9",
          "The list of scenes with their notes", checkable=True)
        A("keep_ink", "&Keep drawings on each scene", self._set_keep_ink, None,
          "Off: drawings vanish when you move to another scene", checkable=True)
        self.actions["keep_ink"].setChecked(
            self.w.settings.value("lecture/keep_ink", True, type=bool))
        self.lecture.keep_ink = self.actions["keep_ink"].isChecked()
        A("blackout", "&Black screen", self.blackout.toggle, [Qt.Key.Key_B, Qt.Key.Key_Period],
          "Black out the screen; B, Esc or a clicker key brings it back")
        A("pen", "&Pen", lambda: self.ink.set_tool("pen"), Qt.Key.Key_P,
          "Draw on the screen (P again: stop)")
        A("highlighter", "&Highlighter", lambda: self.ink.set_tool("highlighter"), Qt.Key.Key_H)
        A("laser", "&Laser pointer", lambda: self.ink.set_tool("laser"), Qt.Key.Key_L,
          "A bright dot that follows the mouse or pen and fades")
        A("clear_ink", "&Clear drawings", self.ink.clear, [Qt.Key.Key_E, Qt.Key.Key_C])
        A("undo", "&Undo", lambda: self._report_errors(self.undo_history.undo), S.Undo)
        # Ctrl+Y first: the one the menu shows, as the README and the shortcuts list
        # name it (the menu showed Ctrl+Shift+Z, which works too)
        A("redo", "&Redo", lambda: self._report_errors(self.undo_history.redo),
          ["Ctrl+Y", S.Redo, "Ctrl+Shift+Z"])
        A("reset_example", "Reset &example", self.reset_example, "Ctrl+Shift+R",
          "Back to the example's (or the scene's) own settings")
        self.undo_history.availabilityChanged.connect(self._on_undo_availability)

    def _build_menus(self):
        bar, a = self.w.menuBar(), self.actions
        menus = {act.text(): act for act in bar.actions() if act.menu() is not None}
        edit, m = QMenu("&Edit", bar), QMenu("&Lecture", bar)
        # Edit after File, Lecture before Help, as menus usually stand
        after_file = next(iter(list(menus.values())[1:2]), None)
        bar.insertMenu(after_file, edit) if after_file else bar.addMenu(edit)
        help_act = menus.get("&Help")
        bar.insertMenu(help_act, m) if help_act else bar.addMenu(m)
        for key in ("undo", "redo", None, "reset_example"):
            edit.addSeparator() if key is None else edit.addAction(a[key])
        for key in ("next", "previous", None, "add_scene", "update_scene", "scene_panel",
                    None, "pen", "highlighter", "laser", "clear_ink", "keep_ink", None,
                    "blackout"):
            m.addSeparator() if key is None else m.addAction(a[key])
        help_menu = help_act.menu() if help_act else m
        samples = help_menu.addMenu("Sample &lectures")
        for path in sample_lectures():
            act = samples.addAction(lecture_label(path))
            act.triggered.connect(lambda _=False, p=path: self.w.commands.when_discarded(
                lambda: self.open_sample(p)))
        samples.setEnabled(bool(sample_lectures()))
        self.samples_menu = samples

    def _on_session_loaded(self) -> None:
        """A file opened or New (not an undo putting a state back): a new document."""
        if not self.undo_history.restoring:
            self.undo_history.forget()

    def _on_undo_availability(self, can_undo: bool, can_redo: bool) -> None:
        self.actions["undo"].setEnabled(can_undo)
        self.actions["redo"].setEnabled(can_redo)

    # --- the clicker ------------------------------------------------------------------
    def _ours(self, obj) -> bool:
        if isinstance(obj, QWidget):
            return obj.window() is self.w
        return obj is self.w.windowHandle()

    @qt_override
    def eventFilter(self, obj, event):
        if obj is self.w:
            kind = event.type()
            if kind == _WINDOW_STATE_CHANGE:
                self._on_presenting(self.w.commands.presenting)
                return False
            if kind == _CLOSE and event.spontaneous() and self._ask_before_closing():
                event.ignore()          # the window's close button: asked first, as Ctrl+Q
                return True
        if (not isinstance(event, QKeyEvent) or event.type() != _KEY_PRESS
                or not self._ours(obj)):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        if key in FORWARD_KEYS or key in BACK_KEYS:
            if self.blackout.isVisible():
                self.blackout.toggle()
            elif key in FORWARD_KEYS:
                self.forward()
            else:
                self.back()
            return True
        if key == Qt.Key.Key_F5:
            self.w.commands.set_presentation(True)
            self.banner.show_title(self._title_text())
            return True
        if key == Qt.Key.Key_Escape and self.blackout.isVisible():
            # the key pressed in a hurry: the picture back first, the presentation stays
            self.blackout.toggle()
            return True
        if key == Qt.Key.Key_Escape and self.w.commands.presenting:
            if isinstance(QApplication.focusWidget(), (QLineEdit, QAbstractSpinBox)):
                # the field's own Escape first: it hands the keys back to the window
                # (gui/widgets/field_keys), the presentation stays; the next one ends it.
                # (The focus, not `obj`: a key from the screen reaches the window first.)
                return False
            self.w.commands.set_presentation(False)
            return True
        return False

    def _ask_before_closing(self) -> bool:
        """Closing would lose unsaved work: the question shows (the window closes after
        Save or Discard); False: close at once."""
        if self.w.session.kept_at_close or self.unsaved_work() is None:
            return False
        self.w.commands.when_discarded(self.w.close)
        return True

    def _on_presenting(self, presenting: bool) -> None:
        """The speaker's notes are not for the class: the panel folds away while
        presenting and comes back after."""
        if self.panel is None:
            return
        if presenting and self.panel.isVisible():
            self._panel_before_presenting = True
            self.panel.hide()
        elif not presenting and self._panel_before_presenting:
            self._panel_before_presenting = False
            self.panel.show()

    def _forget_filter(self, *_):
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def forward(self):
        self._report_errors(self.lecture.forward)

    def back(self):
        self._report_errors(self.lecture.back)

    def go_to(self, index: int):
        self._report_errors(lambda: self.lecture.go_to(index))

    def _report_errors(self, act) -> bool:
        try:
            act()
        except (LectureError, SessionError) as exc:
            self.w.commands.report(str(exc), "Scene not shown")
            return False
        return True

    def _title_text(self) -> str:
        lec = self.lecture
        changed = " (changed)" if lec.departed else ""
        return f"{lec.index + 1} / {len(lec.scenes)}   {lec.scene.title}{changed}"

    def _on_scene(self, _index: int) -> None:
        if not self.lecture.live:
            self.banner.show_title(self._title_text())

    def _on_departed(self, departed: bool) -> None:
        lec = self.lecture
        self.actions["update_scene"].setText(
            f"&Overwrite scene {lec.index + 1} with what is shown" if departed
            else "&Update this scene")
        # the title still showing must not say the lecturer is in a scene they left
        if self.banner.isVisible():
            self.banner.show_title(self._title_text())

    # --- what would be lost -----------------------------------------------------------
    def _on_session_changed(self) -> None:
        if not self.w.session.modified:          # saved, opened or new: the baseline
            self._saved_scenes = self.w.session.parts["scenes"].get_state()
            self._saved_setup = setup_of(self.lecture.capture_state())

    def _mark_title(self) -> None:
        self.w.setWindowModified(self.unsaved_work() is not None)

    def unsaved_work(self) -> str | None:
        """The question to ask before the session is replaced or closed (None: nothing
        unsaved would be lost). A lecture only played (its steps trained the network)
        keeps its scenes in its file: nothing to ask. Its scenes as saved but the app
        changed away from them (η, the neuron: a set-up the file holds too) was lost
        unasked; it asks unless that set-up is the one saved or opened."""
        session, lec = self.w.session, self.lecture
        if not session.modified:
            return None
        if lec.live:
            return f"Discard the unsaved changes to “{session.display_name}”?"
        if session.parts["scenes"].get_state() == self._saved_scenes:
            if lec.check_departed() and setup_of(lec.capture_state()) != self._saved_setup:
                return f"Discard the unsaved changes to “{session.display_name}”?"
            return None
        count = len(lec.scenes)
        return f"Discard the unsaved lecture ({count} scene{'s' * (count != 1)})?"

    # --- scenes -----------------------------------------------------------------------
    def add_scene(self):
        self.lecture.add_current()
        self.set_panel_visible(True)

    def set_panel_visible(self, on: bool):
        if on and self.panel is None:
            from gui.app.scene_panel import ScenePanel
            self.panel = ScenePanel(self)
            self.w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
            self.panel.visibilityChanged.connect(self._on_panel_visibility)
        if self.panel is not None:
            self.panel.setVisible(on)
            if on:     # each time: the window or the text size may have changed since
                self.w.resizeDocks([self.panel], [self.panel_width()], Qt.Orientation.Horizontal)
        self._on_panel_visibility(on)

    def panel_width(self) -> int:
        """The scenes panel's width in px: the plots come first (a quarter of a 1280-px
        projector was too much), so PANEL_WIDTH or PANEL_SHARE of the window, whichever
        is less, but never less than the panel's own least width (its buttons)."""
        least = self.panel.minimumSizeHint().width() if self.panel is not None else 0
        return max(least, min(PANEL_WIDTH, round(PANEL_SHARE * self.w.width())))

    def _on_panel_visibility(self, on: bool):
        act = self.actions["scene_panel"]
        act.blockSignals(True)
        act.setChecked(bool(on))
        act.blockSignals(False)

    def _set_keep_ink(self, on: bool):
        self.lecture.keep_ink = bool(on)
        self.w.settings.setValue("lecture/keep_ink", bool(on))

    def reset_example(self):
        """The example's own settings (a gallery example), else the scene's."""
        preset = self.w.model.preset
        if preset is not None:
            self.w.model.load_preset(preset)
        elif not self.lecture.live:
            self.go_to(self.lecture.index)

    def open_sample(self, path) -> bool:
        """Open a shipped lecture at its first scene, as an untitled copy (Save asks
        where, so the shipped file is never overwritten)."""
        try:
            # titled by the lecture's name, not "Untitled" (the file stays unnamed)
            self.w.apply_session(load_session(path), None, lecture_label(path))
            self.lecture.go_to(0)
        except (SessionError, LectureError) as exc:
            self.w.commands.report(str(exc), "Lecture not opened")
            return False
        self.undo_history.reset()
        return True
