"""The Explorer tab: editor and formulas on top, the views in the middle (the curve for
one variable; contour map and surface for two), descent controls at the side, the loss
curve and the iterates below. Every part observes the one `LandscapeModel`."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from gui.compute.qt_guard import qt_override
from gui.explorer.descent_panel import DescentPanel
from gui.explorer.example_caption import ExampleCaption
from engine.numeric_expression import parse_numeric
from gui.explorer.expression_editor import ExpressionEditor
from gui.explorer.inspector_room import InspectorRoom
from gui.explorer.iterate_table import IterateTable
from gui.explorer.lab_panel import LabPanel
from gui.explorer.page_fit import PageFit
from gui.explorer.refusal_veil import RefusalVeil
from gui.explorer.slice_picker import SlicePicker
from gui.plots.contour_view import MAP_MIN_PX, ContourView
from gui.plots.loss_plot import LossPlot
from gui.plots.map_split import MapSplit
from gui.plots.slice_model import SliceModel
from gui.plots.surface_placeholder import SurfacePlaceholder
from gui.plots.view_states import switch_access
from gui.widgets.math_view import MathView
from gui.widgets.scroll_page import scroll_page

# Key 4 cycles what the middle shows for two variables.
FOCUS_MODES = ("both", "contour", "surface")
# The views : the loss curve and iterates under them. At 3 : 2 the curve view's f plot
# was ~50 px tall on a 720p screen, and the map and 3-D view got 33 % of its height;
# 7 : 3 gives them 45 % at 1280×720 (tests/gui/explorer/test_formula_panel_layout.py).
VIEWS_RATIO = (7000, 3000)
# The loss curve : the lab beside it, the same for every lab tab ("Inside a step" widened
# the lab when opened: the split and the tab bar moved 137 px at 1280×720 and a click
# aimed at a tab missed). 31 % leaves the loss curve LOSS_LEAST_PX at 1280×720 (20 % had
# left it 196 px, its step numbers touching) and the written-out step its old ~680 px.
LAB_RATIO = (3100, 6900)
LOSS_LEAST_PX = 300


class ExplorerTab(QWidget):
    """With `defer_surface` the 3-D view is a placeholder of its size and colour until
    `build_surface_view()` (or the first use of `surface_view`): its GL window renders
    while the window is first shown (~0.2 s) and pyqtgraph.opengl imports (~0.1 s),
    which a plain start does after the first paint (gui.app.first_paint)."""

    def __init__(self, model, parent=None, defer_surface: bool = False):
        super().__init__(parent)
        self.model = model
        self.editor = ExpressionEditor(model)
        self.math_view = MathView(model)
        self._curve_view = None     # built for the first function of one variable
        # three or more variables: the map and surface show a slice (gui.plots.slice_model)
        self.slice_model = SliceModel(model, self)
        self.slice_picker = SlicePicker(self.slice_model)
        self.contour_view = ContourView(self.slice_model)
        self.contour_view.map_min_px = MAP_MIN_PX      # the page scrolls before the map is crushed
        self._surface_view = None if defer_surface else self._new_surface_view()
        self.descent_panel = DescentPanel(model)
        self.loss_plot = LossPlot(model)
        self.iterate_table = IterateTable(model)
        self.caption = ExampleCaption(model)

        # 1-D: the curve; 2-D: contour map and surface side by side.
        # the map gets the width its plot needs for f's window (within shares)
        self.pair = MapSplit(self.contour_view, lambda: self.slice_model.window)
        self.slice_model.windowChanged.connect(self.pair.follow_window)
        # deferred: a placeholder holds the surface view's place until it is built
        self.pair.addWidget(SurfacePlaceholder() if defer_surface else self._surface_view)
        self.pair.setSizes([10000, 10000])
        self.views = QStackedWidget()
        self.views.addWidget(QWidget())         # the curve view's place (see curve_view)
        self.views.addWidget(self.pair)
        self.focus_mode = "both"

        self.below = QSplitter(Qt.Orientation.Horizontal)
        self.below.addWidget(self.loss_plot)
        # issue 12: the optimizer lab, with the iterate table as its first tab
        self.lab_panel = LabPanel(model, self.contour_view, self.iterate_table,
                                  self._surface_view, lambda: self.curve_view.plot_f,
                                  curve_labels=lambda: self.curve_view.critical)
        self.below.addWidget(self.lab_panel)
        self.below.setSizes(list(LAB_RATIO))
        # the map's switches too are a scene's picture (gui.plots.view_states)
        model.view_states.register("map", *switch_access(
            {"gradient_field": self.contour_view.field_toggle,
             "labels": self.contour_view.labels_toggle}))
        # ∇f's pins too: File ▸ New clears them, a session or scene keeps its own
        pins = self.contour_view.pins
        model.view_states.register("pins", pins.get_state, pins.set_state)
        self.middle = QSplitter(Qt.Orientation.Vertical)
        views_column = QWidget()           # the slice picker (d > 2 only) over the views
        column = QVBoxLayout(views_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.slice_picker)
        column.addWidget(self.views, 1)
        self.middle.addWidget(views_column)
        self.middle.addWidget(self.below)
        # Large numbers: setSizes keeps the ratio whatever the first size is (VIEWS_RATIO).
        self.middle.setSizes(list(VIEWS_RATIO))
        # "Inside a step" gets the height and width a whole step needs while it is shown
        self.inspector_room = InspectorRoom(self.middle, self.below, self.lab_panel, self)
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.addWidget(self.middle)
        self.body.addWidget(self.descent_panel)
        self.body.setStretchFactor(0, 4)
        self.body.setStretchFactor(1, 1)

        self.top = QWidget()
        column = QVBoxLayout(self.top)
        column.setContentsMargins(6, 6, 6, 0)
        column.setSpacing(3)         # every pixel of a 720p screen the views do not get counts
        column.addWidget(self.editor)
        column.addWidget(self.math_view)
        # the parse error's place is the caption's row (one cell, one at a time): the
        # caption goes whenever f does not parse, and neither covers the formulas
        notes = QGridLayout()
        notes.setContentsMargins(0, 0, 0, 0)
        notes.addWidget(self.caption, 0, 0)
        self.error_label = self.editor.take_error_label()
        notes.addWidget(self.error_label, 0, 0)
        column.addLayout(notes)
        # scrolls rather than widening the window past a small screen
        page = scroll_page(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.top)
        layout.addWidget(self.body, 1)
        # a refused text: the views and formulas, dimmed, name the f they show instead
        self.refusal_veil = RefusalVeil(model, self.editor, page, self.middle, self.math_view,
                                        self.descent_panel.playback)
        self.presenting = False
        # presenting, the editor is kept (or brought back) for a refused text, folded
        # again once the text is accepted (see _on_veiled)
        self.top_held_for_refusal = False
        self.formulas_folded = False    # presenting: only the editor's line on top
        self.caption_folded = False     # presenting: the caption's row gave the room
        self.refusal_veil.veiled.connect(self._on_veiled)
        # Enter on a text refused while it was typed (the veil already on): back to the error
        self.editor.left.connect(lambda: QTimer.singleShot(0, self, self._caret_to_error))
        # the page about to scroll: the side panel's Runs, then the caption give way
        # (never the formulas outside presentation mode), and come back with the room
        self.runs_kept_whole = True
        self.page_fit = PageFit(self)

        model.expressionChanged.connect(self._on_expression)
        # The first window is known before the first analysis: the right views show from
        # the start (after it, the expression switches them, once its views are ready).
        model.windowChanged.connect(self._on_window)
        self._on_window(model.window)
        self.slice_model.sliceChanged.connect(self._on_slice)

    def _on_slice(self, _sliced):
        # named on the map itself too: a screenshot or export shows where the slice is
        self.contour_view.plot.setTitle(self.slice_model.slice_text or None)

    @property
    def curve_view(self) -> QWidget:
        """The 1-D view (a CurveView), built for the first function of one variable or
        on first use: ~80 ms of plots the usual 2-D start does not show."""
        if self._curve_view is None:
            from gui.plots.curve_view import CurveView
            from gui.widgets.theme import restyle_new
            self._curve_view = CurveView(self.model)
            placeholder = self.views.widget(0)
            self.views.insertWidget(0, self._curve_view)
            self.views.removeWidget(placeholder)
            placeholder.deleteLater()
            restyle_new(self._curve_view)
        return self._curve_view

    @property
    def surface_view(self) -> QWidget:
        """The 3-D view (a SurfaceView of the slice), built now if it was deferred."""
        return self.build_surface_view()

    @property
    def surface_view_built(self) -> bool:
        return self._surface_view is not None

    def build_surface_view(self) -> QWidget:
        """Put the real 3-D view in its placeholder's place (once; see the class)."""
        if self._surface_view is None:
            from gui.plots.surface_step_arrows import SurfaceStepArrows
            from gui.widgets.theme import restyle_new
            view = self._surface_view = self._new_surface_view()
            placeholder = self.pair.replaceWidget(1, view)
            view.setVisible(self.focus_mode in ("both", "surface"))
            placeholder.deleteLater()
            restyle_new(view)
            # the lab's step arrows over the surface, as LabPanel builds them when given
            # the view at once
            lab = self.lab_panel
            lab.surface_arrows = SurfaceStepArrows(self.model, view, lab)
            lab.surface_arrows.set_enabled(lab.arrows_check.isChecked())
            lab.arrows_check.toggled.connect(lab.surface_arrows.set_enabled)
        return self._surface_view

    def _new_surface_view(self) -> QWidget:
        from gui.plots.surface_view import SurfaceView    # imports pyqtgraph.opengl
        return SurfaceView(self.slice_model)

    def set_focus_mode(self, mode: str) -> None:
        """Two variables: both views, or one of them across the width."""
        self.focus_mode = mode
        self.contour_view.setVisible(mode in ("both", "contour"))
        # alone, across the width: the map as wide as its window, not ±19 for Himmelblau's ±5
        self.contour_view.map_fit.set_on(mode == "contour")
        self.pair.widget(1).setVisible(mode in ("both", "surface"))
        if mode == "both":
            self.pair.setSizes([10000, 10000])
            self.pair.reset_split()

    def cycle_focus_mode(self) -> None:
        self.set_focus_mode(FOCUS_MODES[(FOCUS_MODES.index(self.focus_mode) + 1)
                                        % len(FOCUS_MODES)])

    def type_tangent_x(self) -> None:
        """The key X: the field for the tangent point's x, in the 1-D view; with f of
        two or more variables, the status bar says where it is."""
        f = self.model.expression
        if not self.isVisible() or f is None:
            return
        if f.dimension != 1 or not self.curve_view.typed_point.open():
            self.window().statusBar().showMessage(
                "X types the tangent point's x: it is in the view of f of one variable "
                "(type x^3, say)", 8000)

    # Presentation folds the loss curve and the iterates (Ctrl+3 brings them back).
    PRESENTATION_FOLDS = ("below",)
    # ... and, one at a time while the views still get too little height or the page
    # would scroll (large text, or a race's status lines, on a 720p projector): first
    # the caption's row (an example's one-line note, or the room kept for an error),
    # then the side panel (Ctrl+2 brings it back), then the typeset formulas, so the
    # formula field still names the f shown, then the editor too. (The formulas went
    # before the side panel: at text size 2 presenting on 1280×720 the derivatives
    # folded while the side panel kept 478 px and its height made the page scroll.)
    PRESENTATION_SPARE = ("caption", "side", "formulas", "top")

    def set_presenting(self, on: bool) -> None:
        """Presenting (large type, 720p) the side panel keeps only its Methods whole at
        rest and the Runs past them scroll (or show whole where they fit): its Runs kept
        whole too left no room for the formulas on top, which folded away."""
        self.presenting = on
        self.descent_panel.set_presenting(on)
        self.page_fit.start_afresh()       # (presenting folds for room its own way)
        self.caption.set_steady(on)
        if not on and self.top_held_for_refusal:
            self.top_held_for_refusal = False
            self.math_view.setVisible(not self.formulas_folded)
        self._keep_runs_whole(not on)

    def fit_page(self) -> None:
        """The page fitted by its own give-way now (presenting: the side panel scrolls
        within itself), before the window folds a panel for room: it folded the caption
        for two runs' status lines and the page still scrolled."""
        self.page_fit.fit()

    def _keep_runs_whole(self, on: bool) -> None:
        self.runs_kept_whole = on
        self.descent_panel.keep_runs_whole(on)

    @qt_override
    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.page_fit.try_back()       # a new text size: back where it now fits

    @qt_override
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # wider counts too: the scenes panel (F9) closed gives the width back, and the
        # readouts' rows that wrapped in the narrower page unwrap
        grown = (event.size().height() > event.oldSize().height()
                 or event.size().width() > event.oldSize().width())
        if grown:
            self.page_fit.try_back()

    def show_from_top(self) -> None:
        """The page and its side panel scrolled back to their tops, now and once the
        layouts have settled: after File ▸ New, presentation on or off or a scene
        entered the panel still began where the lecturer left it ("Nesterov"), its rate
        and Methods heading out of view. (An example loaded keeps the scroll.)"""
        def to_top() -> None:
            for area in (self.scroll_area, self.descent_panel.settings_area):
                area.verticalScrollBar().setValue(0)
        to_top()
        QTimer.singleShot(0, self, to_top)

    def main_view(self) -> QWidget:
        """What the class looks at: the curve, or contour map and surface."""
        return self.views

    def panels_visible(self) -> dict:
        return {"top": not self.top.isHidden(), "side": not self.descent_panel.isHidden(),
                "below": not self.below.isHidden()}

    def panels_chosen(self) -> dict:
        """As panels_visible, but the lower panel folded for room counts as shown: what
        leaving presentation gives back (the page fit folds it again where needed)."""
        return {**self.panels_visible(), **({"below": True} if "below" in self.page_fit.given
                                             else {})}

    def set_panels_visible(self, top: bool | None = None, side: bool | None = None,
                           below: bool | None = None, formulas: bool | None = None,
                           caption: bool | None = None) -> None:
        """Fold away the editor + formulas on top, the descent panel at the side or the
        loss curve + iterates below, to give the views the room (projector, slides);
        `formulas` folds the typeset formulas and the caption only, the editor's line
        staying (the top shown again brings them back); `caption` folds the caption's
        row only (formulas shown again bring it back).
        Presenting, the editor stays while its text is refused (see _on_veiled)."""
        if top is False and self.presenting and self.refusal_veil.on:
            top = None
            self._hold_editor()
        if top:
            formulas = True
        if formulas is not None:
            self.formulas_folded = not formulas
            self.math_view.setVisible(formulas and not self.top_held_for_refusal)
            caption = formulas if caption is None else caption and formulas
        if caption is not None:
            self.caption_folded = not caption
            self.caption.setVisible(caption)
            # the error's row is kept empty (the views do not jump as a text turns
            # refused) only with the caption: folded, it was a blank band ~30 px
            policy = self.error_label.sizePolicy()
            policy.setRetainSizeWhenHidden(caption)
            self.error_label.setSizePolicy(policy)
        for panel, shown in ((self.top, top), (self.descent_panel, side), (self.below, below)):
            if shown is not None:
                panel.setVisible(shown)

    def _on_veiled(self, on: bool) -> None:
        """Presenting, the editor is folded away where the views need the room, and a
        refused text's banner over the views could only name the problem: the lecturer
        had to know Ctrl+L to reach the text. While a text is refused the editor shows,
        the keyboard in it at the error (after Enter handed the keyboard back to the
        window: hence a turn of the event loop later); it folds again once accepted."""
        if not self.presenting:
            return
        if on:
            if self.top.isHidden():
                self._hold_editor()
            QTimer.singleShot(0, self, self._caret_to_error)
        elif self.top_held_for_refusal:
            self.top_held_for_refusal = False
            self.top.setVisible(False)
            # (for the next time the top shows)
            self.math_view.setVisible(not self.formulas_folded)

    def _hold_editor(self) -> None:
        """The editor shown for a refused text where presenting folds it: without the
        formulas (they are the f shown, dimmed, which the banner names), so the views
        lose only the editor's and the error's rows (at 1280×720, text size 1.75, the
        formulas too made the page scroll)."""
        self.top_held_for_refusal = True
        self.math_view.setVisible(False)
        self.top.setVisible(True)

    def _caret_to_error(self) -> None:
        if (self.presenting and self.refusal_veil.on and self.isVisible()
                and not self.editor.line_edit.hasFocus()):
            self.refusal_veil.go_to_error()      # (typing in it: the caret stays where it is)

    # --- model → view ---------------------------------------------------------------
    def _on_expression(self, expr):
        self._show_views(expr.dimension)

    def _on_window(self, window):
        if self.model.expression is None:       # a set-up shown before its f is compiled
            self.show_before_f(window, self.model.text)

    def show_before_f(self, window, text: str) -> None:
        """The views for `window` ((lo, hi) per variable) and f's prefix read from `text`
        (without sympy) before f is compiled: a start's first picture is its final one."""
        self._show_views(len(window))
        if len(window) == 1:
            self.curve_view.plot_f.setXRange(*window[0], padding=0)
        read = parse_numeric(text)
        if read is not None and read.dimension == len(window):
            self.editor.show_variables(read.variables)

    def _show_views(self, dimension: int) -> None:
        shown = self.views.currentWidget()
        if dimension == 1:
            self.views.setCurrentWidget(self.curve_view)
        else:
            self.views.setCurrentWidget(self.pair)
        if self.views.currentWidget() is not shown:
            # a splitter dragged for one view is set back for the other
            self.middle.setSizes(list(VIEWS_RATIO))

