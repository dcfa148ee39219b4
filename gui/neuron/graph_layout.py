"""Where the neuron graph's boxes go, in scene units (the text is 28–29 units high).

Three layouts of the same nodes, from the widest to the narrowest:
  * wide: four columns, inputs → z → output → L, the gaps spread over the view's width;
  * folded: the loss under the output, the target left of it;
  * stacked: z, output and L one under the other right of the inputs, the target left
    of the loss.
The view draws its text at a size that follows the application's text size (Ctrl++,
presenting), as the Explorer's plots do, and takes the widest layout that fits its width
at that size (`choose_layout`): a larger text size folds the graph rather than shrinking
its text to the width.
"""
from __future__ import annotations

from dataclasses import dataclass

# Each node's column (0 inputs … 3 loss), centre height and size (w, h). Rows are as low
# as three lines of text (w, b at the update stage) let them be. Boxes as narrow as their
# widest text lets them be (∂L/∂b = 0.00941723, output = ReLU(z), L = ½(output − target)²).
NODE_PLACES = {
    "x": (0, 29, 300, 48), "w": (0, 121, 300, 112), "b": (0, 245, 300, 112),
    "z": (1, 121, 200, 80), "output": (2, 121, 270, 80),
    "loss": (3, 121, 370, 80), "target": (3, 255, 220, 48),
}
COLUMN_WIDTHS = (300, 200, 270, 370)
# Least gaps: the first keeps b→z below w→z's one-line label, the others fit the
# widest label ("= 0.0502601", 200 units) before the arrowhead.
COLUMN_GAPS = (320, 210, 245)
MARGIN = 10
SCENE_H = 306              # every box and label fits inside
SMALLEST_W = sum(COLUMN_WIDTHS) + sum(COLUMN_GAPS) + 2 * MARGIN
TEXT_UNITS = 28            # the smallest text's height in scene units (values, edges)
# The graph's text drawn this much larger than the body text: it is what the tab is
# about. No more: at 1280×720 presenting at text size 2.0 (F11, Ctrl++ twice) the graph
# still folds, on one screen with the x, w, b row, the stage and its formula (2.5 and
# larger stack, and the page scrolls); at text size 1 it keeps the landscape below its
# third of the height (1.2 took 10 px of it).
TEXT_OVER_BODY = 1.05


@dataclass(frozen=True)
class GraphLayout:
    """One arrangement: node -> (centre x, centre y, w, h), in a `width`×`height` scene."""
    name: str
    places: dict
    width: float
    height: float


def wide_layout(width: float) -> GraphLayout:
    """The four columns in a scene `width` units wide (at least SMALLEST_W): the
    columns keep their widths, the gaps share what is left over."""
    width = max(float(width), SMALLEST_W)
    extra = (width - SMALLEST_W) / 3
    lefts = [MARGIN + sum(COLUMN_WIDTHS[:c]) + sum(COLUMN_GAPS[:c]) + c * extra
             for c in range(4)]
    places = {key: (lefts[c] + COLUMN_WIDTHS[c] / 2, cy, w, h)
              for key, (c, cy, w, h) in NODE_PLACES.items()}
    return GraphLayout("wide", places, width, SCENE_H)


_INPUTS_AND_Z = {key: wide_layout(SMALLEST_W).places[key] for key in ("x", "w", "b", "z")}
# The gap under the output holds ∂L/∂output's two lines beside its arrow.
FOLDED = GraphLayout("folded", dict(
    _INPUTS_AND_Z, output=wide_layout(SMALLEST_W).places["output"],
    loss=(1175, 321, 370, 80), target=(730, 321, 220, 48)), 1395, 371)
# z's column goes down: ∂output/∂z and ∂L/∂output beside their arrows (to the right,
# as the folded layout's), 120 units between the boxes for an arrow and its label.
STACKED = GraphLayout("stacked", dict(
    _INPUTS_AND_Z, output=(730, 321, 270, 80), loss=(730, 521, 370, 80),
    target=(160, 521, 220, 48)), 960, 571)


def choose_layout(view_width: float, px_per_unit: float) -> tuple[GraphLayout, float]:
    """The widest layout that fits `view_width` px drawn at `px_per_unit` (the wide one
    as wide as the view), and the scale to draw it at: `px_per_unit`, or smaller only
    where even the stacked layout is wider than the view (no part is ever cut off)."""
    if SMALLEST_W * px_per_unit <= view_width:
        return wide_layout(view_width / px_per_unit), px_per_unit
    if FOLDED.width * px_per_unit <= view_width:
        return FOLDED, px_per_unit
    return STACKED, min(px_per_unit, view_width / STACKED.width)
