"""What the explorer's helper processes run (see gui.compute.symbolic_process). No Qt here.

A job takes plain picklable data and yields plain picklable results, one at a time:
  "analyse"   (text, bounds) -> f's line typeset as typed, the formulas and critical points
              of engine.analysis.analyse, then the formulas typeset as
              gui.widgets.math_view shows them; the text is parsed
              here by the engine's own safe parser, never evaluated
  "points"    (text, bounds[, box]) -> the critical points alone (beside an "analyse"
              without them), then those in a wider box, numerically (a typed f's framing),
              then the direction f is proved unbounded below along, if any
  "typeset"   [latex, ...]   -> (latex, svg or None) per text, None where ziamath fails
`serve` runs one job kind in a loop for the life of the child.
"""
from __future__ import annotations

import os
import signal
import time

# The formulas go out with what could be typeset in this time; a big Hessian that
# needs seconds shows a placeholder meanwhile (gui.widgets.math_view), typeset by the renderer.
TYPESET_BUDGET_S = 1.0
NICENESS = 5          # added to the child's nice value


def analyse_text(payload):
    """(text, bounds[, with_points=True]) -> yields, as soon as each is known:
      ("f line", formula, {display latex: svg or None})   f's own line, as typed: the
                                                   formula panel shows it at once, the
                                                   derivatives following
      ("points", critical_points)                  engine.calculus, inside bounds (unless
                                                   with_points is False: see search_points,
                                                   and its "falling" after them)
      ("formulas", formulas, tidy=False)           the derivatives as differentiated
      ("formulas", formulas, tidy=True)            shorter forms (engine.analysis._tidy)
      ("typeset", {display latex: svg or None})    what could be typeset in TYPESET_BUDGET_S
    The parent may kill this job at any point (its budget): what came by then is shown.
    The text is parsed here with the engine's safe parser, never evaluated."""
    from engine.analysis import formulas
    from engine.expression import parse

    from gui.compute.typesetting import TYPESET_MAX_CHARS, display_tex, render_svg
    text, bounds, *rest = payload
    f = parse(text)
    (line,) = formulas(f, derivatives=False, typed=text)[:1]
    tex = display_tex(line, f.variables)
    try:
        svg = None if len(tex) > TYPESET_MAX_CHARS else render_svg(tex)
    except Exception:   # noqa: BLE001 - any ziamath failure: shown as text
        svg = None
    first = {tex: svg}
    yield "f line", line, first
    if not rest or rest[0]:
        yield from search_points((text, bounds), f)
    # f's line as typed (2(x + 1), which sympy multiplied out): the text is at hand here
    yield "formulas", formulas(f, tidy=False, typed=text), False
    result = formulas(f, typed=text)
    yield "formulas", result, True
    svgs, deadline = {}, time.perf_counter() + TYPESET_BUDGET_S
    for formula in result:
        tex = display_tex(formula, f.variables)
        if tex in first:                          # f's line: typeset already
            svgs[tex] = first[tex]
        elif len(tex) > TYPESET_MAX_CHARS:
            svgs[tex] = None                      # shown as text, as the renderer would
        elif time.perf_counter() < deadline:
            try:
                svgs[tex] = render_svg(tex)
            except Exception:   # noqa: BLE001 - any ziamath failure: shown as text
                svgs[tex] = None
    yield "typeset", svgs


def search_points(payload, f=None):
    """(text, bounds[, box]) -> yields ("points", critical_points) (engine.calculus,
    inside bounds), then, with a box, ("box points", (n, d) critical_points_numeric in
    it, frame) (gui.plots.typed_framing frames the window from them: to `frame`, a window
    or None, gui.compute.frame_rules) and, with a frame, ("frame points", frame,
    critical_points inside it); last ("falling", text, (d,) tuple or None): engine.unbounded
    falling_direction, f's "no minimum" for the Descent panel. A job of its own too:
    beside an "analyse" without points in another child, the search and the typesetting
    of the formulas take a core each."""
    from engine.calculus import critical_points, critical_points_numeric
    from engine.expression import parse

    from gui.compute.frame_rules import frame_for_points
    text, bounds, *box = payload
    f = f if f is not None else parse(text)
    # f, ∇f and H for the search; (f, ∇f) in one function is the views' (the app's own
    # process compiles it), never used here
    f.compile(value_gradient=False)
    bounds = tuple((float(lo), float(hi)) for lo, hi in bounds)
    yield "points", tuple(critical_points(f, bounds))
    if box and box[0] is not None:
        box = tuple(map(tuple, box[0]))
        in_box = critical_points_numeric(f, box)
        # the frame gui.plots.typed_framing will re-frame to (if the user's window allows),
        # worked out as it does, and searched at once: asked for it, the worker has them
        frame = frame_for_points(in_box, bounds, box)
        yield "box points", in_box, frame
        if frame is not None:
            yield "frame points", frame, tuple(critical_points(f, frame))
    # last: what the views wait for goes first ((x-1)^200's top-degree part took ~200 ms);
    # named by its text, as it depends on f alone and may come after the request settled
    from engine.unbounded import falling_direction
    direction = falling_direction(f)
    yield "falling", text, None if direction is None else tuple(map(float, direction))


def typeset_texts(payload):
    """[latex, ...] -> yields (latex, svg or None) for each, in order."""
    from gui.compute.typesetting import render_svg
    for tex in payload:
        try:
            svg = render_svg(tex)
        except Exception:   # noqa: BLE001 - any ziamath failure: shown as text
            svg = None
        yield tex, svg


JOBS = {"analyse": analyse_text, "points": search_points, "typeset": typeset_texts}


def serve(conn, job: str, latest) -> None:
    """The child's loop: receive (request_id, payload), send ("item", id, result) per
    result, then ("done", id, None) or ("error", id, message). `latest` (a shared
    integer) holds the parent's newest request id: a job whose id is no longer the
    newest stops at its next result. None or a closed pipe ends the loop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl+C is for the app, which stops us
    # Killed with the fork server (its parent), which ends with the app; the poll is for
    # systems without the signal (a child never outlives its server by more than 0.25 s).
    from gui.compute.lifeline import kill_with_parent, watch_parent
    kill_with_parent()
    watch_parent()
    try:
        # On a busy machine the app's own repaint goes first; on an idle core we run
        # at full speed all the same. (A child of the warmed fork server is niced already.)
        if os.nice(0) < NICENESS:
            os.nice(NICENESS - os.nice(0))
    except OSError:
        pass
    run = JOBS[job]
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        request_id, payload = message
        results, reply = run(payload), ("done", request_id, None)
        while True:
            try:
                result = next(results)
            except StopIteration:
                break
            except Exception as exc:   # noqa: BLE001 - reported to the parent, never fatal
                reply = ("error", request_id, f"{type(exc).__name__}: {exc}")
                break
            if not _send(conn, ("item", request_id, result)):
                return
            if latest.value != request_id:
                break
        if not _send(conn, reply):
            return


def _send(conn, message) -> bool:
    """False when the parent has gone (its end of the pipe is closed)."""
    try:
        conn.send(message)
        return True
    except (EOFError, OSError):
        return False
