"""Where the typeset formulas go in the formula panel: flowed into rows that wrap, the
whole set shrunk to fit the panel's height (down to MIN_FIT); before it shrinks past
READABLE_FIT, an equation with a shorter form shows that (∇f by its definition, H with
its common factor out, then its numbers at the iterate), and only past MIN_FIT does
the panel scroll. Plain geometry on the equations' sizes (no painting)."""
from __future__ import annotations

from PySide6.QtCore import QRectF

from gui.compute.typesetting import display_tex

MARGIN = 10            # px inside the frame
GAP_X = 44             # between equations in a row
GAP_Y = 10             # between rows
MIN_FIT = 0.6          # a set that does not fit shrinks to fit, down to this; then scrolls
READABLE_FIT = 0.85    # shrunk more than this, a lecture's formulas are too small to read
CLEAR_GAIN = 0.05      # ... and a shorter form that does not reach it must gain this much


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


def fit_shortening(forms, width: int, height: int):
    """`fit_into` for the equations' first forms; while that set would scroll or shrink
    below READABLE_FIT, the next shorter form of an equation that has one (`forms`: per
    equation, its forms, longest first; every equation's second form, the earlier
    equations' first, then every third). Returns (rects,
    the set's height, the fit, the chosen form's index per equation): the first set
    that fits readably, else the shortest (shrunk to fit, or scrolling)."""
    choice = [0] * len(forms)
    # every equation's first shorter form before any one's second: ∇f of three variables
    # in one line with its entries, then by its definition; its definition came before
    # H's numbers were tried, and the row with them, which fit, never was
    steps = sorted(((i, k) for i, kinds in enumerate(forms) for k in range(1, len(kinds))),
                   key=lambda step: (step[1], step[0]))
    best = None
    for step in [None] + steps:
        if step is not None:
            choice[step[0]] = step[1]
        laid = fit_into([kinds[c] for kinds, c in zip(forms, choice)], width, height)
        scrolls = laid[1] > height + 0.5
        if not scrolls and laid[2] >= READABLE_FIT:
            return (*laid, choice)
        # else the best so far: a shorter form must gain clearly (Rosenbrock's formula
        # for H, not its numbers, for 0.82 instead of 0.79 of the size)
        if best is None or best[0] or (not scrolls and laid[2] > best[1][2] + CLEAR_GAIN):
            best = (scrolls, (*laid, list(choice)))
    return best[1]


def fit_making_way(forms, width: int, height: int, bar: float, repeated: set, grad):
    """`fit_shortening`, `bar` px narrower where the set scrolls (nothing under the scroll
    bar). Where that still scrolls, the partials ∇f lists in full (`repeated`; `grad` its
    index, held to that full form) make way, if the rest then fits without scrolling:
    presenting Himmelblau at 720p, H was cut in half under a scroll bar. The chosen form
    per equation is -1 for one left out."""
    def laid(subset):
        got = fit_shortening(subset, width, height)
        return got if got[1] <= height + 0.5 else fit_shortening(subset, width - bar, height)
    full = laid(forms)
    full_scrolls = full[1] > height + 0.5
    if not repeated or not full_scrolls:
        return full
    kept = [i for i in range(len(forms)) if i not in repeated]
    fewer = laid([forms[i][:1] if i == grad else forms[i] for i in kept])
    if fewer[1] > height + 0.5:
        return full
    choice = [-1] * len(forms)
    for i, c in zip(kept, fewer[3]):
        choice[i] = c
    return (*fewer[:3], choice)


def repeated_partials(formulas, variables) -> set[int]:
    """Indices of the ∂f/∂v that ∇f, typeset in full, lists again."""
    grad = next((f for f in formulas if f.label == r"\nabla f"), None)
    if grad is None or display_tex(grad, variables) != f"{grad.label} = {grad.latex}":
        return set()
    return {i for i, f in enumerate(formulas) if f.label.startswith(r"\frac{\partial f}")}


def without_repeated_partials(formulas, variables) -> tuple:
    """Three or more variables: ∇f typeset in full lists every ∂f/∂v already; showing
    them again too would push the views off a 720-pixel screen (six variables). (Two
    variables keep them, and ∇f shows its definition where they do not fit.)"""
    if len(variables) < 3:
        return formulas
    repeated = repeated_partials(formulas, variables)
    return tuple(f for i, f in enumerate(formulas) if i not in repeated)
