"""Command line: start the app on a given set-up, or export pictures without a window.

    gradient-lab --expr "x^2+2y^2" --start 3,2 --methods gd,adam --lr 0.1 --export-png contour.png
"""
from __future__ import annotations

import argparse
import gc
import os
import sys

from gui.app.cli_checks import check_before_window, view_to_export
from gui.app.cli_options import (LR_MAX, LR_MIN, OPTION_TYPES, SCALE_MAX, OptionError,
                                 PlainParser, check_picture_size, fail, join_negative_numbers)

VIEWS = ("views", "contour", "surface", "curve", "loss", "table", "window")


def build_parser() -> argparse.ArgumentParser:
    p = PlainParser(
        prog="gradient-lab",
        description="Gradient Lab: derivatives, gradients and gradient descent made visible. "
                    "With an --export option nothing is shown: the file is written and the "
                    "program ends.")
    t = OPTION_TYPES
    p.add_argument("--expr", type=t["expr"], help='the function, e.g. "x^2 + 2y^2"')
    p.add_argument("--preset", type=t["preset"],
                   help="start from a gallery example (its name or formula)")
    p.add_argument("--start", type=t["start"], help="start point, one number per variable, e.g. 3,2 or 1,2,3")
    p.add_argument("--window", type=t["window"], help="view window xmin,xmax[,ymin,ymax,…], a pair per variable")
    p.add_argument("--methods", type=t["methods"], help="optimizers, e.g. gd,momentum,adam")
    p.add_argument("--lr", type=t["lr"], help=f"learning rate ({LR_MIN:g} to {LR_MAX:g})")
    p.add_argument("--runs", type=t["runs"], help='runs with their own settings, e.g. '
                   '"gd:lr=0.1, gd:lr=0.3, adam:lr=0.05,betas=0.8/0.99"')
    p.add_argument("--steps", type=t["steps"], help="maximum number of steps")
    p.add_argument("--session", type=t["session"], help="open a saved session file")
    p.add_argument("--scene", type=t["scene"], metavar="N",
                   help="with --session: start (or export) at scene N of the lecture (1 = first)")
    p.add_argument("--view", choices=VIEWS, default=None,
                   help="what --export-png/--export-svg/--export-gif draw: views = contour "
                        "map and surface side by side (default: contour, or curve for one "
                        "variable)")
    p.add_argument("--frame", type=t["frame"],
                   help="step to show in --export-png (default: the last)")
    p.add_argument("--scale", type=t["scale"], default=2.0,
                   help=f"picture scale, at most {SCALE_MAX:g} (default 2 for slides)")
    p.add_argument("--fps", type=t["fps"], default=10.0, help="frames per second of --export-gif")
    p.add_argument("--export-png", metavar="FILE", type=t["export_png"])
    p.add_argument("--export-svg", metavar="FILE", type=t["export_svg"],
                   help="the 2-D plots as vector graphics (a 3-D view is embedded as an image)")
    p.add_argument("--export-gif", metavar="FILE", type=t["export_gif"])
    p.add_argument("--export-csv", metavar="FILE", type=t["export_csv"],
                   help="every iterate of every path")
    p.add_argument("--no-caption", action="store_true",
                   help="pictures without the caption (step, f, the runs' legend)")
    p.add_argument("--no-restore", action="store_true", help="do not reopen the last session")
    return p


