"""The open lecture: its scenes, the current one, and the steps played in it.

PageDown (`forward`) first plays the current scene's own steps, one per press, then
enters the next scene; PageUp (`back`) undoes one step (the scene is re-applied and
its earlier steps replayed at once) or goes to the previous scene as it was left.
Entering a scene applies its state through the session controller, so the models
check it exactly as when a file is opened.

Two session parts keep the lecture in the file: "scenes" (the list) and "scene"
(the current index). Until the first "Add this as a scene" the lecture is `live`: one
scene that is the app as it is ("scenes": null in the file), which is what an old
session file opens as, so saving it again keeps what the user changed. A captured
scene holds what was captured ("Add this as a scene", "Update this scene"), so trying
something in front of the class never overwrites the prepared scene.

Once the lecturer changes the app away from the scene (another tab, another f, other
settings: its set-up, `setup_of`), the scene is `departed`: the list and the title say
so, clicking the scene puts it back, and PageDown first brings the scene back (at the
step reached) before it plays or finishes a step, so a step never runs or ends on a
view the class cannot see (with no step left it goes on to the next scene, as before).
Playing the scene (its steps, the descent's step, the neuron's stage, the network's
training) and turning the 3-D view are not leaving it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from gui.app.lecture import (PARTS, LectureError, Scene, check_scene_index,
                             scenes_from_session)
from gui.app.window_commands import PRESENTATION_SCALE   # a scene never shrinks it

# Where a scene's playback stands, and the views' own look (the 3-D camera, which the
# descent frames): not its set-up, so moving them is not leaving the scene
PLAYBACK = {"explorer": ("frame", "speed", "views"), "neuron": ("stage",),
            "network": ("step", "network", "cost_history", "gradient_steps", "gradient_norms",
                        "views")}
DEPARTED_CHECK_MS = 150     # a slider drag's burst of changes is looked at once


def setup_of(state: dict) -> dict:
    """The scene-making part of a session state: `state` without PLAYBACK's entries."""
    return {name: ({k: v for k, v in part.items() if k not in PLAYBACK.get(name, ())}
                   if isinstance(part, dict) else part) for name, part in state.items()}


def _once(step):
    """A clicker press runs to its end first: a step may wait for the analysis
    (processing events), and a second press then must not start another step."""
    def guarded(self):
        if self._busy:
            return
        self._busy = True
        try:
            step(self)
        finally:
            self._busy = False
    guarded.__doc__ = step.__doc__
    return guarded


