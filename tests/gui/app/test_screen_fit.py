"""The window stays on its screen: the three ways it grew past it (issue 10), and the
checks the layout matrix relies on, shown able to fail."""
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from gui.app.presets import find_preset
from gui.app.window_commands import PRESENTATION_SCALE
from tests.gui.app.layout_checks import clipped_texts, outside_window, overlapping_texts


def _settle(qtbot):
    for _ in range(4):
        QApplication.processEvents()
        qtbot.wait(15)


def _on_screen(window, qtbot, width, height):
    window.screen_limit = QRect(0, 0, width, height)
    window.setGeometry(0, 0, width - 80, height - 40)
    _settle(qtbot)


def test_seed_1_at_720p_keeps_play_and_the_learning_rate_on_screen(window, qtbot):
    _on_screen(window, qtbot, 1280, 720)
    window.commands._load_preset(find_preset("Seed 1"))
    assert window.model.wait_for_analysis(60000)
    _settle(qtbot)
    assert window.width() <= 1280                     # was 1337
    assert window.minimumSizeHint().width() <= 1280
    for widget in (window.descent_panel.playback, window.descent_panel.lr_control):
        corner = widget.mapTo(window, widget.rect().bottomRight())
        assert widget.isVisible() and corner.x() < window.width(), type(widget).__name__
    assert outside_window(window) == []


def test_720p_presentation_of_a_1d_function_fits(window, qtbot):
    _on_screen(window, qtbot, 1280, 720)
    window.commands._load_preset(find_preset("Seed 1"))
    assert window.model.wait_for_analysis(60000)
    window.commands.set_presentation(True)
    _settle(qtbot)
    assert window.geometry() == QRect(0, 0, 1280, 720)        # was 1695 px wide
    assert window.descent_panel.isVisible()
    assert outside_window(window) == []


def test_larger_text_in_presentation_at_1080p_never_widens_the_window(window, qtbot):
    _on_screen(window, qtbot, 1920, 1080)
    window.commands.set_presentation(True)
    for _ in range(2):
        window.commands.actions["larger"].trigger()
        _settle(qtbot)
        assert window.width() <= 1920                        # was 2018
    window.commands.actions["normal"].trigger()
    _settle(qtbot)
    # Ctrl+0 presenting: presentation's own size (size 1 was a look of its own there)
    assert window.width() <= 1920 and window.commands.scale == PRESENTATION_SCALE
    window.commands.set_presentation(False)
    _settle(qtbot)
    assert window.width() <= 1920


def test_the_checks_find_a_cut_label_and_overlapping_texts(qtbot):
    """The matrix's checks can fail: a label narrower than its text, two labels on each
    other, a label sticking out of its window."""
    page = QWidget()
    qtbot.addWidget(page)
    page.resize(200, 120)
    cut = QLabel("a label far too long for the forty pixels it has", page)
    cut.setGeometry(0, 0, 40, 20)
    one, two = QLabel("one", page), QLabel("two", page)
    one.setGeometry(0, 40, 80, 20)
    two.setGeometry(20, 45, 80, 20)
    out = QLabel("out", page)
    out.setGeometry(180, 100, 60, 20)
    page.show()
    qtbot.waitExposed(page)
    assert any("far too long" in problem for problem in clipped_texts(page))
    assert any("'one' on 'two'" in problem for problem in overlapping_texts(page))
    assert any("'out'" in problem for problem in outside_window(page))
    fine = QWidget()
    qtbot.addWidget(fine)
    column = QVBoxLayout(fine)
    for text in ("first", "second"):
        column.addWidget(QLabel(text))
    fine.show()
    qtbot.waitExposed(fine)
    assert clipped_texts(fine) == overlapping_texts(fine) == outside_window(fine) == []


def test_presentation_folds_and_ctrl_3_brings_the_neuron_training_back(window, qtbot):
    window.show_tab("neuron")
    _on_screen(window, qtbot, 1280, 720)
    window.commands.set_presentation(True)
    _settle(qtbot)
    neuron = window.neuron
    assert not neuron.training.isVisible()
    assert neuron.graph.height() >= 0.55 * window.height()
    assert not window.commands.actions["show_below"].isChecked()
    window.commands.actions["show_below"].trigger()          # Ctrl+3
    _settle(qtbot)
    assert neuron.training.isVisible()
    window.commands.set_presentation(False)
    _settle(qtbot)
    assert neuron.training.isVisible() and neuron.note.isVisible()
    assert window.commands.actions["show_below"].isChecked()


def test_a_start_sizes_the_window_unless_the_restored_size_is_usable(qtbot):
    """A first start gets 1400×860 (shrunk to a smaller screen); a restored size is kept
    unless it is too small to use: a 962×146 strip, saved once, opened with no room for
    the views."""
    from gui.app.screen_fit import size_for_start
    window = QWidget()
    qtbot.addWidget(window)
    window.screen_limit = QRect(0, 0, 1280, 720)
    size_for_start(window, restored=False)
    assert (window.width(), window.height()) == (1280, 720)
    window.screen_limit = QRect(0, 0, 1920, 1080)
    window.resize(962, 146)
    size_for_start(window, restored=True)
    assert (window.width(), window.height()) == (1400, 860)
    window.resize(1000, 700)                   # a usable size the lecturer chose: kept
    size_for_start(window, restored=True)
    assert (window.width(), window.height()) == (1000, 700)


def _start(qtbot, settings):
    """A window started as `gradient-lab` starts it: settings restored, sized, shown."""
    from gui.app.application import build_window
    from gui.app.screen_fit import size_for_start
    model, window = build_window(settings=settings, restore_last=False)
    size_for_start(window, restored=window.commands.restored_rect)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _settle(qtbot)
    return model, window


def _close(model, window):
    window.close()
    model.shutdown()


def test_a_window_saved_on_a_larger_screen_opens_filling_this_one(qtbot, settings):
    # prepared at 1920×1080, projected at 1280×720: Qt's restoreGeometry opened a
    # 1900×1040 window as an 853×146 strip with no room for the views
    old = QWidget()
    old.resize(1900, 1040)
    settings.setValue("window/geometry", old.saveGeometry())      # as saved before
    screen = QApplication.primaryScreen().availableGeometry()
    for saved in ({}, {"window/rect": [0, 0, 1900, 1040]}):
        for key, value in saved.items():
            settings.setValue(key, value)
        model, window = _start(qtbot, settings)
        assert window.width() >= min(1280, screen.width()) - 10, saved
        assert window.height() >= min(720, screen.height()) - 40, saved
        assert screen.contains(window.geometry()), saved
        _close(model, window)


def test_a_usable_window_comes_back_where_and_as_large_as_it_was(qtbot, settings):
    model, window = _start(qtbot, settings)
    window.setGeometry(40, 30, 1000, 700)
    _settle(qtbot)
    window.commands.save_settings()
    _close(model, window)
    assert settings.value("window/geometry") is None
    model, window = _start(qtbot, settings)
    assert window.geometry().getRect() == (40, 30, 1000, 700)
    _close(model, window)
