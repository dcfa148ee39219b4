"""Who the app is: its icon, the About dialog and the keyboard shortcut sheet (F1).

`shortcut_rows()` reads the shortcuts from the main window's actions (one QAction per
command, in `window_commands`): the About dialog and the shortcut sheet show them, so
they always agree with the keys.
"""
from __future__ import annotations

from importlib import resources

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QTabWidget,
                               QHeaderView, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout)

from gui.widgets.tab_chain import ReadingOrderTabs

APP_NAME = "Gradient Lab"
ICON_SIZES = (16, 32, 64, 256)          # resources/icon-<size>.png, from resources/make_icons.py
PURPOSE = (
    "Gradient Lab makes derivatives, gradients, gradient descent and backpropagation "
    "visible. Type a function and see its derivatives typeset, its tangent, its contour "
    "map with the gradient field and its surface with the tangent plane; race optimizers "
    "(gradient descent, momentum, Nesterov, AdaGrad, RMSprop, Adam, Newton) downhill; "
    "step one neuron through its forward pass, backward pass and update; and train a small "
    "network live. It is made for lecturers who project it in class and for students "
    "exploring on their own; every number comes from a small, tested numpy/sympy engine.")
LICENCE_NOTE = (
    "Built on Qt for Python (PySide6 and Qt, LGPL v3, used unmodified through dynamic "
    "linking), pyqtgraph (MIT), NumPy (BSD), SymPy (BSD) and ziamath (MIT); each keeps "
    "its own licence.")


def _icon_bytes(name: str) -> bytes | None:
    try:
        return (resources.files("resources") / name).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        return None


def app_icon() -> QIcon:
    """The application icon with its rendered sizes 16, 32, 64 and 256 px (the SVG when no
    PNG is installed). Needs a QGuiApplication."""
    icon = QIcon()
    for size in ICON_SIZES:
        data = _icon_bytes(f"icon-{size}.png")
        pixmap = QPixmap()
        if data is not None and pixmap.loadFromData(data, "PNG"):
            icon.addPixmap(pixmap)
    if icon.isNull():
        data = _icon_bytes("icon.svg")
        pixmap = QPixmap()
        if data is not None and pixmap.loadFromData(data, "SVG"):
            icon.addPixmap(pixmap)
    return icon


def app_version() -> str:
    """The installed version of the 'gradient-lab' distribution, or "dev" when not installed."""
    from importlib import metadata      # here: ~40 ms that the start (icon only) need not pay
    try:
        return metadata.version("gradient-lab")
    except metadata.PackageNotFoundError:
        return "dev"


def library_versions() -> list[tuple[str, str]]:
    """(name, version) of Python and of the libraries the app stands on; "?" if unknown."""
    import platform
    from importlib import metadata      # here: ~40 ms that the start (icon only) need not pay

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "?"
    return [("Python", platform.python_version()), ("PySide6", PYSIDE_VERSION),
            ("Qt", qVersion()), ("pyqtgraph", version("pyqtgraph")),
            ("NumPy", version("numpy")), ("SymPy", version("sympy")),
            ("ziamath", version("ziamath"))]


# The sheet's rows, in teaching order: actions named together share a row ("1 / 2 / 3").
# Every other action with a key is added after them, so the sheet cannot miss one;
# only the File menu's keys (shown beside its entries) are left out.
SHEET_ROWS = (("play",), ("step", "back"), ("reset",), ("view1", "view2", "view3"),
              ("view4",), ("editor",), ("tangent_x",), ("examples",), ("zoom_in", "zoom_out"), ("present",),
              ("dark",), ("larger", "smaller"), ("normal",),
              ("show_top", "show_side", "show_below"), ("shortcuts",))
# Rows of several actions whose texts joined would be too long for the sheet.
SHEET_CAPTIONS = {("step", "back"): "Step forward / back: one step or stage",
                  ("view1", "view2", "view3"): "Explorer / Neuron / Network tab",
                  ("show_top", "show_side", "show_below"):
                      "Fold or show the current tab's top / side / lower panel"}
# (Copy picture is File ▸ Export's too, its key beside it there: its row gave way to the
# tangent point's, 18 rows at 34 px overran a 720-px projector by 10 px.)
FILE_ACTIONS = ("new", "open", "save", "save_as", "quit", "export_view", "export_window",
                "export_gif", "export_csv", "copy_picture")
