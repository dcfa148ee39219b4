"""File ▸ Export: pictures of the views or the window, animations of the descent or
the training, and the iterates or costs as CSV (the window's part of `gui.app.export`)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from gui.app import export

GIF_FRAMES = 60          # training animations: frames recorded from the running state


class ExportCommands:
    """What the Export menu does, for the window that `commands` drives."""

    def __init__(self, commands):
        self.c = commands
        self.w = commands.w

    def _ask_path(self, title, suffix, name):
        path, _ = QFileDialog.getSaveFileName(self.w, title, str(Path(self.c.session_dir()) / name),
                                              f"{suffix.upper()} (*.{suffix})")
        if path and not path.lower().endswith("." + suffix):
            path += "." + suffix
        return path

    def _view_name(self) -> str:
        return "views" if self.w.current_tab == "explorer" else "tab"

    def ask_export_picture(self, which: str):
        path = self._ask_path("Export picture", "png", f"{self.w.current_tab}.png")
        if path:
            self.export_picture(path, which)

    def export_picture(self, path, which="views", scale=None):
        widget = self.w.view_widget(self._view_name() if which == "views" else which)
        return self._export(export.export_png, widget, path,
                            scale=scale or self.c.picture_scale)

    def ask_export_gif(self):
        path = self._ask_path("Export animation", "gif", f"{self.w.current_tab}.gif")
        if path:
            self.export_animation(path)

    def export_animation(self, path, frames: int = GIF_FRAMES):
        """The explorer's descent from its start; the neuron's or network's training
        from where it is now, `frames` pictures."""
        tab, widget = self.w.current_tab, self.w.view_widget(self._view_name())
        if tab == "explorer":
            return self._export(export.export_descent_gif, self.w.model, widget, path)
        model = self.c.target_model()
        model.pause()
        steps = 1 if tab == "neuron" else model.get_state()["steps_per_tick"]

        def advance(k):
            if k:                     # frame 0 shows the training where it is now
                model.train(steps)
        return self._export(export.export_gif, widget, path, advance, frames)

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
