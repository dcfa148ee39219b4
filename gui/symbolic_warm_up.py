"""Imported by gui.symbolic_process's fork server only: runs each job of
gui.symbolic_jobs once, so that every child forked afterwards starts warm.

A fresh child's first analysis took ~0.3 s longer than the next one (sympy's lazy
imports and first-use set-up), and its first typeset equation ~0.35 s longer
(ziamath's font tables); forked from a warmed server, every child skips both.
"""
from .symbolic_jobs import analyse_text, typeset_texts


def warm_up() -> None:
    for _ in analyse_text(("x^2 + 3y^2 + sin(x)", ((-1.0, 1.0), (-1.0, 1.0)))):
        pass
    for _ in analyse_text(("x^3 - x", ((-2.0, 2.0),))):
        pass
    for _ in typeset_texts([r"\frac{\partial f}{\partial x} = 2 x + \sin{\left(x \right)}",
                            r"H = \left[\begin{matrix}2 & 0\\0 & 6\end{matrix}\right]"]):
        pass


warm_up()
