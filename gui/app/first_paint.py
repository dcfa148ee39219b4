"""The window before its formula: what a plain start shows at its first paint, and a
hook to run the rest (the load) right after that paint. The formula is then read
without sympy (read_ahead: engine.numeric_expression), or parsed by a thread that
imports sympy (ParsedAhead) when that reader refuses it.

Loading the explorer's formula parses it, and the parser is built on sympy (~0.5 s of
imports and first use). A lecturer should see the window before that: so the window
is shown first, looking as it will once loaded (the formula in the editor, the
example's caption, the tab and views of the last session), and the load follows in
the event loop's next turn. Only the plots fill in afterwards, as they always did
when their analysis came back.
"""
from __future__ import annotations

import math
import threading

from PySide6.QtCore import QEvent, QObject, QTimer

from gui.app.session import SessionError, load_session
from gui.compute.qt_guard import qt_override


class _FirstPaint(QObject):
    """Calls its callbacks once, in order, in the event loop's next turn after the
    watched widget first painted."""

    def __init__(self, widget):
        super().__init__(widget)
        self.callbacks = []
        widget.installEventFilter(self)

    @qt_override
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and self.callbacks:
            obj.removeEventFilter(self)
            # A top-level window paints all its widgets, then flushes to the screen, in
            # one turn of the event loop (this is its first widget): a timer runs after.
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self):
        callbacks, self.callbacks = self.callbacks, []
        for then in callbacks:
            then()


def run_after_first_paint(widget, then) -> None:
    """Run `then()` once `widget` (a top-level window, shown later) has painted for the
    first time; several run in the order given."""
    waiting = widget.findChild(_FirstPaint)
    if waiting is None or not waiting.callbacks:
        waiting = _FirstPaint(widget)
    waiting.callbacks.append(then)


class ParsedAhead(threading.Thread):
    """Imports the parser (sympy), parses `texts` and compiles what the first analysis
    of a 2-D f asks for (f, then f and ∇f together), in a thread started after the
    first paint: meanwhile the GUI thread builds the 3-D view. A load takes the
    Expression of its text (`parsed`) instead of parsing it again, and its analysis
    finds f and ∇f compiled. Two texts when a last session will be restored: the
    preset loads first, then the session. Never raises: a text that does not parse is
    left to the load, which says what is wrong with it."""

    def __init__(self, *texts: str):
        super().__init__(daemon=True, name="parse ahead")
        self.texts = tuple(dict.fromkeys(texts))          # in order, once each
        self._expressions = {}
        self._parsed = {text: threading.Event() for text in self.texts}  # f compiled, or failed

    @qt_override        # not Qt's, but a thread's run as QRunnable.run: guarded alike
    def run(self):
        try:
            from engine.expression import parse        # our own parser: no eval
            for text in self.texts:
                try:
                    expression = parse(text).compile(hessian=False, gradient=False,
                                                     value_gradient=False)
                    self._expressions[text] = expression
                except Exception:   # noqa: BLE001 - ahead of time only; the load reports it
                    pass
                self._parsed[text].set()
            # the rest of what the analyses compile: a load that needs it before it is
            # done waits for it (Python 3.11's cached_property locks) or compiles it too
            for expression in list(self._expressions.values()):
                expression.compile(hessian=False, gradient=False)
        except Exception:   # noqa: BLE001 - ahead of time only; the load compiles what it needs
            pass
        finally:
            for parsed in self._parsed.values():
                parsed.set()

    def parsed(self, text: str, timeout_s: float = 10.0):
        """The Expression of `text` (waiting until it is parsed and f compiled), or None
        for another text, one that did not parse, or a wait that ran out."""
        if text not in self._parsed or not self._parsed[text].wait(timeout_s):
            return None
        return self._expressions.get(text)

    def all_parsed(self, timeout_s: float = 10.0) -> dict:
        """{text: Expression} of the texts that parsed (waiting for each, as `parsed`)."""
        found = {text: self.parsed(text, timeout_s) for text in self.texts}
        return {text: e for text, e in found.items() if e is not None}


def warm_up_parser(*texts: str) -> ParsedAhead:
    """Start parsing `texts` ahead in a thread (ParsedAhead) and return it. Imported
    sympy there, a load's own parse would also find it warm (its first sum imports
    sympy.tensor, ~0.2 s)."""
    thread = ParsedAhead(*texts)
    thread.start()
    return thread


class ReadAhead:
    """A plain start's formulas read without sympy (engine.numeric_expression): the
    first analysis shows them at once, and the analysis worker parses them again with
    sympy after the first analysed 3-D frame (AnalysisWorker.exact_later)."""

    def __init__(self, expressions: dict):
        self._expressions = expressions

    def all_parsed(self, timeout_s: float = 10.0) -> dict:
        """{text: NumericExpression}, as ParsedAhead.all_parsed."""
        return dict(self._expressions)


def read_ahead(*texts: str):
    """ReadAhead of `texts` when engine.numeric_expression reads every one (a ms each);
    else warm_up_parser(*texts): sympy imported and the texts parsed in a thread."""
    from engine.numeric_expression import parse_numeric
    found = {text: parse_numeric(text) for text in dict.fromkeys(texts)}
    if all(e is not None for e in found.values()):
        return ReadAhead(found)
    return warm_up_parser(*texts)


def first_look(session, preset: dict, restore_last: bool) -> dict:
    """What the explorer will show once loaded, read without parsing anything:
    {"text": the formula, "caption": the example's caption or "", "tab", "focus", and
    the session's "window" when it has one}.
    From the last session when it will be restored (its load checks it; a part that
    does not look right here is left as the preset has it), else from `preset`."""
    look = {"text": preset["expr"], "caption": preset.get("caption", ""),
            "tab": "explorer", "focus": "both"}
    path = session.last_session_path()
    if not (restore_last and session.restore_enabled and path.exists()):
        return look
    try:
        data = load_session(path)
    except SessionError:
        return look                      # the load says what is wrong with it
    explorer, view = data.get("explorer"), data.get("view")
    if isinstance(explorer, dict) and isinstance(explorer.get("text"), str):
        example = explorer.get("preset")
        caption = example.get("caption") if isinstance(example, dict) else None
        look.update(text=explorer["text"], caption=caption if isinstance(caption, str) else "")
        if _is_window(explorer.get("window")):
            look["window"] = tuple(tuple(map(float, w)) for w in explorer["window"])
    if isinstance(view, dict):
        look.update({k: view[k] for k in ("tab", "focus") if isinstance(view.get(k), str)})
    return look


def show_first_look(window, look: dict) -> None:
    """Put `look` (see first_look) on the window's widgets without the model: the
    model's load, later, sets the same through its signals."""
    from gui.app.main_window import TABS
    from gui.explorer.tab import FOCUS_MODES

    window.editor.line_edit.setText(look["text"])
    window.caption.setText(look["caption"])
    if look["focus"] in FOCUS_MODES:
        window.set_focus_mode(look["focus"])
    if look["tab"] in TABS:
        window.show_tab(look["tab"])
    if len(look.get("window", ())) == 1:     # one variable: its curve, framed (2-D: as built)
        window.explorer.show_before_f(look["window"], look["text"])


def _is_window(window) -> bool:
    """Whether a session's `window` looks right: finite (lo, hi) pairs, lo < hi."""
    return isinstance(window, list) and len(window) > 0 and all(
        isinstance(w, list) and len(w) == 2
        and all(isinstance(v, (int, float)) and math.isfinite(v) for v in w) and w[0] < w[1]
        for w in window)
