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


def test_a_new_f_keeps_the_styles_and_a_new_run_gets_its_colour(qtbot, model):
    """Setting a style sheet again lays out and repaints the whole panel: a new f with
    the same runs keeps them; a new run's line still comes in its method's colour."""
    from PySide6.QtCore import QEvent, QObject
    controls = PlaybackControls(model)
    qtbot.addWidget(controls)
    model.load_preset(default_preset())
    model.set_settings(methods=("gd",))
    assert model.wait_for_analysis()
    controls.resize(320, 300)
    controls.show()
    qtbot.waitExposed(controls)
    qtbot.wait(50)

    class StyleChanges(QObject):
        count = 0

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.StyleChange:
                StyleChanges.count += 1
            return False
    spy = StyleChanges()
    for label in (controls.frame_label, *controls.status_labels.values()):
        label.installEventFilter(spy)
    old_paths = model.paths
    model.set_text("x^2 + 3y^2 + x*y/7")
    assert model.wait_for_analysis()
    qtbot.wait(50)
    assert model.paths is not old_paths and controls.status_text("gd").startswith("Gradient descent")
    assert StyleChanges.count == 0
    model.set_settings(methods=("gd", "newton"))
    qtbot.wait(50)
    newton = controls.status_labels["newton"]
    assert newton.isVisible() and model.lab.colour("newton") != model.lab.colour("gd")
    assert theme.current().text(model.lab.colour("newton")).name() in newton.styleSheet()


def test_the_statuses_keep_their_height_from_ready_through_running_to_converged(qtbot, model):
    # in presentation mode the side panel is narrow: "Gradient descent: ready to start"
    # took one line, "…: running (step 25)" two, so pressing Play grew the panel a line
    # and pushed the runs list above it out of sight (1280×720), and back when it ended
    controls = PlaybackControls(model)
    qtbot.addWidget(controls)
    model.load_preset(default_preset())
    assert model.wait_for_analysis()
    controls.show()
    qtbot.waitExposed(controls)
    label = controls.status_labels["gd"]
    metrics = label.fontMetrics()
    width = metrics.horizontalAdvance("Gradient descent: ready to start") + 12
    assert metrics.horizontalAdvance(f"Gradient descent: running (step {model.last_frame})") > width
    controls.resize(width, 300)
    qtbot.wait(50)
    seen = set()
    for frame, playing in ((0, False), (25, True), (25, False), (model.last_frame, False)):
        model.set_frame(frame)
        if playing:
            model.playback.play()
        qtbot.wait(30)
        # the height the panel asks of its column (in the side panel it gets no more)
        seen.add((label.text().split(": ")[1].split(" ")[0],
                  controls.layout().totalHeightForWidth(width)))
        model.pause()
    assert {s[0] for s in seen} == {"ready", "running", "paused", "converged"}
    assert len({s[1:] for s in seen}) == 1, seen     # one height throughout
    # the longest's room, kept by the column of statuses (the line itself as its text)
    assert label.reserved_height(label.width()) >= 2 * metrics.height()


def test_one_line_statuses_have_no_empty_rows_between_them(qtbot, model):
    """Three runs ready to start, each status one line: each line kept the room of its
    longest text (a two-line warning) and a blank row stood under every one of them
    (the rehearsal, presenting at 1920×1080). The room is kept at the column's foot."""
    from gui.app.presets import default_preset
    controls = PlaybackControls(model)
    qtbot.addWidget(controls)
    model.load_preset(default_preset())
    model.set_settings(methods=("gd", "momentum", "adam"), lr=0.6)   # gd diverges: long texts
    assert model.wait_for_analysis()
    controls.resize(260, 400)
    controls.show()
    qtbot.waitExposed(controls)
    model.set_frame(0)
    qtbot.wait(50)
    labels = [controls.status_labels[m] for m in ("gd", "momentum", "adam")]
    line = labels[0].fontMetrics().height()
    assert all(label.text().endswith("ready to start") for label in labels)
    tops = [label.mapTo(controls, label.rect().topLeft()).y() for label in labels]
    assert all(label.height() < 2 * line for label in labels), [l.height() for l in labels]
    assert all(b - a < 2 * line for a, b in zip(tops, tops[1:])), tops
    # and the panel keeps the room of the longest texts: at the last frame, the same height
    before = controls.layout().totalHeightForWidth(controls.width())
    model.set_frame(model.last_frame)
    qtbot.wait(50)
    assert controls.layout().totalHeightForWidth(controls.width()) == before


def test_a_new_f_lays_out_the_statuses_once_not_again_by_request(qtbot, model):
    """A new f gives new paths, so new texts whose room each status keeps (set_reserve);
    the column measures that room at once (refresh). Each status also asked its column
    for a layout: a LayoutRequest that placed and measured every line a second time in
    the edit's paint (~2 ms of the GUI thread per edit) for a room already measured."""
    from PySide6.QtCore import QEvent, QObject
    controls = PlaybackControls(model)
    qtbot.addWidget(controls)
    model.load_preset(default_preset())
    model.set_settings(methods=("gd", "momentum"))
    assert model.wait_for_analysis()
    controls.resize(700, 300)          # one line each: no line that wraps anew asks
    controls.show()
    qtbot.waitExposed(controls)
    qtbot.wait(50)

    class LayoutRequests(QObject):
        count = 0

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.LayoutRequest:
                LayoutRequests.count += 1
            return False
    spy = LayoutRequests()
    controls._statuses.installEventFilter(spy)
    old_paths = model.paths
    for text in (("x^2 + 3y^2 + x*y/7", "(1-x)^2 + 5(y-x^2)^2", "x^2 + y^2/4")):
        model.set_text(text)
        assert model.wait_for_analysis()
        qtbot.wait(30)
    assert model.paths is not old_paths and all(label.height() < 2 * label.fontMetrics().height()
                                   for label in controls.status_labels.values())
    assert LayoutRequests.count == 0
