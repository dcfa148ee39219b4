"""Optimizer-lab timings: many descents at once (descend_many) against a loop of
descend, a learning-rate sweep and a basin map. Prints numbers; run
`python benchmarks/optimizer_lab_bench.py`.

Goal (issue 12): 10,000 starts x 200 Adam steps on Himmelblau well under 0.5 s.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.machine import describe
from engine.expression import parse
from engine.optimizer_lab import basins, lr_sweep
from engine.optimizers import METHODS, descend, descend_many

sys.path.insert(0, str(Path(__file__).resolve().parent))
from engine_bench import best_of  # noqa: E402 - the one timing helper of the benchmarks

HIMMELBLAU = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"
# a rate per method that lands in Himmelblau's minima from most of [-6, 6]²
LR = {"gd": 0.01, "momentum": 0.002, "nesterov": 0.002, "adagrad": 0.5, "rmsprop": 0.01,
      "adam": 0.1, "newton": 1.0}


def timed(fn, repeat=3):
    return best_of(fn, repeat)


def main():
    print(describe() + "\n")
    f = parse(HIMMELBLAU).compile()
    starts = np.random.default_rng(0).uniform(-6, 6, (10_000, 2))

    best, median = timed(lambda: descend_many(f, starts, "adam", lr=0.1, steps=200))
    looped = 200
    t0 = time.perf_counter()
    for start in starts[:looped]:
        descend(f, start, "adam", lr=0.1, steps=200, tol=0)
    per_run = (time.perf_counter() - t0) / looped
    print("10,000 starts x 200 Adam steps on Himmelblau (goal: well under 0.5 s):")
    print(f"  descend_many          {best * 1e3:7.0f} ms  (median {median * 1e3:.0f} ms)")
    print(f"  loop of descend       {per_run * 10_000:7.1f} s   ({looped} runs timed, "
          f"{per_run * 1e3:.2f} ms each, extrapolated) -> {per_run * 10_000 / best:.0f}x\n")

    print("every method, 10,000 starts x 200 steps with descend_many:")
    for method in METHODS:
        best, _ = timed(lambda m=method: descend_many(f, starts, m, lr=LR[m], steps=200), 1)
        print(f"  {method:9} {best * 1e3:7.0f} ms")

    rates = np.geomspace(1e-4, 1.0, 40)
    for steps in (100, 500):
        t0 = time.perf_counter()
        for method in METHODS:
            lr_sweep(f, (0.0, 0.0), method, rates * (100 if method == "newton" else 1),
                     steps=steps, tol=1e-8)
        elapsed = time.perf_counter() - t0
        print(f"\nlearning-rate sweep, 40 rates x {steps} steps x 7 methods from (0, 0): "
              f"{elapsed * 1e3:.0f} ms")

    xs = np.linspace(-6, 6, 200)
    X, Y = np.meshgrid(xs, xs, indexing="ij")
    grid = np.stack([X.ravel(), Y.ravel()], axis=1)
    f.hessian(0.0, 0.0)  # compile H before timing: basins uses it at the ends
    print("\nbasin map, 200 x 200 starts x 200 steps on [-6, 6]²:")
    for method in ("gd", "adam", "rmsprop", "newton"):
        t0 = time.perf_counter()
        found = basins(f, grid, method, LR[method], steps=200)
        elapsed = time.perf_counter() - t0
        counts = {int(k): int(v) for k, v in zip(*np.unique(found.labels, return_counts=True))}
        print(f"  {method:8} {elapsed * 1e3:7.0f} ms  ({len(found.attractors)} attractors; "
              f"label: starts {counts})")


if __name__ == "__main__":
    main()
