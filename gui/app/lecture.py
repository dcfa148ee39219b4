"""A lecture: an ordered list of scenes, and how it sits in a session file.

A scene is the whole set-up of the app (each session part's get_state: explorer,
neuron, network, view) plus its title, speaker notes, text scale, 3-D camera, the
ink drawn on it and its own `steps`, the builds PageDown plays before the next scene.

File format: the session file as before (its top-level parts are the current
scene's, so an older Gradient Lab still opens it as a plain session) grown by
"scenes" (a list of scene dicts) and "scene" (the current index). A file without
"scenes" is a one-scene lecture, so every session file ever saved still opens.

Plain Python, no Qt: the models apply a scene; this module only keeps and checks it.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

PARTS = ("explorer", "neuron", "network", "view")
TOOLS = ("pen", "highlighter")
MAX_STEP_COUNT = 10_000   # a step's number: bounded so a typo cannot freeze a lecture

# What a step may say; each holds one number (or a tab / focus name).
STEP_KINDS = {
    "reveal": "reveal {n} more iterate(s)",
    "play_to": "play the descent to step {n}",
    "stage": "neuron: {n} stage(s) on",
    "train": "train {n} step(s)",
    "tab": "show the {n} tab",
    "focus": "explorer: show {n}",
}


class LectureError(ValueError):
    """A scene or step that cannot be used; the message is for the user."""


def check_scene_index(index: int, count: int) -> None:
    """LectureError unless a lecture of `count` scenes has scene `index` (0-based)."""
    if not 0 <= index < count:
        raise LectureError(f"there is no scene {index + 1}; the lecture has {count}")


def check_step(step) -> dict:
    """A step is one {kind: value}; raise LectureError naming the problem."""
    if not isinstance(step, dict) or len(step) != 1:
        raise LectureError(f"a step must be one {{kind: value}}, not {step!r}")
    (kind, value), = step.items()
    if kind not in STEP_KINDS:
        raise LectureError(f"unknown step {kind!r}; one of {', '.join(STEP_KINDS)}")
    if kind in ("tab", "focus"):
        if not isinstance(value, str):
            raise LectureError(f"the step {kind!r} needs a name, not {value!r}")
    elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_STEP_COUNT:
        raise LectureError(f"the step {kind!r} needs a whole number 0–{MAX_STEP_COUNT}")
    return step


def describe_step(step: dict) -> str:
    (kind, value), = step.items()
    return STEP_KINDS[kind].format(n=value)


def _check_ink(ink) -> list:
    if not isinstance(ink, list):
        raise LectureError("a scene's ink must be a list of strokes")
    for stroke in ink:
        if (not isinstance(stroke, dict) or stroke.get("tool") not in TOOLS
                or not isinstance(stroke.get("points"), list)
                or not all(isinstance(p, list) and len(p) == 2 for p in stroke["points"])):
            raise LectureError("a stroke is {'tool': 'pen' or 'highlighter', 'points': [[x, y], …]}")
    return ink


PANELS = ("top", "side", "below")      # a tab's panels (MainWindow.set_panels_visible)


def _check_panels(panels) -> dict:
    if not isinstance(panels, dict) or any(
            name not in PANELS or not isinstance(shown, bool) for name, shown in panels.items()):
        raise LectureError(f"a scene's panels map {', '.join(PANELS)} to true or false")
    return dict(panels)


@dataclass
class Scene:
    """One step of a lecture: the app's state and what a lecturer says over it.

    `state` maps each of PARTS to that part's get_state(); `camera` is the 3-D view's
    {"distance", "elevation", "azimuth", "center"} or None (leave it framed by itself);
    `text_scale` None keeps whatever size the room uses; `ink` holds strokes with
    points as fractions (0–1) of the drawing area, so they survive a resize; `panels`
    ({"below": True}, …) shows or folds the scene's tab's panels, presenting or not: a
    scene about the Jacobian shows it though presentation folds it to give the map room.
    """
    title: str
    state: dict
    notes: str = ""
    steps: list = field(default_factory=list)
    text_scale: float | None = None
    camera: dict | None = None
    ink: list = field(default_factory=list)
    panels: dict = field(default_factory=dict)

    def to_data(self) -> dict:
        data = {"title": self.title, "notes": self.notes, "steps": copy.deepcopy(self.steps),
                "state": copy.deepcopy(self.state)}
        if self.text_scale is not None:
            data["text_scale"] = self.text_scale
        if self.camera is not None:
            data["camera"] = copy.deepcopy(self.camera)
        if self.ink:
            data["ink"] = copy.deepcopy(self.ink)
        if self.panels:
            data["panels"] = dict(self.panels)
        return data

    @classmethod
    def from_data(cls, data) -> "Scene":
        """Check a scene dict from a file (LectureError names the problem)."""
        if not isinstance(data, dict):
            raise LectureError("a scene must be a dictionary")
        state = data.get("state")
        if not isinstance(state, dict) or "explorer" not in state:
            raise LectureError(f"the scene {data.get('title', '?')!r} has no explorer settings")
        unknown = set(state) - set(PARTS)
        if unknown:
            raise LectureError(f"unknown part {sorted(unknown)[0]!r} in a scene")
        title, notes = data.get("title", ""), data.get("notes", "")
        if not isinstance(title, str) or not isinstance(notes, str):
            raise LectureError("a scene's title and notes must be text")
        steps = data.get("steps", [])
        if not isinstance(steps, list):
            raise LectureError("a scene's steps must be a list")
        scale = data.get("text_scale")
        if scale is not None and (isinstance(scale, bool) or not isinstance(scale, (int, float))
                                  or not 0.5 <= scale <= 4):
            raise LectureError("a scene's text scale must be a number from 0.5 to 4")
        camera = data.get("camera")
        if camera is not None and not (isinstance(camera, dict) and {"distance", "elevation",
                                                                     "azimuth"} <= set(camera)):
            raise LectureError("a scene's camera needs distance, elevation and azimuth")
        return cls(title=title, notes=notes, state=copy.deepcopy(state),
                   steps=[check_step(s) for s in copy.deepcopy(steps)],
                   text_scale=None if scale is None else float(scale),
                   camera=copy.deepcopy(camera), ink=_check_ink(copy.deepcopy(data.get("ink", []))),
                   panels=_check_panels(data.get("panels", {})))

    def copy(self) -> "Scene":
        return Scene.from_data(self.to_data())


def scenes_from_session(data: dict, fallback_title: str = "Scene 1") -> tuple[list[Scene], int]:
    """The scenes of a loaded session file and the index of the current one.

    A file without "scenes" becomes one scene of its own parts, titled `fallback_title`.
    """
    raw = data.get("scenes")
    if raw is None:
        state = {name: copy.deepcopy(data[name]) for name in PARTS if name in data}
        return [Scene(title=fallback_title, state=state)], 0
    if not isinstance(raw, list) or not raw:
        raise LectureError("the lecture's scenes must be a non-empty list")
    scenes = [Scene.from_data(s) for s in raw]
    index = data.get("scene", 0)
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(scenes):
        raise LectureError(f"the current scene must be a number from 0 to {len(scenes) - 1}")
    return scenes, index


def lecture_parts(scenes: list[Scene], index: int) -> dict:
    """The session parts a lecture adds: {"scenes": [...], "scene": index}."""
    return {"scenes": [s.to_data() for s in scenes], "scene": int(index)}


def title_from_path(path) -> str:
    name = Path(path).name
    for suffix in (".gradlab.json", ".json"):
        if name.endswith(suffix):
            return name[: -len(suffix)] or name
    return name
