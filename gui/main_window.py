"""The explorer window: editor and formulas on top, the views in the middle,
descent controls at the side, loss curve and iterates below."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QLabel, QMainWindow, QSplitter, QStackedWidget, QTabWidget,
                               QVBoxLayout, QWidget)

from .contour_view import ContourView
from .curve_view import CurveView
from .descent_panel import DescentPanel
from .expression_editor import ExpressionEditor
from .iterate_table import IterateTable
from .loss_plot import LossPlot
from .math_view import MathView
from .network_tab import NetworkTab
from .neuron_tab import NeuronTab
from .presets import presets
from .surface_view import SurfaceView


class MainWindow(QMainWindow):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.setWindowTitle("Gradient Lab")

        self.editor = ExpressionEditor(model)
        self.math_view = MathView(model)
        self.curve_view = CurveView(model)
        self.contour_view = ContourView(model)
        self.surface_view = SurfaceView(model)
        self.descent_panel = DescentPanel(model)
        self.loss_plot = LossPlot(model)
        self.iterate_table = IterateTable(model)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setObjectName("caption")

        # 1-D: the curve; 2-D: contour map and surface side by side.
        pair = QSplitter(Qt.Orientation.Horizontal)
        pair.addWidget(self.contour_view)
        pair.addWidget(self.surface_view)
        pair.setSizes([1, 1])
        self.views = QStackedWidget()
        self.views.addWidget(self.curve_view)
        self.views.addWidget(pair)

        below = QSplitter(Qt.Orientation.Horizontal)
        below.addWidget(self.loss_plot)
        below.addWidget(self.iterate_table)
        middle = QSplitter(Qt.Orientation.Vertical)
        middle.addWidget(self.views)
        middle.addWidget(below)
        middle.setStretchFactor(0, 3)
        middle.setStretchFactor(1, 1)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(middle)
        body.addWidget(self.descent_panel)
        body.setStretchFactor(0, 4)
        body.setStretchFactor(1, 1)

        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(6, 6, 6, 0)
        column.addWidget(self.editor)
        column.addWidget(self.math_view)
        column.addWidget(self.caption)
        explorer = QWidget()
        layout = QVBoxLayout(explorer)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(top)
        layout.addWidget(body, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(explorer, "Explorer")
        self.tabs.addTab(NeuronTab(), "Neuron")
        self.tabs.addTab(NetworkTab(), "Network")
        self.setCentralWidget(self.tabs)
        self._build_menus()

        model.expressionChanged.connect(self._on_expression)
        model.presetChanged.connect(self._on_preset)

    def _build_menus(self):
        menu = self.menuBar().addMenu("&Examples")
        for preset in presets():
            action = QAction(preset["name"], self)
            action.setToolTip(preset["caption"])
            action.triggered.connect(lambda _=False, p=preset: self.model.load_preset(p))
            menu.addAction(action)
        menu.setToolTipsVisible(True)
        play = QAction("Play / pause", self, shortcut=QKeySequence(Qt.Key.Key_Space))
        play.triggered.connect(self.model.toggle_play)
        self.addAction(play)

    def _on_expression(self, expr):
        self.views.setCurrentIndex(0 if expr.dimension == 1 else 1)

    def _on_preset(self, preset):
        self.caption.setText(preset["caption"] if preset else "")

    def closeEvent(self, event):
        self.model.shutdown()
        super().closeEvent(event)
