"""PlaybackControls on both themes: the step count and the statuses stay readable."""
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from gui.widgets import theme
from gui.explorer.playback_controls import PlaybackControls
from gui.app.presets import default_preset


def brightest_text(label) -> float:
    image = label.grab().toImage()
    return max(QColor(image.pixel(x, y)).lightnessF()
               for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))


def test_step_label_and_statuses_are_light_on_the_dark_theme(qtbot, model):
    controls = PlaybackControls(model)
    qtbot.addWidget(controls)
    model.load_preset(default_preset())
    model.set_settings(methods=("gd", "newton"))
    assert model.wait_for_analysis()
    controls.resize(320, 300)
    controls.show()
    qtbot.waitExposed(controls)
    app = QApplication.instance()
    try:
        theme.apply_theme(app, controls, "dark", 1.5)
        qtbot.wait(50)
        assert controls.frame_label.text().startswith("step ")
        assert brightest_text(controls.frame_label) > 0.85
        assert brightest_text(controls.status_labels["newton"]) > 0.85
        assert controls.frame_label.font().pointSizeF() >= 13 * 1.5 - 0.01
        theme.apply_theme(app, controls, "light", 1.0)
        qtbot.wait(50)
        assert "#111111" in controls.frame_label.styleSheet()
    finally:
        theme.apply_theme(app, controls, "light", 1.0)
