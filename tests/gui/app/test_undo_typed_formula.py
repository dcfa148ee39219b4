"""A formula typed in one burst is one step of Undo. The lecturer's walkthrough typed
x^4 - 4x^3 + 4x^2 and then sin(x)*cos(y) over the formula, and Ctrl+Z went
sin·cos → x⁴ … → f(x) = x → x² + 2y²: the first key's one-letter formula (drawn while
the next keys waited behind its views) and the text left while the rest of a name was
typed had become steps of their own (gui/app/undo_history.py)."""
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.app import undo_history
from gui.app.undo_history import DEBOUNCE_MS, TYPING_PAUSE_MS
from tests.gui.app.lecture_helpers import SLOW_MS
from tests.gui.app.test_lecture_undo import _key, _settle


def _type_over(window, qtbot, text, between):
    field = window.explorer.editor.line_edit
    field.setFocus()
    field.selectAll()
    for ch in text:
        qtbot.keyClick(field, ch)
        between()
    history = window.lecture_commands.undo_history
    qtbot.waitUntil(lambda: window.model.text == text, timeout=SLOW_MS)
    assert window.model.wait_for_analysis(SLOW_MS)
    qtbot.waitUntil(lambda: not history._timer.isActive(), timeout=SLOW_MS)   # the pause


def _undo_brings_back(window, qtbot, text):
    from PySide6.QtCore import Qt
    _key(qtbot, window, Qt.Key.Key_Z)
    _settle(window, qtbot)
    assert window.model.text == text
    # and no step of a prefix typed on the way is left below it: Undo is greyed out
    assert not window.lecture_commands.actions["undo"].isEnabled()


def test_keys_queued_behind_a_slow_first_key_are_the_same_step(window, qtbot):
    """Each key's views take longer than Undo's pause (a busy projector laptop): the
    pause timer comes due while the next key waits in the queue."""
    _settle(window, qtbot)
    before = window.model.text

    def busy_drawing():
        QApplication.processEvents()          # the key reaches the model: f drawn ...
        time.sleep(1.5 * DEBOUNCE_MS / 1000)  # ... for longer than the pause,
        QApplication.processEvents()          # the timers due run before the next key
    _type_over(window, qtbot, "x^4 - 4x^3 + 4x^2", busy_drawing)
    _undo_brings_back(window, qtbot, before)


def test_the_rest_of_a_name_typed_is_the_same_step(window, qtbot):
    """sigmoid's letters change nothing until the name is whole (the editor waits for
    it): typed at speed, they are part of the burst, not a pause after "x + " (which
    left f(x) = x, and the formula of before shown for the refused "x + ", as steps)."""
    _settle(window, qtbot)
    before = window.model.text
    # keys a quarter of a typist's pause apart: room for a loaded machine's late keys
    # (at load 9 the keys of DEBOUNCE_MS // 3 came more than a pause apart)
    _type_over(window, qtbot, "x + sigmoid(y)", lambda: qtbot.wait(TYPING_PAUSE_MS // 4))
    _undo_brings_back(window, qtbot, before)


def test_a_slow_typist_s_formula_is_one_step(window, qtbot):
    """Half a second a key (hunting for ^ on the lecture laptop): every prefix drawn,
    x, x^, x^3, x^3 -, … had become a step of Undo of its own (each f change's pause was
    300 ms)."""
    _settle(window, qtbot)
    before = window.model.text
    _type_over(window, qtbot, "x^3 - y", lambda: qtbot.wait(DEBOUNCE_MS + 200))
    _undo_brings_back(window, qtbot, before)


def test_enter_ends_the_typed_burst(window, qtbot, monkeypatch):
    """After Enter the next change is a step of its own, even right after the last key:
    the learning rate set half a second after typing a formula is undone alone. (A
    typist's pause made endless here: however slow the machine, only Enter ends it.)"""
    monkeypatch.setattr(undo_history, "TYPING_PAUSE_MS", 600_000)
    _settle(window, qtbot)
    field = window.explorer.editor.line_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "x^2 + 3y^2")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.text == "x^2 + 3y^2", timeout=SLOW_MS)
    assert window.model.wait_for_analysis(SLOW_MS)
    qtbot.wait(DEBOUNCE_MS + 200)           # a short pause, well within a typist's
    lr = window.model.settings.lr
    window.model.set_settings(lr=lr / 2)
    history = window.lecture_commands.undo_history
    qtbot.waitUntil(lambda: not history._timer.isActive(), timeout=SLOW_MS)
    _key(qtbot, window, Qt.Key.Key_Z)
    _settle(window, qtbot)
    assert (window.model.text, window.model.settings.lr) == ("x^2 + 3y^2", lr)


def test_enter_ends_the_burst_on_a_loop_that_is_always_late(window, qtbot, monkeypatch):
    """On a busy machine every timeout of Undo's pause comes late; a late one used to wait
    again (keys might be queued behind), also after Enter, when no key of the burst can
    be: the learning rate set half a second after Enter was merged into the formula's
    step (CI, 3 workers on 2 cores). Every timeout counted late here: Enter still ends it."""
    monkeypatch.setattr(undo_history, "LATE_MS", -600_000)
    test_enter_ends_the_typed_burst(window, qtbot, monkeypatch)
