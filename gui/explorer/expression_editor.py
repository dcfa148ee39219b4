"""The formula input: one line, re-parsed as you type, errors marked where they are.

The model parses (fast and guarded); this widget only debounces typing, keeps a
history for ↑/↓, and shows the engine's message with the column it blames.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontDatabase, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget
from engine.names import unfinished_name
from gui.compute.qt_guard import qt_override
from gui.explorer.formula_line_edit import ERROR_COLOUR, FormulaLineEdit
from gui.widgets.elided_label import ElidedLabel
from gui.widgets.variable_names import display_name

FAST_DEBOUNCE_MS = 0       # a key goes to the model on the next turn of the event loop
                           # (keys already queued are delivered first: one request) ...
DEBOUNCE_MS = 150          # ... unless the last text's first picture is still on its way:
                           # then when it comes, or after this pause at the latest
SETTLE_MS = 2000           # a valid text left alone this long joins the history
HAD_MS = 1000              # ... and this long, is the formula a refused text shows meanwhile
ERROR_DELAY_MS = 450       # a new error line appears only after a pause: no jumping while typing
NAME_PAUSE_MS = 600        # a text ending inside a name ('si' of sin) goes after this pause
MAX_LENGTH = 10_000        # the engine answers within a second up to this length

SYNTAX_HELP = (
    "<b>Type a function of any number of variables</b>, e.g. <tt>x^4 - 4x^3 + 4x^2</tt>, "
    "<tt>(x-5)^2 + (y-3)^2 + 2xy</tt> or <tt>(w_1-1)^2 + (w_2+2)^2 + b^2</tt><br>"
    "<b>Operators:</b> <tt>+ − * / ^</tt> (or <tt>**</tt>), brackets, unary minus, "
    "<tt>|x|</tt>, <tt>x²</tt>, <tt>√x</tt><br>"
    "<b>Implicit multiplication:</b> <tt>2xy</tt> = 2·x·y, <tt>2(x+1)</tt>, "
    "<tt>(x+1)(x−1)</tt><br>"
    "<b>Functions:</b> <tt>sin cos tan asin acos atan sinh cosh tanh exp log ln log10 "
    "log2 sqrt abs sigmoid relu softplus min max atan2</tt> "
    "(<tt>log</tt> = <tt>ln</tt>, natural; <tt>log(x, 2)</tt> or <tt>log_2(x)</tt> "
    "with a base)<br>"
    "<b>Constants:</b> <tt>pi</tt>, <tt>e</tt> (<tt>e^x</tt> is the exponential)<br>"
    "<b>Variables:</b> a letter other than e, a letter with a subscript "
    "(<tt>x1</tt>, <tt>x_1</tt>, <tt>w₂</tt>) or a Greek name (<tt>phi</tt>, φ, <tt>eta</tt>, η …); "
    "with three or more, the map shows a slice in two of them<br>"
    "<b>History:</b> ↑ / ↓ recall earlier formulas; Enter applies at once<br>"
    "<b>Ctrl+L</b> jumps here from anywhere in the window")


class ExpressionEditor(QWidget):
    """f(x, y) = [ formula ] with a "working…" hint and, under it, the parse error."""

    errorShown = Signal(bool)     # the error line shows (the views show another f) or goes
    left = Signal()               # the keyboard handed back to the window (Enter, Escape)

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.history: list[str] = []
        self._history_index: int | None = None   # None: not browsing
        self._draft = ""                          # what was typed before browsing

        self.prefix = QLabel()
        self.prefix.setToolTip(SYNTAX_HELP)
        self.line_edit = FormulaLineEdit()
        self.line_edit.setMaxLength(MAX_LENGTH)
        self.line_edit.setToolTip(SYNTAX_HELP)
        self.line_edit.setPlaceholderText("a function of x (and y), e.g. x^4 - 4x^3 + 4x^2")
        self.line_edit.setClearButtonEnabled(True)
        # Qt's own clear button: its tip comes from this internal action.
        for action in self.line_edit.findChildren(QAction):
            action.setToolTip("Clear the formula")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(15)
        self.line_edit.setFont(font)
        prefix_font = QFont("DejaVu Serif")
        prefix_font.setPointSizeF(16)
        prefix_font.setItalic(True)
        self.prefix.setFont(prefix_font)
        # drawn over the field's right end, not beside it: a place of its own in the row
        # either laid the window out again whenever it showed (the map and the 3-D view
        # resized and drawn anew) or, kept while hidden, left a blank gap beside the field.
        # Its background is the field's (a near-white the theme maps), so the end of a
        # long formula is covered while it shows, not drawn through it.
        # (no hourglass: no font here has one, it showed as an empty box)
        self.busy_label = QLabel("working…", self.line_edit)
        self.busy_label.setStyleSheet(
            "color: #555; background: #ffffff; font-size: 11pt; padding: 0px 4px;")
        self.busy_label.setVisible(False)
        self.line_edit.resized.connect(self._place_busy_label)
        # one line, cut with "…" (the whole message in its tool tip and in the refusal
        # veil's banner over the views): wrapped to two lines ('foo' is not a known
        # function: …) it took a row from the map, whose locked aspect then showed
        # x from −10 to 10 instead of −9 to 9 and recomputed the basins, f unchanged
        self.error_label = ElidedLabel()
        self.error_label.setStyleSheet(
            f"color: #8A3200; background: #FDEEE6; border-left: 4px solid {ERROR_COLOUR};"
            "padding: 0px 8px;")   # the text size's font: its row is the caption's line
        # the row keeps its height while hidden: showing an error must not take height from
        # the views under the editor (they would resample on every typo); in the window
        # it shares the caption's row (take_error_label)
        self.error_label.setText(" ")
        policy = self.error_label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.error_label.setSizePolicy(policy)
        self.error_label.setVisible(False)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.prefix)
        row.addWidget(self.line_edit, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addLayout(row)
        column.addWidget(self.error_label)

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._awaiting = False      # the applied text's first picture has not come back yet
        self._mid_name = False      # the text waits for the rest of a name being typed
        self._debounce.timeout.connect(self._apply)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._remember)
        # a pause in typing: the prefixes drawn on the way (x of x^2y typed fast) never
        # become the formula the user had; what was looked at for a second does
        # (counted from the picture on screen: on a slow machine drawing the prefix x
        # took over a second, and x became "the formula of before" x^2y)
        self._had = QTimer(self, singleShot=True, interval=HAD_MS)
        self._had.timeout.connect(self._settle_text)
        # starts the second once the answer's picture is painted: a zero timer runs after
        # the paint events the answer posted; the next key stops it
        self._painted = QTimer(self, singleShot=True, interval=0)
        self._painted.timeout.connect(self._had.start)
        self._busy_delay = QTimer(self, singleShot=True, interval=200)   # no flicker
        self._error_delay = QTimer(self, singleShot=True, interval=ERROR_DELAY_MS)
        self._error_delay.timeout.connect(self._show_error_label)
        self._busy_delay.timeout.connect(self._show_busy_label)

        self.line_edit.textEdited.connect(self._on_text_edited)
        self.line_edit.returnPressed.connect(self._on_return)
        self.line_edit.editingFinished.connect(self._on_return)   # also on focus loss
        self.line_edit.installEventFilter(self)
        # the formula the user last had before this edit (on entering the field, after
        # Enter or a pause, or set from outside): what a refused text shows meanwhile
        self.settled_text = model.text if model.error is None else None
        model.textChanged.connect(self._on_model_text)
        model.errorChanged.connect(self._on_error)
        model.expressionChanged.connect(self._on_expression)
        model.sketchChanged.connect(self._on_answer)     # the map of f alone: the first picture
        model.firstPicture.connect(self._on_answer)
        model.busyChanged.connect(self._on_busy)
        self.show_variables(("x", "y"))
        self._on_model_text(model.text)
        self._on_error(model.error)

    def take_error_label(self) -> QLabel:
        """The error line, out of the editor's own column, for the caller to give it a
        place of its own (the Explorer: the caption's row, which is empty whenever f
        does not parse: the caption describes its example's f only). It floated over
        the formulas before and covered them; a row of its own under the field cost
        17 px of a 720p screen."""
        self.layout().removeWidget(self.error_label)
        self.error_label.setVisible(False)
        return self.error_label

    def _show_error_label(self) -> None:
        self.error_label.setVisible(True)
        self.errorShown.emit(True)
        # the views drew the last prefix that parsed (x for x^2y typed fast): a picture
        # nobody asked for; back to the formula of before this edit (marked as such by
        # gui.explorer.refusal_veil), now that the error shows and typing paused
        if self.model.error is not None and self.settled_text:
            self.model.show_instead(self.settled_text)

    # --- view → model ------------------------------------------------------------
    def _on_text_edited(self, _text):
        self._history_index = None
        self._settle.stop()
        self._had.stop()
        self._painted.stop()
        # 'x^2 + si' on its way to sin: read now it is x² + s·i (and 'x^2 + s' a function
        # of a new variable s), drawn for a moment in front of the class; it waits for
        # the next key or a pause
        at = self.line_edit.cursorPosition()
        text = self.line_edit.text()
        known = self.model.expression.variables if self.model.expression is not None else ()
        self._mid_name = unfinished_name(text[:at], known) and not text[at:at + 1].isalpha()
        if self._mid_name:
            self._debounce.start(NAME_PAUSE_MS)
            return
        # Adaptive: with nothing on its way, draw after one frame (typing feels live);
        # while the last text's first picture is still coming (a slow f, a busy machine),
        # the keys typed meanwhile wait for it and go as one request, the newest text.
        # (A fixed pause after every slow edit added 150 ms to edits made at leisure.)
        if not self._awaiting:
            if not self._debounce.isActive():
                # the typed character on screen before the model's work (tens of ms) starts
                self.line_edit.repaint()
            self._debounce.start(FAST_DEBOUNCE_MS)
        elif not self._debounce.isActive():
            self._debounce.start(DEBOUNCE_MS)        # at the latest (an answer may never come)

    def _apply(self) -> None:
        """Hand the text to the model now; a valid one starts the history countdown."""
        self._debounce.stop()
        self._awaiting = True
        try:
            self.model.set_text(self.line_edit.text())
        except Exception as exc:  # the model should not raise; never let typing crash
            self._awaiting = False
            self._show_error(f"this text cannot be handled ({type(exc).__name__})", None)
            return
        # (an error, or the f on its way already: no new answer is coming for this text)
        self._awaiting = self._awaiting and self.model.error is None and self.model.awaiting
        if self.model.error is None:
            self._settle.start()
            if not self._awaiting:          # its picture is here already (or never comes)
                self._painted.start()

    def _on_return(self):
        self._apply()
        self._remember()
        if self._error_delay.isActive():                # the user asked: answer now
            self._error_delay.stop()
            self._show_error_label()

    def _settle_text(self) -> None:
        if self.model.error is None and self.model.text.strip():
            self.settled_text = self.model.text

    def _remember(self) -> None:
        """Add the applied text to the history if it is valid (moved to the end if known)."""
        self._settle.stop()
        text = self.line_edit.text().strip()
        if not text or self.model.error is not None or text != self.model.text.strip():
            return
        self.settled_text = self.model.text
        if text in self.history:
            self.history.remove(text)
        self.history.append(text)

    @qt_override
    def eventFilter(self, obj, event):
        if obj is self.line_edit and event.type() == event.Type.FocusIn:
            if (self.model.error is None and self.model.expression is not None
                    and self.model.text == self.line_edit.text()):
                self.settled_text = self.model.text
        if obj is self.line_edit and event.type() == event.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)):
            # The app's Undo, not the field's own: that one undid all typed since the
            # last selection, skipping the app's steps, and became a step itself.
            self._hand_over_pending()
            return True                         # (not accepted: the window's shortcut)
        if obj is self.line_edit and event.type() == event.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._on_return()
                self._leave()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.cancel()
                return True
            if event.key() == Qt.Key.Key_Up:
                self.recall(-1)
                return True
            if event.key() == Qt.Key.Key_Down:
                self.recall(+1)
                return True
        return super().eventFilter(obj, event)

    def _hand_over_pending(self) -> None:
        if self._debounce.isActive() and not self._mid_name:
            self._apply()                       # a key typed but not yet handed over

    def cancel(self) -> None:
        """Escape: leave the field keeping what the views draw. A valid text stays (it
        brought back the formula of before Ctrl+L, with its set-up, throwing away the
        formulas typed and drawn since: Undo steps back through those); a refused or
        half-typed one gives way to the formula the map shows."""
        self._hand_over_pending()
        self._debounce.stop()
        if self.model.error is not None or self.line_edit.text() != self.model.text:
            shown = self.model.shown_text
            if shown.strip():
                self.line_edit.setText(shown)
                self.model.set_text(shown)      # the f already drawn: no new request
        self._remember()
        self._leave()

    def _leave(self) -> None:
        """Hand the keyboard back to the window, so that 1 2 3, Space and R drive the
        lecture again instead of typing into the formula."""
        window = self.window()
        window.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.line_edit.hasFocus():        # no window to hand it to (editor alone)
            self.line_edit.clearFocus()
        self.left.emit()

    def recall(self, direction: int) -> None:
        """Step through the history (-1 older, +1 newer), skipping the text already shown;
        past the newest entry the draft typed before browsing comes back."""
        if not self.history:
            return
        current = self.line_edit.text()
        if self._history_index is None:
            if direction > 0:
                return
            self._draft, index = current, len(self.history)
        else:
            index = self._history_index
        index += direction
        while 0 <= index < len(self.history) and self.history[index] == current:
            index += direction
        if index < 0:
            return                                  # already at the oldest
        if index >= len(self.history):
            self._history_index, text = None, self._draft
        else:
            self._history_index, text = index, self.history[index]
        self.line_edit.setText(text)
        self._apply()

    # --- model → view ------------------------------------------------------------
    def _on_model_text(self, text):
        if text != self.line_edit.text():          # e.g. a preset: no re-triggering
            self._debounce.stop()
            self._history_index = None
            self.line_edit.setText(text)
            # after the model has parsed it (it emits before parsing): valid ones are kept
            QTimer.singleShot(0, self, self._remember)

    def _on_error(self, error):
        if error is None:
            self._error_delay.stop()
            self.error_label.setVisible(False)
            self.line_edit.set_error_position(None)
            self.errorShown.emit(False)
        else:
            self._show_error(getattr(error, "message", str(error)),
                             getattr(error, "position", None))

    def _show_error(self, message: str, position: int | None) -> None:
        where = "" if position is None else f"  (at character {position + 1})"
        self.error_label.setText(f"⚠  {' '.join(message.splitlines())}{where}")
        self.line_edit.set_error_position(position)      # the mark shows at once, in place
        if self.error_label.isHidden() and not self._error_delay.isActive():
            self._error_delay.start()

    def _on_expression(self, expr):
        self.show_variables(expr.variables)
        self._on_answer()

    def _on_answer(self, _expr=None):
        """The applied text's first picture (its sketch or analysis) came back: keys typed
        while it was on its way go to the model now."""
        if self._awaiting:
            self._awaiting = False
            if self._debounce.isActive() and not self._mid_name:
                self._debounce.start(FAST_DEBOUNCE_MS)
            elif not self._debounce.isActive() and self.model.error is None:
                self._painted.start()

    def show_variables(self, variables):
        self.prefix.setText(f"f({', '.join(map(display_name, variables))}) =")

    def _show_busy_label(self) -> None:
        self._place_busy_label()      # (its text size may have changed since)
        self.busy_label.setVisible(True)

    def _place_busy_label(self) -> None:
        """At the field's right end, left of Qt's clear button, centred in height."""
        field, label = self.line_edit, self.busy_label
        label.adjustSize()
        clear = [b for b in field.findChildren(QToolButton) if b.isVisibleTo(field)]
        right = min([b.x() for b in clear], default=field.width() - 4)
        label.move(max(0, right - label.width() - 2), (field.height() - label.height()) // 2)

    def _on_busy(self, busy: bool):
        if busy:
            self._busy_delay.start()
        else:
            self._busy_delay.stop()
            self.busy_label.setVisible(False)

    # --- read-only state for tests and other views -----------------------------------
    @property
    def error_text(self) -> str:
        return "" if self.error_label.isHidden() else self.error_label.text()

    @property
    def error_column(self) -> int | None:
        return self.line_edit.error_position
