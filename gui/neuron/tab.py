"""The Neuron tab: one neuron's forward pass, backward pass and update, step by step.

Top: the parameters, the computational graph, the stage controls and the current
stage's formula with the engine's numbers in it. Below: training for many steps —
the loss curve and the loss landscape L(b, w) with the run drawn on it.
"""
from __future__ import annotations

import html
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton,
                               QSizePolicy, QSplitter, QVBoxLayout, QWidget)

from gui.widgets import theme
from gui.compute.latex_renderer import TEXT_COLOUR, render_svg
from gui.neuron.formulas import seed_note, seed_note_prefix, stage_latex
from gui.neuron.graph_view import HIGHLIGHT_PEN, NeuronGraphView
from gui.neuron.model import DEFAULTS, NEURON_ACTIVATIONS, STAGES, NeuronModel, seed_rounding_step
from gui.neuron.training_panel import NeuronTrainingPanel
from gui.widgets.field_keys import hand_keys_back
from gui.widgets.number_box import NumberBox
from gui.widgets.wrapping_label import WrappingLabel
from gui.widgets.flow_layout import FlowLayout, labelled
from gui.widgets.none_refcount_guard import guard_none_refcount
from gui.compute.qt_guard import qt_override
from gui.widgets.scroll_page import scroll_page

# Every stage change makes a few hundred void Qt calls (setText, setPos, setPen), each
# of which loses a reference to None under PySide6 6.12 on Python 3.11 (see the guard).
guard_none_refcount()

ACTIVATION_LABELS = {"sigmoid": "sigmoid σ", "tanh": "tanh", "relu": "ReLU", "linear": "linear"}
PARAMETER_TIPS = {
    "x": "Input x: the one example fed to the neuron, z = w·x + b",
    "w": "Weight w: multiplies the input in z = w·x + b; trained by w ← w − η·∂L/∂w",
    "b": "Bias b: shifts z = w·x + b; trained by b ← b − η·∂L/∂b",
    "target": "Target y: the output wanted for x; the loss is L = ½(output − y)²",
    "lr": "Learning rate η: the size of each update w ← w − η·∂L/∂w, b ← b − η·∂L/∂b",
}
ACTIVATION_TIP = ("Activation φ in output = φ(z): sigmoid σ(z) = 1/(1 + e⁻ᶻ), tanh, "
                  "ReLU max(0, z) or linear z; its slope φ′(z) enters the chain rule")
FORMULA_PX = 30
FORMULA_MARGIN_PX = 4     # kept free above and below the formula in its box


@lru_cache(maxsize=256)
def _formula_svg(latex: str) -> bytes:
    # One short equation takes ziamath 25–60 ms: fine on this thread, once per stage;
    # Play and Step ◀ revisit the same formulas, hence the cache.
    return render_svg(latex, size=FORMULA_PX).encode()


