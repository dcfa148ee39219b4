"""f and its derivatives typeset as mathematics, in a row that wraps when narrow.

One custom-painted widget: each formula "label = latex" becomes one pixmap
(ziamath SVG → QtSvg), laid out in a flow with the baselines of a row aligned.
Its height depends on the text size only, never on f (`panel_height`): a set that does
not fit at a readable size shows its long equations shorter (∇f by its definition, H
with its common factor out, then H's numbers at the iterate: `formula_layout`), then
is scaled down to fit, down to `MIN_FIT`, and only then does it scroll. A panel that
grew with f took 140 px of a 720-pixel projector for Rosenbrock (the map became a strip)
and made the views jump whenever formulas arrived after an edit.
Typesetting runs in `LatexRenderer`'s thread; until a new set is ready the old one
stays (no flicker), and after a short wait the ready part shows with placeholders.
While the set shown is not of the f the views draw (typed: the views follow each key,
the formulas come from the helper processes), it is veiled as a refused text's views
are (`stale`), until the new f's set shows: a lecturer never projects formulas beside
a picture they do not belong to. The typed f's own line comes first (typeset by the
helper as soon as it has read the text, `typedLine`), shown alone while its derivatives
are worked out.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QScrollBar, QSizePolicy, QWidget


from gui.widgets import theme
from gui.compute.latex_renderer import BASE_SIZE, TEXT_COLOUR, LatexRenderer, plain_text
from gui.widgets.equation_pixmap import Equation, draw_svg, text_equation
from gui.compute.typesetting import (MATRIX_MAX_CHARS, TYPESET_MAX_CHARS,  # noqa: F401 - part of this view's API
                                     display_tex, gradient_as_partials, gradient_as_row)
from gui.compute.qt_guard import qt_override
from gui.widgets.formula_layout import (MARGIN, MIN_FIT,  # noqa: F401 - MIN_FIT: part of this view's API
                                        fit_making_way, repeated_partials,
                                        without_repeated_partials)

PARTIAL_AFTER_MS = 400 # show what is ready (with placeholders) after this wait
HESSIAN_AFTER_MS = 120 # the numeric Hessian follows the animation at most this often
PANEL_ROWS_PX = 60     # the panel holds a row this tall at scale 1 (a 2×2 matrix: 66 px at 1)
PANEL_MAX_SHARE = 0.12 # ... and at most this share of its window's height (large text)


class MathView(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.equations: list[Equation] = []
        self._entries: list[str] = []    # ∇f's entries where its partials are not shown
        self._texts: list[str] = []
        self._scale = 1.0
        self._rects: list[QRectF] = []
        self._rects_size = None      # the (width, height) _rects were laid out for
        self._content_height = 0.0   # of the laid-out set: more than the panel → scroll
        self.fit = 1.0               # the laid-out set's size relative to effective_scale
        self._watched_window = None  # whose height bounds the panel's (panel_height)
        self.scroll_bar = QScrollBar(Qt.Orientation.Vertical, self)
        self.scroll_bar.setVisible(False)
        self.scroll_bar.setToolTip("More formulas than fit: scroll (the wheel, or drag)")
        self.scroll_bar.valueChanged.connect(self.update)
        self.renderer = LatexRenderer(self)
        self._drawn: dict = {}   # (tex, scale, dpr, ink) -> Equation: unchanged ones kept
        self.renderer.rendered.connect(self._on_rendered)
        self._partial = QTimer(self, singleShot=True, interval=PARTIAL_AFTER_MS)
        self._partial.timeout.connect(lambda: self._show(allow_pending=True))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setToolTip("f and its derivatives, computed symbolically by the engine")
        # A Hessian too long to read is shown as its numbers at the current iterate.
        self._formulas: tuple = ()
        self._variables: tuple = ("x", "y")
        self._shorter: list[list[str]] = []  # per formula, its shorter forms (shortest last)
        self._forms: list[list[Equation]] = []   # per formula: its form, the shorter ones typeset
        self.shortened: set[int] = set()    # formulas shown in a shorter form at this size
        self.left_out: set[int] = set()     # partials ∇f lists, left out at this size
        self._numeric_hessian = QTimer(self, singleShot=True, interval=HESSIAN_AFTER_MS)
        self._numeric_hessian.timeout.connect(self._on_point_moved)
        for signal in (model.frameChanged, model.pathsChanged, model.startChanged):
            signal.connect(self._schedule_numeric_hessian)
        # the f the views draw (its first picture on), of the newest formulas, of those shown
        self._drawn_f = self._formulas_of = self._shown_of = model.expression
        for signal in (model.sketchChanged, model.firstPicture, model.expressionChanged):
            signal.connect(self._on_f_drawn)
        model.formulasChanged.connect(self._on_formulas)
        model.typedLine.connect(self._on_typed_line)
        theme.notifier.changed.connect(self._on_theme)
        self._on_formulas(model.formulas)

    # --- model → view ------------------------------------------------------------
    @property
    def stale(self) -> bool:
        """The formulas shown are not of the f the views draw (dimmed till they are)."""
        return self._shown_of != self._drawn_f

    def _on_f_drawn(self, expr) -> None:
        was, self._drawn_f = self.stale, expr
        if self.stale != was:
            self.update()

    def _on_typed_line(self, expr, line) -> None:
        """f's line of the f on its way, alone until its formulas come (then the set)."""
        if expr == self._formulas_of:
            return
        self._formulas_of, self._formulas, self._entries = expr, (line,), []
        self._variables = expr.variables
        self._texts, self._shorter = [display_tex(line, expr.variables)], [[]]
        self._request()
        if self.is_ready:
            self._show()

    def _on_formulas(self, formulas):
        expr = self._formulas_of = self.model.expression
        variables = expr.variables if expr is not None else ("x", "y")
        shown = without_repeated_partials(tuple(formulas), variables)
        # the partials ∇f lists (left out above): its one-line form writes them out
        self._entries = [f.latex for f in formulas if f not in shown
                         and f.label.startswith(r"\frac{\partial f}")]
        formulas = shown
        self._formulas, self._variables = formulas, variables
        self._texts = [self._numeric_tex(f) or display_tex(f, variables) for f in formulas]
        self._shorter = self._shorter_texts()
        self.scroll_bar.setValue(0)        # a new f is read from its first row
        self._request()
        if self.is_ready:
            self._show()
        else:
            self._partial.start()

    def _shorter_texts(self) -> list[list[str]]:
        """Per formula, the shorter forms the panel shows rather than shrink them past
        readable: ∇f by its definition; H with its entries' common factor out, then
        its numbers at the iterate."""
        shorter = []
        for formula, text in zip(self._formulas, self._texts):
            forms = []
            if formula.label == r"\nabla f":
                if self._entries:
                    forms.append(gradient_as_row(self._entries))
                forms.append(gradient_as_partials(self._variables))
            elif formula.label == "H" and not self._is_numeric(formula):
                if formula.short:
                    forms.append(f"H = {formula.short}")
                numbers = self._numbers_tex()     # (a constant H is its numbers already)
                if numbers and not numbers.endswith(f" = {formula.latex}"):
                    forms.append(numbers)
            shorter.append([t for t in forms if t and t != text])
        return shorter

    def _request(self) -> None:
        """Typeset the formulas, then their shorter forms."""
        self.renderer.request(self._texts + [t for forms in self._shorter for t in forms])

    def _is_numeric(self, formula) -> bool:
        """A Hessian too long to read typeset (or to typeset in time)."""
        return formula.label == "H" and (formula.long or len(formula.latex) > TYPESET_MAX_CHARS)

    def _numeric_tex(self, formula) -> str | None:
        if not self._is_numeric(formula):
            return None
        return self._numbers_tex()

    def _numbers_tex(self) -> str | None:
        """H's numbers at the current iterate, as LaTeX (None before there is one)."""
        expr, point = self.model.expression, self.model.current_point()
        if expr is None or point is None or len(point) != expr.dimension:
            return None
        from engine.analysis import hessian_at     # sympy: not before the first paint
        return display_tex(hessian_at(expr, point), expr.variables)

    def _schedule_numeric_hessian(self, *_):
        # H's numbers follow the iterate only while they show (typeset in a thread)
        if any(eq.tex.startswith("H(") for eq in self.equations):
            self._numeric_hessian.start()

    def _on_point_moved(self):
        before = (self._texts, self._shorter)
        self._texts = [self._numeric_tex(f) or t for f, t in zip(self._formulas, self._texts)]
        self._shorter = self._shorter_texts()
        if (self._texts, self._shorter) != before:
            self._request()
            if self.is_ready:          # else the old numbers stay until the new are typeset
                self._show()

    def _on_rendered(self, _request_id, tex, _svg):
        if self.is_ready and (tex in self._texts or any(tex in f for f in self._shorter)):
            self._show()

    @property
    def forms_ready(self) -> bool:
        """The shorter forms are typeset too (a panel short of room may show them)."""
        return self.is_ready and all(self.renderer.cached(t) for f in self._shorter for t in f)

    @property
    def is_ready(self) -> bool:
        """Every formula of the current expression has been typeset (or failed to)."""
        return all(self.renderer.cached(t) for t in self._texts)

    def _show(self, allow_pending: bool = False) -> None:
        self._partial.stop()
        if not allow_pending and not self.is_ready:
            return
        self.equations = [self._equation(t) for t in self._texts]
        self._shown_of = self._formulas_of
        self.left_out = set()                # (until laid out again: all of them)
        self._forms = [[eq] + [self._equation(t) for t in forms if self.renderer.cached(t)]
                       for eq, forms in zip(self.equations, self._shorter)]
        self._rects_size = None
        self.updateGeometry()       # a new text size changes panel_height
        self.update()

    # --- presentation -----------------------------------------------------------
    @property
    def scale(self) -> float:
        """Size of the mathematics relative to normal, before the theme's scale."""
        return self._scale

    @property
    def effective_scale(self) -> float:
        """What the formulas are drawn at: set_scale's factor × gui.widgets.theme's scale."""
        return self._scale * theme.current().scale

    def _on_theme(self, _theme):
        # SVG is vector: re-rendering at the new size and colour needs no new typesetting
        self._show(allow_pending=True)

    def set_scale(self, factor: float) -> None:
        """Size of the mathematics relative to normal (a presentation mode raises it)."""
        factor = min(max(float(factor), 0.5), 4.0)
        if factor != self._scale:
            self._scale = factor
            self._show(allow_pending=True)

    # --- pixmaps -------------------------------------------------------------------
    def _equation(self, tex: str) -> Equation:
        if not self.renderer.cached(tex):
            return text_equation(tex, "…", "pending", self.effective_scale, self.devicePixelRatioF())
        svg = self.renderer.svg(tex)
        if svg is not None:
            equation = self._svg_equation(tex, svg)
            if equation is not None:
                return equation
        return text_equation(tex, plain_text(tex), "text", self.effective_scale,
                             self.devicePixelRatioF())

    def _svg_equation(self, tex: str, svg: str) -> Equation | None:
        key = (tex, self.effective_scale, self.devicePixelRatioF(), theme.current().foreground)
        if key in self._drawn:
            return self._drawn[key]
        self._drawn = self._drawn if len(self._drawn) < 256 else {}
        self._drawn[key] = equation = draw_svg(tex, svg, self.effective_scale, self.devicePixelRatioF())
        return equation

    def _fitted_pixmap(self, eq: Equation, rect: QRectF) -> QPixmap:
        """The equation drawn at `rect`'s size: SVG is vector, so a set fitted into the
        panel is drawn again at its size rather than its pixmap shrunk (blurred)."""
        dpr = self.devicePixelRatioF()
        size = (max(1, round(rect.width() * dpr)), max(1, round(rect.height() * dpr)))
        if eq.svg is None or abs(size[0] - eq.pixmap.width()) <= 1:
            return eq.pixmap
        if eq.fitted is None or (eq.fitted.width(), eq.fitted.height()) != size:
            ink = theme.current().foreground
            svg = eq.svg if ink.lower() == TEXT_COLOUR else eq.svg.replace(TEXT_COLOUR, ink)
            image = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            QSvgRenderer(QByteArray(svg.encode())).render(painter)
            painter.end()
            eq.fitted = QPixmap.fromImage(image)
            eq.fitted.setDevicePixelRatio(dpr)
        return eq.fitted

    # --- layout: a bounded panel, the set fitted into it --------------------------------
    def panel_height(self) -> int:
        """The panel's height in px: the text size's, the same for every f, but at most
        PANEL_MAX_SHARE of the window's (text size 2 on a 720p screen: 140 px of the
        views' height otherwise)."""
        height = round(2 * MARGIN + PANEL_ROWS_PX * self.effective_scale)
        window = self.window()
        if window is not self and window.height() > 0:
            height = min(height, max(2 * MARGIN + BASE_SIZE,
                                     round(PANEL_MAX_SHARE * window.height())))
        return height

    @qt_override
    def sizeHint(self) -> QSize:
        return QSize(max(400, self.width()), self.panel_height())

    @qt_override
    def minimumSizeHint(self) -> QSize:
        return QSize(100, self.panel_height())

    def equation_rects(self) -> list[QRectF]:
        """Where each equation is drawn, in widget pixels before scrolling (for tests and
        hit testing); lays the set out for the current size if it is not, choosing each
        formula's form (`equations` then holds the forms drawn, `shortened` which are
        shorter forms)."""
        size = (self.width(), self.height())
        if self._rects_size != size:
            forms = self._forms or [[eq] for eq in self.equations]
            whole = len(forms) == len(self._formulas)
            repeated = repeated_partials(self._formulas, self._variables) if whole else set()
            grad = next((i for i, f in enumerate(self._formulas) if f.label == r"\nabla f"), None)
            laid = fit_making_way(forms, *size, self.scroll_bar.sizeHint().width() + 4,
                                  repeated, grad)
            self._rects, self._content_height, self.fit, choice = laid
            self.equations = [kinds[c] for kinds, c in zip(forms, choice) if c >= 0]
            self.shortened = {i for i, c in enumerate(choice) if c > 0}
            self.left_out = {i for i, c in enumerate(choice) if c < 0}
            self._rects_size = size
            self._update_scroll_bar()
        return self._rects

    def _update_scroll_bar(self) -> None:
        overflow = max(0, round(self._content_height - self.height()))
        self.scroll_bar.setRange(0, overflow)
        self.scroll_bar.setPageStep(self.height())
        self.scroll_bar.setSingleStep(max(8, round(BASE_SIZE * self.effective_scale)))
        width = self.scroll_bar.sizeHint().width()
        self.scroll_bar.setGeometry(self.width() - width - 2, 2, width, self.height() - 4)
        self.scroll_bar.setVisible(overflow > 0)

    @qt_override
    def wheelEvent(self, event):
        if self.scroll_bar.isVisible():
            # per pixel, as a touchpad gives it, or a line (singleStep) per wheel notch:
            # jumping a whole row hid the row while it moved, and it read as a jump
            pixels = event.pixelDelta().y()
            if pixels == 0:
                pixels = round(event.angleDelta().y() / 120 * self.scroll_bar.singleStep())
            self.scroll_bar.setValue(self.scroll_bar.value() - pixels)
            event.accept()
        else:
            event.ignore()          # the page around it scrolls

    @qt_override
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.equation_rects()

    @qt_override
    def paintEvent(self, _event):
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        t = theme.current()
        painter.setPen(QPen(QColor("#d4d4d4" if not t.dark else "#505050"), 1))
        painter.setBrush(QColor(t.background))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        rects = self.equation_rects()
        painter.setClipRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.translate(QPointF(0, -self.scroll_bar.value()))
        # a row at the edge is drawn cut while it scrolls past (per pixel, smooth)
        for eq, rect in zip(self.equations, rects):
            pixmap = self._fitted_pixmap(eq, rect)
            painter.drawPixmap(rect, pixmap, QRectF(pixmap.rect()))
        if self.stale:
            veil = QColor(t.window)
            veil.setAlpha(theme.VEIL_ALPHA)
            painter.resetTransform()
            painter.fillRect(self.rect(), veil)
        painter.end()

    @qt_override
    def eventFilter(self, watched, event):
        if watched is self._watched_window and event.type() == event.Type.Resize:
            self.updateGeometry()          # panel_height follows the window's height
        return super().eventFilter(watched, event)

    @qt_override
    def showEvent(self, event):
        super().showEvent(event)
        window = self.window()
        if window is not self and window is not self._watched_window:
            window.installEventFilter(self)
            self._watched_window = window
            # sized before it was watched (built at 480 px high, resized, then shown):
            # the panel kept 12 % of 480 until the formulas came and grew 22 px at 720
            self.updateGeometry()
        if not self.is_ready:             # dropped while hidden: typeset them now
            self._request()

    @qt_override
    def hideEvent(self, event):
        # A hidden view (another tab, a closed window) keeps no typesetting process:
        # a window closed by its owner gets no closeEvent in its child widgets.
        self.renderer.stop()
        super().hideEvent(event)

    @qt_override
    def closeEvent(self, event):
        self.renderer.shutdown()
        super().closeEvent(event)
