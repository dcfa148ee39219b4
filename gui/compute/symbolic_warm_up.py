"""Imported by gui.compute.symbolic_process's fork server only: lowers its priority, then runs
each job of gui.compute.symbolic_jobs once, so that every child forked afterwards starts warm.

A fresh child's first analysis took ~0.3 s longer than the next one (sympy's lazy
imports and first-use set-up), and its first typeset equation ~0.35 s longer
(ziamath's font tables); forked from a warmed server, every child skips both.
"""
import os

from gui.compute.lifeline import watch_parent
from gui.compute.symbolic_jobs import NICENESS, analyse_text, typeset_texts

# The fork server ends soon after the app does, however the app ended (its children
# follow by their parent-death signal, see gui.compute.lifeline).
watch_parent()

try:
    # First of all: the server's start-up (~2 s of imports and warming) and every child
    # forked from it give way to the app, which is starting up or repainting meanwhile.
    os.nice(NICENESS)
except OSError:
    pass


def warm_up() -> None:
    try:
        _run_each_job()
    except Exception:   # noqa: BLE001 - a cold child is slower, a dead fork server useless
        pass


def _run_each_job() -> None:
    for _ in analyse_text(("x^2 + 3y^2 + sin(x)", ((-1.0, 1.0), (-1.0, 1.0)))):
        pass
    for _ in analyse_text(("x^3 - x", ((-2.0, 2.0),))):
        pass
    for _ in typeset_texts([r"\frac{\partial f}{\partial x} = 2 x + \sin{\left(x \right)}",
                            r"H = \left[\begin{matrix}2 & 0\\0 & 6\end{matrix}\right]"]):
        pass


warm_up()
