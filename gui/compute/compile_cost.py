"""How long compiling an f's (f, ∇f) will take here: the analysis worker compiles a
small f at once on the GUI thread (gui.compute.analysis_worker.INLINE_COMPILE_MS) and
sketches a larger one first. No Qt here."""
from __future__ import annotations

import time

# this thread's CPU time: a compile's cost, steadier than the wall clock on a busy machine
cpu_clock = time.thread_time


class CompileCost:
    """Estimated CPU ms to compile an f's (f, ∇f): its gradient's estimated node count
    (Expression.symbolic_sizes) times the ms per node the last compiles took here."""

    START_MS_PER_NODE = 0.3     # lambdify(cse) of (f, ∇f) on a 2-core CI-class machine
    WEIGHT = 0.3                # of the newest compile in the running estimate

    def __init__(self):
        self.ms_per_node = self.START_MS_PER_NODE

    def estimate_ms(self, expr) -> float:
        return expr.symbolic_sizes[0] * self.ms_per_node

    def compile(self, expr) -> None:
        """Compile f, then (f, ∇f), timing the second (on this thread's CPU clock) for
        the estimate unless it was built before; a tiny f says little about the rate."""
        expr.compile(hessian=False, gradient=False, value_gradient=False)
        if "_value_grad" in vars(expr):         # (a cached_property: built before)
            return
        t0 = cpu_clock()
        expr.compile(hessian=False, gradient=False)
        nodes = expr.symbolic_sizes[0]
        if nodes >= 20 and not expr.numeric_gradient:
            ms = (cpu_clock() - t0) * 1e3
            self.ms_per_node += self.WEIGHT * (ms / nodes - self.ms_per_node)
