"""The contour map beside the 3-D view, in a splitter that gives the map the width its
plot needs for f's window at its height, between MAP_SHARE_LEAST and MAP_SHARE_MOST of
the row: the map is the lecture's main picture, the window it shows is f's.

Equal halves, presenting at 1280×720 (text size 1.75), left the map's plot 213×323 px
beside a colour bar and axes ~210 px wide: the aspect lock widened y from ±3 to ±6 (a
portrait strip), while the 3-D view had 420 px. At text size 1 the equal split already
suits the map (its least share). Once the user drags the handle, their split stays.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QSplitter

from gui.compute.qt_guard import qt_override

MAP_SHARE_LEAST = 0.5     # of the row's width: the 3-D view never wider than the map
MAP_SHARE_MOST = 0.62     # ... and never narrower than 38 % (its box still readable)


class MapSplit(QSplitter):
    def __init__(self, contour_view, f_window, parent=None, most_share=MAP_SHARE_MOST):
        """contour_view: the ContourView put first; f_window(): f's ((xlo, xhi), (ylo, yhi))
        (not `window`: that would hide QWidget.window()); most_share: of the row, at most."""
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.contour_view, self.f_window = contour_view, f_window
        self.most_share = most_share
        self.addWidget(contour_view)
        self.user_split = False             # the user dragged the handle: their split
        self.splitterMoved.connect(self._on_user_moved)
        # a turn later: the canvas lays its plot out after it is resized
        self._share_soon = QTimer(self, singleShot=True, interval=0)
        self._share_soon.timeout.connect(self.share)
        contour_view.plot.vb.sigResized.connect(self._share_soon.start)
        contour_view.barResized.connect(self._share_now)

    def follow_window(self, *_) -> None:
        """f's window changed (a preset, a session, a re-frame): its proportions may need
        another width. Only the view box's resize shared it: Himmelblau's ±5 × ±5 loaded
        presenting kept the width of x² + 2y²'s ±4 × ±3, x shown at ±5.5, until a resize."""
        self._share_soon.start()

    def _share_now(self) -> None:
        """A new f's colour bar took another width: the map's share now, laid out, before
        the map is sampled for its range and painted. A turn later (from the view box's
        resize) the map was sampled and painted at its old width, then again at the new
        one (544 → 550 px at 1280×800), the 3-D view re-rendered with it: 2 edits in 5."""
        before = self.sizes()
        self.share()
        if self.sizes() != before:
            for _ in range(4):     # nested layouts: each activated one asks its parent's
                QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _on_user_moved(self, *_):
        self.user_split = True

    def reset_split(self) -> None:
        """Back to the split a new view has (File ▸ New, key 4 back to both views)."""
        self.user_split = False
        self.share()

    def map_width(self, total: int) -> int:
        """px of `total` for the map: its plot's chrome (axes, colour bar) and a view box
        with the window's proportions at its present height, within the shares."""
        f_window = self.f_window()
        vb = self.contour_view.plot.vb
        least, most = round(MAP_SHARE_LEAST * total), round(self.most_share * total)
        if len(f_window) != 2 or vb.height() <= 1:
            return least
        (xlo, xhi), (ylo, yhi) = f_window
        chrome = self.contour_view.width() - vb.width()
        return int(min(max(chrome + vb.height() * (xhi - xlo) / (yhi - ylo), least), most))

    def share(self) -> None:
        """The map its width (unless the user chose, or one view is shown alone)."""
        sizes = self.sizes()
        if self.user_split or len(sizes) != 2 or not all(sizes) \
                or not all(self.widget(i).isVisibleTo(self) for i in range(2)):
            return
        total = sum(sizes)
        width = self.map_width(total)
        # (a pixel or two is let be where the width follows the plot: the legend's rows
        # follow the width, and with them the view box's height; no see-saw between two
        # near widths. A share's bound does not follow the plot: it is set exactly, or a
        # window's split kept a pixel or two of its resizes (CI: a window grown from its
        # first paint showed the 3-D view a pixel off one built at its size)
        bound = width in (round(MAP_SHARE_LEAST * total), round(self.most_share * total))
        if abs(width - sizes[0]) > (0 if bound else 2):
            self.setSizes([width, total - width])

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._share_soon.start()
