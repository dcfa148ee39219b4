"""The Network tab: a network as a chain of functions f_L(…f_2(f_1(x))…), trained live.

Controls on top, then three columns: the decision boundary (and, without activations,
the single affine map the network collapses to); the layer diagram and a layer's
Jacobian; the cost and the per-layer gradient norms.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFrame, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSizePolicy, QSpinBox,
                               QSplitter, QVBoxLayout, QWidget)

from engine.datasets import DATASETS
from engine.network import NETWORK_ACTIVATIONS

from gui.widgets import theme
from gui.network.boundary import BoundaryView, legend_html
from gui.network.diagram import ACT_SYMBOL, NetworkDiagram, _sub
from gui.network.examples import EXAMPLES, load_example
from gui.network.jacobian import JacobianView
from gui.network.model import DATASET_LABELS, NetworkModel
from gui.network.plots import CostPlot, GradientNormPlot, sup
from gui.plots.view_states import switch_access
from gui.widgets.field_keys import hand_keys_back, set_applies
from gui.widgets.flow_layout import FlowLayout
from gui.widgets.none_refcount_guard import guard_none_refcount
from gui.widgets.number_text import one_precision
from gui.compute.qt_guard import qt_override
from gui.widgets.scroll_page import room_in_splitter, scroll_page
from gui.widgets.wrapping_label import WrappingLabel

# The diagram paints hundreds of lines per frame: without this, PySide6 6.12.0 on
# Python 3.11 aborts within seconds (see none_refcount_guard).
guard_none_refcount()

ACTIVATION_LABELS = {"sigmoid": "sigmoid σ", "tanh": "tanh", "relu": "ReLU", "none": "none (linear)"}
BATCH_MODES = ("Full batch", "Mini-batch", "One example (SGD)")


class NetworkTab(QWidget):
    def __init__(self, model: NetworkModel | None = None, parent=None):
        """A view of `model` (a new NetworkModel of its own if none is given); the main
        window passes the one its sessions save, made before this tab is built."""
        super().__init__(parent)
        self.model = model = model if model is not None else NetworkModel(self)
        self._build_controls()
        # its minimum follows its wrapped lines (2 at text size 1.5 on 720p): a plain
        # label asked for one, and the page squeezed the plots under it below theirs
        self.caption = WrappingLabel()
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setStyleSheet("font-size: 13pt; padding: 2px 6px;")
        # wraps: on one line it asked for ~1020 px at scale 1.5 and widened the window
        self.caption.setWordWrap(True)
        self.caption.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.boundary = BoundaryView(model)
        self.legend = QLabel()
        self.boundary.boundaryDrawn.connect(self._write_legend)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("font-size: 10.5pt; padding: 2px 4px;")
        self.collapse = QLabel()
        self.collapse.setTextFormat(Qt.TextFormat.RichText)
        self.collapse.setWordWrap(True)
        self.collapse.setFrameShape(QFrame.Shape.StyledPanel)
        self.collapse.setStyleSheet("font-size: 12pt; padding: 6px; background: #fffbe6;")
        self.diagram = NetworkDiagram(model)
        self.jacobian = JacobianView(model)
        self.cost_plot = CostPlot(model)
        self.grad_plot = GradientNormPlot(model)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.boundary, 1)
        column.addWidget(self.legend)
        column.addWidget(self.collapse)
        middle = QSplitter(Qt.Orientation.Vertical)
        middle.addWidget(self.diagram)
        middle.addWidget(self.jacobian)
        middle.setSizes([5, 4])
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.cost_plot)
        right.addWidget(self.grad_plot)
        self.side = right
        self.body = body = QSplitter(Qt.Orientation.Horizontal)
        for widget in (left, middle, right):
            body.addWidget(widget)
        for widget in (self.boundary, self.diagram, self.jacobian.plot_widget, self.cost_plot,
                       self.grad_plot):
            widget.setMinimumSize(260, 160)
        self.diagram.room = lambda: room_in_splitter(self, body, 1)
        body.setSizes([560, 430, 400])      # the map square-ish, the plots still readable
        layout = QVBoxLayout(scroll_page(self))     # scrolls: never wider than a small screen
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.controls)
        # the status beside the caption: the controls' row is full at scale 1.5
        layout.addLayout(_row(self.caption, self.status))
        layout.addWidget(body, 1)

        model.architectureChanged.connect(self._on_architecture)
        model.dataChanged.connect(self._on_data)
        model.settingsChanged.connect(self._on_settings)
        model.playingChanged.connect(self._on_playing)
        model.trainingChanged.connect(self._on_training)
        self._on_architecture()
        self._on_data()
        self._on_settings()
        theme.notifier.changed.connect(self._on_theme)
        # built while presenting: that text size's measures now (the diagram's minimum),
        # and again once the shell has restyled this new tab's fonts (the status's width)
        self._on_theme()
        QTimer.singleShot(0, self, self._on_theme)
        self._on_playing(model.playing)
        self._on_training()
        # a session's or scene's picture (gui.plots.view_states): it carried over scenes
        model.view_states.register("cost", *switch_access({"log_scale": self.log_cost}))

    # Presentation folds the controls (Space, → and R drive the training) and the plots
    # of the cost: the map, the diagram and the Jacobian keep the room.
    PRESENTATION_FOLDS = ("top", "side")
    PRESENTATION_SPARE = ("below",)    # Jacobian and legend too, where the map is still short

    def main_view(self) -> QWidget:
        return self.boundary

    def set_presenting(self, on: bool) -> None:
        """Presenting, the diagram asks for its plain least height (NetworkDiagram.readable_height)."""
        self.diagram.presenting = on
        self.diagram.keep_readable_size()

    def views_cramped(self) -> bool:
        """The diagram's neurons too small to read (presenting, the Jacobian under it
        fits the page since its chain rule takes three lines, and took their room)."""
        return self.diagram.isVisible() and self.diagram._neuron_positions()[1] < 12

    def _panels(self) -> dict:
        return {"top": (self.controls,), "side": (self.side,),
                "below": (self.jacobian, self.legend)}

    def set_panels_visible(self, top: bool | None = None, side: bool | None = None,
                           below: bool | None = None) -> None:
        """Fold the controls (top), the cost plots (side) or Jacobian + legend (below)."""
        for name, shown in (("top", top), ("side", side), ("below", below)):
            for panel in self._panels()[name] if shown is not None else ():
                panel.setVisible(shown)

    def panels_visible(self) -> dict:
        return {name: not panels[0].isHidden() for name, panels in self._panels().items()}

    # --- controls -------------------------------------------------------------
    def _build_controls(self):
        m = self.model
        self.example_box = QComboBox()
        self.example_box.setMaximumWidth(330)
        # sized for "Examples …", not for its longest entry: the row fits 1280 px at scale
        # 1.5; the list that opens is as wide as it needs
        self.example_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.example_box.setMinimumContentsLength(10)
        self.example_box.addItem("Examples …")
        self.example_box.addItems([e[0] for e in EXAMPLES])
        self.example_box.setToolTip("Load a prepared network, data set, η and batch size "
                                    "and start training from scratch")
        self.sizes_edit = QLineEdit()
        self.sizes_edit.setFixedWidth(120)
        self.sizes_edit.setToolTip("Layer sizes n₀-n₁-…-n_L, input first (2) and one output "
                                   "unit last: 2-3-1, 2-8-8-1, …; layer l holds Wˡ (nₗ × nₗ₋₁) "
                                   "and bˡ. Enter applies")
        self.sizes_error = QLabel()
        self.sizes_error.setStyleSheet("color: #B00020; font-weight: bold;")
        self.activation_box = QComboBox()
        self.activation_box.addItems([ACTIVATION_LABELS[a] for a in NETWORK_ACTIVATIONS])
        self.activation_box.setToolTip("Activation φ of the hidden layers, aˡ = φ(Wˡaˡ⁻¹ + bˡ), "
                                       "the output unit σ; none makes every layer linear, "
                                       "so the chain is one affine map")
        self.init_seed = _spin(QSpinBox(), 0, 9999, "Seed of the random initial weights Wˡ "
                               "and biases bˡ: the same seed, the same start")
        self.dataset_box = QComboBox()
        self.dataset_box.addItems([DATASET_LABELS[d] for d in DATASETS])
        self.dataset_box.setToolTip("The training examples (x ∈ ℝ², label 0 or 1) "
                                    "the network learns to separate")
        self.noise = _spin(QDoubleSpinBox(), 0.0, 1.0, "Standard deviation of the random "
                           "noise added to each example's position", 0.05)
        self.data_seed = _spin(QSpinBox(), 0, 9999, "Seed of the data set's random points")
        self.lr = _spin(QDoubleSpinBox(), 0.001, 20.0, "Learning rate η: each step moves every "
                        "weight by −η·∂C/∂W", 0.05, decimals=3)
        self.batch_box = QComboBox()
        self.batch_box.addItems(BATCH_MODES)
        self.batch_box.setToolTip("Which examples each step's gradient ∂C/∂W averages over: "
                                  "all of them, a random mini-batch of k, or one (SGD)")
        self.batch_k = _spin(QSpinBox(), 2, 199, "k: examples per mini-batch; smaller is "
                             "cheaper per step but noisier")
        self.speed = _spin(QSpinBox(), 1, 200, "Training steps per frame (~30 frames/s): "
                           "the pace of the animation")
        # Enter applies and Escape cancels, and either gives Space, → and R back
        # (but a refused layer list keeps the keyboard, to be corrected)
        keys = hand_keys_back(self.sizes_edit, self.init_seed, self.noise, self.data_seed,
                              self.lr, self.batch_k, self.speed)
        keys.stay_while(self.sizes_edit, lambda: bool(self.sizes_error.text()))
        self.play_button = QPushButton("▶ Play")
        self.play_button.setToolTip("Play / pause training: gradient-descent steps on the "
                                    "cost C, shown live (Space)")
        self.step_button = QPushButton("Step")
        self.step_button.setToolTip("One training step: backpropagate ∂C/∂W, ∂C/∂b and "
                                    "update every layer (→)")
        self.reset_button = QPushButton("Reset")
        self.reset_button.setToolTip("Back to step 0: the initial weights of this seed (R)")
        self.log_cost = QCheckBox("log cost")
        self.log_cost.setToolTip("Plot the cost C on a logarithmic axis, where slow "
                                 "late progress stays visible")
        self.status = QLabel()
        self._fit_status()                      # no relayout when the text changes
        self.status.setStyleSheet("font-size: 12pt;")

        # Groups that wrap as wholes (a label stays with its box): two rows on a wide
        # screen, more where a 1024-px window or a large text size leaves less width.
        self.controls = QWidget()           # folds as one (Ctrl+1)
        # with its widget from the start: PySide6 6.12 crashes adding to a parentless one
        self.controls_flow = FlowLayout(self.controls, spacing=10)
        for group in (("Network", self.sizes_edit, self.activation_box),
                      ("init seed", self.init_seed), (self.sizes_error,),
                      ("Data", self.dataset_box), ("noise", self.noise),
                      ("seed", self.data_seed), (self.example_box,),
                      ("Training  η", self.lr), (self.batch_box, "k", self.batch_k),
                      ("steps/frame", self.speed),
                      (self.play_button, self.step_button, self.reset_button),
                      (self.log_cost,)):
            self.controls_flow.add(_group(*group))

        self.example_box.activated.connect(self._on_example)
        self.sizes_edit.editingFinished.connect(self._on_sizes_edited)
        self.activation_box.activated.connect(lambda i: m.set_activation(NETWORK_ACTIVATIONS[i]))
        self.init_seed.valueChanged.connect(m.set_init_seed)
        self.dataset_box.activated.connect(lambda i: m.set_data(name=DATASETS[i]))
        self.noise.valueChanged.connect(lambda v: m.set_data(noise=v))
        self.data_seed.valueChanged.connect(lambda v: m.set_data(seed=v))
        self.lr.valueChanged.connect(m.set_lr)
        self.batch_box.activated.connect(self._on_batch_edited)
        self.batch_k.valueChanged.connect(self._on_batch_edited)
        self.speed.valueChanged.connect(m.set_steps_per_tick)
        self.play_button.clicked.connect(m.toggle_play)
        self.step_button.clicked.connect(m.step)
        self.reset_button.clicked.connect(m.reset)
        self.log_cost.toggled.connect(lambda on: self.cost_plot.set_log(on))

    def _on_example(self, index):
        if index <= 0:
            return
        load_example(self.model, EXAMPLES[index - 1])
        self.example_box.setCurrentIndex(0)

    def _on_sizes_edited(self):
        try:
            self.model.set_sizes(self.sizes_edit.text())
        except ValueError as exc:
            self.sizes_error.setText(str(exc))
            return
        self.sizes_error.setText("")
        self.sizes_edit.setText("-".join(map(str, self.model.sizes)))

    def _on_batch_edited(self, *_):
        mode = self.batch_box.currentIndex()
        self.model.set_batch_size(None if mode == 0 else (1 if mode == 2 else self.batch_k.value()))

    # --- model → view ---------------------------------------------------------
    def _on_architecture(self, *_):
        m = self.model
        self.sizes_edit.setText("-".join(map(str, m.sizes)))
        self.sizes_error.setText("")
        _quiet(self.activation_box.setCurrentIndex, NETWORK_ACTIVATIONS.index(m.activation))
        _quiet(self.init_seed.setValue, m.init_seed)
        self.caption.setText(self._chain_caption())
        self.diagram.keep_readable_size()   # its widest layer

    def _on_data(self, *_):
        m = self.model
        _quiet(self.dataset_box.setCurrentIndex, DATASETS.index(m.dataset))
        _quiet(self.noise.setValue, m.noise)
        _quiet(self.data_seed.setValue, m.data_seed)
        _quiet(self.batch_k.setMaximum, m.n_points - 1)

    def _on_settings(self, *_):
        m = self.model
        _quiet(self.lr.setValue, m.lr)
        mode = 0 if m.batch_size is None else (2 if m.batch_size == 1 else 1)
        _quiet(self.batch_box.setCurrentIndex, mode)
        if mode == 1:
            _quiet(self.batch_k.setValue, m.batch_size)
        set_applies(self.batch_k, mode == 1)
        _quiet(self.speed.setValue, m.steps_per_tick)

    def _on_playing(self, playing):
        self.play_button.setText("❚❚ Pause" if playing else "▶ Play")

    def _on_training(self, *_):
        m = self.model
        if m.diverged:
            self.status.setText("<span style='color:#B00020'><b>Diverged</b> (C = ∞): lower η, then Reset</span>")
        else:
            self.status.setText(f"step <b>{m.step_count}</b> &nbsp; C = <b>{m.cost:.5f}</b>")
        self._show_collapse()

    def _chain_caption(self):
        m, net = self.model, self.model.network
        L = net.n_layers
        nested = "x"
        for l in range(1, L + 1):
            nested = f"f{_sub(l)}({nested})"
        acts = net.layer_activations()
        if L == 1:
            hidden = ""
        # the seed's and the diagram's notation, aˡ = σ(Wˡaˡ⁻¹ + bˡ) with a⁰ = x: the
        # caption's "f₁(a) = σ(W¹a + b¹)" beside the diagram's "σ(W¹a⁰ + b¹)" read as two
        elif L == 2:
            hidden = f"f₁(a⁰) = {_applied(acts[0], 'W¹a⁰ + b¹')}, &nbsp;"
        else:
            before = "a<sup>l−1</sup>"
            hidden = (f"f<sub>l</sub>({before}) = "
                      f"{_applied(acts[0], f'W<sup>l</sup>{before} + b<sup>l</sup>')} "
                      f"for l = 1…{L - 1}, &nbsp;")
        before = f"a{sup(L - 1)}"
        out = f"f{_sub(L)}({before}) = {_applied(acts[-1], f'W{sup(L)}{before} + b{sup(L)}')}"
        shapes = "\u00a0→\u00a0".join(f"ℝ{sup(n)}" for n in m.sizes)   # (no break: "ℝ² →" | "ℝ⁴ → ℝ¹")
        return (f"<b>f(x) = {nested}</b> &nbsp;&nbsp; {hidden}{out} &nbsp;&nbsp;"
                f"<span style='color:{theme.current().muted}'>{shapes}</span>")

    def _fit_status(self):
        """A fixed width for the status that holds a long run's text at the current font
        size (a fixed 250 px cut "C = 0.12553" at scale 1.5)."""
        font = self.status.font()
        font.setBold(True)
        width = QFontMetrics(font).horizontalAdvance("step 00000    C = 0.00000") + 12
        self.status.setFixedWidth(width)

    def _on_theme(self, _theme=None):
        self._fit_status()
        self._write_legend()
        # the diagram's labels grow with the text: below this it draws them over each
        # other (the page scrolls instead)
        self.diagram.keep_readable_size()
        self.caption.setText(self._chain_caption())     # the muted colour of the shapes

    def _write_legend(self, *_):
        self.legend.setText(theme.themed_html(legend_html(self.boundary.boundary_drawn)))

    def _show_collapse(self):
        if self.model.activation != "none":
            self.collapse.hide()
            return
        (W, b), L = self.model.network.collapsed(), self.model.network.n_layers
        product = "".join(f"W{sup(l)}" for l in range(L, 0, -1))
        row, offset = one_precision(W[0], 4), one_precision(b[:1], 4)[0]   # written alike
        self.collapse.setText(
            f"<b>No non-linearity:</b> every layer is affine, so the whole chain is one affine map "
            f"a{sup(L)} = W x + b with W = {product} = <b>[&nbsp;{row[0]}&nbsp;&nbsp;&nbsp;"
            f"{row[1]}&nbsp;]</b>, b = <b>{offset}</b>.<br>Its boundary W x + b = 0.5 is a <b>straight line</b>, "
            f"whatever the training: XOR or circles cannot be separated.")
        self.collapse.show()

    @qt_override
    def closeEvent(self, event):
        self.model.shutdown()
        super().closeEvent(event)


def _applied(activation, inner):
    """'σ(inner)', or just 'inner' for the identity (activation 'none'), never broken
    inside its brackets (it read "σ(W²a +" / "b²)" at larger text)."""
    return (inner if activation == "none" else f"{ACT_SYMBOL[activation]}({inner})").replace(" ", "&nbsp;")


def _spin(box, lo, hi, tip, step=1, decimals=2):
    box.setRange(lo, hi)
    box.setSingleStep(step)
    if hasattr(box, "setDecimals"):
        box.setDecimals(decimals)
    box.setToolTip(tip)
    box.setKeyboardTracking(False)        # one change per finished edit, not per key
    return box


def _quiet(setter, value):
    """Set a control from the model without echoing the change back to it."""
    widget = setter.__self__
    widget.blockSignals(True)
    setter(value)
    widget.blockSignals(False)


def _group(*parts) -> QWidget:
    """Parts kept together on one line of the controls' flow (bold: a section's name)."""
    holder = QWidget()
    row = _row(*parts)
    row.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(row)
    return holder


def _row(*parts):
    row = QHBoxLayout()
    for part in parts:
        if isinstance(part, int):
            row.addStretch(part)
        elif isinstance(part, str):
            label = QLabel(part)
            if part[0].isupper():
                label.setStyleSheet("font-weight: bold;")
            row.addWidget(label)
        else:
            row.addWidget(part)
    return row
