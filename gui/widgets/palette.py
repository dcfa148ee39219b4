"""Colours shared by every view: colour-blind-safe (Okabe–Ito) and perceptually uniform maps."""
from __future__ import annotations

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

# One fixed colour per optimizer, identical on every view (contour, surface, loss, table).
METHOD_COLOURS = {
    "gd": "#0072B2", "momentum": "#D55E00", "nesterov": "#009E73", "adagrad": "#CC79A7",
    "rmsprop": "#56B4E9", "adam": "#E69F00", "newton": "#000000",
}
# Adam is orange, not sky blue: gd (blue) against Adam is the most common comparison, and
# blue against sky blue is hard to tell apart on the contour map.
METHOD_LABELS = {
    "gd": "Gradient descent", "momentum": "Momentum", "nesterov": "Nesterov",
    "adagrad": "AdaGrad", "rmsprop": "RMSprop", "adam": "Adam", "newton": "Newton",
}

# Curves of the 1-D view: f, f', f''.
CURVE_COLOURS = {"f": "#0072B2", "df": "#D55E00", "d2f": "#009E73", "tangent": "#CC79A7",
                 "secant": "#E69F00"}

# Critical points: shape and colour by kind (shape carries the meaning, colour helps).
# No optimizer's colour (a green minimum read as Nesterov's current point, an orange
# maximum as Momentum's): lilac where minima sit (cividis' dark end 5:1, and 3:1 on
# the 1-D view's white), deep purple where maxima sit (its yellow end, 5:1), white on
# a saddle's middle grey (4:1); tests/gui/plots/test_critical_colours.py checks them.
CRITICAL_STYLE = {
    "minimum": ("o", "#9F7FEF"), "maximum": ("t1", "#6A1B9A"), "saddle": ("x", "#FFFFFF"),
    "inflection": ("d", "#7A4A12"), "degenerate": ("s", "#7F7F7F"),
}

COLORMAP = "cividis"     # perceptually uniform and colour-blind safe (pyqtgraph ships it)

# Inside a step (the optimizer lab): −η∇f, what the method adds to it (velocity,
# per-coordinate scaling, curvature), and the step taken (drawn in the run's colour).
STEP_ARROW_COLOURS = {"plain": "#6E6E6E", "correction": "#CC79A7"}
# Basins of attraction: one colour per attractor (cycled), diverged and unfinished starts.
BASIN_COLOURS = ["#56B4E9", "#E69F00", "#009E73", "#F0E442", "#CC79A7", "#0072B2",
                 "#D55E00", "#999999"]
BASIN_DIVERGED, BASIN_UNFINISHED = "#000000", "#FFFFFF"
# ∇f pinned at a point of the map (gui.plots.gradient_pins): its arrow, the iso-line
# through its base and the right-angle mark. Drawn over an opaque black halo, so every
# colour of cividis meets the pink (its dark end, 7:1) or the halo (its light end) at
# ≥ 3:1 (tests/gui/plots/test_gradient_pins.py); no optimizer's colour, not the field's white.
GRADIENT_PIN_COLOUR, GRADIENT_PIN_HALO = "#FF80EA", "#000000"
# The local quadratic model: its ellipses and Hessian eigen-axes.
QUADRATIC_COLOURS = {"ellipse": "#D55E00", "axis": "#000000"}
