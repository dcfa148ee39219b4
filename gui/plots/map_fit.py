"""The contour map fitted to its window: with the x and y axes at one scale (the map's
aspect lock) a view much wider than the window showed far more than it: Himmelblau's
±5 × ±5 in the contour-only view of a 16:9 screen spanned x = ±19, its four minima in the
middle fifth. Fitted, the map's canvas gets equal margins left and right, so that the
plot (its axes, colour bar and legend with it) has the window's proportions, centred:
the window is all shown, and no more."""
from __future__ import annotations


class MapFit:
    """Keeps the aspect-locked `plot` (a pyqtgraph PlotItem in `layout_item`, the
    canvas's GraphicsLayout) fitted to `window()` ((xlo, xhi), (ylo, yhi)) while `on`."""

    def __init__(self, plot, layout_item, window):
        self.plot, self.layout_item, self.window = plot, layout_item, window
        self.layout = layout = layout_item.layout
        self.on = False
        self.side_px = 0.0          # the margin added on each side
        self._base = layout.getContentsMargins()      # (left, top, right, bottom)
        # the view box's new size: fitted again (a resize of the canvas, a new legend)
        plot.vb.sigResized.connect(self.fit)

    def set_on(self, on: bool) -> None:
        if on != self.on:
            self.on = on
            self.fit()

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
            left, _top, right, _bottom = self._base
            side = max(0.0, (self._canvas_width() - left - right - needed) / 2)
        if abs(side - self.side_px) >= 0.5:
            self.side_px = side
            left, top, right, bottom = self._base
            self.layout.setContentsMargins(left + side, top, right + side, bottom)

    def _canvas_width(self) -> float:
        """The canvas's width, not its layout's: margins fitted to a wider canvas (in
        presentation) held the layout at that width by its minimum, and a narrower
        canvas then kept them, the plot off centre."""
        scene = self.layout_item.scene()
        views = scene.views() if scene is not None else []
        return views[0].viewport().width() if views else self.layout_item.width()
