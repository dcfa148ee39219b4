"""Inside a step: the selected run's update from θₖ to θₖ₊₁ written out stage by stage
with the numbers substituted, and the optimizer's state (velocity, Adam's m̂ and v̂,
the per-coordinate step size, AdaGrad's sum) as numbers.

Every number comes from the engine (`Path.points`, `Path.state`,
`engine.optimizer_lab.step_terms`); this module only writes them down.
"""
from __future__ import annotations

import math
import re

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from engine.optimizer_lab import step_terms
from gui.explorer.iterate_columns import cancelled, tiny
from gui.explorer.playback_controls import path_status
from gui.widgets import theme
from gui.compute.qt_guard import qt_override
from gui.widgets.number_text import compact

# The derivation's type size (pt at scale 1), largest first: 12 reads on a projector; it
# shrinks to 10.5 at most to show a whole step (Adam's six stages at 1280×720).
FONT_PT = (12, 11.5, 11, 10.5)
STEPS_MEASURED = 12     # the room for a step is that of the tallest of the first ones
SUB = str.maketrans("0123456789+", "₀₁₂₃₄₅₆₇₈₉₊")


def num(value: float) -> str:
    """A number as the iterate table writes it (number_text.compact: 6 significant
    digits, a true minus sign, no '-0', 2.073e−17): θₖ and ∇f(θₖ) read here as in the
    table beside it (4 digits read ∇f = 1.831 beside the table's 1.83105), and every
    other number of the derivation at that one precision."""
    if not math.isfinite(value):     # log 0, 1/0: no value, never "−∞" as one
        return "undefined"
    return compact(value)


def vec(values, zero=None) -> str:
    """(a, b, …), or a alone; components where `zero` (bool per component) is True are
    round-off of zero and written 0."""
    values = np.atleast_1d(np.asarray(values, dtype=float))
    if zero is not None:
        values = np.where(zero, 0.0, values)
    if len(values) == 1:
        return num(values[0])
    return "(" + ", ".join(num(v) for v in values) + ")"


_SHORT_VECTOR = re.compile(r"\(([^(),]*(?:, [^(),]*){1,2})\)")


def _vectors_unbroken(formula: str) -> str:
    """`formula` for rich text with its vectors of two or three components unbreakable:
    the box wrapped "(1.92, 0.72)" after its comma, one component per line. The formula
    still wraps between its terms (at " = ", " − ")."""
    return _SHORT_VECTOR.sub(lambda m: "(" + m.group(1).replace(", ", ",&nbsp;") + ")", formula)


def round_off_of_zero(path, k: int):
    """vec for step k's derivation: a component that is round-off of zero reads 0.

    Judged as the iterate table judges (iterate_columns.round_off_zero), against the
    derivation's numbers (θₖ, θₖ₊₁, ∇f(θₖ), the gradient used; at least 1): a coordinate
    whose θ or gradient is a cancellation residue (y = −2.2e−16 = −2⁻⁵², Momentum on
    x² + 2y² at step 2) makes every tiny number of that coordinate in the derivation
    round-off too — −η·∇f = 8.882e−17 there has a full mantissa after the product with η,
    but it is 0.1 × a residue, not a step. Nothing else reads 0: a number tiny beside the
    other components of its vector is written as computed, as the iterate table writes it
    (GD on x² + 2y² at η = 0.6 never reaches x = 0: x₃₈ = −7.69658e−27 beside
    y₃₈ = −750040)."""
    known = [np.atleast_1d(np.asarray(a, dtype=float)) for a in
             (path.points[k], path.points[k + 1], path.gradients[k],
              getattr(path, "used_gradients", path.gradients)[k])]
    finite = [np.abs(a[np.isfinite(a)]) for a in known]
    scale = max([1.0] + [float(a.max()) for a in finite if a.size])
    noisy = np.logical_or.reduce([cancelled(a, scale) for a in known])

    def written(values) -> str:
        values = np.atleast_1d(np.asarray(values, dtype=float))
        if values.shape != noisy.shape:
            return vec(values)
        return vec(values, tiny(values, scale) & (noisy | cancelled(values, scale)))
    return written


