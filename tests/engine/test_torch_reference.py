"""engine.optimizers against numbers recorded from real torch.optim, step by step.

torch_reference/reference.json was written by torch_reference/make_reference.py (run
by hand with PyTorch installed; these tests never import torch): 16 settings of SGD,
momentum, Nesterov, Adagrad, RMSprop and Adam, with weight decay, on three functions,
20 steps each, with the parameters and the optimizer's state after every step.
"""

import json
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

from engine.expression import parse
from engine.optimizers import descend, descend_many

REFERENCE = json.loads((Path(__file__).parent / "torch_reference" / "reference.json")
                       .read_text())
CASES = REFERENCE["cases"]

# The engine follows torch's order of operations, but PyTorch may fuse a*b + c into one
# rounding and differentiates with autograd, so the last bits can differ (the largest
# gap seen was 2e-14, momentum with dampening on Rosenbrock).
RTOL = 1e-12


def _id(case):
    hyper = ",".join(f"{k}={v}" for k, v in case["hyper"].items())
    return f"{case['function']}-{case['method']}-{hyper or 'default'}"


def _close(actual, expected, rtol):
    # relative to the size of the whole column: a coordinate passing through 0 is fine
    expected = np.asarray(expected, dtype=float)
    scale = np.maximum(np.abs(expected).max(axis=0), 1e-300)
    assert_allclose(actual / scale, expected / scale, rtol=rtol, atol=rtol)


def _run(case):
    hyper = {k: tuple(v) if k == "betas" else v for k, v in case["hyper"].items()}
    return descend(parse(case["text"]), case["start"], case["method"], lr=case["lr"],
                   steps=REFERENCE["steps"], tol=0, **hyper), hyper


def test_reference_covers_every_first_order_method_and_function():
    assert {c["method"] for c in CASES} == {"gd", "momentum", "nesterov", "adagrad",
                                            "rmsprop", "adam"}
    assert {c["function"] for c in CASES} == {"bowl", "rosenbrock", "quartic"}
    assert len(CASES) == 48 and REFERENCE["steps"] == 20


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_path_and_state_equal_torch_optim_step_by_step(case):
    path, _ = _run(case)
    rtol = RTOL
    assert path.status == "max_steps"
    _close(path.points, case["params"], rtol)
    assert set(path.state) == set(case["state"])
    for name, rows in case["state"].items():
        assert path.state[name].shape == (21, len(case["start"]))
        _close(path.state[name], rows, rtol)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_descend_many_equals_torch_optim_too(case):
    _, hyper = _run(case)
    starts = np.array([case["start"], np.zeros(len(case["start"]))])
    points = descend_many(parse(case["text"]), starts, case["method"], lr=case["lr"],
                          steps=REFERENCE["steps"], **hyper)
    _close(points[:, 0], case["params"], RTOL)
