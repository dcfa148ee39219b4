"""The window's commands on session files: New, Open, Save, Save as (a part of
`WindowCommands`, which mixes it in: it uses the command object's window `w`)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.app.presets import default_preset
from gui.app.session import SUFFIX, SessionError


class SessionCommands:
    def report(self, message: str, title="Gradient Lab"):
        """Tell the user without blocking (a modal box would freeze a running lecture)."""
        self.last_message = message
        self.w.statusBar().showMessage(message, 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self.w)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def new_session(self):
        def reset():
            self.w.model.view_states.reset()      # before the example: it frames the camera
            self.w.model.load_preset(default_preset())
            self.w.neuron_model.set_state(self._initial["neuron"])
            self.w.network_model.set_state(self._initial["network"])
        self.w.session.new(reset)
        # a start over puts the views where a fresh window has them
        self.w.splitter_memory.restore(self.w)

    def open(self, path) -> bool:
        try:
            self.w.session.open(path)
        except SessionError as exc:
            self.report(str(exc), "Session not opened")
            return False
        self.w.statusBar().showMessage(f"Opened {Path(path).name}", 5000)
        return True

    def save(self) -> bool:
        if self.w.session.path is None:
            return self.ask_save_as()
        return self.save_as(self.w.session.path)

    def save_as(self, path) -> bool:
        path = Path(path)
        if not path.name.endswith(".json"):
            path = path.with_name(path.name + SUFFIX)
        try:
            self.w.session.save(path)
        except (OSError, ValueError) as exc:
            self.report(f"The session was not saved: {exc}", "Not saved")
            return False
        self.w.statusBar().showMessage(f"Saved {path.name}", 5000)
        return True

    def session_dir(self) -> str:
        return str(self.w.settings.value("session/dir", str(Path.home())))

    def ask_open(self):
        path, _ = QFileDialog.getOpenFileName(self.w, "Open session", self.session_dir(),
                                              f"Gradient Lab sessions (*{SUFFIX} *.json)")
        if path:
            self.w.settings.setValue("session/dir", str(Path(path).parent))
            self.open(path)

    def ask_save_as(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(self.w, "Save session", self.session_dir(),
                                              f"Gradient Lab sessions (*{SUFFIX})")
        if not path:
            return False
        self.w.settings.setValue("session/dir", str(Path(path).parent))
        return self.save_as(path)

