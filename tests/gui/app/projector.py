"""A main window on a 1280×720 projector for a module's tests (the larger-text checks of
each tab), and a text size applied to it as a lecturer's key does: laid out, then fitted
to the screen, twice (a new size reaches the layouts an event later)."""
from __future__ import annotations

import gc

from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QApplication

SCREEN = (1280, 720)


def projector_window(tmp_path_factory, tab: str | None = None, screen=SCREEN,
                     look: str | None = None):
    """For a module-scoped fixture: `yield from projector_window(tmp_path_factory, "neuron")`
    yields the shown window (analysed, on `tab`, in theme `look` if given) filling
    `screen` (w, h), closed afterwards at text size 1 in the light theme."""
    from gui.app.application import build_window
    settings = QSettings(str(tmp_path_factory.mktemp("settings") / "s.ini"),
                         QSettings.Format.IniFormat)
    model, window = build_window(settings=settings)
    window.screen_limit = QRect(0, 0, *screen)
    window.setGeometry(0, 0, *screen)
    window.show()
    assert model.wait_for_analysis(60000)
    if tab is not None:
        window.show_tab(tab)
    if look is not None:
        window.commands.set_theme(look)
    yield window
    if look is not None:
        window.commands.set_theme("light")
    window.commands.set_presentation(False)
    window.commands.set_scale(1.0)
    window.close()
    model.shutdown()
    window.deleteLater()
    gc.collect()


def settle_at(window, qtbot, scale: float, presenting: bool = False) -> None:
    """`scale` (and presentation on or off) applied and settled on the projector."""
    window.commands.set_presentation(presenting)
    window.commands.set_scale(scale)
    if not presenting:
        window.setMaximumSize(*SCREEN)
        window.setGeometry(0, 0, *SCREEN)
    for _ in range(2):
        for _ in range(4):
            QApplication.processEvents()
            qtbot.wait(15)
        window.fit_to_screen()