def _sub(k: int) -> str:
    return str(k).translate(SUB)


def update_lines(path, terms, k: int) -> list[tuple[str, str]]:
    """The stages of the step from points[k] to points[k+1] of a Path, each as
    (what it is, the formula with the numbers in). [] when no step was taken from k."""
    n = len(path.points)
    if not 0 <= k < n - 1:
        return []
    a, b = _sub(k), _sub(k + 1)
    theta, new = path.points[k], path.points[k + 1]
    g, used, lr = path.gradients[k], terms["used_gradient"][k], path.lr
    hyper, method = path.hyper, path.method
    vec = round_off_of_zero(path, k)
    lines = [("gradient", f"∇f(θ{a}) = {vec(g)}")]
    if not np.allclose(used, g, rtol=0, atol=0):
        lines.append(("gradient used (noise, clipping, weight decay)", f"g{a} = {vec(used)}"))
        gname = f"g{a}"
    else:
        gname = f"∇f(θ{a})"
    update = f"θ{b} = θ{a}"
    if method == "gd":
        lines.append(("update", f"{update} − η·{gname} = {vec(theta)} − {num(lr)}·{vec(used)}"
                                f" = {vec(new)}"))
    elif method in ("momentum", "nesterov") or "velocity" in terms:
        mu = hyper.get("momentum", 0.0)
        v_old = path.state["momentum_buffer"][k]
        v_new = terms["velocity"][k]
        damp = hyper.get("dampening", 0.0)
        first = f"(1 − {num(damp)})·" if damp and k > 0 else ""
        if method == "rmsprop":
            lines += _rmsprop_scale(path, terms, k, a, gname)
            lines.append(("velocity", f"v{b} = μ·v{a} + {gname}/(√s{b} + ε) = {num(mu)}·"
                                      f"{vec(v_old)} + {vec(terms['effective_lr'][k] * used / lr)}"
                                      f" = {vec(v_new)}"))
            lines.append(("update", f"{update} − η·v{b} = {vec(theta)} − {num(lr)}·"
                                    f"{vec(v_new)} = {vec(new)}"))
        else:
            lines.append(("velocity", f"v{b} = μ·v{a} + {first}{gname} = {num(mu)}·"
                                      f"{vec(v_old)} + {first}{vec(used)} = {vec(v_new)}"))
            if method == "nesterov":
                look = used + mu * v_new
                lines.append(("look-ahead", f"{gname} + μ·v{b} = {vec(look)}"))
                lines.append(("update", f"{update} − η·({gname} + μ·v{b}) = {vec(theta)} − "
                                        f"{num(lr)}·{vec(look)} = {vec(new)}"))
            else:
                lines.append(("update", f"{update} − η·v{b} = {vec(theta)} − {num(lr)}·"
                                        f"{vec(v_new)} = {vec(new)}"))
    elif method == "adam":
        b1 = hyper["betas"][0]
        lines.append(("mean of gradients (bias-corrected)",
                      f"m̂{b} = m{b} / (1 − β₁^{k + 1}) = {vec(path.state['exp_avg'][k + 1])}"
                      f" / (1 − {num(b1)}^{k + 1}) = {vec(terms['m_hat'][k])}"))
        lines.append(("mean of squared gradients",
                      f"v̂{b} = v{b} / (1 − β₂^{k + 1}) = {vec(terms['v_hat'][k])}"))
        lines.append(("step size per coordinate",
                      f"η / (√v̂{b} + ε) = {vec(terms['effective_lr'][k])}"))
        lines.append(("update", f"{update} − η/(√v̂{b} + ε) ⊙ m̂{b} = {vec(theta)} − "
                                f"{vec(terms['effective_lr'][k])} ⊙ {vec(terms['m_hat'][k])}"
                                f" = {vec(new)}"))
    elif method == "adagrad":
        lines.append(("sum of squared gradients",
                      f"G{b} = G{a} + {gname}² = {vec(path.state['sum'][k])} + "
                      f"{vec(used)}² = {vec(path.state['sum'][k + 1])}"))
        lines.append(("step size per coordinate",
                      f"η / (√G{b} + ε) = {vec(terms['effective_lr'][k])}"))
        lines.append(("update", f"{update} − η/(√G{b} + ε) ⊙ {gname} = {vec(theta)} − "
                                f"{vec(terms['effective_lr'][k])} ⊙ {vec(used)} = {vec(new)}"))
    elif method == "rmsprop":
        lines += _rmsprop_scale(path, terms, k, a, gname)
        lines.append(("update", f"{update} − η/(√s{b} + ε) ⊙ {gname} = {vec(theta)} − "
                                f"{vec(terms['effective_lr'][k])} ⊙ {vec(used)} = {vec(new)}"))
    elif method == "newton":
        step = terms["step"][k]
        lines.append(("Newton step (solves H·d = ∇f; η = " + num(lr) + ")",
                      f"η·H⁻¹{gname} = {vec(-step)}"))
        lines.append(("update", f"{update} − η·H⁻¹{gname} = {vec(theta)} − {vec(-step)} = "
                                f"{vec(new)}"))
    taken = f"θ{b} − θ{a} = {vec(terms['step'][k])}"
    if method != "gd":          # for plain GD itself the comparison only repeated its step
        taken += f"   (plain GD would step −η·{gname} = {vec(terms['plain_step'][k])})"
    lines.append(("the step taken", taken))
    return lines


