"""LaTeX → SVG with ziamath (pure Python, no TeX install), off the GUI thread, cached.

ziamath needs 25–60 ms for a short equation and seconds for a big Hessian (its
layout measures nested rows twice per level), so the typesetting runs in a child
process, newest request first, and every SVG is cached by its LaTeX text. The
typesetting itself is gui.compute.typesetting (re-exported here).
"""
from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, Signal

from gui.compute.typesetting import (BASE_SIZE, TEXT_COLOUR, TYPESET_MAX_CHARS,  # noqa: F401 - re-exported
                          plain_text, render_svg, tidy_latex)

_CACHE_SIZE = 512
# One cache for the process: an SVG depends on its LaTeX only, and the analysis
# process typesets the explorer's formulas before they are shown (provide()).
_cache: OrderedDict[str, str | None] = OrderedDict()


def provide(svgs: dict) -> None:
    """Cache SVGs typeset elsewhere ({latex: svg or None}), for every renderer."""
    for tex, svg in svgs.items():
        _store(tex, svg)


def _store(tex, svg):
    _cache[tex] = svg
    _cache.move_to_end(tex)
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)


class LatexRenderer(QObject):
    """request(texts) → rendered(request_id, tex, svg or None) for each, in order.

    `svg(tex)` answers from the cache; None as a cached value means ziamath failed.
    ziamath runs in a child process (gui.compute.symbolic_process): in a thread it held the
    GIL for hundreds of milliseconds, which the GUI thread's repaints waited for.
    """
    rendered = Signal(int, str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._latest = 0
        self._asked: list[str] = []       # the texts of the newest child request
        self._child = None                # started on the first text to typeset

    def cached(self, tex: str) -> bool:
        return tex in _cache

    def svg(self, tex: str) -> str | None:
        return _cache.get(tex)

    def request(self, texts) -> int:
        """Typeset the texts not cached yet; returns the request id (older ones stop)."""
        self._latest += 1
        missing = [t for t in dict.fromkeys(texts) if t not in _cache]
        for tex in [t for t in missing if len(t) > TYPESET_MAX_CHARS]:
            _store(tex, None)                   # known at once: "show as text"
            missing.remove(tex)
        self._asked = missing
        if missing or (self._child is not None and self._child.busy):
            self._typesetter_process().request(missing)   # an empty list stops the old job
        return self._latest

    def _typesetter_process(self):
        if self._child is None:
            from gui.compute.symbolic_process import ChildProcess
            self._child = ChildProcess("typeset", parent=self)
            self._child.item.connect(self._on_item)
            self._child.failed.connect(self._on_failed)
        return self._child

    def _on_item(self, _child_request, value):
        tex, svg = value
        _store(tex, svg)
        self.rendered.emit(self._latest, tex, svg)

    def _on_failed(self, _child_request, _message):
        # the process could not typeset at all: what is left shows as text
        for tex in [t for t in self._asked if t not in _cache]:
            _store(tex, None)
            self.rendered.emit(self._latest, tex, None)

    def stop(self) -> None:
        """Let the typesetting process go (e.g. while nobody sees the formulas); what
        was asked and not typeset yet is dropped, a later request starts a new one."""
        self._latest += 1
        if self._child is not None:
            self._child.stop()

    def shutdown(self) -> None:
        self._latest += 1
        if self._child is not None:
            self._child.shutdown()
