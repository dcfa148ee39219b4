"""What each command-line option accepts, in one place: its type, its bounds (the
same as the control that sets it in the window, where there is one) and how a bad
value is reported — one plain line and exit status 2, never a traceback.
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

# the controls' own limits, from where no Qt is imported (a refusal needs none)
from gui.compute.bounds import LR_MAX, LR_MIN, START_LIMIT, STEPS_MAX, STEPS_MIN

SCALE_MAX = 4.0            # --scale: 4× a 1400×860 window is already ~19 megapixels
MAX_PIXELS = 40_000_000    # a picture larger than this is refused (a 4-byte pixel: 160 MB)
FPS_MAX = 50.0             # GIF frame delays are in hundredths of a second: 50 fps is 2
WINDOW_LIMIT = 1e6         # |window bound|, as the start point's boxes

# "-1,2" after an option that takes numbers is a value, not an option (argparse
# would say "expected one argument")
_NUMBERS = re.compile(r"^-[\d.]")
NUMBER_OPTIONS = ("--start", "--window", "--lr", "--scale", "--fps", "--frame", "--steps")


class OptionError(ValueError):
    """A command-line value out of its bounds; the message is in the user's terms."""
MAX_VARIABLES = 64        # --start and --window: one number (a pair) per variable


def _finite(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what} must be a number, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{what} must be a finite number, got {text!r}")
    return value


def _ranged(lo: float, hi: float, what: str, lo_open: bool = False):
    def check(text: str) -> float:
        value = _finite(text, what)
        if value < lo or value > hi or (lo_open and value == lo):
            low = f"more than {lo:g}" if lo_open else f"at least {lo:g}"
            raise argparse.ArgumentTypeError(f"{what} must be {low} and at most {hi:g}, got {text}")
        return value
    return check


def _integer(lo: int, hi: int, what: str):
    def check(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} must be a whole number, got {text!r}") from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{what} must be between {lo} and {hi}, got {text}")
        return value
    return check


def _point_list(limit: float, what: str, counts: tuple):
    def check(text: str) -> list[float]:
        values = [_finite(v.strip(), what) for v in text.split(",")]
        if len(values) not in counts:
            many = (f"{counts[0]} to {counts[-1]}" if isinstance(counts, range)
                    else " or ".join(map(str, counts)))
            raise argparse.ArgumentTypeError(
                f"{what} needs {many} numbers separated by commas, got {text!r}")
        if any(abs(v) > limit for v in values):
            raise argparse.ArgumentTypeError(f"{what} must lie within ±{limit:g}, got {text}")
        return values
    return check


def _window(text: str) -> list[float]:
    values = _point_list(WINDOW_LIMIT, "--window", range(2, 2 * MAX_VARIABLES + 1, 2))(text)
    if any(not values[i] < values[i + 1] for i in range(0, len(values), 2)):
        raise argparse.ArgumentTypeError(f"--window needs each minimum below its maximum, got {text}")
    return values


def _text(what: str):
    def check(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(f"{what} must not be empty")
        return text
    return check


def _output_file(what: str):
    """A file to write: not empty, not a directory, in a directory that exists."""
    def check(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(f"{what} needs a file name, got an empty one")
        path = Path(text)
        if path.is_dir():
            raise argparse.ArgumentTypeError(f"{what}: {text} is a directory, not a file")
        if not path.parent.is_dir():
            raise argparse.ArgumentTypeError(f"{what}: the directory {path.parent} does not exist")
        return text
    return check


OPTION_TYPES = {
    "expr": _text("--expr"),
    "preset": _text("--preset"),
    "methods": _text("--methods"),
    "runs": _text("--runs"),
    "session": _text("--session"),
    "start": _point_list(START_LIMIT, "--start", range(1, MAX_VARIABLES + 1)),   # one per variable
    "window": _window,
    "lr": _ranged(LR_MIN, LR_MAX, "--lr"),
    "steps": _integer(STEPS_MIN, STEPS_MAX, "--steps"),
    "frame": _integer(0, STEPS_MAX, "--frame"),
    "scene": _integer(1, 10_000, "--scene"),
    "scale": _ranged(0.0, SCALE_MAX, "--scale", lo_open=True),
    "fps": _ranged(0.0, FPS_MAX, "--fps", lo_open=True),
    "export_png": _output_file("--export-png"),
    "export_svg": _output_file("--export-svg"),
    "export_gif": _output_file("--export-gif"),
    "export_csv": _output_file("--export-csv"),
}


class PlainParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit status 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: {message}\n")


def join_negative_numbers(argv: list[str]) -> list[str]:
    """["--start", "-1,2"] → ["--start=-1,2"], so negative numbers work as typed."""
    out, i = [], 0
    while i < len(argv):
        arg = argv[i]
        if arg in NUMBER_OPTIONS and i + 1 < len(argv) and _NUMBERS.match(argv[i + 1]):
            out.append(f"{arg}={argv[i + 1]}")
            i += 2
        else:
            out.append(arg)
            i += 1
    return out


def check_picture_size(width: int, height: int, scale: float) -> None:
    """Refuse a picture of more than MAX_PIXELS (a --scale too large for the window)."""
    pixels = round(width * scale) * round(height * scale)
    if pixels > MAX_PIXELS:
        raise OptionError(f"a picture of {round(width * scale)}×{round(height * scale)} pixels "
                          f"is too large (at most {MAX_PIXELS // 1_000_000} megapixels); "
                          "use a smaller --scale")


def fail(message: str) -> int:
    print(f"gradient-lab: {message}", file=sys.stderr)
    return 2
