"""LaTeX → SVG with ziamath (pure Python, no TeX install), off the GUI thread, cached.

ziamath needs 25–60 ms for a short equation and seconds for a big Hessian (its
layout measures nested rows twice per level), so the typesetting runs in one
worker thread, newest request first, and every SVG is cached by its LaTeX text.
"""
from __future__ import annotations

import re
from collections import OrderedDict

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_ziamath = None


def _typesetter():
    """ziamath, imported on first use: its 0.6 s import (fonts) stays out of start-up."""
    global _ziamath
    if _ziamath is None:
        import ziamath
        # QtSvg draws SVG 1.1/Tiny: SVG 2 <symbol>+<use href> glyphs come out blank.
        ziamath.config.svg2 = False
        _ziamath = ziamath
    return _ziamath

BASE_SIZE = 22            # font size in px at scale 1
TYPESET_MAX_CHARS = 700   # ziamath needs seconds beyond this: such equations show as text
TEXT_COLOUR = "#1a1a1a"   # near-black on the light background
_CACHE_SIZE = 512

_FENCES = {"(": ")", "[": "]", "|": "|"}
_TALL = ("\\frac", "\\begin", "\\sum", "\\int", "\\left")
_FENCE = re.compile(r"\\(left|right)(\(|\)|\[|\]|\|)")
# a minus that opens a group is a sign: "{-}" keeps ziamath from spacing it as "a − b"
_UNARY_MINUS = re.compile(r"(^|[(\[{=&]|\\\\|\\begin\{matrix\})\s*-")


def tidy_latex(tex: str) -> str:
    """Make sympy's LaTeX quicker and nicer to typeset, meaning unchanged.

    sympy writes \\left( … \\right) around every argument; stretchy fences around
    flat content look the same as plain ones but double ziamath's work per level,
    so they become plain brackets unless they hold something tall (a fraction, a
    matrix). A leading minus is a sign, matrix columns get a little more air.
    """
    out, stack = [], []          # stack: index in `out` of each open \left token
    pos = 0
    for m in _FENCE.finditer(tex):
        out.append(tex[pos:m.start()])
        pos = m.end()
        if m.group(1) == "left":
            stack.append(len(out))
            out.append(m.group(0))
        elif stack:
            start = stack.pop()
            inner = "".join(out[start + 1:])
            if any(t in inner for t in _TALL):
                out.append(m.group(0))
            else:
                out[start] = out[start][len("\\left"):]
                out.append(m.group(2))
        else:
            out.append(m.group(0))
    out.append(tex[pos:])
    tex = _UNARY_MINUS.sub(r"\1{-}", "".join(out))
    return tex.replace("&", r"\;&\;").replace(r"\nabla f", r"\nabla\! f")


def render_svg(tex: str, size: float = BASE_SIZE) -> str:
    """The SVG text of one displayed equation; raises whatever ziamath raises."""
    return _typesetter().Latex(tidy_latex(tex), size=size, color=TEXT_COLOUR).svg()


_PLAIN_SYMBOLS = [(r"\left", ""), (r"\right", ""), (r"\partial ", "∂"), (r"\nabla ", "∇"),
                  (r"\sigma", "σ"), (r"\pi", "π"), (r"\cdot", "·"), (r"\operatorname", ""),
                  (r"\begin{matrix}", "["), (r"\end{matrix}", "]"), ("\\\\", "; "),
                  (r"\;&\;", ", "), ("&", ", ")]
_PLAIN_GROUPS = [  # innermost first, repeated until nothing changes
    (re.compile(r"\^\{([^{}]*)\}"), r"^(\1)"),
    (re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}"), r"(\1)/(\2)"),
    (re.compile(r"\\sqrt\{([^{}]*)\}"), r"√(\1)"),
    (re.compile(r"(?<!\\frac)(?<!\})(?<!\\sqrt)(?<!\^)\{([^{}]*)\}"), r"\1"),
]


def plain_text(tex: str) -> str:
    """A readable-enough plain rendering for when typesetting fails."""
    for a, b in _PLAIN_SYMBOLS:
        tex = tex.replace(a, b)
    for _ in range(200):                      # bounded: each pass removes a brace pair
        before = tex
        for pattern, repl in _PLAIN_GROUPS:
            tex = pattern.sub(repl, tex)
        if tex == before:
            break
    tex = re.sub(r"\^\(([\w.]+)\)", r"^\1", tex)    # x^(2) → x^2
    tex = re.sub(r"\((\w+)\)/\((\w+)\)", r"\1/\2", tex)
    tex = tex.replace("\\", "")
    return re.sub(r"\s+\)", ")", re.sub(r"\s+", " ", tex)).strip()


class _Job(QRunnable):
    def __init__(self, renderer, request_id, texts):
        super().__init__()
        self.renderer, self.request_id, self.texts = renderer, request_id, texts

    def run(self):
        try:
            for tex in self.texts:
                if self.request_id != self.renderer._latest:   # superseded: stop early
                    return
                try:
                    svg = render_svg(tex)
                except Exception:   # noqa: BLE001 - any ziamath failure: show as text
                    svg = None
                self.renderer._done.emit(self.request_id, tex, svg)
        except RuntimeError:        # the renderer was deleted while we typeset: nobody waits
            pass


class LatexRenderer(QObject):
    """request(texts) → rendered(request_id, tex, svg or None) for each, in order.

    `svg(tex)` answers from the cache; None as a cached value means ziamath failed.
    """
    rendered = Signal(int, str, object)
    _done = Signal(int, str, object)      # from the pool thread, queued to ours

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._cache: OrderedDict[str, str | None] = OrderedDict()
        self._latest = 0
        self._done.connect(self._on_done)

    def cached(self, tex: str) -> bool:
        return tex in self._cache

    def svg(self, tex: str) -> str | None:
        return self._cache.get(tex)

    def request(self, texts) -> int:
        """Typeset the texts not cached yet; returns the request id (older ones stop)."""
        self._latest += 1      # only this (GUI) thread writes it
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        for tex in [t for t in missing if len(t) > TYPESET_MAX_CHARS]:
            self._cache[tex] = None                  # known at once: "show as text"
            missing.remove(tex)
        if missing:
            self._pool.start(_Job(self, self._latest, missing))
        return self._latest

    def _on_done(self, request_id, tex, svg):
        self._cache[tex] = svg
        self._cache.move_to_end(tex)
        while len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        self.rendered.emit(request_id, tex, svg)

    def shutdown(self) -> None:
        self._latest += 1              # a running job stops at its next equation
        self._pool.waitForDone(5000)