class LectureController(QObject):
    sceneChanged = Signal(int)       # a scene was entered (its index)
    stepChanged = Signal(int)        # steps played in the current scene
    lectureChanged = Signal()        # scenes added, removed, moved, renamed, re-noted
    departedChanged = Signal(bool)   # the app was changed away from the scene (or back)

    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        self.w = window
        self.scenes: list[Scene] = [Scene("Scene 1", state={})]
        self.live = True              # one scene that is the app as it is (see above)
        self.index = 0
        self.steps_done = 0
        self.keep_ink = True          # strokes stay with their scene when moving on
        self.ink = None               # the ink overlay (strokes(), set_strokes()), if any
        self._play_target = None      # the frame a "play_to" step animates to
        self._busy = False            # a clicker press is being carried out
        self.departed = False         # the app no longer shows the current scene
        self._shown: dict | None = None   # the scene's set-up as entering it (and its steps) left it
        self._departure_check = QTimer(self)
        self._departure_check.setSingleShot(True)
        self._departure_check.setInterval(DEPARTED_CHECK_MS)
        self._departure_check.timeout.connect(self.check_departed)
        window.model.frameChanged.connect(self._on_frame)

    @property
    def scene(self) -> Scene:
        return self.scenes[self.index]

    # --- capture and apply ----------------------------------------------------------
    def capture_state(self) -> dict:
        return {name: self.w.session.parts[name].get_state() for name in PARTS}

    def capture_camera(self) -> dict | None:
        surface = self.w.surface_view
        if getattr(surface, "gl", None) is None or surface.mapping is None:
            return None
        opts = surface.gl.opts
        return {"distance": float(opts["distance"]), "elevation": float(opts["elevation"]),
                "azimuth": float(opts["azimuth"]),
                "center": [float(c) for c in (opts["center"].x(), opts["center"].y(),
                                              opts["center"].z())]}

    def capture_scene(self, title: str, camera: bool = False) -> Scene:
        return Scene(title=title, state=self.capture_state(),
                     camera=self.capture_camera() if camera else None)

    # --- has the lecturer left the scene? ----------------------------------------------
    def look_again(self, *_) -> None:
        """Something the user can change changed: is the scene still shown? (debounced)"""
        self._departure_check.start()

    def _mark_shown(self, setup: dict | None = None) -> None:
        """The app shows the scene as it stands now (entered, a step played, captured)."""
        self._departure_check.stop()
        self._shown = setup if setup is not None else setup_of(self.capture_state())
        self._set_departed(False)

    def check_departed(self) -> bool:
        """Whether the app's set-up differs from the scene's as it was shown (not looked
        at in the middle of a clicker press: its step waits, processing events)."""
        return self.departed if self._busy else self._check_departed_now()

    def _check_departed_now(self) -> bool:
        self._departure_check.stop()
        if not self.live and self._shown is not None:
            self._set_departed(setup_of(self.capture_state()) != self._shown)
        return self.departed

    def _set_departed(self, departed: bool) -> None:
        if departed != self.departed:
            self.departed = departed
            self.departedChanged.emit(departed)

    def _apply_camera(self, camera: dict | None) -> None:
        surface = self.w.surface_view
        if camera is None or getattr(surface, "gl", None) is None:
            return
        import pyqtgraph as pg
        surface._frame_camera = False      # the scene's own view, not the automatic one
        surface.gl.opts["center"] = pg.Vector(*camera.get("center", (0, 0, 0)))
        surface.gl.setCameraPosition(distance=camera["distance"],
                                     elevation=camera["elevation"], azimuth=camera["azimuth"])

    def _leave(self) -> None:
        if self._play_target is not None and self._check_departed_now():
            self._play_target = None    # a play is never finished on an f not the scene's
        self._finish_play()
        if self.ink is not None:
            self.scene.ink = self.ink.strokes() if self.keep_ink else []

    def _enter(self, index: int, steps_done: int = 0) -> None:
        """Apply scene `index` and replay its first `steps_done` steps at once."""
        scene = self.scenes[index]
        for model in (self.w.model, self.w.neuron_model, self.w.network_model):
            model.pause()
        # Only the parts that differ: from one explorer scene to the next the network
        # is not rebuilt (a scene change took up to ~1 s under load with every part)
        now = self.capture_state()
        changed = {name: part for name, part in scene.state.items() if now.get(name) != part}
        self.w.session.apply(changed)                # SessionError: nothing changed
        self.index, self.steps_done = index, 0
        self._apply_camera(scene.camera)
        if scene.text_scale is not None:
            commands = self.w.commands
            floor = PRESENTATION_SCALE if commands.presenting else 0
            commands.set_scale(max(scene.text_scale, floor))
        if self.ink is not None:
            self.ink.set_strokes(scene.ink)
        for step in scene.steps[:steps_done]:
            self._run(step, animate=False)
            self.steps_done += 1
        self.w.scene_panels = dict(scene.panels)     # kept by presentation's folding too
        if scene.panels:
            self.w.set_panels_visible(**scene.panels)
            self.w.commands._sync_panel_actions()
        self.w.fold_for_scene()
        self.w.explorer.show_from_top()
        self._mark_shown()
        self.sceneChanged.emit(index)
        self.stepChanged.emit(self.steps_done)

    def go_to(self, index: int) -> None:
        """Enter scene `index` (0-based) at its start."""
        check_scene_index(index, len(self.scenes))
        self._leave()
        self._enter(index)

    # --- the clicker ------------------------------------------------------------------
    @_once
    def forward(self) -> None:
        """PageDown: finish a running step, else the next step, else the next scene. A
        step playing or left to play while the app was changed away from the scene: the
        scene back first (at the step reached), so no step plays or ends on an f the
        class was not shown as the scene (a play finished on the typed f, and the next
        press left the scene unseen)."""
        playing_or_left = self._play_target is not None or self.steps_done < len(self.scene.steps)
        if playing_or_left and self._check_departed_now():
            self._leave()
            self._enter(self.index, self.steps_done)
        elif self._play_target is not None:
            self._finish_play()
        elif self.steps_done < len(self.scene.steps):
            step = self.scene.steps[self.steps_done]
            self.steps_done += 1
            self._run(step, animate=True)
            self._mark_shown()
            self.stepChanged.emit(self.steps_done)
        elif self.index + 1 < len(self.scenes):
            self.go_to(self.index + 1)

    @_once
    def back(self) -> None:
        """PageUp: one step back in this scene, else the previous scene with its steps done."""
        if self.steps_done > 0:
            self._leave()
            self._enter(self.index, self.steps_done - 1)
        elif self.index > 0:
            self._leave()
            self._enter(self.index - 1, len(self.scenes[self.index - 1].steps))

    # --- steps ------------------------------------------------------------------------
    def _run(self, step: dict, animate: bool) -> None:
        (kind, value), = step.items()
        model, tab = self.w.model, self.w.current_tab
        if kind in ("reveal", "play_to") or (kind == "train" and tab == "explorer"):
            model.wait_for_analysis(10000)     # the scene's paths exist only after it
            target = value if kind == "play_to" else model.frame + value
            target = min(target, model.last_frame)
            if animate and kind == "play_to" and target > model.frame:
                self._play_target = target
                model.playback.play()
            else:
                model.set_frame(target)
        elif kind == "stage":
            for _ in range(value):
                self.w.neuron_model.next_stage()
        elif kind == "train":
            (self.w.neuron_model if tab == "neuron" else self.w.network_model).train(value)
        elif kind == "tab":
            self.w.show_tab(value)
        elif kind == "focus":
            self.w.set_focus_mode(value)

    def _on_frame(self, frame: int) -> None:
        if self._play_target is not None and frame >= self._play_target:
            if self._check_departed_now():     # another f reached it: not the scene's play
                self._play_target = None
            else:
                self._finish_play()

    def _finish_play(self) -> None:
        target, self._play_target = self._play_target, None
        if target is not None:
            self.w.model.pause()
            self.w.model.set_frame(target)

    # --- editing the lecture ----------------------------------------------------------
    def _edited(self) -> None:
        self.lectureChanged.emit()

    def add_current(self, title: str | None = None) -> int:
        """The app as it is now becomes a new scene after the current one."""
        scene = self.capture_scene(title or f"Scene {len(self.scenes) + (not self.live)}",
                                   camera=True)
        if self.w.commands.scale != 1.0 and not self.w.commands.presenting:
            scene.text_scale = self.w.commands.scale
        self._leave()
        if self.live:                 # the first captured scene takes the live one's place
            self.live, self.scenes, self.index = False, [scene], 0
        else:
            self.scenes.insert(self.index + 1, scene)
            self.index += 1
        self.steps_done = 0
        self._mark_shown(setup_of(scene.state))
        self._edited()
        self.sceneChanged.emit(self.index)
        return self.index

    def update_current(self) -> None:
        """The current scene takes the app's state as it is now."""
        if self.live:
            self.add_current()
            return
        self.scene.state = self.capture_state()
        self.scene.camera = self.capture_camera()
        self.steps_done = 0
        self._mark_shown(setup_of(self.scene.state))
        self._edited()

    def rename(self, index: int, title: str) -> None:
        if self.scenes[index].title != title:
            self.scenes[index].title = title
            self._edited()

    def set_notes(self, index: int, notes: str) -> None:
        if self.scenes[index].notes != notes:
            self.scenes[index].notes = notes
            self._edited()

    def set_steps(self, index: int, steps: list) -> None:
        self.scenes[index].steps = Scene.from_data({**self.scenes[index].to_data(),
                                                    "steps": steps}).steps
        self._edited()

    def duplicate(self, index: int) -> int:
        twin = self.scenes[index].copy()
        twin.title = f"{twin.title} (copy)"
        self.scenes.insert(index + 1, twin)
        if index < self.index:
            self.index += 1
        self._edited()
        return index + 1

    def delete(self, index: int) -> None:
        if len(self.scenes) == 1:
            raise LectureError("a lecture keeps at least one scene")
        del self.scenes[index]
        if index < self.index or self.index >= len(self.scenes):
            self.index = max(0, self.index - 1)
        self._edited()
        self.sceneChanged.emit(self.index)

    def reorder(self, order: list[int]) -> None:
        """The scenes in the order `order` (a permutation of their indices)."""
        if order == list(range(len(self.scenes))):
            return
        current = self.scene
        self.scenes = [self.scenes[i] for i in order]
        self.index = self.scenes.index(current)
        self._edited()

    def replace(self, scenes: list[Scene] | None, index: int = 0) -> None:
        """A new lecture (opened, or put back by undo; None: live); the app is not
        re-applied."""
        self._finish_play()
        self.live = scenes is None
        if scenes is None:
            scenes, index = [Scene("Scene 1", state={})], 0
        self.scenes, self.index, self.steps_done = scenes, index, 0
        self.w.scene_panels = dict(self.scene.panels)
        if self.ink is not None:
            self.ink.set_strokes(self.scene.ink)
        self._mark_shown()          # what the file (or the undo) put on screen
        self.lectureChanged.emit()
        self.sceneChanged.emit(index)


