"""What the playback and view keys do on the current tab (WindowCommands' part): Space,
→ and ← play and step the explorer's descent, the neuron's stages or the network's
training; R resets it; the explorer's zoom, its pins and its formula field."""
from __future__ import annotations

from PySide6.QtCore import Qt

from gui.plots.gradient_pins import GradientPins


class TabCommands:
    """A mixin for WindowCommands: `self.w` is the main window, `self.actions` its actions."""

    def target_model(self):
        tab = self.w.current_tab
        return {"explorer": self.w.model, "neuron": self.w.neuron_model,
                "network": self.w.network_model}[tab]

    def play(self):
        self.target_model().toggle_play()

    def step(self):
        t = self.target_model()
        (t.next_stage if self.w.current_tab == "neuron" else t.step)()

    def step_back(self):
        tab = self.w.current_tab
        if tab == "explorer":
            self.w.model.step_back()
        elif tab == "neuron":
            self.w.neuron_model.previous_stage()

    def reset(self):
        t = self.target_model()
        (t.reset_training if self.w.current_tab == "neuron" else t.reset)()

    def focus_editor(self):
        self.w.show_tab("explorer")
        if not self.w.top.isVisible():
            self.actions["show_top"].setChecked(True)
        self.w.editor.line_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.w.editor.line_edit.selectAll()

    def clear_gradient_pins(self):
        for pins in self.w.findChildren(GradientPins):    # the Explorer's map and the Neuron's
            pins.clear()

    def zoom(self, factor: float):
        """Shrink (factor < 1) or grow the explorer's window about its centre."""
        if self.w.current_tab != "explorer" or self.w.model.expression is None:
            return
        window = [((lo + hi) / 2 - (hi - lo) / 2 * factor, (lo + hi) / 2 + (hi - lo) / 2 * factor)
                  for lo, hi in self.w.model.window]
        self.w.model.set_window(tuple(window))
