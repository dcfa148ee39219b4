"""Light and dark themes, and presentation scaling for a projector.

One module-level "current theme" (`current()`), changed only by `apply_theme`, which
  * sets the application font (every widget: menus, tab bars, tables, spin boxes),
    the Fusion style and a high-contrast palette;
  * rewrites the style sheets of widgets under `root` (font sizes scaled, near-black
    text turned to the theme's foreground) and scales explicitly set widget fonts;
  * restyles every pyqtgraph plot under `root` (gui.plots.theme: backgrounds, axis pens
    and fonts, legends, texts, pen widths, marker sizes) and keeps following items
    those plots create later;
  * then emits `notifier.changed(theme)`, which views that paint themselves (the 3-D
    view, the formulas, the network diagram) connect to and read `current()` from.

Text is readable by one rule: `Theme.text(colour, on)` inks a colour and then darkens or
lightens it just enough for WCAG AA (4.5:1) on `on` (by default every panel shade of the
theme); style sheets, plot texts, rich text (`themed_html`) and the views that paint
themselves go through it. `text_on(cell)` picks near-black or white for a heat-map cell.

Base sizes are stored on first sight (widget properties, item attributes), so applying
is idempotent and reversible: 2.0 then 1.0 restores the original sizes exactly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from gui.compute.qt_guard import qt_override

from gui.widgets.focus_mark import restyle_focus, show_focus
from gui.widgets.themed_style import ThemedStyle

THEMES = ("light", "dark")
SCALE_RANGE = (0.75, 3.0)


@dataclass(frozen=True)
class Theme:
    """Colours as "#rrggbb"; `scale` multiplies every font, pen width and marker size."""
    name: str = "light"
    scale: float = 1.0
    background: str = "#ffffff"     # plots, text fields, tables
    foreground: str = "#111111"     # text, axes
    muted: str = "#444444"          # secondary text (hints, notes)
    grid: str = "#000000"           # drawn with low alpha by the plots
    window: str = "#ffffff"         # QPalette.Window: panels around the plots
    alternate: str = "#f0f0f0"      # alternate table rows
    button: str = "#eeeeee"
    panel: str = "#e3e3e3"          # the deepest shade a panel behind text takes (frames, boxes)
    highlight: str = "#0072B2"      # Okabe–Ito blue
    highlighted_text: str = "#ffffff"

    @property
    def dark(self) -> bool:
        return self.name == "dark"

    def pen_width(self, base: float) -> float:
        """A pen width (px) designed at scale 1, at this scale."""
        return base * self.scale

    def size(self, base: float) -> float:
        """A marker size, font size or length designed at scale 1, at this scale."""
        return base * self.scale

    def ink(self, colour) -> QColor:
        """`colour` readable on this background: on the dark theme an opaque near-black
        neutral (text, axes, the black of Okabe–Ito) becomes the foreground; anything
        coloured, light or translucent (halos, shadows) is kept."""
        c = QColor(colour) if not isinstance(colour, QColor) else QColor(colour)
        if self.dark and _neutral(c) and c.lightnessF() < 0.45 and c.alpha() >= 200:
            out = QColor(self.foreground if c.lightnessF() < 0.22 else "#cfcfcf")
            out.setAlpha(c.alpha())
            return out
        return c

    def text(self, colour, on=None) -> QColor:
        """`colour` as text on `on` (default: any panel of this theme, from the window to
        `panel`): inked, then darkened or lightened just enough to reach WCAG AA
        contrast (4.5:1), hue kept."""
        if on is not None:
            return readable(self.ink(colour), QColor(on))
        return readable(readable(self.ink(colour), QColor(self.window)), QColor(self.panel))

    def fill(self, colour) -> QColor:
        """A text box's fill: near-white neutral fills become the background (alpha kept)."""
        c = QColor(colour)
        if self.dark and _neutral(c) and c.lightnessF() > 0.8:
            out = QColor(self.background)
            out.setAlpha(c.alpha())
            return out
        return c


AA_TEXT = 4.5        # WCAG 2 AA: the least contrast of text against its background
AA_GRAPHICS = 3.0    # WCAG 2.1, 1.4.11: check-box frames, lines, arrows
# of 255, the window's colour over a picture that is not live (a refused text's views, a
# formula panel not yet of the f drawn): it stays visible under it, plainly not current
VEIL_ALPHA = 165


