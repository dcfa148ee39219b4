"""File ▸ Export: pictures of the views or the window, animations of the descent or
the training, and the iterates or costs as CSV (the window's part of `gui.app.export`)."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog

from gui.app import export
from gui.app.slide_picture import PLOT_VIEWS, explorer_caption, plots_image

EXPORT_DIR_KEY = "export/dir"     # QSettings: the folder of the last export
GIF_FRAMES = 60          # training animations: frames recorded from the running state


class ExportCommands:
    """What the Export menu does, for the window that `commands` drives."""

    def __init__(self, commands):
        self.c = commands
        self.w = commands.w
        self.caption = True          # pictures carry the step, f and the runs' legend

    def set_caption(self, shown: bool) -> None:
        self.caption = bool(shown)

    def export_dir(self) -> str:
        """Where the export dialogs open: the folder of the last export (pictures,
        animations and tables share it), else the sessions' folder (it was always that,
        so a lecturer saving slide after slide picked their folder again each time)."""
        return str(self.w.settings.value(EXPORT_DIR_KEY, self.c.session_dir()))

    def _ask_path(self, title, suffix, name, also=()):
        filters = ";;".join(f"{s.upper()} (*.{s})" for s in (suffix, *also))
        path, _ = QFileDialog.getSaveFileName(self.w, title, str(Path(self.export_dir()) / name),
                                              filters)
        if path and not any(path.lower().endswith("." + s) for s in (suffix, *also)):
            path += "." + suffix
        if path:
            self.w.settings.setValue(EXPORT_DIR_KEY, str(Path(path).parent))
        return path

    def _caption(self):
        if not self.caption or self.w.current_tab != "explorer":
            return None
        return explorer_caption(self.w.model)

    def picture(self, which: str = "views", scale=None):
        """The QImage an export of `which` writes: a view's plots alone (with the
        caption), or a tab or the window as it is."""
        name = self._view_name() if which == "views" else which
        widget = self.w.view_widget(name)
        scale = scale or self.c.picture_scale
        if name in PLOT_VIEWS:
            return plots_image(widget, scale, self._caption())
        return export.render_widget(widget, scale)

    def copy_picture(self):
        """The views' picture (as Export ▸ Picture would write it) on the clipboard."""
        image = self.picture("views")
        QApplication.clipboard().setImage(image)
        self.w.statusBar().showMessage(
            f"Copied a {image.width()}×{image.height()} picture: paste it into a slide", 5000)
        return image

    def _view_name(self) -> str:
        return "views" if self.w.current_tab == "explorer" else "tab"

    def ask_export_picture(self, which: str):
        path = self._ask_path("Export picture", "png", f"{self.w.current_tab}.png",
                              also=("svg",) if which == "views" else ())
        if path:
            self.export_picture(path, which)

    def export_picture(self, path, which="views", scale=None):
        """PNG, or SVG when `path` ends in .svg (the plots only)."""
        if str(path).lower().endswith(".svg"):
            name = self._view_name() if which == "views" else which
            return self._export(export.export_svg, self.w.view_widget(name), path,
                                caption=self._caption())
        return self._export(lambda: export.save_png(self.picture(which, scale), path))

    def ask_export_gif(self):
        path = self._ask_path("Export animation", "gif", f"{self.w.current_tab}.gif")
        if path:
            self.export_animation(path)

    def export_animation(self, path, frames: int = GIF_FRAMES):
        """The explorer's descent from its start; the neuron's or network's training
        from where it is now, `frames` pictures."""
        tab, widget = self.w.current_tab, self.w.view_widget(self._view_name())
        if tab == "explorer":
            # at the pictures' scale: the GIF was the PNG's half (983×343 beside 1966×686)
            return self._export(export.export_descent_gif, self.w.model, widget, path,
                                scale=self.c.picture_scale, caption=self.caption,
                                progress=self._show_progress)
        model = self.c.target_model()
        steps = 1 if tab == "neuron" else model.get_state()["steps_per_tick"]

        def advance(k):
            if k:                     # frame 0 shows the training where it is now
                model.train(steps)
        with self._put_back(model, widget), export.screen_frozen(widget):
            # the whole tab: its own header shows the step and the cost in every frame
            return self._export(export.export_gif, lambda: export.render_widget(widget),
                                path, advance, frames, progress=self._show_progress)

    def _show_progress(self, frame: int, frames: int) -> None:
        """The status box over the frozen still (it is raised above it): a recording
        took 12 s with nothing on screen saying it was under way."""
        status = self.w.statusBar()
        status.showMessage(f"Recording GIF: frame {frame} of {frames}")
        status.repaint()          # now: the recording does not return to the event loop

    @contextmanager
    def _put_back(self, model, tab):
        """The training an animation records is the recording's only: afterwards the
        tab's model is as it was (its state, and playing if it was), the tab's view too
        (`view_state`: the neuron's landscape, re-centred on a longer run), and the
        session neither modified nor one undo entry longer for it."""
        playing = model.playing
        model.pause()
        state = model.get_state()
        view = tab.view_state() if hasattr(tab, "view_state") else None
        undo = self.w.lecture_commands.undo_history
        with self.w.session.unmarked(), undo.paused():
            try:
                yield
            finally:
                model.set_state(state)
                if view is not None:
                    tab.set_view_state(view)
        if playing:
            model.play()

    def ask_export_csv(self):
        path = self._ask_path("Export table", "csv", f"{self.w.current_tab}.csv")
        if path:
            self.export_table(path)

    def export_table(self, path):
        tab = self.w.current_tab
        if tab == "explorer":
            return self._export(export.export_csv, self.w.model, path)
        costs = (self.w.network_model.cost_history if tab == "network"
                 else [s.loss for s in self.w.neuron_model.history])
        return self._export(export.export_cost_csv, costs, path)

    def _export(self, fn, *args, **kwargs):
        try:
            out = fn(*args, **kwargs)
        except (OSError, ValueError) as exc:
            self.c.report(f"Nothing was exported: {exc}", "Export failed")
            return None
        self.w.statusBar().showMessage(f"Wrote {out}", 5000)
        return out
