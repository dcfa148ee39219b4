"""One collapsible form per optimizer holding its hyperparameters (PyTorch's names).

The rows come from engine.optimizers.HYPERPARAMETERS (names and defaults); this
file only adds what a control needs: a range, a step and a one-line explanation.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QLabel, QToolButton,
                               QVBoxLayout, QWidget)

from engine.optimizers import HYPERPARAMETERS, METHODS

from gui.widgets import theme
from gui.widgets.field_keys import hand_keys_back
from gui.widgets.number_box import NumberBox
from gui.widgets.palette import METHOD_COLOURS, METHOD_LABELS

# name -> (low, high, step, adaptive, tooltip); (method, name) entries override.
_CONTROLS = {
    "momentum": (0.0, 0.999, 0.05, False,
                 "μ: how much of the previous velocity is kept each step "
                 "(0 = plain gradient descent; 0.9 rolls on through valleys and bumps)."),
    "dampening": (0.0, 1.0, 0.1, False,
                  "Fraction of each new gradient left out of the velocity (0 = all of it)."),
    "alpha": (0.0, 0.9999, 0.01, False,
              "α: memory of the running average of squared gradients "
              "(closer to 1 = averages over more steps)."),
    "eps": (1e-12, 1.0, 1e-8, True,
            "ε: a tiny number added to the divisor so a zero gradient never divides by zero."),
    "lr_decay": (0.0, 10.0, 0.01, False,
                 "The step size shrinks as lr / (1 + (t − 1)·decay) at step t."),
    "initial_accumulator_value": (0.0, 100.0, 0.1, False,
                                  "Starting sum of squared gradients: larger = smaller first steps."),
    "beta1": (0.0, 0.9999, 0.01, False,
              "β₁: memory of the running mean of gradients (Adam's momentum)."),
    "beta2": (0.0, 0.99999, 0.001, False,
              "β₂: memory of the running mean of squared gradients (each coordinate's scale)."),
    "centered": (None, None, None, False,
                 "Divide by the running variance of the gradient instead of its mean square."),
    "amsgrad": (None, None, None, False,
                "Use the largest mean square seen so far, so steps can never grow again."),
    ("rmsprop", "momentum"): (0.0, 0.999, 0.05, False,
                              "μ: velocity added on top of the scaled step (0 = none)."),
}
_LABELS = {"initial_accumulator_value": "initial sum", "lr_decay": "lr decay",
           "momentum": "momentum μ", "alpha": "alpha α", "eps": "eps ε",
           "beta1": "beta₁", "beta2": "beta₂"}


class _MethodForm(QWidget):
    """A header button (▸/▾, in the method colour) over a QFormLayout of its settings."""

    def __init__(self, method: str, emit, parent=None):
        super().__init__(parent)
        self.method = method
        self.header = QToolButton(text=f"{METHOD_LABELS[method]} settings", checkable=True,
                                  checked=True, autoRaise=True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.DownArrow)
        # the method's colour as readable text on light@1 (the sheet's base look): as the
        # theme makes it when applied, so a fresh start and dark → light look the same
        ink = theme.LIGHT.text(METHOD_COLOURS[method]).name()
        self.header.setStyleSheet(f"QToolButton {{ color: {ink}; "
                                  "font-weight: bold; border: none; }")
        self.header.setToolTip("Show or hide this method's hyperparameters")
        self.header.toggled.connect(self._on_toggled)
        self.body = QWidget()
        form = QFormLayout(self.body)
        form.setContentsMargins(18, 0, 0, 4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, object] = {}
        for name, default in HYPERPARAMETERS[method].items():
            if name == "betas":       # a pair: one box per beta, sent together
                pair = [self._number_box(method, n, emit_pair=emit) for n in ("beta1", "beta2")]
                self.fields["betas"] = pair
                for n, box in zip(("beta1", "beta2"), pair):
                    form.addRow(_LABELS[n], box)
                continue
            if isinstance(default, bool):
                box = QCheckBox(toolTip=_CONTROLS[name][4])
                box.toggled.connect(lambda on, n=name: emit(method, n, bool(on)))
            else:
                box = self._number_box(method, name, emit=emit)
            self.fields[name] = box
            label = QLabel(_LABELS.get(name, name))
            label.setToolTip(box.toolTip())
            form.addRow(label, box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.body)

    def _number_box(self, method, name, emit=None, emit_pair=None):
        lo, hi, step, adaptive, tip = _CONTROLS.get((method, name), _CONTROLS[name])
        box = NumberBox(lo, hi, step=step, adaptive=adaptive, tooltip=tip)
        hand_keys_back(box)               # Enter / Escape: Space plays again
        if emit_pair is not None:
            box.valueChanged.connect(lambda _v: emit_pair(
                method, "betas", tuple(b.value() for b in self.fields["betas"])))
        else:
            box.valueChanged.connect(lambda v, n=name: emit(method, n, float(v)))
        return box

    def _on_toggled(self, open_: bool) -> None:
        self.body.setVisible(open_)
        self.header.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)

    def show_values(self, values: dict) -> None:
        """Show the method's settings (defaults filled in by the caller) without emitting."""
        for name, field in self.fields.items():
            value = values[name]
            if name == "betas":
                for box, beta in zip(field, value):
                    box.set_quietly(float(beta))
            elif isinstance(field, QCheckBox):
                blocked = field.blockSignals(True)
                field.setChecked(bool(value))
                field.blockSignals(blocked)
            else:
                field.set_quietly(float(value))


class HyperparameterForms(QWidget):
    """The forms of the chosen methods (those that have hyperparameters), in METHODS order.

    Emits `changed(method, name, value)` for each edit; `betas` is sent as a pair.
    """
    changed = Signal(str, str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(2)
        # {method: its form}, each built when first shown (its method ticked) or asked
        # for: the forms of methods never ticked were ~13 ms of every window's build
        self.forms: dict[str, _MethodForm] = {}

    def _form(self, method: str) -> _MethodForm:
        """The method's form, built now (hidden) if it was not yet."""
        form = self.forms.get(method)
        if form is None:
            form = self.forms[method] = _MethodForm(method, self.changed.emit)
            # in METHODS order, whichever was built first
            before = [m for m in METHODS[:METHODS.index(method)] if m in self.forms]
            self._column.insertWidget(len(before), form)
            form.hide()          # (added to a shown widget, Qt would show it a turn later)
            theme.restyle_new(form)
        return form

    def show_settings(self, methods, hyper: dict) -> None:
        """Show only the forms of `methods`, holding `hyper` over the engine's defaults."""
        for method in methods:
            if HYPERPARAMETERS.get(method):
                self._form(method)
        for method, form in self.forms.items():
            form.setVisible(method in methods)
            form.show_values({**HYPERPARAMETERS[method], **hyper.get(method, {})})

    def has_forms(self, methods) -> bool:
        """Whether any of `methods` has hyperparameters (plain GD and Newton have none)."""
        return any(HYPERPARAMETERS.get(m) for m in methods)

    def field(self, method: str, name: str):
        """The control of one hyperparameter (for tests): a NumberBox, a QCheckBox or a pair."""
        return self._form(method).fields[name]
