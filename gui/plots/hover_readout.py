"""The map's read-out of f and ∇f under the mouse, whole and in shorter forms for a
narrow bar: at 1280 × 720 while presenting the bar had 177 px and showed only
"x = −3.333, y = …", f and ∇f cut off. The forms drop the names, a digit, the spaces,
then the point (the mouse shows it) before the label cuts anything; the tooltip holds
the whole (gui.widgets.elided_label)."""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Signal

from gui.compute.qt_guard import qt_override
from gui.widgets.variable_names import display_name
from gui.widgets.number_text import compact

# the read-out's hint while the mouse is off the map, and its shorter forms: where the
# bar is narrow (the scenes panel open at 1280×720) whole phrases go, never "… · dr…"
HINT_FORMS = ("click: start here · shift+click: pin ∇f · wheel: zoom · drag: pan",
              "click: start here · wheel: zoom · drag: pan",
              "click: start · wheel: zoom · drag: pan", "click: start · wheel: zoom",
              "click: start here")


class MouseLeaveWatch(QObject):
    """`left` when the mouse leaves `widget` (a canvas's viewport): a read-out of the
    point under it goes back to its hint. The canvas's scene reports moves only, so the
    last point's values stayed after the mouse had gone to the side panel."""
    left = Signal()

    def __init__(self, widget):
        super().__init__(widget)
        widget.installEventFilter(self)

    @qt_override
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Leave:
            self.left.emit()
        return False


def number(v: float, digits: int = 4) -> str:
    return compact(v, digits)


def readout_forms(variables, point, value, grad, jumps=(), name: str = "f") -> tuple[str, ...]:
    """("x = 1.5, y = −2    f = 3.25    ∇f = (3, −8)", shorter forms …) for f of two
    variables at `point` (2,), its value and gradient (2,). `jumps` (engine.kinks.Jump):
    the partial derivatives that jump there; then ∇f is "none", and the first form says
    which jumps and how (the formula's sign(0) = 0 is no slope of f). `name`: the
    function's name written for f (the neuron's loss landscape: L)."""
    (a, b), (x, y), (gx, gy) = map(display_name, variables), point, grad
    f = name               # the function's name as the views write it (the loss: L)
    if not math.isfinite(value):
        # no ∇f where f has no value: log(x+y) at (−3.3, −3.3) read "f = nan  ∇f =
        # (−0.152, −0.152)", the formal 1/(x+y)
        why = f"{f} is undefined here (outside its domain)"
        return (f"{a} = {number(x)}, {b} = {number(y)}    {why}",
                f"({number(x)}, {number(y)})  {why}",
                f"({number(x, 3)}, {number(y, 3)})  {f} undefined", f"{f} undefined")
    if not (math.isfinite(gx) and math.isfinite(gy)):
        # √x + y² at x = 0: f = 0 but ∂f/∂x = 1/(2√x) has no value (read "∇f = (inf, 0)")
        which = " and ".join(f"∂{f}/∂{n}" for n, g in ((a, gx), (b, gy)) if not math.isfinite(g))
        return (f"{a} = {number(x)}, {b} = {number(y)}    {f} = {number(value)}    "
                f"∇{f}: none, {which} undefined here",
                f"({number(x)}, {number(y)})  {f} = {number(value)}  ∇{f}: none ({which} undefined)",
                f"{f} = {number(value, 3)}  ∇{f}: none, {which} undefined",
                f"{f}={number(value, 3)} ∇{f}: undefined")
    if jumps:
        names = (a, b)
        why = "; ".join(f"∂{f}/∂{names[j.axis]} jumps from {number(j.left)} to "
                        f"{number(j.right)}" for j in jumps)
        return (f"{a} = {number(x)}, {b} = {number(y)}    {f} = {number(value)}    "
                f"∇{f}: none, {f} is not differentiable here ({why})",
                f"({number(x)}, {number(y)})  {f} = {number(value)}  ∇{f}: none ({why})",
                f"{f} = {number(value, 3)}  ∇{f}: none, not differentiable here",
                f"{f}={number(value, 3)} ∇{f}: none (kink)")
    forms = [f"{a} = {number(x)}, {b} = {number(y)}    {f} = {number(value)}    "
             f"∇{f} = ({number(gx)}, {number(gy)})"]
    for digits, gap in ((4, "   "), (3, "  "), (3, " ")):
        n = lambda v: number(v, digits)      # noqa: E731
        forms.append(f"({n(x)}, {n(y)}){gap}{f} = {n(value)}{gap}∇{f} = ({n(gx)}, {n(gy)})")
    # the point last (the mouse and the axes show where it is): f and ∇f before all
    forms += [f"{f} = {number(value, 3)}  ∇{f} = ({number(gx, 3)}, {number(gy, 3)})",
              f"{f}={number(value, 3)} ∇{f}=({number(gx, 2)}, {number(gy, 2)})"]
    return tuple(forms)
