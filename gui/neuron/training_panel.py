"""Training the neuron for many steps: the loss curve and the loss landscape L(b, w).

The landscape reuses the explorer's ContourView and SurfaceView unchanged: they
observe a private LandscapeModel whose text is the neuron's loss in the expression
language, e.g. "(sigmoid(2w + b) - 0.7)^2/2" (variables in alphabetical order, so b
is horizontal and w vertical), whose start is where the neuron's run began and whose
descent is plain gd with the neuron's learning rate for as many steps as the run has.
The path drawn is therefore the explorer's own `descend` on the loss — and a test
checks that it is the engine neuron's training history, step for step.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QMatrix4x4, QVector3D
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSpinBox, QSplitter,
                               QVBoxLayout, QWidget)


from gui.plots.contour_view import ContourView
from gui.plots.map_split import MapSplit
from gui.plots.theme import steady_width
from gui.plots.whole_ticks import whole_number_ticks
from gui.neuron.formulas import fmt
from gui.neuron.model import MAX_HISTORY, MAX_TRAIN_STEPS
from gui.widgets.field_keys import hand_keys_back
from gui.widgets.palette import METHOD_COLOURS
from gui.plots.surface_box import CLIP
from gui.plots.surface_view import SurfaceView
from gui.plots.landscape_model import LandscapeModel
from gui.compute.qt_guard import qt_override
from gui.widgets.flow_layout import FlowLayout, labelled
from gui.widgets.wrapping_label import WrappingLabel

INK = "#222222"
HALF_WIDTH = 0.3         # the landscape's initial half-width around the start, in b and w
MIN_RUN_HALF_WIDTH = 0.05   # the half-width framing a run, at least (a step's few px apart)
RUN_FILLS = 0.75         # the window's half-width per unit of the run's longer side
ZOOM_IN_BELOW = 0.5      # framed anew when that half-width is under this part of the window's
FRAME_RUN_AFTER = 20     # steps: a longer run is framed (a trained one), a shorter one not
LOSS_COLOUR = METHOD_COLOURS["gd"]
LOSS_DOT_PX = 13
DOT_ROOM_PX = LOSS_DOT_PX / 2 + 2.5   # half the dot and its 2-px rim, kept inside the frame


NEURON_MAP_MIN_PX = 56      # px of the landscape map under its legend, at least
NEURON_MAP_SHARE_MOST = 0.56   # of the landscape's row, the map's at most (MapSplit)

class LandscapeSurface(SurfaceView):
    """SurfaceView framed for the panel's narrow, short pane: after SurfaceView's own
    framing the camera backs off until the box and its axis labels are all inside the
    picture (in a short pane pyqtgraph's horizontal field of view cut off the surface's
    bottom and the labels at the sides), and again when the pane is resized, unless the
    lecturer has turned or zoomed the view since."""

    MARGIN = 4           # px kept free at the picture's edges

    def __init__(self, model, parent=None):
        self._fitted = None          # camera (distance, elevation, azimuth) after a fit
        super().__init__(model, parent)
        # SurfaceView asks 240 px; the panel sits under the stepper, and 1280×720 at
        # scale 1.5 must fit (the camera frames whatever height it gets)
        self.setMinimumHeight(150)
        if self.gl is not None:
            # and its canvas below the tool row too: at its own 200 px minimum it was
            # taller than the room left under the row (170 px at 1280×720) and its
            # bottom, the b axis's title and ticks, was cut at the window's edge
            self.gl.canvas.setMinimumHeight(100)
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._on_resized)
        # Training re-centres the window on the run: a camera still framed (not turned
        # or zoomed) frames the new box, else a text-size round trip (which frames
        # again on the resize) ended on another distance than it began.
        model.windowChanged.connect(self._on_window_moved)

    def reset_camera(self):
        super().reset_camera()
        if self.gl is not None:
            self.fit_camera()

    def _camera(self):
        o = self.gl.opts
        return (o["distance"], o["elevation"], o["azimuth"])

    def outside(self) -> float:
        """How far (px) the box's corners and the axis labels reach past the picture's
        edges with the current camera (0: all inside)."""
        gl = self.gl
        w, h = max(gl.width(), 1), max(gl.height(), 1)
        to_screen = QMatrix4x4()
        to_screen.viewport(0, h, w, -h)
        mvp = to_screen * gl.projectionMatrix((0, 0, w, h), (0, 0, w, h)) * gl.viewMatrix()
        rects = [QRectF(mvp.map(QVector3D(x, y, z)).toPointF(), mvp.map(QVector3D(x, y, z))
                        .toPointF()) for x in (-1, 1) for y in (-1, 1) for z in CLIP]
        # the labels are QLabels placed by their 3-D points (gl_canvas.label_rect)
        for i, (_point, label) in enumerate(getattr(gl, "_labels", [])):
            if not label.isHidden():
                rects.append(gl.label_rect(i, mvp))
        m = self.MARGIN
        return max(0.0, *(max(m - r.left(), m - r.top(), r.right() - (w - m),
                              r.bottom() - (h - m)) for r in rects))

    def fit_camera(self) -> None:
        """Back off (never come closer than SurfaceView's framing) until nothing is cut."""
        for _ in range(30):
            if self.outside() <= 0:
                break
            self.gl.opts["distance"] *= 1.06
        self.gl.update()
        self._fitted = self._camera()

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self.gl is not None and self._fitted is not None:
            self._refit.start()          # once the GL widget has its new size

    def _on_window_moved(self, _window):
        if self.gl is not None and self._fitted is not None:
            self._refit.start()          # after SurfaceView has rebuilt the box

    def _on_resized(self):
        if not self.isVisible():
            return                       # framed when shown (the box is built then)
        # not turned or zoomed since (or just framed anew by SurfaceView's own reframer,
        # which ran first and left the box unfitted: 3 px cut at 1280×620): frame again
        if self._camera() == self._fitted or self._freshly_framed():
            self.reset_camera()

    def _freshly_framed(self) -> bool:
        """The camera is SurfaceView's framing (surface_camera's `_framed`), not yet fitted."""
        framed = getattr(self, "_framed", None)
        distance, elevation, azimuth = self._camera()
        return framed is not None and tuple(framed[:3]) == (
            round(float(distance), 6), float(elevation), float(azimuth))

    @qt_override
    def showEvent(self, event):
        super().showEvent(event)         # rebuilds a box that changed while hidden
        if self.gl is not None and self._fitted is not None:
            self._refit.start()


def loss_text(x: float, target: float, activation: str) -> str:
    """The neuron's loss L(b, w) in the expression language, exact numbers substituted."""
    def num(v):
        text = repr(float(v)).removesuffix(".0")
        return f"({text})" if text.startswith("-") or "e" in text else text
    z = f"{num(x)}w + b"
    inner = z if activation == "linear" else f"{activation}({z})"
    return f"({inner} - {num(target)})^2/2"


class LossLandscapeModel(LandscapeModel):
    """An LandscapeModel without the symbolic analysis: the neuron's loss needs none.

    The explorer's analysis typesets derivatives and looks for critical points, of
    which this loss has a whole valley rather than isolated ones. The views here need
    only numbers, so the worker just compiles f, ∇f and H — off the GUI thread, as a
    sigmoid's loss takes ~0.5 s to compile and x, target and activation change it.
    """

    SYMBOLIC = False
    VALUE_NAME = "L"         # the loss, as the panel's formulas and the loss curve name it
    # L varying by under 1 % of itself over the window is drawn flat: a saturated neuron
    # (w = 7: L from 0.0449995 to 0.0449999) looked as steep as any (gui.plots.landscape)
    FLAT_SHARE = 0.01


class NeuronTrainingPanel(QWidget):
    def __init__(self, neuron, parent=None):
        super().__init__(parent)
        self.neuron = neuron
        self.landscape_model = LossLandscapeModel(self)

        self.train_button = QPushButton("Train N steps")
        self.train_steps = QSpinBox()
        self.train_steps.setRange(1, MAX_TRAIN_STEPS)
        self.train_steps.setValue(100)
        self.train_steps.setPrefix("N = ")
        hand_keys_back(self.train_steps)
        self.reset_button = QPushButton("Reset run")
        self.train_button.setToolTip("Run N gradient-descent steps w ← w − η·∂L/∂w, "
                                     "b ← b − η·∂L/∂b at once and draw the run")
        self.train_steps.setToolTip("N: how many steps Train takes at once")
        self.reset_button.setToolTip("Back to the w and b where this run started (R)")
        self.train_button.clicked.connect(lambda: neuron.train(self.train_steps.value()))
        self.reset_button.clicked.connect(neuron.reset_training)
        # as tall as it wraps in the column (three lines at text size 2 on 720p)
        self.summary = WrappingLabel()
        # a row that wraps: at text size 2 on a 1280-px screen the three in one row
        # (625 px) held the page 118 px wider than the screen, scrolling sideways
        controls = QWidget()
        # with its widget from the start: PySide6 6.12 crashes adding to a parentless one
        controls_flow = FlowLayout(controls, spacing=6)
        # Train stays beside its N (what it trains); Reset run wraps below them
        controls_flow.add(labelled(self.train_button, self.train_steps))
        controls_flow.add(self.reset_button)
        self.controls = controls

        self.loss_plot = pg.PlotWidget(background="w", enableMenu=False)
        plot = self.loss_plot.getPlotItem()
        # a short title, "training" on the axis: the column is ~440 px wide at text
        # size 2 on 720p, where "Loss L during training" was cut at "traini"
        plot.setTitle("Loss L", color=INK, size="13pt")
        plot.setLabel("bottom", "training step", color=INK)
        whole_number_ticks(plot.getAxis("bottom"))
        plot.setLabel("left", "L", color=INK)
        plot.showGrid(x=True, y=True, alpha=0.25)
        for side in ("bottom", "left"):
            plot.getAxis(side).setPen(INK)
            plot.getAxis(side).setTextPen(INK)
        # as wide as its labels now: pyqtgraph's axis kept the larger text's width, and
        # the plot's left edge moved 2 px on a text-size round trip
        steady_width(plot.getAxis("left"))
        self.loss_curve = plot.plot(pen=pg.mkPen(LOSS_COLOUR, width=3))
        self.loss_now = pg.ScatterPlotItem(size=LOSS_DOT_PX, brush=LOSS_COLOUR,
                                           pen=pg.mkPen("w", width=2))
        plot.addItem(self.loss_now)
        self._loss_extent = (10, 1.0)     # (last step shown, top of L) the axes hold
        plot.vb.sigResized.connect(self._fit_loss_range)
        self.loss_plot.setMinimumHeight(130)     # 1280×720 at scale 1.5 must fit

        self.contour_view = ContourView(self.landscape_model)
        # a map, not a strip: at text size 1.5 on 720p it was ~50 px under its legend's
        # rows; the stepper's graph above gives the room (or the page scrolls)
        self.contour_view.map_min_px = NEURON_MAP_MIN_PX
        self.surface_view = LandscapeSurface(self.landscape_model)
        # w and b are small numbers: "600 (x0.001)" would hide that they are 0.6
        # The run is short next to the window: the field's arrows would hide it (one
        # click brings them back).
        if hasattr(self.contour_view, "field_toggle"):
            self.contour_view.field_toggle.setChecked(False)
        plots = [self.loss_plot.getPlotItem(), getattr(self.contour_view, "plot", None)]
        for plot in filter(None, plots):
            for axis in ("bottom", "left"):
                plot.getAxis(axis).enableAutoSIPrefix(False)
        # the map the width its plot needs for the (square) window, as the Explorer's:
        # halves left it 210×438 px presenting at 1280×720, w's range twice b's, and
        # b's four labels "0.060.080.100.12" in one string under it. Less than the
        # Explorer's most: at 62 % of the row the 3-D view's box was ~140 px there, its
        # b and w labels hidden (the row is a loss curve narrower than the Explorer's)
        views = MapSplit(self.contour_view, lambda: self.landscape_model.window,
                         most_share=NEURON_MAP_SHARE_MOST)
        self.landscape_model.windowChanged.connect(views.follow_window)
        views.addWidget(self.surface_view)
        views.setSizes([10000, 10000])
        self.views = views
        self.landscape_title = QLabel()
        self.landscape_title.setObjectName("landscapeTitle")
        self.landscape_title.setWordWrap(True)

        training = QVBoxLayout()
        training.addWidget(controls)
        training.addWidget(self.summary)
        training.addWidget(self.loss_plot, 1)
        left = QWidget()
        left.setLayout(training)
        scape = QVBoxLayout()
        scape.addWidget(self.landscape_title)
        scape.addWidget(views, 1)
        right = QWidget()
        right.setLayout(scape)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        # Qt shares the width beyond the parts' minimums by their sizes: from these, a
        # third to the training column (unset, it stayed at its minimum, where the row
        # of controls wraps even at text size 1)
        split.setSizes([1, 2])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

        neuron.parametersChanged.connect(self._on_parameters)
        neuron.historyChanged.connect(self._on_history)
        neuron.stepChanged.connect(self._on_history)
        self.landscape_model.startChanged.connect(self._on_landscape_start)
        # the whole run is always shown: the explorer's animation frame is pinned to its end
        self.landscape_model.pathsChanged.connect(
            lambda _: self.landscape_model.set_frame(self.landscape_model.last_frame))
        w0, b0 = neuron.start
        self._keep_in_window(np.array([[b0, w0]]), force=True)
        self._on_parameters(neuron.parameters)
        self._on_history()

    # --- neuron → landscape model ---------------------------------------------------
    def _on_parameters(self, params):
        m = self.landscape_model
        m.set_settings(methods=("gd",), lr=params["lr"], max_steps=len(self.neuron.history))
        w0, b0 = self.neuron.start
        self._keep_in_window(np.array([[b0, w0]]))
        m.set_start((b0, w0))
        m.set_text(loss_text(params["x"], params["target"], params["activation"]))
        act = {"linear": "", "relu": "ReLU"}.get(params["activation"], params["activation"])
        z = f"{fmt(params['x'])}·w + b"
        self.landscape_title.setText(
            f"<b>Loss landscape</b> L(b, w) = ½({act}({z}) − {fmt(params['target'])})²"
            if act else f"<b>Loss landscape</b> L(b, w) = ½({z} − {fmt(params['target'])})²")

    def _keep_in_window(self, points, force=False):
        """Frame the run: re-centred when it would leave the window, and zoomed in on
        it when it is small in the window (100 steps from the seed span 0.09 of the
        0.6-wide window: ~20 px of path, hidden under the start's star and the end's
        dot). `points` (n, 2): the run's (b, w), its start first."""
        m = self.landscape_model
        (blo, bhi), (wlo, whi) = m.window
        lo, hi = points.min(axis=0), points.max(axis=0)
        margin_b, margin_w = 0.1 * (bhi - blo), 0.1 * (whi - wlo)
        inside = (lo[0] >= blo + margin_b and hi[0] <= bhi - margin_b
                  and lo[1] >= wlo + margin_w and hi[1] <= whi - margin_w)
        if len(points) <= FRAME_RUN_AFTER:
            # stepping by hand: the picture keeps its scale (zoomed in on a step or two,
            # it changed scale at every press); re-centred on the start if need be
            centre, small = points[0], False
            half = max(HALF_WIDTH, 1.3 * float(np.abs(points - centre).max()))
        else:          # the run's box in the middle, its longer side ~¾ of the window's
            span = float((hi - lo).max())
            centre, half = (lo + hi) / 2, max(MIN_RUN_HALF_WIDTH, RUN_FILLS * span)
            small = half < ZOOM_IN_BELOW * (bhi - blo) / 2
        if inside and not small and not force:
            return
        m.set_window(((centre[0] - half, centre[0] + half), (centre[1] - half, centre[1] + half)))

    def _fit_loss_range(self, *_):
        """Steps 0.. and L from 0 with room in pixels for the current loss's dot: the
        last step's dot, at L ≈ 0 after training, was cut in half by the frame's bottom
        and right edges (a 2 % margin was ~6 px of the dot's 8.5)."""
        plot = self.loss_plot.getPlotItem()
        steps, top = self._loss_extent
        width, height = (max(v, 4 * DOT_ROOM_PX) for v in (plot.vb.width(), plot.vb.height()))
        pad_x = DOT_ROOM_PX * steps / (width - 2 * DOT_ROOM_PX)
        pad_y = DOT_ROOM_PX * top / (height - DOT_ROOM_PX)
        plot.setXRange(-pad_x, steps + pad_x, padding=0)
        plot.setYRange(-pad_y, top, padding=0)

    def _on_history(self, *_):
        history, step = self.neuron.history, self.neuron.step
        losses = np.array([s.loss for s in history] + [step.loss])
        self.loss_curve.setData(np.arange(len(losses)), losses)
        self.loss_now.setData([len(losses) - 1], [losses[-1]])
        # from step 0 and from L = 0, so "how far down" reads off the axes at once
        top = float(np.nanmax(losses)) if np.isfinite(losses).any() else 1.0
        self._loss_extent = (max(len(losses) - 1, 10), top * 1.15 if top > 0 else 1.0)
        self._fit_loss_range()
        status = ""
        if self.neuron.diverged:
            status = " · <b>diverged</b>: a smaller learning rate, or Reset run"
        elif len(history) >= MAX_HISTORY:
            status = f" · the run's limit of {MAX_HISTORY} steps is reached"
        # a value never breaks from its name ("b = / 0.1"): no-break spaces inside a pair
        def pair(name, value):
            return f"{name}\u00a0=\u00a0{fmt(value)}"
        n = len(history)
        self.summary.setText(f"{n} step{'' if n == 1 else 's'} trained · {pair('L', step.loss)}"
                             f" · {pair('w', step.w)}, {pair('b', step.b)}{status}")
        self.train_button.setEnabled(not self.neuron.diverged and len(history) < MAX_HISTORY)
        points = np.array([(s.b, s.w) for s in history] + [(step.b, step.w)])
        m = self.landscape_model
        self._keep_in_window(points)
        m.set_settings(max_steps=len(history))

    # --- landscape → neuron: a click on the contour map starts a new run there ------------
    def _on_landscape_start(self, start):
        b, w = start
        if (w, b) != self.neuron.start:
            self.neuron.set_wb(w, b)

    def shutdown(self):
        self.landscape_model.shutdown()
