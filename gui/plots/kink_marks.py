"""Kinks drawn as the critical points are: |x| has its minimum at 0 and |x| + |y| at
(0, 0), yet engine.calculus.critical_points finds none there (∇f is never 0: it jumps),
so the views mark what engine.kinks finds beside the critical points."""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numpy as np

from engine import kinks
from engine.kinks import derivative_jumps, kink_minimum, kinks_1d

class KinkPoint(NamedTuple):
    """A kink as the critical-point markers and labels read one: point (d,), value, kind."""
    point: np.ndarray
    value: float
    kind: str


@lru_cache(maxsize=16)
def may_have_kinks(f) -> bool:
    # cached: asked at every hover and drag step (engine.kinks.may_have_kinks walks f)
    return kinks.may_have_kinks(f)


def kink_points(f, window) -> list[KinkPoint]:
    """The kink minima and maxima of f of one variable on window ((lo, hi),) and the
    lowest kink minimum of f of two on window ((lo, hi), (lo, hi)); [] for a smooth f."""
    if f is None or f.dimension != len(window) or not may_have_kinks(f):
        return []
    if f.dimension == 1:
        return [KinkPoint(np.array([k.x]), k.value, k.kind) for k in kinks_1d(f, window[0])]
    found = kink_minimum(f, window) if f.dimension == 2 else None
    return [KinkPoint(found[0], found[1], "minimum")] if found else []


def jumps_at(f, point) -> list:
    """engine.kinks.derivative_jumps of f at `point` (d,); [] at once for a smooth f."""
    return derivative_jumps(f, point) if may_have_kinks(f) else []