class ScenesPart:
    """The session part "scenes": the lecture's scene list."""

    def __init__(self, lecture: LectureController, loaded=None):
        self.lecture = lecture
        self.loaded = loaded or (lambda: None)    # called when a whole session arrives

    def get_state(self) -> list | None:
        lec = self.lecture
        if lec.live:                              # a plain session: the app as it is
            return None
        if lec.ink is not None and lec.keep_ink:
            lec.scene.ink = lec.ink.strokes()
        return [s.to_data() for s in lec.scenes]

    def set_state(self, scenes) -> None:
        if scenes is None:
            self.lecture.replace(None)
        else:
            parsed, _ = scenes_from_session({"scenes": scenes, "scene": 0})
            self.lecture.replace(parsed, min(self.lecture.index, len(parsed) - 1))
        self.loaded()

    def set_absent(self, data: dict | None) -> None:
        """A session file without scenes (or New, `data` None) is a one-scene lecture.

        Only a whole file (it names its app) does this; a scene's own state, applied
        through the same session controller, leaves the lecture alone.
        """
        if data is None or data.get("app") == "Gradient Lab":
            self.lecture.replace(None)
            self.loaded()


class SceneIndexPart:
    """The session part "scene": which scene is current."""

    def __init__(self, lecture: LectureController):
        self.lecture = lecture

    def get_state(self) -> int:
        return self.lecture.index

    def set_state(self, index) -> None:
        lec = self.lecture
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(lec.scenes):
            raise LectureError(f"the current scene must be a number from 0 to {len(lec.scenes) - 1}")
        if index != lec.index:
            lec.replace(lec.scenes, index)
