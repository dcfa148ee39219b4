"""--session FILE --scene N starts (or exports) a lecture at scene N."""
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from gui.app.lecture_commands import sample_lectures

ROOT = Path(__file__).resolve().parents[3]


def _cli(*args, cwd):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["PYTHONPATH"] = str(ROOT)       # this tree's gui, not an installed one
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=240)


def _size_and_colours(path):
    with Image.open(path) as im:
        return im.size, len(np.unique(np.asarray(im.convert("RGB")).reshape(-1, 3), axis=0))


def test_scene_n_exports_that_scene(tmp_path):
    lecture = sample_lectures()[1]            # scene 4: GD vs Newton on the MSE bowl
    done = _cli("--session", str(lecture), "--scene", "4", "--export-png", "s4.png",
                "--export-csv", "s4.csv", "--scale", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    size, colours = _size_and_colours(tmp_path / "s4.png")
    assert size[0] > 400 and colours > 100
    methods = {line.split(",")[0] for line in (tmp_path / "s4.csv").read_text().splitlines()[1:]}
    assert methods == {"gd", "newton"}       # scene 4's runs, not scene 1's network


def test_a_scene_that_does_not_exist_is_refused_plainly(tmp_path):
    done = _cli("--session", str(sample_lectures()[0]), "--scene", "40",
                "--export-png", "x.png", cwd=tmp_path)
    assert done.returncode == 2
    assert "no scene 40" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.png").exists()
