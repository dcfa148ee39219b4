"""Engine timings: parse+compile, grid evaluation vs hand-written numpy, vs naive sympy,
descent steps, and the explorer's whole analysis (formulas + critical points) of nasty
landscapes. Prints numbers; run `python benchmarks/engine_bench.py`."""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from engine.analysis import analyse  # noqa: E402
from engine.expression import parse  # noqa: E402
from benchmarks.machine import describe  # noqa: E402
from engine.optimizers import METHODS, descend  # noqa: E402

THIRTY_TERMS = " + ".join(
    [f"{k / 10:g} sin({k}x) cos({k % 3 + 1}y)" for k in range(1, 11)]
    + [f"{k}x^{k % 4 + 1} y^{k % 3}" for k in range(1, 11)]
    + [f"exp(-{k}(x-{k / 10:g})^2)" for k in range(1, 11)])


def _hand_poly(X, Y):
    f = X**4 - 4 * X**3 + 4 * X**2 + X * Y**2 - 3 * Y
    return f, (4 * X**3 - 12 * X**2 + 8 * X + Y**2, 2 * X * Y - 3)


def _hand_sincos(X, Y):
    s, c = np.sin(X), np.cos(Y)
    return s * c, (np.cos(X) * c, -s * np.sin(Y))


def _hand_rosenbrock(X, Y):
    d = Y - X**2
    return (1 - X)**2 + 100 * d**2, (-2 * (1 - X) - 400 * X * d, 200 * d)


def _hand_thirty(X, Y):
    f = 0.0
    gx = 0.0
    gy = 0.0
    for k in range(1, 11):
        m = k % 3 + 1
        f = f + k / 10 * np.sin(k * X) * np.cos(m * Y)
        gx = gx + k / 10 * k * np.cos(k * X) * np.cos(m * Y)
        gy = gy - k / 10 * m * np.sin(k * X) * np.sin(m * Y)
    for k in range(1, 11):
        p, q = k % 4 + 1, k % 3
        f = f + k * X**p * Y**q
        gx = gx + k * p * X**(p - 1) * Y**q
        gy = gy + (k * q * X**p * Y**(q - 1) if q else 0.0)
    for k in range(1, 11):
        e = np.exp(-k * (X - k / 10)**2)
        f = f + e
        gx = gx - 2 * k * (X - k / 10) * e
    return f, (gx, gy)


# analyse() runs in the GUI's worker for every new expression: goal ≤ ~1.5 s each.
ANALYSES = [
    ("tanh loss", "0.5*(tanh(2*w+b) - 0.7)^2", [(-3, 3), (-3, 3)]),
    ("tanh/relu", "tanh(sin(x)*cos(y))/(1+relu(x-y))", [(-3, 3), (-3, 3)]),
    ("wave", "sin(x*y)*exp(-x^2-y^2)", [(-3, 3), (-3, 3)]),
    ("Beale", "(1.5-x+x*y)^2+(2.25-x+x*y^2)^2+(2.625-x+x*y^3)^2", [(-4.5, 4.5), (-4.5, 4.5)]),
    ("abs+abs", "abs(x)+abs(y)", [(-3, 3), (-3, 3)]),
    ("sigmoid(xy)", "sigmoid(x*y)", [(-3, 3), (-3, 3)]),
    ("six-hump camel", "(4 - 2.1x^2 + x^4/3)x^2 + x y + (-4 + 4y^2)y^2", [(-3, 3), (-2, 2)]),
    ("quartic", "x^4 - 4x^3 + 4x^2", [(-1, 3)]),
]

CASES = [
    ("polynomial", "x^4 - 4x^3 + 4x^2 + x y^2 - 3y", _hand_poly),
    ("sin(x)cos(y)", "sin(x)cos(y)", _hand_sincos),
    ("Rosenbrock", "(1-x)^2 + 100(y-x^2)^2", _hand_rosenbrock),
    ("30 terms", THIRTY_TERMS, _hand_thirty),
]


def best_of(fn, repeat=7):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def main():
    print(describe() + "\n")
    xs = np.linspace(-2, 2, 400)
    X, Y = np.meshgrid(xs, np.linspace(-1, 3, 400), indexing="ij")
    Xs, Ys = np.meshgrid(np.linspace(-2, 2, 40), np.linspace(-1, 3, 40), indexing="ij")
    print(f"{'expression':14} {'parse+compile':>14} {'f+grad 400²':>12} {'hand numpy':>11} "
          f"{'ratio':>6} {'sympy 40² loop':>15} {'engine 40²':>11} {'saving':>8}")
    for name, text, hand in CASES:
        t_compile = best_of(lambda: parse(text).compile(), repeat=3)[1]
        f = parse(text).compile()
        t_engine = best_of(lambda: f.value_and_gradient(X, Y))[0]
        with np.errstate(all="ignore"):
            t_hand = best_of(lambda: hand(X, Y))[0]
        value, grad = f.value_and_gradient(X, Y)
        ref_value, ref_grad = hand(X, Y)
        assert np.allclose(value, ref_value) and np.allclose(grad, np.stack(np.broadcast_arrays(*ref_grad))), name
        sx, sy = f.symbols
        expr = f.expr
        exprs = [expr, *f.gradient_exprs]
        t0 = time.perf_counter()
        for x in Xs[:, 0]:
            for y in Ys[0]:
                [float(e.subs({sx: x, sy: y}).evalf()) for e in exprs]
        t_naive = time.perf_counter() - t0
        t_small = best_of(lambda: f.value_and_gradient(Xs, Ys))[0]
        print(f"{name:14} {t_compile * 1e3:11.1f} ms {t_engine * 1e3:9.2f} ms {t_hand * 1e3:8.2f} ms "
              f"{t_engine / t_hand:5.2f}x {t_naive:12.2f} s {t_small * 1e6:8.0f} µs "
              f"{t_naive / t_small:7.0f}x{'  over the 1.5x goal' if t_engine > 1.5 * t_hand else ''}")

    print("\n1,000 descent steps on Rosenbrock from (-1.5, 2) (tol 0, so all 1,000 run):")
    f = parse("(1-x)^2 + 100(y-x^2)^2").compile()
    for method in METHODS:
        lr = {"newton": 1.0, "adagrad": 0.05, "rmsprop": 0.001, "adam": 0.01}.get(method, 1e-4)
        t = best_of(lambda: descend(f, (-1.5, 2), method=method, lr=lr, steps=1000, tol=0), 3)[0]
        path = descend(f, (-1.5, 2), method=method, lr=lr, steps=1000, tol=0)
        print(f"  {method:9} {t * 1e3:7.1f} ms  ({len(path.points) - 1} steps, {path.status}, "
              f"end {np.round(path.points[-1], 4)})")

    print("\nanalyse (fresh parse each time: compile, formulas, critical points); goal ≤ 1.5 s:")
    for name, text, bounds in ANALYSES:
        times = []
        for _ in range(3):
            f = parse(text)                      # a fresh Expression: nothing cached
            t0 = time.perf_counter()
            result = analyse(f, bounds)
            times.append(time.perf_counter() - t0)
        kinds = [p.kind for p in result.critical_points]
        summary = ", ".join(f"{kinds.count(k)} {k}" for k in dict.fromkeys(kinds)) or "none"
        print(f"  {name:15} {statistics.median(times):6.2f} s  "
              f"(max {max(times):.2f} s; critical points: {summary})")


if __name__ == "__main__":
    main()