def _set_up(model, args, dimension: int | None = None) -> None:
    """Apply the command line's set-up to the explorer's view-model (checked first);
    `dimension` is --expr's when cli_checks parsed it already."""
    from gui.app.presets import find_preset
    from gui.plots.framing import default_window

    state = model.get_state()
    if args.preset:
        p = find_preset(args.preset)
        state.update(text=p["expr"], window=p["window"], start=p["start"],
                     preset=None if args.expr else p)       # its caption, as the gallery's
        state["descent"].update(methods=p["methods"], lr=p["lr"], max_steps=p["max_steps"],
                                runs=None)
    typed_1d = False
    if args.expr:
        if dimension is None:
            from engine.expression import parse
            dimension = parse(args.expr).dimension
        d = dimension
        # a 1-D f with no window, start or example given opens as a typed one does, framed
        # around its critical points once they are known: the default (-4, 4) put the
        # start at 2, a minimum of the seed's x⁴ − 4x³ + 4x² ("converged at step 0")
        typed_1d = d == 1 and not (args.window or args.start or args.preset)
    if args.expr and not args.preset:
        # an f of the command line's own is no example: `--expr "x^2 + 2y^2" --start …
        # --lr 0.6` said "No longer applies — you changed the start point …: Example 2",
        # an example the lecturer never chose (the session's last, or the default)
        state["preset"] = None
    if args.expr and not typed_1d:
        state["text"] = args.expr
        if len(state["window"]) != d:
            state["window"] = [list(w) for w in default_window(d)]   # any d
        if len(state["start"]) != d:
            state["start"] = [lo + 0.75 * (hi - lo) for lo, hi in state["window"]]
    if args.window:
        w = args.window
        state["window"] = [w[i:i + 2] for i in range(0, len(w), 2)]
    if args.start:
        state["start"] = args.start
    if args.methods:
        state["descent"]["methods"] = [m.strip() for m in args.methods.split(",") if m.strip()]
        state["descent"]["runs"] = None          # one run per method
    if args.runs:
        from gui.plots.runs import methods_of, parse_runs, to_json
        runs = parse_runs(args.runs)
        state["descent"].update(runs=to_json(runs), methods=list(methods_of(runs)))
    if args.lr is not None:
        state["descent"]["lr"] = args.lr
    if args.steps is not None:
        state["descent"]["max_steps"] = args.steps
    model.set_state(state)
    if typed_1d:
        model.set_text(args.expr)


def _export_view(window, args):
    """The view to draw, or OptionError when it cannot show this function."""
    name = view_to_export(window.model.dimension, args.view)
    widget = window.view_widget(name)
    if name == "surface" and getattr(widget, "gl", True) is None:
        raise OptionError("--view surface needs OpenGL, which this display does not provide")
    return name, widget


def _export(window, args) -> None:
    from gui.app.export import (export_csv, export_descent_gif, export_plots_png,
                                export_png, export_svg)
    from gui.app.slide_picture import PLOT_VIEWS, explorer_caption, plot_area

    model = window.model
    name, widget = _export_view(window, args)
    plots = name in PLOT_VIEWS
    area = plot_area(widget) if plots else widget.rect()
    check_picture_size(area.width(), area.height(), args.scale)

    def caption():
        return None if args.no_caption else explorer_caption(model)
    if args.export_csv:
        print(f"wrote {export_csv(model, args.export_csv)}")
    if args.export_gif:
        out = export_descent_gif(model, widget, args.export_gif, fps=args.fps,
                                 scale=args.scale,      # the PNG's size, as from the menu
                                 caption=not args.no_caption)
        print(f"wrote {out}")
    if args.export_png or args.export_svg:
        model.set_frame(model.last_frame if args.frame is None else args.frame)
    if args.export_png:
        out = (export_plots_png(widget, args.export_png, args.scale, caption()) if plots
               else export_png(widget, args.export_png, scale=args.scale))
        print(f"wrote {out}")
    if args.export_svg:
        print(f"wrote {export_svg(widget, args.export_svg, caption())}")


def _message(exc: Exception):
    # a KeyError's str() is its key quoted; find_preset's holds a sentence
    return exc.args[0] if isinstance(exc, KeyError) and exc.args else exc


