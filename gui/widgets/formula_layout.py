"""Where the typeset formulas go in the formula panel: flowed into rows that wrap, the
whole set shrunk to fit the panel's height (down to MIN_FIT), and, when even that does
not fit, the partial derivatives that ∇f already lists in full left out, before the
panel has to scroll. Plain geometry on the equations' sizes (no painting)."""
from __future__ import annotations

from PySide6.QtCore import QRectF

MARGIN = 10            # px inside the frame
GAP_X = 44             # between equations in a row
GAP_Y = 10             # between rows
MIN_FIT = 0.6          # a set that does not fit shrinks to fit, down to this; then scrolls


def flow(equations, width: float, fit: float) -> tuple[list[QRectF], float]:
    """Rectangles of the equations (each with .width, .height, .baseline in px) drawn at
    `fit` × their size, flowed into rows `width` px wide (one wider than a row shrinks
    further, to MIN_FIT × its size), and the height they take."""
    avail = max(50.0, width - 2 * MARGIN)
    rows, row, x = [], [], 0.0
    for eq in equations:
        scale = max(MIN_FIT, min(fit, avail / eq.width))
        w = eq.width * scale
        if row and x + w > avail:
            rows.append(row)
            row, x = [], 0.0
        row.append((eq, scale, x))
        x += w + GAP_X * fit
    if row:
        rows.append(row)
    rects, y = [], 0.0
    for row in rows:
        ascent = max(eq.baseline * k for eq, k, _ in row)
        descent = max((eq.height - eq.baseline) * k for eq, k, _ in row)
        for eq, k, x in row:
            top = y + ascent - eq.baseline * k
            rects.append(QRectF(MARGIN + x, top, eq.width * k, eq.height * k))
        y += ascent + descent + GAP_Y * fit
    return rects, max(0.0, y - GAP_Y * fit)


def fit_into(equations, width: int, height: int) -> tuple[list[QRectF], float, float]:
    """The equations fitted into a `width` × `height` panel: their rectangles (rows
    centred vertically when they fit), the height of the set with its margins (more
    than `height`: it scrolls) and the fit, the largest factor ≤ 1 at which the set
    fits (MIN_FIT when even that does not)."""
    room = height - 2 * MARGIN
    lo, hi = MIN_FIT, 1.0
    if flow(equations, width, hi)[1] > room:
        for _ in range(12):             # bisection: the fit to within 0.02 %
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if flow(equations, width, mid)[1] <= room else (lo, mid)
        hi = lo
    rects, used = flow(equations, width, hi)
    top = MARGIN + max(0.0, (room - used) / 2)
    return [r.translated(0, top) for r in rects], used + 2 * MARGIN, hi


def fit_dropping(equations, droppable: set[int], width: int, height: int):
    """`fit_into` for the whole set; if that would scroll, for the set without the
    equations at the indices `droppable` (∂f/∂x, ∂f/∂y when ∇f shows them in full:
    Himmelblau's H was scrolled out of a 1280-pixel panel by its own partials). Returns
    (rects, one per equation, an empty QRectF for each left out), the set's height, the
    fit, and the indices left out."""
    rects, used, fit = fit_into(equations, width, height)
    if used <= height + 0.5 or not droppable:
        return rects, used, fit, set()
    kept = [i for i in range(len(equations)) if i not in droppable]
    kept_rects, used, fit = fit_into([equations[i] for i in kept], width, height)
    rects = [QRectF() for _ in equations]
    for i, rect in zip(kept, kept_rects):
        rects[i] = rect
    return rects, used, fit, set(droppable)
