"""The Examples gallery: every preset as a tile — a small live picture of its function
(computed by the engine, see `example_thumbnails`) and its name — in a grid, with the
chosen one's caption underneath.

Reachable in presentation mode, where the menu bar is hidden (key G, tool-bar button
"Examples"): the arrows (or typing a name's first letters) choose, Enter loads, Escape
closes. "Into this scene" loads the example and, when a lecture has scenes, makes it
the current scene's content.

The pictures are drawn after the dialog shows, one per timer tick, so it never
freezes; they are cached, so reopening it is instant.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QLabel,
                               QListView, QListWidget, QListWidgetItem, QVBoxLayout)

from gui.app import example_thumbnails as thumbs
from gui.app.presets import presets
from gui.compute.qt_guard import qt_override
from gui.widgets import theme as themes
from gui.widgets.tab_chain import ReadingOrderTabs

TILE_TEXT_LINES = 2        # room under a picture for a name that wraps
MIN_PICTURE = 64           # px: smaller, a picture shows no shape
NO_BREAK_SPACE = "\u00a0"
LEAST_WORD_LETTERS = 3     # a token with this many letters in a row is a word, not maths


def _is_word(token: str) -> bool:
    run = 0
    for char in token:
        run = run + 1 if char.isalpha() else 0
        if run >= LEAST_WORD_LETTERS:
            return True
    return False


def unbroken_formulas(title: str) -> str:
    """`title` with a no-break space between two tokens of a formula ("x⁴", "−",
    "4x³", "L(w)", "="), so that a tile wraps between words only: titles broke
    inside their formulas, "L(w) = (w −" / "3)²" and "x⁴" / "− 4x³ + 4x²". A token
    with LEAST_WORD_LETTERS letters in a row ("notes:", "(chain") is a word."""
    tokens = title.split(" ")
    glued = tokens[:1]
    for before, token in zip(tokens, tokens[1:]):
        both_maths = not _is_word(before) and not _is_word(token)
        glued.append((NO_BREAK_SPACE if both_maths else " ") + token)
    return "".join(glued)


class ExamplesGallery(ReadingOrderTabs, QDialog):
    """A grid of the presets; `chosen(preset)` when one is loaded, `into_scene(preset)`
    when "Into this scene" is pressed."""

    chosen = Signal(dict)
    into_scene = Signal(dict)

    def __init__(self, parent=None, current_name: str | None = None):
        super().__init__(parent)
        self.setWindowTitle("Examples")
        # the picture's side the text scale asks for; _whole_rows fits it to the room
        self.preferred_size = round(thumbs.SIZE * min(max(themes.current().scale, 1.0), 1.5))
        self.picture_size = self.preferred_size
        self.list = QListWidget()
        self._set_up_grid()
        self._pending: list[int] = []          # rows whose picture is still to draw
        for preset in presets():
            item = QListWidgetItem(unbroken_formulas(preset["name"]))
            item.setData(Qt.ItemDataRole.UserRole, preset)
            item.setToolTip(f"<b>{preset['name']}</b><br>{preset['caption']}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            picture = thumbs.cached(preset, self.picture_size)
            item.setIcon(QIcon(picture if picture is not None else self._blank()))
            if picture is None:
                self._pending.append(self.list.count())
            self.list.addItem(item)
            if preset["name"] == current_name:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._load)      # Enter or double click
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.list.currentItemChanged.connect(self._show_caption)
        self._show_caption(self.list.currentItem())
        hint = QLabel("Arrows choose · Enter loads · Esc closes · "
                      "the dot marks where the descent starts")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Close)
        self.into_button = buttons.addButton("Into this scene",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.into_button.setToolTip("Load the example and make it the current scene of "
                                    "the lecture (without scenes: just load it)")
        self.into_button.setAutoDefault(False)
        self.into_button.clicked.connect(self._into_scene)
        buttons.accepted.connect(lambda: self._load(self.list.currentItem()))
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.list)
        column.addStretch(1)        # what a whole number of rows leaves (_whole_rows)
        column.addWidget(self.caption)
        column.addWidget(hint)
        column.addWidget(buttons)
        self.list.setFocus()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._draw_next)
        self._fit(parent)

    def _set_up_grid(self) -> None:
        lst, side = self.list, self.picture_size
        lst.setViewMode(QListView.ViewMode.IconMode)
        lst.setMovement(QListView.Movement.Static)     # tiles cannot be dragged around
        lst.setResizeMode(QListView.ResizeMode.Adjust)  # re-flow when the dialog resizes
        lst.setFlow(QListView.Flow.LeftToRight)
        lst.setWrapping(True)
        lst.setWordWrap(True)
        lst.setIconSize(QSize(side, side))
        lst.setGridSize(self._tile_size(side))
        lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lst.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        lst.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # the list shows whole rows and scrolls by whole rows: a row cut at the scroll
        # edge hid the third row's captions at 1280×720 (Rosenbrock's, Himmelblau's)
        bar = lst.verticalScrollBar()
        bar.valueChanged.connect(self._snap_to_row)

    def _snap_to_row(self, value: int) -> None:
        row = self.list.gridSize().height()
        bar = self.list.verticalScrollBar()
        snapped = min(bar.maximum(), round(value / row) * row)
        if snapped != value:
            bar.setValue(snapped)

    def _text_height(self) -> int:
        """The room under a picture for its name (TILE_TEXT_LINES lines)."""
        return TILE_TEXT_LINES * self.list.fontMetrics().lineSpacing() + 16

    def _tile_size(self, side: int) -> QSize:
        line = self.list.fontMetrics().lineSpacing()
        return QSize(side + 2 * line + 24, side + self._text_height())

    def _whole_rows(self) -> None:
        """The list's height: whole rows of tiles filling the dialog's room, the picture
        sized to fit them. The rows are as many as tiles of the preferred picture size
        would nearly fill, then the picture grows or shrinks so that they fill it: at
        1280×720 presenting, one row of 168 px pictures over ~160 px of nothing became
        two rows of ~135 px."""
        lst = self.list
        layout = self.layout()
        margins = layout.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        others = sum(_height_at(layout.itemAt(i), width) for i in range(layout.count())
                     if layout.itemAt(i).widget() not in (None, lst))
        spacing = layout.spacing() * (layout.count() - 2)   # the stretch takes none of its own
        room = (self.height() - margins.top() - margins.bottom() - others - spacing
                - 2 * lst.frameWidth())
        text = self._text_height()
        columns_room = width - 2 * lst.frameWidth() - lst.verticalScrollBar().sizeHint().width()

        def side_for(rows: int) -> int:
            return min(max(MIN_PICTURE, room // rows - text), self.preferred_size * 3 // 2)

        rows = max(1, round(room / (self.preferred_size + text)))
        # no more rows than the tiles fill: fewer, larger pictures instead of an empty row
        while rows > 1:
            columns = max(1, columns_room // self._tile_size(side_for(rows)).width())
            if -(-lst.count() // columns) >= rows:
                break
            rows -= 1
        side = side_for(rows)
        rows = max(1, min(rows, room // (side + text)))
        row = max(side + text, room // rows)
        self._resize_pictures(side)
        if lst.gridSize().height() != row:
            lst.setGridSize(QSize(self._tile_size(side).width(), row))
        lst.setFixedHeight(rows * row + 2 * lst.frameWidth())
        lst.verticalScrollBar().setSingleStep(max(1, row // 3))   # a wheel notch: a row
        lst.scrollToItem(lst.currentItem())

    def _resize_pictures(self, side: int) -> None:
        """Pictures `side` pixels wide: from the cache, else the old one scaled until
        the timer draws it anew (one per tick, as at the start)."""
        if side == self.picture_size:
            return
        self.picture_size = side
        self.list.setIconSize(QSize(side, side))
        self.list.setGridSize(self._tile_size(side))
        self._pending = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            picture = thumbs.cached(item.data(Qt.ItemDataRole.UserRole), side)
            if picture is not None:
                item.setIcon(QIcon(picture))
            else:
                self._pending.append(row)
        self._pending.sort(key=lambda row: abs(row - self.list.currentRow()))
        if self._pending and self.isVisible():
            self._timer.start()

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._whole_rows()

    def _blank(self) -> QPixmap:
        pixmap = QPixmap(self.picture_size, self.picture_size)
        pixmap.fill(self.palette().window().color())
        return pixmap

    def _fit(self, parent) -> None:
        """About two thirds of the main window (nine tenths while presenting: the hall
        sees the pictures, not the window behind them), never larger than its screen."""
        if parent is not None:
            presenting = getattr(getattr(parent, "commands", None), "presenting", False)
            (wn, wd), (hn, hd) = ((9, 10), (9, 10)) if presenting else ((2, 3), (3, 4))
            width = max(560, parent.width() * wn // wd)
            height = max(420, parent.height() * hn // hd)
        else:
            width, height = 760, 560
        screen = (parent.screen() if parent is not None else None) \
            or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(width, height)

    @qt_override
    def showEvent(self, event):
        super().showEvent(event)
        # the keyboard goes to the list at once: the arrows and Enter work without a click
        self.activateWindow()
        self.list.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        self.list.scrollToItem(self.list.currentItem())
        self._pending.sort(key=lambda row: abs(row - self.list.currentRow()))
        if self._pending:
            self._timer.start()

    def _draw_next(self) -> None:
        """One picture per tick (the chosen tile's neighbours first), then yield."""
        if not self._pending:
            return
        row = self._pending.pop(0)
        item = self.list.item(row)
        item.setIcon(QIcon(thumbs.thumbnail(item.data(Qt.ItemDataRole.UserRole),
                                            self.picture_size)))
        if self._pending:
            self._timer.start()

    def pictures_done(self) -> bool:
        return not self._pending

    def names(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole)["name"]
                for i in range(self.list.count())]

    def _show_caption(self, item, _previous=None) -> None:
        if item is None:
            self.caption.clear()
            return
        preset = item.data(Qt.ItemDataRole.UserRole)
        self.caption.setText(f"<b>{preset['name']}</b> — f = {preset['expr']}<br>"
                             f"{preset['caption']}")

    def _load(self, item) -> None:
        if item is None:
            return
        self._timer.stop()
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()

    def _into_scene(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self._timer.stop()
        self.into_scene.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()


def _height_at(item, width: int) -> int:
    """A layout item's height at `width` (a wrapping caption's lines at that width)."""
    if item.hasHeightForWidth():
        return item.heightForWidth(width)
    return item.sizeHint().height()


def load_into_scene(window, load, preset: dict) -> None:
    """Load `preset`; if the window's lecture has scenes, the current scene takes it."""
    load(preset)
    commands = getattr(window, "lecture_commands", None)
    lecture = getattr(commands, "lecture", None)
    if lecture is not None and not lecture.live:
        lecture.update_current()


def show_examples_gallery(window, load) -> ExamplesGallery:
    """Open the gallery over `window` (modal) and call `load(preset)` for the one chosen;
    it deletes itself when closed."""
    model = getattr(window, "model", None)
    current = model.preset["name"] if model is not None and model.preset else None
    gallery = ExamplesGallery(window, current)
    gallery.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    gallery.chosen.connect(load)
    gallery.into_scene.connect(lambda preset: load_into_scene(window, load, preset))
    gallery.open()
    return gallery