class FormulaView(QWidget):
    """One typeset formula, as large as fits (never larger than its natural size × 1.3)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.latex = ""
        self._renderer = QSvgRenderer(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(80)
        theme.notifier.changed.connect(self._load)

    def set_latex(self, latex: str) -> None:
        if latex != self.latex:
            self.latex = latex
            self._load()

    def _load(self, *_) -> None:
        """The formula in the theme's text colour (the SVG's near-black is unreadable on
        the dark background), as math_view does it."""
        if not self.latex:
            return
        svg = _formula_svg(self.latex)
        ink = theme.current().ink(TEXT_COLOUR).name()
        if ink.lower() != TEXT_COLOUR:
            svg = svg.replace(TEXT_COLOUR.encode(), ink.encode())
        self._renderer.load(QByteArray(svg))
        self.update()

    @qt_override
    def sizeHint(self):
        return QSize(800, 80)

    @qt_override
    def paintEvent(self, event):
        if not self.latex:
            return
        natural = self._renderer.defaultSize()
        # a margin above and below: filling the box, stage 6's "∂z" reached its last row
        scale = min((self.width() - 16) / natural.width(),
                    (self.height() - 2 * FORMULA_MARGIN_PX) / natural.height(), 1.3)
        w, h = natural.width() * scale, natural.height() * scale
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer.render(painter, QRectF(8, (self.height() - h) / 2, w, h))
        painter.end()


# the diagram's labels show 6 significant digits (0.498117, 0.0990583): the boxes show
# the same, and keep a typed value as typed (4 decimals turned the seed's w_new
# 0.498125 into 0.4981 and the box 0.0991 against the diagram's 0.0990583)
BOX_DIGITS = 6


def _spin(lo, hi, step):
    # NumberBox: one change per edit, not one per keystroke (keyboard tracking off)
    box = NumberBox(lo, hi, step=step, digits=BOX_DIGITS)
    box.setMinimumWidth(_spin_width())
    return box


def _spin_width() -> int:
    """Wide enough for six significant digits below 0.1 ("−0.0990583", as the diagram
    shows b, and a digit to spare for the frame), in the application's font at the
    text size now (followed on a change: a tab built at 1.5 kept its wider boxes at 1)."""
    font = QFont()
    font.setPointSizeF(theme.base_point_size() * theme.current().scale)
    return QFontMetrics(font).horizontalAdvance("−0.00000000") + 30


class NeuronTab(QWidget):
    def __init__(self, model: NeuronModel | None = None, parent=None):
        """A view of `model` (a new NeuronModel of its own if none is given); the main
        window passes the one its sessions save, made before this tab is built."""
        super().__init__(parent)
        self.model = model if model is not None else NeuronModel(self)
        m = self.model

        # --- parameters ------------------------------------------------------------
        self.spins = {"x": _spin(-10, 10, 0.1), "w": _spin(-10, 10, 0.1),
                      "b": _spin(-10, 10, 0.1), "target": _spin(-10, 10, 0.1),
                      "lr": _spin(0.0001, 100, 0.05)}
        setters = {"x": m.set_x, "w": m.set_w, "b": m.set_b, "target": m.set_target,
                   "lr": m.set_lr}
        # "η", not "learning rate η": at scale 1.5 the row must fit 1280 px (the tip says it)
        names = {"x": "x", "w": "w", "b": "b", "target": "target", "lr": "η"}
        # wraps (a name stays with its box) where 1024 px or large text leave less width
        self.parameters = QWidget()         # folds as one (Ctrl+1)
        # with its widget from the start: PySide6 6.12 crashes adding to a parentless one
        params = FlowLayout(self.parameters, spacing=12)
        for key, box in self.spins.items():
            box.setToolTip(PARAMETER_TIPS[key])
            box.valueChanged.connect(setters[key])
            name = QLabel(names[key])
            name.setToolTip(PARAMETER_TIPS[key])
            params.add(labelled(name, box))
        self.activation = QComboBox()
        for name in NEURON_ACTIVATIONS:
            self.activation.addItem(ACTIVATION_LABELS[name], name)
        self.activation.setToolTip(ACTIVATION_TIP)
        self.activation.currentIndexChanged.connect(
            lambda i: m.set_activation(self.activation.itemData(i)))
        params.add(labelled("activation", self.activation))
        # Enter applies and Escape cancels, and either gives →, Space and R back
        hand_keys_back(*self.spins.values())

        # --- graph, stage controls, formula ------------------------------------------
        self.graph = NeuronGraphView(m)
        self.back_button = QPushButton("◀ Step")
        self.play_button = QPushButton("Play ▶▶")
        self.next_button = QPushButton("Step ▶")
        self.back_button.clicked.connect(m.previous_stage)
        self.play_button.clicked.connect(m.toggle_play)
        self.next_button.clicked.connect(m.next_stage)
        self.back_button.setToolTip("Back one stage of forward → backward → update (←)")
        self.play_button.setToolTip("Play / pause: walk through the stages of one step, "
                                    "stopping at the update (Space)")
        self.next_button.setToolTip("Next stage; after the update, start the next step (→)")
        self.stage_label = WrappingLabel()   # its minimum: the lines it wraps into
        self.stage_label.setObjectName("stageTitle")
        self.stage_label.setWordWrap(True)     # a long stage title must not widen the window
        stages = QHBoxLayout()
        for button in (self.back_button, self.play_button, self.next_button):
            stages.addWidget(button)
        stages.addSpacing(12)
        stages.addWidget(self.stage_label, 1)
        self.formula = FormulaView()
        # its minimum is the lines it wraps into: a plain label asked for one, and with
        # two the graph above was drawn under the stage's buttons (text size 1.5, 720p)
        self.note = WrappingLabel(seed_note(seed_rounding_step()))
        self.note.setWordWrap(True)
        self.note.setObjectName("seedNote")

        self.stepper = stepper = QWidget()
        column = QVBoxLayout(stepper)
        column.setContentsMargins(6, 6, 6, 0)
        column.addWidget(self.parameters)
        column.addWidget(self.graph, 1)
        column.addLayout(stages)
        column.addWidget(self.formula)
        column.addWidget(self.note)

        # The graph across the whole width (it is wide, and must read from the back of
        # the room); training and the landscape below it.
        self.training = NeuronTrainingPanel(m)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(stepper)
        split.addWidget(self.training)
        # Half each: at 3 : 2 the steps took 401 of 1280×720's 640 px and left the
        # landscape 196 (a map ~95 px high); the graph, fitted by its height, drew only
        # the middle ~860 px of its width. Now it keeps the height its drawing needs there.
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        # scrolls rather than widening the window past a small screen
        layout = QVBoxLayout(scroll_page(self))
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.setStyleSheet("QLabel, QPushButton, QDoubleSpinBox, QComboBox, QSpinBox "
                           "{ font-size: 16px; } QLabel#stageTitle { font-size: 19px; "
                           "font-weight: bold; } QLabel#seedNote { color: #444; }")

        m.parametersChanged.connect(self._on_parameters)
        m.stepChanged.connect(self._on_stage)
        theme.notifier.changed.connect(self._on_stage)
        theme.notifier.changed.connect(self._on_look)
        m.stageChanged.connect(self._on_stage)
        m.playingChanged.connect(self._on_playing)
        self._on_parameters(m.parameters)
        self._on_stage()
        # Styled now as a change of look would style it: a label whose own sheet only
        # sets a colour (the 3-D view's hint) takes the tab's 16 px until restyled, and
        # then the application's size, so a text-size round trip changed the picture.
        theme.restyle(self)

    # Presentation folds the training and the landscape (Ctrl+3 brings them back) and the
    # note on the seed's rounding: the graph and the stage's formula keep the height.
    PRESENTATION_FOLDS = ("side", "below")

    @property
    def PRESENTATION_SPARE(self) -> tuple:      # noqa: N802 - read as the other tabs' constant
        """The parameters too, where the main view is still short; and where the training
        is shown (a lecture scene's "below": "Training the neuron"), the step-by-step
        graph, stage row and formula ("steps"), so that its landscape is readable (at
        1280×720 its map was ~210×110 px under them)."""
        return ("top", "steps") if not self.training.isHidden() else ("top",)

    def main_view(self) -> QWidget:
        """The view presenting gives its room: the landscape when training is shown."""
        return self.training.contour_view if not self.training.isHidden() else self.graph

    def set_presenting(self, on: bool) -> None:
        if not on:                  # the steps folded for a presentation come back
            self.set_panels_visible(steps=True)

    def _panels(self) -> dict:
        return {"top": self.parameters, "side": self.note, "below": self.training}

    def set_panels_visible(self, top: bool | None = None, side: bool | None = None,
                           below: bool | None = None, steps: bool | None = None) -> None:
        """Fold the parameters (top), the seed's note (side), training + landscape (below)
        or, presenting only, the graph, stage row and formula (steps)."""
        for name, shown in (("top", top), ("side", side), ("below", below)):
            if shown is not None:
                self._panels()[name].setVisible(shown)
        if below is False:
            steps = True            # the steps fold only to give the training room
        if steps is not None:
            for part in self._steps():
                part.setVisible(steps)
        # the column as tall as what it still shows (the splitter gave blank room), or
        # folded whole when nothing in it shows
        folded = self.graph.isHidden()
        inside = [self.parameters, *self._steps(), self.note]
        self.stepper.setVisible(not all(part.isHidden() for part in inside))
        self.stepper.setMaximumHeight(self.stepper.minimumSizeHint().height() if folded
                                      else 16777215)      # (QWIDGETSIZE_MAX)

    def _steps(self) -> list:
        """The step-by-step parts: graph, the stage row's buttons and title, formula (the
        row stays a layout: in a widget of its own the graph was 1 px taller)."""
        return [self.graph, self.back_button, self.play_button, self.next_button,
                self.stage_label, self.formula]

    def panels_visible(self) -> dict:
        return {name: not panel.isHidden() for name, panel in self._panels().items()}

    def view_state(self) -> dict:
        """What the picture shows beyond the model's state: the landscape's window (a
        longer run re-centres it; a shorter one leaves it), for an export to put back."""
        return {"landscape window": self.training.landscape_model.window}

    def set_view_state(self, state: dict) -> None:
        self.training.landscape_model.set_window(state["landscape window"])

    # --- model → view ---------------------------------------------------------------
    def _on_parameters(self, params):
        # the note names the seed's first step: once the tab shows another (trained, or
        # edited), it says so, as the Explorer's caption does (it read as describing
        # w = 0.411566 after 100 steps)
        prefix = seed_note_prefix(params, DEFAULTS, bool(self.model.history))
        note = seed_note(seed_rounding_step())
        self.note.setText(f"<i>{html.escape(prefix)}</i> {html.escape(note)}" if prefix
                          else note)
        for key, box in self.spins.items():
            box.blockSignals(True)   # a rounded display value must not edit the model
            box.setValue(params[key])
            box.blockSignals(False)
        self.activation.blockSignals(True)
        self.activation.setCurrentIndex(self.activation.findData(params["activation"]))
        self.activation.blockSignals(False)

    def _on_stage(self, *_):
        stage = STAGES[self.model.stage]
        colour = theme.current().text(HIGHLIGHT_PEN[stage.phase]).name()   # 4.5:1
        self.stage_label.setText(
            f"<span style='color:{colour}'>Stage {self.model.stage + 1} of {len(STAGES)}"
            f"</span> · {stage.title}")
        self.formula.set_latex(stage_latex(stage.key, self.model.step))
        self.back_button.setEnabled(self.model.stage > 0)
        last = self.model.stage == len(STAGES) - 1
        self.next_button.setText("Next step ▶" if last else "Step ▶")

    def _on_look(self, _theme):
        for box in self.spins.values():
            box.setMinimumWidth(_spin_width())

    def _on_playing(self, playing):
        self.play_button.setText("Pause ❚❚" if playing else "Play ▶▶")

    @qt_override
    def closeEvent(self, event):
        self.model.shutdown()
        self.training.shutdown()
        super().closeEvent(event)
