"""What the learning-rate sweep computes off the GUI thread (gui.plots.lr_sweep_view
shows it): the rates swept and the pieces, one method's sweep after another."""
from __future__ import annotations

import math

import numpy as np

from engine.optimizer_lab import is_quadratic, lr_sweep, quadratic_model

LRS = np.logspace(-4, 1, 61)      # 1e-4 … 10, 12 per decade


def sweep_pieces(f, start, plan, steps, keywords):
    """Generator of ({method: LrSweep}, critical η), one more method each time. plan:
    (method, hyper) pairs. The critical η is 2/λ_max of a quadratic f (nan for any
    other f), None in the first piece: it is worked out after the first curve, off the
    GUI thread (at request time it was in the way of showing the tab)."""
    done, critical = {}, None
    for method, hyper in plan:
        done[method] = lr_sweep(f, start, method, LRS, steps=steps, **keywords, **hyper)
        if critical is None and (len(done) > 1 or len(plan) == 1):  # first curve is out
            # only a quadratic gets the line: others skip compiling the Hessian (sympy,
            # 12–24 ms holding the GIL for Rosenbrock or Himmelblau)
            critical = quadratic_model(f, start).critical_lr if is_quadratic(f) \
                else math.nan
        yield dict(done), critical
