"""The command line's refusals that the options alone decide, made before any window is
built: a window's build, show and analysis cost seconds, and the user waited through
them only to read that the lecture has no scene 40 or that a one-variable f has no
surface. Same messages as the checks after the build, which stay for what only the
built window knows (a session's formula once applied, whether OpenGL is there).

No Qt here, and no sympy unless the command line names a formula (--expr, --preset,
a session to export): a plain start must not import it before its first paint. Nor
are Qt and pyqtgraph imported for a refusal (main.py puts them off) unless --methods,
--runs, --start or --window need gui.plots' checks.
"""
from __future__ import annotations

from dataclasses import dataclass

from gui.app.cli_options import OptionError


@dataclass(frozen=True)
class CheckedOptions:
    """What the checks read, handed on so that nothing is read or parsed twice."""
    session: dict | None = None      # the --session file as loaded (load_session)
    dimension: int | None = None     # of the formula --expr (else --preset) names


def view_to_export(dimension: int, view: str | None) -> str:
    """The view an export draws (--view, or its default for `dimension` variables);
    OptionError when that view cannot show a function of `dimension` variables."""
    one_d = dimension == 1
    name = view or ("curve" if one_d else "contour")
    if one_d and name in ("contour", "surface"):
        raise OptionError(f"--view {name} needs a function of two variables, and this one "
                          "has one: nothing to draw (use --view curve)")
    if not one_d and name == "curve":
        raise OptionError("--view curve needs a function of one variable (use --view contour, "
                          "surface or views)")
    return name


def check_before_window(args, exporting: bool) -> CheckedOptions:
    """Raise what the window would raise later (ValueError, KeyError, ExpressionError,
    SessionError, LectureError, OptionError) for every mistake the options show alone."""
    if args.scene is not None and not args.session:
        raise ValueError("--scene needs --session (a lecture file)")
    session = None
    scene_state = None
    if args.session:
        from gui.app.lecture import check_scene_index, scenes_from_session
        from gui.app.session import load_session
        session = load_session(args.session)
        if args.scene is not None:
            scenes, _current = scenes_from_session(session)
            check_scene_index(args.scene - 1, len(scenes))
            scene_state = scenes[args.scene - 1].state
    if args.methods is not None:
        _check_methods(args.methods)
    if args.runs:
        from gui.plots.runs import parse_runs
        parse_runs(args.runs)
    text = args.expr
    if text is None and args.preset:
        from gui.app.presets import find_preset
        text = find_preset(args.preset)["expr"]
    if text is None:
        dimension = _exported_dimension(args, exporting, session, scene_state)
    else:
        from engine.expression import parse
        dimension = parse(text).dimension
        _check_sizes(args, text, dimension)
    if exporting and dimension is not None:
        view_to_export(dimension, args.view)
    return CheckedOptions(session=session, dimension=dimension if text is not None else None)


def _check_methods(methods: str) -> None:
    # check_state's own check, as when the window applies them
    from gui.plots.landscape_state import check_methods
    check_methods([m.strip() for m in methods.split(",") if m.strip()])


def _check_sizes(args, text: str, dimension: int) -> None:
    """--start and --window against the named formula's variables (check_state's words)."""
    if args.window is None and args.start is None:
        return          # nothing to check: and gui.plots (Qt, pyqtgraph) is not imported
    from gui.compute.bounds import checked_list
    from gui.plots.landscape_state import BOUNDS, check_range_count
    if args.window is not None:
        check_range_count(len(args.window) // 2, dimension, text)
    if args.start is not None:
        checked_list(BOUNDS["start"], args.start, dimension)


def _exported_dimension(args, exporting: bool, session, scene_state) -> int | None:
    """The dimension of what an export with no --expr or --preset draws, when --view
    asks for a view that depends on it; None when only the window can tell."""
    if not exporting or args.view not in ("contour", "surface", "curve"):
        return None
    if session is None:
        from gui.app.presets import default_preset   # an export starts from it, not restored
        text = default_preset()["expr"]
    else:
        explorer = (scene_state if scene_state is not None else session).get("explorer")
        text = explorer.get("text") if isinstance(explorer, dict) else None
    if not isinstance(text, str):
        return None
    from engine.errors import ExpressionError
    from engine.expression import parse
    try:
        return parse(text).dimension
    except ExpressionError:        # the window's own check of the session says it better
        return None
