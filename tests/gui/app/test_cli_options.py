"""Command-line values are checked before use: a bad one gives one plain line on
stderr and exit status 2, never a traceback; negative numbers work as typed."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gui.app import cli_options
from gui.app.cli import build_parser
from gui.app.cli_options import join_negative_numbers
from gui.explorer.learning_rate_control import LR_MAX

ROOT = Path(__file__).resolve().parents[3]


def _parse_error(capsys, *argv):
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(join_negative_numbers(list(argv)))
    err = capsys.readouterr().err
    return stop.value.code, err


@pytest.mark.parametrize("argv", [
    ["--scale", "0"], ["--scale", "-2"], ["--scale", "nan"], ["--scale", "inf"],
    ["--scale", "100"], ["--fps", "0"], ["--fps", "-5"], ["--fps", "nan"],
    ["--lr", "inf"], ["--lr", "-1"], ["--lr", str(LR_MAX * 2)], ["--start", "nan,nan"],
    ["--start", ",".join(["1"] * 65)], ["--start", "1e300,0"], ["--window", "1,-1"], ["--window", "0,1,inf,2"],
    ["--steps", "0"], ["--steps", "1e12"], ["--steps", "10000000"], ["--frame", "-1"],
    ["--export-png", ""], ["--export-gif", "  "], ["--expr", ""], ["--export-csv", ""],
    ["--export-png", "/no/such/dir/x.png"], ["--export-png", "."], ["--export-svg", "/tmp"],
])
def test_each_bad_value_is_one_line_and_exit_2(capsys, argv):
    code, err = _parse_error(capsys, *argv)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gradient-lab: "), err
    assert argv[0] in lines[0] and "Traceback" not in err


def test_negative_numbers_as_typed():
    args = build_parser().parse_args(join_negative_numbers(
        ["--start", "-1,2", "--window", "-4,4,-3,3", "--lr", "0.1"]))
    assert args.start == [-1.0, 2.0]
    assert args.window == [-4.0, 4.0, -3.0, 3.0]
    # the value after an option that does not take numbers is left alone
    assert join_negative_numbers(["--expr", "-x^2"]) == ["--expr", "-x^2"]


def test_picture_size_is_bounded():
    cli_options.check_picture_size(1400, 860, 4)           # 19 megapixels: fine
    with pytest.raises(cli_options.OptionError, match="too large"):
        cli_options.check_picture_size(4000, 3000, 4)


def _cli(*args, cwd):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=180)


@pytest.mark.parametrize("argv", [
    ["--scale", "100", "--export-png", "x.png"],
    ["--export-png", ""],
    ["--start", "nan,nan", "--export-png", "x.png"],
    ["--fps", "0", "--export-gif", "x.gif"],
])
def test_the_program_refuses_without_a_traceback(tmp_path, argv):
    done = _cli(*argv, cwd=tmp_path)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []                  # nothing written


def test_a_surface_of_a_one_variable_function_is_refused(tmp_path):
    done = _cli("--preset", "Seed 1", "--view", "surface", "--export-png", "x.png", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "two variables" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.png").exists()


# A negative start as typed (--start -1,2) is drawn: checked by test_exports.py's
# test_command_line_exports_without_a_window in the same launch as the other exports.


NO_QT_CHECK = """
import sys
sys.path.insert(0, sys.argv[1])
import main
for argv in ([\"--help\"], [\"--lr\", \"99\"], [\"--session\", sys.argv[2], \"--scene\", \"40\"]):
    sys.argv[1:] = argv
    try:
        code = main.main()
    except SystemExit as stop:          # argparse: --help (0) and a bad value (2)
        code = stop.code
    print(argv[0], code, sorted(m for m in (\"PySide6\", \"pyqtgraph\", \"sympy\") if m in sys.modules))
"""


def test_help_and_refusals_import_no_qt(tmp_path):
    """--help, a value out of its bounds and a scene the lecture lacks answer with no Qt,
    pyqtgraph or sympy imported (main.py puts them off; ~0.5 s of CPU and ~2 s less on a
    busy machine); their exit codes as before."""
    from gui.app.lecture_commands import sample_lectures
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    done = subprocess.run([sys.executable, "-c", NO_QT_CHECK, str(ROOT), str(sample_lectures()[0])],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-3:] == ["--help 0 []", "--lr 2 []", "--session 2 []"], \
        done.stdout + done.stderr
    assert "no scene 40" in done.stderr and "--lr must be" in done.stderr