# Keys of no action (the formula field's own): typing "2" after x^3 made x^32, since
# 1 2 3 are keys of the window only once the field is left.
FIELD_ROW = ("Return / Esc", "Leave the formula field (Return applies it, Esc drops an error)")
# Keys of the secant's h slider (gui.plots.secant_panel.DecadeSlider) while it has focus,
# beside the step keys they share. → and ← share a row so this one fits: 18 rows at
# 34 px overran a 720-px projector by 22 px.
H_SLIDER_ROW = ("← → / ↓ ↑", "Secant h slider (focused): a tenth of a decade / a decade")
# Keys beside an action's own, on its row: Shift+← → step the tangent point while f's
# plot has the keyboard (gui.plots.curve_view), after a click there or a typed x.
SHEET_EXTRA_KEYS = {("tangent_x",): ("Shift+← →", "1-D view: type the tangent point's x "
                                                  "/ step it (f's plot focused)")}
# The map's pins (gui.plots.gradient_pins): a click with Shift, and the key that clears them.
PIN_ROW_TEXT = "Pin ∇f at a point of the map (again: unpin) / clear pins"
_KEY_NAMES = {"Right": "→", "Left": "←", "Minus": "−", "-": "−"}


def key_text(action) -> str:
    """The action's keys for people: "Space", "→", "Ctrl+1", "F1 or ?"."""
    from PySide6.QtGui import QKeySequence
    names = []
    for seq in action.shortcuts():
        text = seq.toString(QKeySequence.SequenceFormat.NativeText)
        names.append(_KEY_NAMES.get(text, text.replace("Ctrl+-", "Ctrl+−")))
    return " or ".join(dict.fromkeys(names))


def action_text(action) -> str:
    """What the action does, as its tool tip says it (without the keys in brackets)."""
    tip = action.toolTip()
    if tip.endswith(")") and " (" in tip:
        tip = tip[:tip.rindex(" (")]
    return tip or action.text().replace("&", "").rstrip("…")


def shortcut_rows(actions: dict | None) -> list[tuple[str, str]]:
    """(keys, what they do) of the window's keyboard shortcuts, read from its actions
    (`WindowCommands.actions`: one QAction per command) so the sheet cannot drift from
    the keys; none without actions (a dialog opened without the main window)."""
    actions = actions or {}
    rows, named = [], set()
    for group in SHEET_ROWS:
        members = [actions[k] for k in group if k in actions and actions[k].shortcuts()]
        named.update(group)
        if members:
            keys = " / ".join(key_text(a) for a in members)
            what = (action_text(members[0]) if len(members) == 1
                    else SHEET_CAPTIONS.get(group) or " / ".join(a.text().replace("&", "")
                                                                  for a in members))
            if group in SHEET_EXTRA_KEYS:
                extra_keys, what = SHEET_EXTRA_KEYS[group]
                keys = f"{keys} / {extra_keys}"
            rows.append((keys, what))
        if group == ("editor",):
            rows.append(FIELD_ROW)
        if group == ("step", "back"):
            rows.append(H_SLIDER_ROW)
        if group == ("zoom_in", "zoom_out") and "clear_pins" in actions:
            rows.append((f"Shift+click / {key_text(actions['clear_pins'])}", PIN_ROW_TEXT))
            named.add("clear_pins")
    for key, action in actions.items():
        if key not in named and key not in FILE_ACTIONS and action.shortcuts():
            rows.append((key_text(action), action_text(action)))
    return rows


def _shortcut_table(font_px: int, row_height: int, rows) -> QTableWidget:
    """The shortcuts as a read-only two-column table, as tall and wide as its text."""
    table = QTableWidget(len(rows), 2)
    font = QFont(table.font())
    font.setPixelSize(font_px)
    bold = QFont(font)
    bold.setBold(True)
    table.setFont(font)
    table.horizontalHeader().setFont(bold)
    table.setHorizontalHeaderLabels(["Key", "Action"])
    for i, (key, action) in enumerate(rows):
        key_item = QTableWidgetItem(key)
        key_item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        key_item.setFont(bold)
        table.setItem(i, 0, key_item)
        table.setItem(i, 1, QTableWidgetItem(action))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    key_width = max((QFontMetrics(bold).horizontalAdvance(key) for key, _ in rows), default=0)
    action_width = max((QFontMetrics(font).horizontalAdvance(action) for _, action in rows),
                       default=0)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
    header.resizeSection(0, key_width + 2 * font_px)       # keys stand apart, centred
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setDefaultSectionSize(row_height)
    # Every row shows: no scroll bar hides the last shortcut.
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setFixedHeight(header.sizeHint().height() + row_height * len(rows)
                         + 2 * table.frameWidth() + 2)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setMinimumWidth(key_width + action_width + 4 * font_px + 2 * table.frameWidth())
    table.setToolTip("Keyboard shortcuts of the whole window")
    return table