def _end_process(code: int, scratch=None):
    """End the process at once, as pyqtgraph.exit() does: the exit handlers run
    (multiprocessing's removes its temporary folder, the fork server's socket), the
    streams are flushed, and the interpreter's teardown of a window of no more use (its
    Qt objects, every module: 0.8-1.7 s after the last file was written, on a busy
    2-core machine) is skipped. The helpers end with the process (gui.compute.lifeline),
    and every exported file is closed by then (the exports close theirs)."""
    import atexit
    if scratch is not None:
        scratch.remove()          # its destructor, which will not run, would do it
    qt_core = sys.modules.get("PySide6.QtCore")
    if qt_core is not None:
        # PySide's exit handler is that teardown of every Qt object (1.3-1.6 s measured
        # at a quit, on a busy machine): it would run with the others
        atexit.unregister(getattr(qt_core, "__moduleShutdown", None))
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv=None, end_process: bool = False) -> int:
    """Run the command line; returns the exit status. With `end_process` (main.py) an
    export, or a refusal once the window is built, ends the process itself
    (_end_process) instead of returning."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser().parse_args(join_negative_numbers(argv))
    exporting = any(v is not None for v in (args.export_png, args.export_svg, args.export_gif,
                                            args.export_csv))
    if exporting and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # no screen: draw off-screen

    from engine.errors import ExpressionError     # no sympy before the window shows

    from gui.app.session import SessionError

    # what the options alone show to be wrong is refused before any window is built
    try:
        checked = check_before_window(args, exporting)
    except (ExpressionError, SessionError, ValueError, KeyError) as exc:
        return fail(str(_message(exc)))

    from gui import load_qt
    load_qt()           # main.py puts Qt off until the command line is accepted
    from gui.app.application import build_window, make_application
    from gui.app.first_paint import run_after_first_paint

    app = make_application([sys.argv[0]])
    settings = scratch = None
    if exporting:     # pictures from the defaults, not from this user's theme and layout
        from PySide6.QtCore import QSettings, QTemporaryDir
        scratch = QTemporaryDir()
        settings = QSettings(scratch.filePath("export.ini"), QSettings.Format.IniFormat)
    set_up = any(v is not None for v in (args.expr, args.preset, args.start, args.window,
                                         args.methods, args.lr, args.steps, args.runs))
    # A plain start shows the window first and loads the formula after its first paint
    # (the parse imports sympy); a command line that sets things up is checked first, so
    # that a mistake ends the program with a message before any window shows.
    paint_first = not (exporting or set_up or args.session or args.scene is not None)
    model, window = build_window(restore_last=not (args.no_restore or exporting or args.session),
                                 settings=settings, paint_first=paint_first)

    def ended(code: int) -> int:
        return _end_process(code, scratch) if end_process else code
    try:
        if args.session:
            window.apply_session(checked.session, args.session)
        if args.scene is not None:          # with a session: check_before_window
            window.lecture_commands.lecture.go_to(args.scene - 1)
        if set_up:
            _set_up(model, args, checked.dimension)
    except (ExpressionError, SessionError, ValueError, KeyError) as exc:
        model.shutdown()
        return ended(fail(str(_message(exc))))
    if exporting:
        window.resize(1400, 860)
        window.show_for_export()
        if not model.wait_for_analysis(30000):
            print("gradient-lab: the analysis did not finish", file=sys.stderr)
            return ended(1)
        try:
            _export(window, args)
        except OptionError as exc:
            model.shutdown()
            return ended(fail(str(exc)))
        except OSError as exc:
            model.shutdown()
            return ended(fail(f"nothing was exported: {exc}"))
        model.shutdown()
        return ended(0)
    from gui.app.screen_fit import size_for_start
    size_for_start(window, restored=window.commands.restored_rect)
    # Everything built so far lives as long as the app: out of the cycle collector's
    # sight, a full collection (pyqtgraph's GC timer) takes ~0 ms instead of ~80 ms,
    # which would otherwise stall an animation frame now and then (or, before the
    # show, delay the first paint: the timer is due by then).
    gc.freeze()
    window.show()
    if paint_first:       # and what the load after the first paint built (sympy and more)
        run_after_first_paint(window, gc.freeze)
    code = app.exec()
    if not end_process:
        return code
    return _quit(app, code, ended)


def _quit(app, code: int, ended) -> int:
    """The end of an interactive run, at once: the helpers' fork server is killed even
    while it still imports sympy (the exit waited for that: up to 6 s after launch), and
    the teardown (~2 s on a busy machine) is skipped — unless this app holds the
    clipboard, which Qt hands to the clipboard manager only in its teardown (a picture
    copied just before quitting must stay pasteable)."""
    from gui.compute.symbolic_process import end_helpers
    end_helpers()
    if app.clipboard().ownsClipboard():
        return code
    return ended(code)
