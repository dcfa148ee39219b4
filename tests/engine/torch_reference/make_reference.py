"""Record torch.optim's parameters and state, step by step, into reference.json.

Run by hand (PyTorch is not a dependency of the app; the tests read the JSON file and
never import torch):

    pip install torch==2.13.0
    python3 tests/engine/torch_reference/make_reference.py

Every case is one function, start, optimizer and setting, run for STEPS steps on a
float64 parameter whose gradient comes from torch.autograd. Row k of "params" is the
parameter after k steps (row 0 the start); row k of each "state" entry is
optimizer.state[p][name] after k steps. Row 0 is the state before any step: PyTorch
creates momentum_buffer, square_avg, exp_avg, … only at the first step, so row 0
holds what they start from (zeros; Adagrad's sum exists from the start).
"""

from __future__ import annotations

import json
import platform
import re
from pathlib import Path

import torch

STEPS = 20
OUT = Path(__file__).with_name("reference.json")

# name -> (engine text, start, torch function of the parameter vector)
FUNCTIONS = {
    "bowl": ("x^2 + 2y^2", [3.0, 2.0], lambda p: p[0] ** 2 + 2 * p[1] ** 2),
    "rosenbrock": ("(1 - x)^2 + 100(y - x^2)^2", [-1.0, 1.0],
                   lambda p: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2),
    "quartic": ("x^4 - 3x^2 + x", [2.0], lambda p: p[0] ** 4 - 3 * p[0] ** 2 + p[0]),
}

# family -> learning rate per function: each small enough that 20 steps stay finite
LRS = {
    "sgd": {"bowl": 0.1, "rosenbrock": 1e-3, "quartic": 0.01},
    "adagrad": {"bowl": 0.5, "rosenbrock": 0.1, "quartic": 0.3},
    "rmsprop": {"bowl": 0.05, "rosenbrock": 0.01, "quartic": 0.02},
    "adam": {"bowl": 0.1, "rosenbrock": 0.05, "quartic": 0.1},
}

# (engine method, torch class, family, keywords shared by torch and the engine)
SETTINGS = [
    ("gd", "SGD", "sgd", {}),
    ("gd", "SGD", "sgd", {"weight_decay": 0.1}),
    ("momentum", "SGD", "sgd", {"momentum": 0.9}),
    ("momentum", "SGD", "sgd", {"momentum": 0.8, "dampening": 0.3, "weight_decay": 0.05}),
    ("nesterov", "SGD", "sgd", {"momentum": 0.9}),
    ("nesterov", "SGD", "sgd", {"momentum": 0.5, "weight_decay": 0.1}),
    ("adagrad", "Adagrad", "adagrad", {}),
    ("adagrad", "Adagrad", "adagrad", {"lr_decay": 0.1, "initial_accumulator_value": 0.5,
                                       "weight_decay": 0.05}),
    ("rmsprop", "RMSprop", "rmsprop", {}),
    ("rmsprop", "RMSprop", "rmsprop", {"centered": True}),
    ("rmsprop", "RMSprop", "rmsprop", {"momentum": 0.5}),
    ("rmsprop", "RMSprop", "rmsprop", {"centered": True, "momentum": 0.5, "alpha": 0.9,
                                       "weight_decay": 0.05}),
    ("adam", "Adam", "adam", {}),
    ("adam", "Adam", "adam", {"betas": (0.8, 0.9), "amsgrad": True}),
    ("adam", "Adam", "adam", {"weight_decay": 0.1}),
    ("adam", "Adam", "adam", {"betas": (0.5, 0.99), "eps": 1e-3, "amsgrad": True,
                              "weight_decay": 0.05}),
]

STATE_NAMES = ("momentum_buffer", "sum", "square_avg", "grad_avg", "exp_avg",
               "exp_avg_sq", "max_exp_avg_sq")


def expected_names(method, keywords):
    """The state entries torch keeps for these settings (as ENGINE_API.md lists them)."""
    if method in ("momentum", "nesterov"):
        return ["momentum_buffer"]
    if method == "adagrad":
        return ["sum"]
    if method == "rmsprop":
        return (["square_avg"] + (["grad_avg"] if keywords.get("centered") else [])
                + (["momentum_buffer"] if keywords.get("momentum", 0) > 0 else []))
    if method == "adam":
        return ["exp_avg", "exp_avg_sq"] + (["max_exp_avg_sq"] if keywords.get("amsgrad")
                                            else [])
    return []


def run(function, method, cls, family, keywords):
    text, start, loss = FUNCTIONS[function]
    lr = LRS[family][function]
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    extra = {"nesterov": True} if method == "nesterov" else {}
    opt = getattr(torch.optim, cls)([p], lr=lr, **keywords, **extra)
    names = expected_names(method, keywords)
    params = [p.detach().tolist()]
    initial = {n: opt.state[p][n].tolist() if n in opt.state[p] else [0.0] * len(start)
               for n in names}
    state = {n: [initial[n]] for n in names}
    for _ in range(STEPS):
        opt.zero_grad()
        loss(p).backward()
        opt.step()
        params.append(p.detach().tolist())
        for n in names:
            state[n].append(opt.state[p][n].tolist())
    kept = {n for n in opt.state[p] if n in STATE_NAMES}
    assert kept == set(names), (method, keywords, kept, names)
    hyper = {k: list(v) if isinstance(v, tuple) else v for k, v in keywords.items()}
    return {"function": function, "text": text, "start": start, "method": method,
            "torch": f"torch.optim.{cls}(lr={lr}, {keywords}{', nesterov=True' if extra else ''})",
            "lr": lr, "hyper": hyper, "params": params, "state": state}


def main():
    cases = [run(fn, *setting) for fn in FUNCTIONS for setting in SETTINGS]
    text = json.dumps({
        "made_by": "tests/engine/torch_reference/make_reference.py",
        "torch": torch.__version__, "python": platform.python_version(),
        "machine": platform.machine(), "steps": STEPS, "cases": cases,
    }, indent=1)
    # one row of numbers per line: diffs of the file then read step by step
    text = re.sub(r"\[\s+([-0-9.e+, \n]+?)\s+\]",
                  lambda m: "[" + ", ".join(m.group(1).split(",")).replace("\n", "")
                  .replace(" ", "").replace(",", ", ") + "]", text)
    OUT.write_text(text + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
