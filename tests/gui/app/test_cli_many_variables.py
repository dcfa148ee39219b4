"""The command line with a function of three variables: --start takes one number per
variable, and the exports follow (a CSV with a column per variable, a picture of the slice)."""
import csv
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[3]


def test_start_with_three_coordinates_and_exports(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--expr", "(w_1-1)^2 + (w_2+2)^2 + b^2",
         "--start", "1,2,3", "--steps", "10", "--lr", "0.1", "--export-csv", "it.csv",
         "--export-png", "views.png", "--view", "views", "--scale", "1"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(open(tmp_path / "it.csv")))
    assert list(rows[0])[:5] == ["method", "k", "b", "w_1", "w_2"]
    assert [float(rows[0][v]) for v in ("b", "w_1", "w_2")] == [1.0, 2.0, 3.0]
    # one step of gradient descent from (1, 2, 3): ∇f = (2, 2, 10)
    assert [float(rows[1][v]) for v in ("b", "w_1", "w_2")] == pytest.approx([0.8, 1.8, 2.0])
    with Image.open(tmp_path / "views.png") as im:
        assert im.size[0] > 600
        colours = np.unique(np.asarray(im.convert("RGB")).reshape(-1, 3), axis=0)
        assert len(colours) > 200                      # a drawn map, not blank
