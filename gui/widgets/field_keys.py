"""Enter and Escape in a number or text field hand the keyboard back to the window.

A lecturer who types x = 1.5 and presses Enter wants → (next stage), Space (play) and
R (reset) to drive the lecture again, not to move the caret in the box (only a mouse
click gave the keys back). Enter applies what was typed and leaves the field; Escape
puts back what the field showed when it was entered and leaves it, as the Explorer's
formula editor does (gui/explorer/expression_editor.py). Space is no part of a number:
in a spin box it did replace the selected value with a blank (Tab alone brought it
back), so it types nothing there. A field whose entry was
refused keeps the keyboard on Enter (stay_while): leaving it made the next keys typed
to correct it act as window shortcuts (tab switches, zoom) instead.

A field whose value does not apply now is greyed and read-only, not disabled
(set_applies): a click in it takes the keyboard, so letters typed are refused there
instead of acting as the window's keys.

A focused slider keeps its own arrow, Home/End and Page keys (keep_slider_keys): the
window's → / ← (step) otherwise took them before the slider saw them.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QAbstractSlider, QAbstractSpinBox, QApplication, QLineEdit,
                               QWidget)

from gui.compute.qt_guard import qt_override

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FieldKeys(QObject):
    """An event filter for spin boxes and line edits (see hand_keys_back)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._on_entry: dict[int, str] = {}    # id(field) -> its text when focused
        self._refused: dict[int, Callable[[], bool]] = {}   # id(field) -> "entry refused?"

    def stay_while(self, field: QWidget, refused: Callable[[], bool]) -> None:
        """Enter leaves `field` only when `refused()` is False after the field applied it."""
        self._refused[id(field)] = refused

    @qt_override
    def eventFilter(self, field, event):
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            self._on_entry[id(field)] = _text(field)
        elif kind == QEvent.Type.KeyPress and not (
                event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            if event.key() in _ENTER:
                field.event(event)      # the field's own Enter first: it applies the text
                if not self._refused.get(id(field), lambda: False)():
                    leave(field)
                return True
            if event.key() == Qt.Key.Key_Escape:
                _restore(field, self._on_entry.get(id(field), _text(field)))
                leave(field)
                return True
            if event.key() == Qt.Key.Key_Space and isinstance(field, QAbstractSpinBox):
                return True
        return False


def hand_keys_back(*fields: QWidget) -> FieldKeys:
    """Make Enter and Escape in each of `fields` (QAbstractSpinBox or QLineEdit) leave
    it; the filter lives as long as the first field."""
    keys = FieldKeys(fields[0])
    for field in fields:
        field.installEventFilter(keys)
    return keys


_SLIDER_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
                Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


class _SliderKeys(QObject):
    @qt_override
    def eventFilter(self, slider, event):
        # Accepting the override makes Qt deliver the key to the slider, not the shortcut
        if (event.type() == QEvent.Type.ShortcutOverride and event.key() in _SLIDER_KEYS
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            event.accept()
            return True
        return False


def keep_slider_keys(*sliders: QAbstractSlider) -> None:
    """A focused slider in `sliders` moves on its keys (arrows, Home/End, PageUp/Down)."""
    keys = _SliderKeys(sliders[0])
    for slider in sliders:
        slider.installEventFilter(keys)


def leave(field: QWidget) -> None:
    """The keyboard to the field's window (its shortcuts work again)."""
    field.window().setFocus(Qt.FocusReason.OtherFocusReason)
    if field.hasFocus():            # a field alone, no window to take it
        field.clearFocus()


def _text(field) -> str:
    return field.lineEdit().text() if isinstance(field, QAbstractSpinBox) else field.text()


def _restore(field, text: str) -> None:
    """The text of the moment the field was entered, without applying anything new: a
    spin box shows its value again (what was typed since was never applied)."""
    if isinstance(field, QAbstractSpinBox):
        field.lineEdit().setText(text)
    elif isinstance(field, QLineEdit):
        field.setText(text)


# --- a field whose value does not apply now -----------------------------------------
# (the noise seed with no noise, the clip bound with clipping off, a run's own η while it
# shares the common one, the mini-batch size outside mini-batch mode): greyed and
# read-only, not disabled. A disabled field takes no click: the keyboard stayed with the
# window, so letters typed after clicking it were the window's keys (B blacked the
# screen out, 1 2 3 switched tabs, R reset the run). A read-only one takes the click and
# refuses what is typed; Enter or Escape hands the keys back as in any field.
_GREYED = "greyedField"          # the property that says the field does not apply now
_TEXT_ROLES = (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText)


class _GreyedKeys(QObject):
    @qt_override
    def eventFilter(self, field, event):
        # a read-only line edit leaves typed letters to the window's shortcuts: claimed
        # here, they reach the field, which refuses them
        if (event.type() == QEvent.Type.ShortcutOverride and field.property(_GREYED)
                and event.text().isprintable() and event.text()
                and not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                              | Qt.KeyboardModifier.KeypadModifier)):
            event.accept()
            return True
        return False


def set_applies(field: QAbstractSpinBox, applies: bool) -> None:
    """Greyed and read-only when the field's value does not apply now; as usual when it
    does. Its text takes the theme's disabled colour (the same in light and dark)."""
    field.setReadOnly(not applies)
    field.setProperty(_GREYED, not applies)
    if not applies and not field.property("_greyedKeys"):
        field.setProperty("_greyedKeys", True)
        field.installEventFilter(_GreyedKeys(field))
    edit = field.lineEdit()
    if applies:
        edit.setPalette(QPalette())       # nothing set: the theme's colours again
        return
    palette = edit.palette()
    app = QApplication.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role in _TEXT_ROLES:
            palette.setColor(group, role, app.color(QPalette.ColorGroup.Disabled, role))
    edit.setPalette(palette)


def applies(field: QAbstractSpinBox) -> bool:
    """False while the field is greyed (set_applies(field, False))."""
    return not field.property(_GREYED)