def _rmsprop_scale(path, terms, k, a, gname):
    b = _sub(k + 1)
    alpha = path.hyper["alpha"]
    vec = round_off_of_zero(path, k)
    return [("running mean of squared gradients",
             f"s{b} = α·s{a} + (1 − α)·{gname}² = {num(alpha)}·"
             f"{vec(path.state['square_avg'][k])} + {num(1 - alpha)}·"
             f"{vec(terms['used_gradient'][k])}² = "
             f"{vec(path.state['square_avg'][k + 1])}"),
            ("step size per coordinate", f"η / (√s{b} + ε) = {vec(terms['effective_lr'][k])}")]


class StepInspector(QWidget):
    """The selected run's current step, written out; follows frame, paths and selection."""

    linesChanged = Signal()         # the derivation was written anew (its height may differ)

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = self.scroll = QScrollArea()
        scroll.setWidget(self.body)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        self._terms_for = (None, None)      # (path, its step_terms): computed once a path
        self.lines: list[tuple[str, str]] = []
        self._rows, self._written = "", None     # the derivation's table rows; what is shown
        model.pathsChanged.connect(self._refresh)
        model.frameChanged.connect(self._refresh)
        model.lab.selectedChanged.connect(self._refresh)
        model.lab.predictChanged.connect(self._refresh)
        theme.notifier.changed.connect(self._refresh)
        self._refresh()

    def missing_height(self) -> int:
        """px the derivation's box lacks to show it whole at its largest type
        (FONT_PT[0]) at the box's present width, for the tallest of the one shown and
        the selected run's first STEPS_MEASURED steps (step 0's momentum terms are
        zeros, step 1's are not), so the room given while stepping is given at once
        (the map's bottom moved 497 → 478 px at step 1 at 1280×720); 0 when it fits."""
        if not self._rows:
            return 0
        path = self.model.paths.get(self.model.lab.selected)
        all_rows = [self._rows]
        if path is not None:
            all_rows += [self._written_step(path, k)[1]
                         for k in range(min(STEPS_MEASURED, path.stop_step))]
        width, height = self._box()
        size = theme.current().size(FONT_PT[0])
        need = 0
        for rows in all_rows:
            self.body.setText(f"<table cellspacing='2' style='font-size:{size:g}pt'>"
                              f"{rows}</table>")
            need = max(need, self.body.heightForWidth(width))
        self._written = None                # measured at the largest: written anew below
        self._write_rows()
        return max(0, need - height)

    def terms(self, path):
        if self._terms_for[0] is not path:
            self._terms_for = (path, step_terms(path))
        return self._terms_for[1]

    @qt_override
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._refresh()

    def _refresh(self, *_) -> None:
        if not self.isVisible():
            return        # hidden (another tab): written out when shown (showEvent)
        key = self.model.lab.selected
        path = self.model.paths.get(key)
        if path is None:
            self.title.setText("Inside a step: no run yet")
            self.body.setText("")
            self.lines, self._rows, self._written = [], "", None
            return
        k = min(self.model.frame, path.stop_step)
        label = self.model.lab.label(key)
        colour = theme.current().ink(self.model.lab.colour(key)).name()
        legend = ("the step taken −η∇f (plain GD adds nothing to it)" if path.method == "gd"
                  else f"dashed −η∇f, dotted what {label} adds, solid the step taken")
        self.lines, rows = self._written_step(path, k)
        # (no step k → k + 1 where the run ended at k: "Inside step 77 → 78" was named
        # over "No step is taken from here")
        self.title.setText(f'<b><span style="color:{colour}">■</span> '
                           + (f'Inside step {k} → {k + 1} of {label}</b> &nbsp; '
                              f'<small>on the map: {legend}</small>' if self.lines
                              else f'After step {k} of {label}: the run has ended</b>'))
        if not self.lines:
            self._rows, self._written = "", None
            # in the status line's words: log(x) + log(y) from (0, 0) read "ended at
            # step 0 (diverged)", where f has no value at the start
            f = self.model.expression
            ended = path_status(path, path.stop_step, False, f if f is not None and
                                f.dimension == path.points.shape[1] else None)
            self.body.setText(f"The run ended: {ended}. No step is taken from here.")
            return
        self._rows = rows
        self._write_rows()
        self.linesChanged.emit()

    def _written_step(self, path, k: int) -> tuple[list[tuple[str, str]], str]:
        """Step k → k+1 of `path`: its (what, formula) lines and their table rows."""
        lines = update_lines(path, self.terms(path), k)
        if self.model.lab.predict:   # the class works the update out: no θₖ₊₁, no step
            lines = [(what, formula.rsplit(" = ", 1)[0] + " = ?" if what == "update"
                      else formula) for what, formula in lines if what != "the step taken"]
        # Qt's rich text has no palette(): a muted grey made readable on this theme's panels
        muted = theme.current().text("#6b6b6b").name()
        # what each stage is, written before its formula, not in a column of its own: the
        # formulas get the width, so a whole step fits in a few lines. (Monospace: in the
        # text face the hats of m̂ and v̂ were drawn apart from their letters.)
        rows = "".join(
            f"<tr><td style='color:{muted}'>{i + 1}.</td><td><span style='color:{muted}'>"
            f"{what}</span>&nbsp;&nbsp; <span style='font-family:monospace'>"
            f"{_vectors_unbroken(formula)}</span></td></tr>"
            for i, (what, formula) in enumerate(lines))
        return lines, rows

    def _write_rows(self) -> None:
        """The derivation at the largest of FONT_PT that shows it whole in the box (the
        smallest if none does: then the box scrolls)."""
        width, height = self._box()
        key = (self._rows, width, height, theme.current())
        if not self._rows or key == self._written:
            return
        self._written = key
        for points in FONT_PT:
            size = theme.current().size(points)
            self.body.setText(f"<table cellspacing='2' style='font-size:{size:g}pt'>"
                              f"{self._rows}</table>")
            if self.body.heightForWidth(width) <= height:
                break

    def _box(self) -> tuple[int, int]:
        """The derivation's box, px, without a scroll bar (it has none when all fits)."""
        frame = 2 * self.scroll.frameWidth()
        return self.scroll.width() - frame, self.scroll.height() - frame

    @qt_override
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._write_rows()
