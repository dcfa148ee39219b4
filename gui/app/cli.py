"""Command line: start the app on a given set-up, or export pictures without a window.

    gradient-lab --expr "x^2+2y^2" --start 3,2 --methods gd,adam --lr 0.1 --export-png contour.png
"""
from __future__ import annotations

import argparse
import gc
import os
import sys

VIEWS = ("views", "contour", "surface", "curve", "loss", "table", "window")


def _floats(text: str) -> list[float]:
    try:
        return [float(v) for v in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers separated by commas, got {text!r}")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="gradient-lab",
        description="Gradient Lab: derivatives, gradients and gradient descent made visible. "
                    "With an --export option nothing is shown: the file is written and the "
                    "program ends.")
    p.add_argument("--expr", help='the function, e.g. "x^2 + 2y^2"')
    p.add_argument("--preset", help="start from a gallery example (its name or formula)")
    p.add_argument("--start", type=_floats, help="start point, one number per variable, e.g. 3,2 or 1,2,3")
    p.add_argument("--window", type=_floats, help="view window xmin,xmax[,ymin,ymax,...], a pair per variable")
    p.add_argument("--methods", help="optimizers, e.g. gd,momentum,adam")
    p.add_argument("--lr", type=float, help="learning rate")
    p.add_argument("--steps", type=int, help="maximum number of steps")
    p.add_argument("--session", help="open a saved session file")
    p.add_argument("--view", choices=VIEWS, default=None,
                   help="what --export-png/--export-gif draw: views = contour map and surface "
                        "side by side (default: contour, or curve for one variable)")
    p.add_argument("--frame", type=int, help="step to show in --export-png (default: the last)")
    p.add_argument("--scale", type=float, default=2.0, help="picture scale (default 2 for slides)")
    p.add_argument("--fps", type=float, default=10.0, help="frames per second of --export-gif")
    p.add_argument("--export-png", metavar="FILE")
    p.add_argument("--export-gif", metavar="FILE")
    p.add_argument("--export-csv", metavar="FILE", help="every iterate of every path")
    p.add_argument("--no-restore", action="store_true", help="do not reopen the last session")
    return p


def _set_up(model, args) -> None:
    """Apply the command line's set-up to the explorer's view-model (checked first)."""
    from engine.expression import parse

    from gui.app.presets import find_preset
    from gui.plots.framing import default_window

    state = model.get_state()
    if args.preset:
        p = find_preset(args.preset)
        state.update(text=p["expr"], window=p["window"], start=p["start"])
        state["descent"].update(methods=p["methods"], lr=p["lr"], max_steps=p["max_steps"])
    if args.expr:
        d = parse(args.expr).dimension
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
    if args.lr is not None:
        state["descent"]["lr"] = args.lr
    if args.steps is not None:
        state["descent"]["max_steps"] = args.steps
    model.set_state(state)


def _export(window, args) -> None:
    from gui.app.export import export_csv, export_descent_gif, export_png

    model = window.model
    view_name = args.view or ("curve" if model.dimension == 1 else "contour")
    widget = window.view_widget(view_name)
    if args.export_csv:
        print(f"wrote {export_csv(model, args.export_csv)}")
    if args.export_gif:
        print(f"wrote {export_descent_gif(model, widget, args.export_gif, fps=args.fps, scale=args.scale / 2)}")
    if args.export_png:
        model.set_frame(model.last_frame if args.frame is None else args.frame)
        print(f"wrote {export_png(widget, args.export_png, scale=args.scale)}")


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    exporting = any((args.export_png, args.export_gif, args.export_csv))
    if exporting and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # no screen: draw off-screen

    from engine.expression import ExpressionError

    from gui.app.application import build_window, make_application
    from gui.app.session import SessionError, load_session

    app = make_application([sys.argv[0]])
    settings = None
    if exporting:     # pictures from the defaults, not from this user's theme and layout
        from PySide6.QtCore import QSettings, QTemporaryDir
        scratch = QTemporaryDir()
        settings = QSettings(scratch.filePath("export.ini"), QSettings.Format.IniFormat)
    model, window = build_window(restore_last=not (args.no_restore or exporting or args.session),
                                 settings=settings)
    try:
        if args.session:
            window.apply_session(load_session(args.session), args.session)
        if any(v is not None for v in (args.expr, args.preset, args.start, args.window,
                                      args.methods, args.lr, args.steps)):
            _set_up(model, args)
    except (ExpressionError, SessionError, ValueError, KeyError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"gradient-lab: {message}", file=sys.stderr)
        model.shutdown()
        return 2
    if exporting:
        window.resize(1400, 860)
        window.show_for_export()
        if not model.wait_for_analysis(30000):
            print("gradient-lab: the analysis did not finish", file=sys.stderr)
            return 1
        _export(window, args)
        model.shutdown()
        return 0
    if window.settings.value("window/geometry") is None:
        screen = app.primaryScreen().availableGeometry()
        window.resize(min(1400, screen.width()), min(860, screen.height()))
    window.show()
    # Everything built so far lives as long as the app: out of the cycle collector's
    # sight, a full collection (pyqtgraph's GC timer) takes ~0 ms instead of ~80 ms,
    # which would otherwise stall an animation frame now and then.
    gc.freeze()
    return app.exec()
