"""Inside a step: the selected run's update from θₖ to θₖ₊₁ written out stage by stage
with the numbers substituted, and the optimizer's state (velocity, Adam's m̂ and v̂,
the per-coordinate step size, AdaGrad's sum) as numbers.

Every number comes from the engine (`Path.points`, `Path.state`,
`engine.optimizer_lab.step_terms`); this module only writes them down.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from engine.optimizer_lab import step_terms
from gui.widgets import theme
from gui.compute.qt_guard import qt_override

SUB = str.maketrans("0123456789+", "₀₁₂₃₄₅₆₇₈₉₊")


def num(value: float) -> str:
    """4 significant digits, a true minus sign, no '-0'."""
    if not math.isfinite(value):
        return "∞" if value > 0 else ("−∞" if value < 0 else "nan")
    text = f"{value:.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}·10^{int(exponent)}"
    return "0" if text in ("-0", "0") else text.replace("-", "−")


def vec(values) -> str:
    values = np.atleast_1d(np.asarray(values, dtype=float))
    if len(values) == 1:
        return num(values[0])
    return "(" + ", ".join(num(v) for v in values) + ")"


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
    lines.append(("the step taken", f"θ{b} − θ{a} = {vec(terms['step'][k])}   "
                                    f"(plain GD would step −η·{gname} = "
                                    f"{vec(terms['plain_step'][k])})"))
    return lines


def _rmsprop_scale(path, terms, k, a, gname):
    b = _sub(k + 1)
    alpha = path.hyper["alpha"]
    return [("running mean of squared gradients",
             f"s{b} = α·s{a} + (1 − α)·{gname}² = {num(alpha)}·"
             f"{vec(path.state['square_avg'][k])} + {num(1 - alpha)}·"
             f"{vec(terms['used_gradient'][k])}² = "
             f"{vec(path.state['square_avg'][k + 1])}"),
            ("step size per coordinate", f"η / (√s{b} + ε) = {vec(terms['effective_lr'][k])}")]


class StepInspector(QWidget):
    """The selected run's current step, written out; follows frame, paths and selection."""

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
        scroll = QScrollArea()
        scroll.setWidget(self.body)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        self._terms_for = (None, None)      # (path, its step_terms): computed once a path
        self.lines: list[tuple[str, str]] = []
        model.pathsChanged.connect(self._refresh)
        model.frameChanged.connect(self._refresh)
        model.lab.selectedChanged.connect(self._refresh)
        model.lab.predictChanged.connect(self._refresh)
        theme.notifier.changed.connect(self._refresh)
        self._refresh()

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
            self.lines = []
            return
        k = min(self.model.frame, path.stop_step)
        label = self.model.lab.label(key)
        colour = theme.current().ink(self.model.lab.colour(key)).name()
        legend = ("the step taken −η∇f (plain GD adds nothing to it)" if path.method == "gd"
                  else f"dashed −η∇f, dotted what {label} adds, solid the step taken")
        self.title.setText(f'<b><span style="color:{colour}">■</span> Inside step {k} → '
                           f'{k + 1} of {label}</b> &nbsp; <small>on the map: {legend}</small>')
        self.lines = update_lines(path, self.terms(path), k)
        if self.model.lab.predict:   # the class works the update out: no θₖ₊₁, no step
            self.lines = [(what, formula.rsplit(" = ", 1)[0] + " = ?" if what == "update"
                           else formula) for what, formula in self.lines
                          if what != "the step taken"]
        if not self.lines:
            self.body.setText(f"The run ended at step {path.stop_step} ({path.status}): "
                              "no step is taken from here.")
            return
        # Qt's rich text has no palette(): a muted grey made readable on this theme's panels
        muted = theme.current().text("#6b6b6b").name()
        rows = "".join(
            f"<tr><td style='padding-right:10px; color:{muted}'>{i + 1}. "
            f"{what}</td><td style='font-family:monospace'>{formula}</td></tr>"
            for i, (what, formula) in enumerate(self.lines))
        size = theme.current().size(12)      # big enough to read on a projector
        self.body.setText(f"<table cellspacing='3' style='font-size:{size:g}pt'>{rows}</table>")
