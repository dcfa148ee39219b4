"""The runs of a race on the contour map: per run the style items the legend, theme
and exports see (`gui.plots.run_styles`), all drawn by one `RaceLayer`.

Public attributes (ContourView hands them out under the same names):
  path_items      dict key -> RunLine (a PlotDataItem): getData() is the path shown
  current_items   dict key -> RunCurrent (a ScatterPlotItem): getData() is the iterate
  halos           dict key -> RunHalo (a PlotCurveItem): the light band's pen
  layer           the RaceLayer drawing them
  off_plot        gui.plots.off_plot_marks.OffPlotMarks: a current point outside the map,
                  marked at its edge, named by `name_of(key)` (the run's short name)
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from gui.plots.off_plot_marks import OffPlotMarks, iterate_text, point_text
from gui.plots.race_layer import RaceLayer
from gui.plots.run_styles import RunCurrent, RunHalo, RunLine
from gui.widgets.variable_names import display_name

CURRENT_HALF_PX = 10               # a current point (15 px and its white rim) and a margin
HEAD_HALF_PX = 4                   # marks along a path's last step (line and halo)
HEAD_SAMPLES = (0.0, 0.25, 0.5, 0.75)   # where along the last step, from its start


class RaceMarks:
    def __init__(self, plot, name_of=str, names=None):
        """`names`: the map's CriticalLabels, whose labels the callouts never cover."""
        self.plot = plot
        self.name_of = name_of        # key -> the run's short name ("GD", "Adam")
        self.path_items: dict[str, RunLine] = {}
        self.current_items: dict[str, RunCurrent] = {}
        self.halos: dict[str, RunHalo] = {}
        self._shown: dict = {}        # key -> (path, points shown) last drawn
        self._colours: dict = {}      # key -> the run's colour
        self.off_plot = OffPlotMarks(plot)
        self.off_plot.keep_clear = lambda: self.heads(path=False)   # callouts off the runs
        self.off_plot.paths_drawn = self.paths_drawn               # ... and their paths
        if names is not None:        # ... and off the names, placed again when those move
            self.off_plot.keep_off = lambda: names.placed_boxes
            names.on_placed.append(self.off_plot.place)
        # over the map, under the step arrows; the style items below have the z of
        # what the layer draws for them (halos 7, lines 7.5, current points 8)
        self.layer = RaceLayer()
        self.layer.setZValue(7.5)
        plot.addItem(self.layer)

    def add(self, key, colour) -> None:
        halo = RunHalo(pen=pg.mkPen(255, 255, 255, 200, width=5))
        line = RunLine(self.layer, key, pen=pg.mkPen(colour, width=2.5), symbol="o",
                       symbolSize=5, symbolBrush=colour, symbolPen=None)
        current = RunCurrent(self.layer, key, size=15, brush=colour, pen=pg.mkPen("w", width=2))
        for z, item in ((7, halo), (7.5, line), (8, current)):
            item.setZValue(z)
            self.plot.addItem(item)
        self.halos[key], self.path_items[key], self.current_items[key] = halo, line, current
        self.layer.add_run(key, halo, line, current)
        self._colours[key] = colour

    def colour(self, key, colour) -> None:
        self.path_items[key].setPen(pg.mkPen(colour, width=2.5))
        self.path_items[key].setSymbolBrush(colour)
        self.current_items[key].setBrush(colour)
        self._colours[key] = colour

    def items_of(self, key) -> tuple:
        return self.path_items[key], self.halos[key], self.current_items[key]

    def set_paths(self, paths) -> None:
        """The race's paths (key -> Path): those shown, and the layer's extent."""
        for key in self.path_items:
            for item in self.items_of(key):
                item.setVisible(key in paths)
            if key not in paths:
                self.off_plot.hide(key, place=False)
        self.off_plot.place()
        points = [p.points for p in paths.values() if p.points.shape[1] == 2]
        self.layer.set_extent(np.concatenate(points) if points else np.empty((0, 2)))

    def heads(self, current: bool = True, path: bool = True) -> list:
        """[((x, y) view, half-size px)] of what no label may cover: each shown run's
        current point, and its path's head (the last step into it) as small marks along
        it (either alone: `current`, `path`). For CriticalLabels.set_markers."""
        currents, heads = self.head_marks()
        return (currents if current else []) + (heads if path else [])

    def head_marks(self) -> tuple[list, list]:
        """heads(path=False) and heads(current=False), in one pass over the runs."""
        currents, heads = [], []
        for key, (path, n) in self._shown.items():
            if key not in self.current_items or not self.current_items[key].isVisible():
                continue
            shown = path.points[:n]
            if shown.shape[1] != 2:
                continue
            # the last two finite points (a diverged run's last are not): only those
            # are read, so only the path's end is searched for them
            tail = shown[-2:]
            if not np.isfinite(tail).all():
                tail = shown[np.all(np.isfinite(shown), axis=1)][-2:]
            if not len(tail):
                continue
            currents.append((tuple(tail[-1]), CURRENT_HALF_PX))
            if len(tail) > 1:
                for t in HEAD_SAMPLES:
                    point = tail[-2] + t * (tail[-1] - tail[-2])
                    heads.append((tuple(point), HEAD_HALF_PX))
        return currents, heads

    def paths_drawn(self) -> list:
        """[(n, 2) view points] of each shown run's path up to the frame shown."""
        return [path.points[:n] for key, (path, n) in self._shown.items()
                if key in self.path_items and self.path_items[key].isVisible()
                and path.points.shape[1] == 2]

    def hide(self) -> None:
        for key in self.path_items:
            for item in self.items_of(key):
                item.setVisible(False)
            self.off_plot.hide(key, place=False)
        self.off_plot.place()

    def show_frame(self, paths, frame: int, names=("x", "y")) -> None:
        """Each run up to step `frame`; only the runs that moved are given new points,
        and only what they changed is repainted. `names`: the variables', for the mark
        of a point off the map."""
        span = max(hi - lo for lo, hi in self.plot.getViewBox().viewRange())   # noise below
        for key, path in paths.items():
            if key not in self.path_items:
                continue
            n = min(frame + 1, len(path.points))
            last = self._shown.get(key)
            if last is not None and last[0] is path and last[1] == n:
                continue       # a path that already ended: nothing new to draw
            self._shown[key] = (path, n)
            shown = path.points[:n]
            finite = np.flatnonzero(np.all(np.isfinite(shown), axis=1))
            shown = shown[finite]                                # a diverged last point
            grows = last is not None and last[0] is path and last[1] < n
            self.layer.show_points(key, shown[:, 0], shown[:, 1], extends=grows)
            if len(finite):
                shown_names = [display_name(v) for v in names]
                text = iterate_text(int(finite[-1]), shown_names, shown[-1], scale=span)
                self.off_plot.show(key, shown[-1], text, self._colours[key], self.name_of(key),
                                   point_text(shown_names, shown[-1], span), place=False)
            else:
                self.off_plot.hide(key, place=False)
        self.off_plot.place()             # once for all the runs that moved
        self.layer.repaint_changed()
