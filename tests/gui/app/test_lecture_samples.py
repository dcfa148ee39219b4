"""The two lectures that ship with the app: each has at least 8 scenes with a title
and notes, every scene opens, plays its steps (computed live) and exports a picture."""
from PySide6.QtGui import QImage

from gui.app.export import export_png
from gui.app.lecture_commands import lecture_label, sample_lectures
from tests.gui.app.lecture_helpers import SLOW_MS


def _distinct_colours(image: QImage) -> int:
    step = max(1, image.width() // 60)
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})


def test_both_sample_lectures_are_in_the_help_menu():
    paths = sample_lectures()
    assert [lecture_label(p) for p in paths] == ["Derivatives and gradients",
                                                 "Networks as chains of functions"]


def test_every_scene_of_both_lectures_opens_plays_and_exports(window, qtbot, tmp_path):
    lc = window.lecture_commands
    lec, m = lc.lecture, window.model
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert lc.samples_menu.menuAction() in help_menu.actions()       # Help ▸ Sample lectures
    menu = [a.text() for a in lc.samples_menu.actions()]
    assert menu == ["Derivatives and gradients", "Networks as chains of functions"]
    exported = 0
    for path in sample_lectures():
        lc.samples_menu.actions()[sample_lectures().index(path)].trigger()
        assert not lec.live and lec.index == 0 and len(lec.scenes) >= 8
        assert window.session.path is None           # Save must not overwrite the shipped file
        for i, scene in enumerate(lec.scenes):
            assert lec.index == i
            assert scene.title and len(scene.notes) > 40
            assert m.wait_for_analysis(SLOW_MS)
            trained = window.network_model.step_count
            for step in scene.steps:
                lc.forward()
                if lec._play_target is not None:     # an animation: the next press ends it
                    lc.forward()
            assert lec.steps_done == len(scene.steps)
            plays = [s["play_to"] for s in scene.steps if "play_to" in s]
            trains = [s["train"] for s in scene.steps if "train" in s]
            if window.current_tab == "explorer":
                assert m.wait_for_analysis(SLOW_MS)
                assert m.expression is not None and m.paths     # computed now, not stored
                assert m.text == scene.state["explorer"]["text"]
                if plays:
                    assert m.frame == min(plays[-1], m.last_frame)
            elif window.current_tab == "network" and trains:
                assert window.network_model.step_count == trained + sum(trains)
            out = export_png(window.view_widget("tab"), tmp_path / f"{path.stem}-{i}.png")
            image = QImage(str(out))
            assert image.width() > 600 and image.height() > 400
            assert _distinct_colours(image) > 20, f"{scene.title}: the picture is blank"
            exported += 1
            lc.forward()                              # on to the next scene
        assert lec.index == len(lec.scenes) - 1
    assert exported >= 16