def luminance(colour) -> float:
    """WCAG relative luminance of an opaque colour, 0 (black) to 1 (white)."""
    c = QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a, b) -> float:
    """WCAG contrast ratio of two opaque colours: 1 (same) to 21 (black on white)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


# readable()'s answers: a table's visible cells ask the same pair on every repaint
# (~600 asks, ~9 ms of WCAG arithmetic, per repaint of the iterate table)
_READABLE_MEMO: dict = {}


def readable(colour, on, ratio: float = AA_TEXT) -> QColor:
    """`colour` (alpha kept) mixed towards black or white — whichever `on` contrasts
    with more — in the smallest step that gives `ratio` against `on`."""
    c, back = QColor(colour), QColor(on)
    key = (c.spec(), c.getRgbF(), back.getRgbF(), ratio)
    if key not in _READABLE_MEMO:
        if len(_READABLE_MEMO) > 4096:
            _READABLE_MEMO.clear()
        _READABLE_MEMO[key] = _readable(c, back, ratio)
    return QColor(_READABLE_MEMO[key])       # a copy: the caller may change it


def _readable(c: QColor, back: QColor, ratio: float) -> QColor:
    if contrast(c, back) >= ratio:
        return c
    target = QColor("#000000") if contrast("#000000", back) >= contrast("#ffffff", back) \
        else QColor("#ffffff")
    for k in range(1, 21):
        w = k / 20
        mixed = QColor.fromRgbF(c.redF() + (target.redF() - c.redF()) * w,
                                c.greenF() + (target.greenF() - c.greenF()) * w,
                                c.blueF() + (target.blueF() - c.blueF()) * w, c.alphaF())
        if contrast(mixed, back) >= ratio:
            return mixed
    return target


_HTML_COLOUR = re.compile(r"(color:\s*)(#[0-9a-fA-F]{3,8})")


def themed_html(html: str, on=None) -> str:
    """Rich text with every `color:#…` made readable (4.5:1) in the current theme."""
    return _HTML_COLOUR.sub(lambda m: m[1] + _current.text(m[2], on).name(), html)


def text_on(background) -> QColor:
    """Near-black or white, whichever reads better on `background` (a heat-map cell)."""
    back = QColor(background)
    dark, light = QColor("#111111"), QColor("#ffffff")
    return dark if contrast(dark, back) >= contrast(light, back) else light


LIGHT = Theme()
DARK = Theme(name="dark", background="#0d0d0d", foreground="#ffffff", muted="#c8c8c8",
             grid="#ffffff", window="#141414", alternate="#1f1f1f", button="#2a2a2a", panel="#3a3a3a",
             highlight="#56B4E9", highlighted_text="#000000")
_BASE = {"light": LIGHT, "dark": DARK}


class _Notifier(QObject):
    changed = Signal(object)      # the new Theme, after apply_theme has restyled everything


notifier = _Notifier()
_current = LIGHT
_base_app_font: QFont | None = None


def current() -> Theme:
    """The active theme (LIGHT at scale 1 until apply_theme is called)."""
    return _current


def swatch(colour, px: int = 14) -> QIcon:
    """A square of a run's or method's colour as the current theme inks it (Newton's
    black is the foreground on the dark theme, else the square vanishes on the list)."""
    pixmap = QPixmap(px, px)
    pixmap.fill(current().ink(QColor(colour)))
    return QIcon(pixmap)


def theme(name: str, scale: float = 1.0) -> Theme:
    """The theme `name` ("light" or "dark") at `scale`, clamped to SCALE_RANGE."""
    if name not in _BASE:
        raise ValueError(f"unknown theme {name!r}; expected one of {THEMES}")
    return replace(_BASE[name], scale=min(max(float(scale), SCALE_RANGE[0]), SCALE_RANGE[1]))


def apply_theme(app: QApplication, root: QWidget, theme_name: str, scale: float) -> Theme:
    """Make `theme_name` at `scale` (clamped to [0.75, 3]) the look of `app` and of
    everything under `root` (a window); returns the new current theme.

    Idempotent and reversible; call it again with new values at any time (menu
    action, shortcut, restored session). Views created under `root` later follow
    through `notifier.changed` / the plot hooks; a new top-level window needs its
    own call (or `restyle(window)`).
    """
    global _current, _base_app_font
    new = theme(theme_name, scale)
    _current = new
    if _base_app_font is None:
        _base_app_font = QFont(app.font())
    font = QFont(_base_app_font)
    if _base_app_font.pointSizeF() > 0:
        font.setPointSizeF(_base_app_font.pointSizeF() * new.scale)
    else:
        font.setPixelSize(max(1, round(_base_app_font.pixelSize() * new.scale)))
    # Fusion (native styles ignore much of a dark palette), with check-box frames that
    # stay visible on the dark window; and the theme's palette
    use_start_look(app)
    app.setFont(font)
    restyle(root)
    restyle_focus()
    notifier.changed.emit(new)
    return new


def use_start_look(app: QApplication) -> None:
    """The light theme's style and palette for a new application, before any window: a
    fresh start showed Qt's own palette (panels #efefef) and the same light theme applied
    by a toggle showed its own (#ffffff), so a window differed after dark → light. Widgets
    are built for light at scale 1, so nothing is restyled and the font is left as it is."""
    global _base_app_font
    if _base_app_font is None:
        _base_app_font = QFont(app.font())
    if not isinstance(app.style(), ThemedStyle):
        app.setStyle(ThemedStyle(lambda: readable(current().muted, current().background,
                                                  AA_GRAPHICS).name(), _edge_colour,
                                 ringed_focus=True))
    app.setPalette(palette(current()))
    show_focus(app, focus_colour, lambda: current().scale)


def focus_colour() -> str:
    """The keyboard focus ring: the accent, made 3:1 against the window and the panels
    (WCAG 1.4.11, the marks of a control's state)."""
    t = current()
    return readable(readable(t.highlight, t.window, AA_GRAPHICS), t.panel, AA_GRAPHICS).name()


def _edge_colour() -> str:
    """A line edit's frame: Fusion's grey, made 3:1 against the field (WCAG's rule for
    a control's parts): Fusion's own was 2:1 on light and 1.05:1 on dark."""
    t = current()
    return readable("#b6b6b6" if not t.dark else "#4a4a4a", t.background, AA_GRAPHICS).name()


def base_point_size() -> float:
    """The application font's point size before any scaling."""
    font = _base_app_font or QApplication.font()
    return font.pointSizeF() if font.pointSizeF() > 0 else font.pixelSize() * 0.75


# Layers above this one (gui.plots.theme) register how they restyle what they own, so
# the theme never imports them: imports go down only.
_restylers: list = []


def add_restyler(restyle_under) -> None:
    """Call `restyle_under(root, theme)` after the widgets under root are restyled."""
    if restyle_under not in _restylers:
        _restylers.append(restyle_under)


def restyle(root: QWidget) -> None:
    """Apply the current theme to the widgets and plots under `root` (not the app font)."""
    for widget in [root, *root.findChildren(QWidget)]:
        _restyle_widget(widget, _current)
    for restyle_under in _restylers:
        restyle_under(root, _current)


def restyle_new(widget: QWidget) -> None:
    """A view built after the start takes the theme and text size now in use."""
    if _current != LIGHT:      # light@1 is how every view is built
        restyle(widget)


def palette(t: Theme) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, colour in ((role.Window, t.window), (role.WindowText, t.foreground),
                      (role.Base, t.background), (role.AlternateBase, t.alternate),
                      (role.Text, t.foreground), (role.Button, t.button),
                      (role.ButtonText, t.foreground), (role.BrightText, "#ff5555"),
                      (role.Highlight, t.highlight), (role.HighlightedText, t.highlighted_text),
                      (role.ToolTipBase, t.background), (role.ToolTipText, t.foreground),
                      (role.PlaceholderText, t.muted), (role.Link, t.highlight),
                      (role.Light, "#ffffff" if not t.dark else "#3a3a3a"),
                      (role.Midlight, "#e3e3e3" if not t.dark else "#303030"),
                      (role.Mid, "#a0a0a0" if not t.dark else "#5a5a5a"),
                      (role.Dark, "#6f6f6f" if not t.dark else "#0a0a0a"),
                      (role.Shadow, "#000000")):
        p.setColor(r, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, QColor("#8a8a8a"))
    return p


# --- widgets: style sheets and explicit fonts --------------------------------------
_FONT_SIZE = re.compile(r"(font-size:\s*)([\d.]+)(pt|px)")
_COLOUR = re.compile(r"((?<![\w-])color:\s*)(#[0-9a-fA-F]{3,8})")
_BACKGROUND = re.compile(r"(background(?:-color)?:\s*)(#[0-9a-fA-F]{3,8})")
_BASE_SHEET, _SHEET_SET, _BASE_PT = "_themeBaseSheet", "_themeSheet", "_themeBasePointSize"


def themed_sheet(sheet: str, t: Theme) -> str:
    """A style sheet designed for light@1 in theme `t`: font sizes scaled, near-black
    text colours to the foreground, near-white backgrounds to the background."""
    if "font-size" not in sheet and "{" not in sheet:
        # a style sheet keeps the font size the widget had when it was polished (even
        # one that only sets a colour): an explicit size makes it follow the scale
        sheet = sheet.rstrip().rstrip(";") + f"; font-size: {base_point_size():.4g}pt;"
    sheet = _FONT_SIZE.sub(lambda m: f"{m[1]}{float(m[2]) * t.scale:.4g}{m[3]}", sheet)
    sheet = _BACKGROUND.sub(lambda m: m[1] + t.fill(m[2]).name(), sheet)
    back = _BACKGROUND.search(sheet)
    on = back[2] if back else t.window
    sheet = _COLOUR.sub(lambda m: m[1] + t.text(m[2], on).name(), sheet)
    # A widget with a style sheet keeps the palette it was polished with (Qt does not
    # re-polish it when the application palette changes): a sheet without a colour
    # would stay white on white after dark -> light. Naming the theme in a comment makes
    # the sheet differ per theme, so setting it re-polishes the widget in the new palette;
    # and its scale: a sheet with a selector (a method's settings header) kept the font
    # of the text size it was last polished at (Ctrl++ twice and back: still the larger).
    return f"{sheet} /* {t.name} {t.scale:g} */"


def _restyle_widget(widget: QWidget, t: Theme) -> None:
    if widget.property("themeManaged"):       # styles itself from current()
        return
    base = widget.property(_BASE_SHEET)
    if widget.styleSheet() and (base is None
                                or widget.styleSheet() != widget.property(_SHEET_SET)):
        base = widget.styleSheet()       # first seen, or set anew by its owner since
        widget.setProperty(_BASE_SHEET, base)
    if base:
        sheet = themed_sheet(base, t)
        widget.setProperty(_SHEET_SET, sheet)
        if sheet != widget.styleSheet():
            widget.setStyleSheet(sheet)
    # an explicitly set font size (a formula field, a big caption) scales as well
    pt = widget.property(_BASE_PT)
    if pt is None and _explicit_size(widget):
        pt = widget.font().pointSizeF()
        widget.setProperty(_BASE_PT, pt)
    if pt is not None and pt > 0:
        font = widget.font()
        if abs(font.pointSizeF() - pt * t.scale) > 1e-6:
            font.setPointSizeF(pt * t.scale)
            widget.setFont(font)
    if isinstance(widget, QComboBox) and not widget.property("_themeHintReset"):
        widget.setProperty("_themeHintReset", True)
        widget.installEventFilter(_combo_hint_reset())


class _ComboHintReset(QObject):
    """Qt keeps a combo box's minimum size hint through a font change (a style change
    clears it): after a presentation round trip the Iterates' run box asked 29 px for
    22 (its hint taken at text size 1.5), and the row under the views stayed 7 px taller
    at 1280×720. A font change (which may reach a hidden box late) sends it one."""

    @qt_override
    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.FontChange:
            QApplication.sendEvent(obj, QEvent(QEvent.Type.StyleChange))
        return False


_hint_reset = None


def _combo_hint_reset() -> _ComboHintReset:
    global _hint_reset
    if _hint_reset is None:
        _hint_reset = _ComboHintReset(QApplication.instance())
    return _hint_reset


def _explicit_size(widget: QWidget) -> bool:
    from PySide6.QtCore import Qt
    if not widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
        return False
    mask = widget.font().resolveMask()
    return bool(mask & 0x0002) and widget.font().pointSizeF() > 0


def _neutral(c: QColor) -> bool:
    return max(c.red(), c.green(), c.blue()) - min(c.red(), c.green(), c.blue()) < 40
