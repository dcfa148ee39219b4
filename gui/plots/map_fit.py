"""The contour map fitted to its window: with the x and y axes at one scale (the map's
aspect lock) a view much wider than the window showed far more than it: Himmelblau's
±5 × ±5 in the contour-only view of a 16:9 screen spanned x = ±19, its four minima in the
middle fifth. Fitted, the map's canvas gets equal margins left and right, so that the
plot (its axes, colour bar and legend with it) has the window's proportions, centred:
the window is all shown, and no more."""
from __future__ import annotations

from PySide6.QtCore import Qt

from gui.plots.legend_columns import MAX_COLUMNS, fit_legend

# the legend goes beside the map alone where the canvas's proportions are this many times
# the window's (the width the map cannot use); less wide (presenting at 1280×720: 890×594
# for 8 × 6) it stays above, or the map would be narrowed for it
BESIDE_WIDER = 1.3


class MapFit:
    """Keeps the aspect-locked `plot` (a pyqtgraph PlotItem in `layout_item`, the
    canvas's GraphicsLayout) fitted to `window()` ((xlo, xhi), (ylo, yhi)) while `on`.
    `legend` (a LegendItem in the row above the plot), while on, is a column beside the
    plot, in the margin the fit leaves: above, a seven-method race's two rows took 40 px
    of a 720p map's height, and wider than the fitted plot they held it at their width
    (x shown at ±7.2 for f's ±4)."""

    def __init__(self, plot, layout_item, window, legend=None):
        self.plot, self.layout_item, self.window = plot, layout_item, window
        self.legend = legend
        self.legend_beside = False
        self.layout = layout = layout_item.layout
        self.on = False
        self.side_px = 0.0          # the margin added on each side
        self._base = layout.getContentsMargins()      # (left, top, right, bottom)
        # the view box's new size: fitted again (a resize of the canvas, a new legend)
        plot.vb.sigResized.connect(self.fit)

    def set_on(self, on: bool) -> None:
        if on != self.on:
            self.on = on
            if self.legend is not None:
                self.fit_legend()
            self.fit()

    def fit_legend(self) -> None:
        """The legend beside the plot where the canvas is wide for the window (the map
        alone under a 16:9 screen's formulas: 983×326 px for 8 × 6), else in the row
        above it; its columns: one beside, else as many as the canvas's width holds."""
        window, (width, height) = self.window(), self._canvas_size()
        beside = False
        if self.on and len(window) == 2 and height > 1:
            (xlo, xhi), (ylo, yhi) = window
            beside = width / height >= BESIDE_WIDER * (xhi - xlo) / (yhi - ylo)
        if beside != self.legend_beside:
            self.legend_beside = beside
            self.layout_item.removeItem(self.legend)
            self.layout_item.addItem(self.legend, row=1 if beside else 0, col=int(beside))
            self.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignLeft | (
                Qt.AlignmentFlag.AlignVCenter if beside else Qt.AlignmentFlag.AlignTop))
        fit_legend(self.legend, self._canvas_width(), 1 if beside else MAX_COLUMNS)

    def fit(self, *_) -> None:
        """Margins that leave the plot the width its view box needs for the window's
        proportions at the view box's height; from the canvas's width, not the margins
        already set, so fitting again (the view box's resize that follows) changes
        nothing. (A window wider than the view still shows more of y: the map keeps
        its height.)"""
        plot, vb = self.plot, self.plot.vb
        side = 0.0
        window = self.window()
        if self.on and len(window) == 2 and vb.width() > 1 and vb.height() > 1:
            (xlo, xhi), (ylo, yhi) = window
            # beside the view box: the y-axis and its label, the colour bar, spacing
            needed = plot.width() - vb.width() + vb.height() * (xhi - xlo) / (yhi - ylo)
            if self.legend_beside:       # (and the column beside it)
                needed += self.legend.width() + self.layout.horizontalSpacing()
            left, _top, right, _bottom = self._base
            side = max(0.0, (self._canvas_width() - left - right - needed) / 2)
        if abs(side - self.side_px) >= 0.5:
            self.side_px = side
            left, top, right, bottom = self._base
            self.layout.setContentsMargins(left + side, top, right + side, bottom)

    def _canvas_width(self) -> float:
        """The canvas's width, not its layout's: margins fitted to a wider canvas (in
        presentation) held the layout at that width by its minimum, and a narrower
        canvas then kept them, the plot off centre. Its contents' width, not its
        viewport's: on the canvas's resize (the map narrowed beside the 3-D view,
        gui.plots.map_split) the viewport still has the old one, and the legend kept two
        columns 391 px wide in a 388-px canvas, "Adam" cut at its edge."""
        scene = self.layout_item.scene()
        views = scene.views() if scene is not None else []
        return views[0].contentsRect().width() if views else self.layout_item.width()

    def _canvas_size(self) -> tuple[float, float]:
        """The canvas widget's size: on its resize its viewport still has the old one."""
        scene = self.layout_item.scene()
        views = scene.views() if scene is not None else []
        if views:
            return views[0].width(), views[0].height()
        return self.layout_item.width(), self.layout_item.height()