def _close_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    buttons.button(QDialogButtonBox.StandardButton.Close).setToolTip("Close (Esc)")
    return buttons


class AboutDialog(ReadingOrderTabs, QDialog):
    """Name, version, purpose, the libraries and their versions, licences, shortcuts."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setWindowIcon(app_icon())
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(96, 96))
        self.title = QLabel(f"<span style='font-size: 22pt; font-weight: bold;'>{APP_NAME}</span>"
                            f"<br><span style='font-size: 13pt;'>version {app_version()}</span>")
        header = QHBoxLayout()
        header.addWidget(icon)
        header.addSpacing(12)
        header.addWidget(self.title, 1)

        purpose = QLabel(PURPOSE)
        purpose.setWordWrap(True)
        libraries = " &nbsp;·&nbsp; ".join(f"{name} <b>{version}</b>"
                                           for name, version in library_versions())
        self.libraries = QLabel(f"<b>Running on</b> &nbsp;{libraries}")
        self.libraries.setWordWrap(True)
        self.libraries.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        licence = QLabel(LICENCE_NOTE)
        licence.setWordWrap(True)
        licence.setStyleSheet("color: #444;")
        keys = QLabel("<b>Keyboard shortcuts</b> (F1 shows them large)")

        column = QVBoxLayout(self)
        column.setSpacing(10)
        column.addLayout(header)
        for label in (purpose, self.libraries, licence):
            label.setStyleSheet(label.styleSheet() + "font-size: 11pt;")
            column.addWidget(label)
        column.addWidget(keys)
        column.addWidget(_shortcut_table(13, 22, shortcut_rows(_window_actions(parent))))
        column.addStretch(1)
        column.addWidget(_close_buttons(self))
        self.resize(660, self.sizeHint().height())

    def text(self) -> str:
        """The text of the dialog's labels (rich text as set), for tests."""
        labels = self.findChildren(QLabel)
        return "\n".join(label.text() for label in labels)


class ShortcutSheet(ReadingOrderTabs, QDialog):
    """The keyboard shortcuts as a large table, readable from the back of a lecture hall."""

    FONT_PX = 24                    # 19 rows still fit a 720-pixel-high projector

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME} — keyboard shortcuts")
        self.setWindowIcon(app_icon())
        # with the page tabs, still within 720 px (1.45: the map's pins' row overran it)
        row_px = int(self.FONT_PX * 1.35)
        self.table = _shortcut_table(self.FONT_PX, row_px, shortcut_rows(_window_actions(parent)))
        # the lecture's keys on a page of their own: both lists in one table would not
        # fit a 720-pixel projector at this size
        self.lecture_table = _shortcut_table(self.FONT_PX, row_px, _lecture_rows(parent))
        self.pages = QTabWidget()
        self.pages.addTab(self.table, "Window")
        if self.lecture_table.rowCount():
            self.pages.addTab(self.lecture_table, "Lecture (clicker, pen, undo)")
        column = QVBoxLayout(self)
        column.addWidget(self.pages)
        column.addWidget(_close_buttons(self))
        self.resize(max(760, self.sizeHint().width()), self.sizeHint().height())

    def rows(self) -> list[tuple[str, str]]:
        """The (key, action) pairs the tables show, the window's first."""
        return [(table.item(r, 0).text(), table.item(r, 1).text())
                for table in (self.table, self.lecture_table) for r in range(table.rowCount())]


def _lecture_rows(parent) -> list[tuple[str, str]]:
    """The lecture deck's keys (clicker, ink, undo), some of which no QAction holds."""
    lecture = getattr(parent.window(), "lecture_commands", None) if parent is not None else None
    return list(getattr(lecture, "SHEET_ROWS", ()))


def _window_actions(parent) -> dict | None:
    commands = getattr(parent.window(), "commands", None) if parent is not None else None
    return getattr(commands, "actions", None)


def show_about(parent=None) -> AboutDialog:
    """Open the About dialog (modal to `parent`'s window) and return it; it deletes itself
    when closed."""
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def show_shortcut_sheet(parent=None) -> ShortcutSheet:
    """Show the shortcut sheet (not modal: it may stay open beside the window) and return it;
    it deletes itself when closed."""
    sheet = ShortcutSheet(parent)
    sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    sheet.show()
    return sheet
