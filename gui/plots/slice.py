"""A function of three or more variables seen through two of them: the slice of its
graph through a point, the other variables held at that point's values.

The contour map and the surface draw a `SlicedExpression` exactly as they draw a
function of two variables; `project_path` and `project_critical_point` put what lives
in all d dimensions onto the slice's plane (the first two coordinates → the two shown).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from gui.widgets.variable_names import display_name
from gui.widgets.number_text import significant_text, true_minus


class SlicedExpression:
    """f(v₁, …, v_d) as a function of v_axes[0] and v_axes[1]; every other variable
    held at `point`'s value. Quacks like a two-variable engine Expression: call,
    gradient (the two shown components), value_and_gradient, hessian (2 × 2 block)."""

    dimension = 2

    def __init__(self, f, axes: tuple[int, int], point):
        self.full = f
        self.axes = tuple(int(a) for a in axes)
        # plain floats: the engine evaluates all-float arguments on its fast path
        self.point = tuple(float(v) for v in point)
        self.variables = tuple(f.variables[a] for a in self.axes)

    @property
    def held(self) -> tuple[tuple[str, float], ...]:
        """(name, value) of each variable not shown, in f's order."""
        return tuple((v, self.point[k]) for k, v in enumerate(self.full.variables)
                     if k not in self.axes)

    def _args(self, a, b) -> list:
        args = list(self.point)
        args[self.axes[0]], args[self.axes[1]] = a, b
        return args

    def __call__(self, a, b):
        return self.full(*self._args(a, b))

    def gradient(self, a, b) -> np.ndarray:
        return self.full.gradient(*self._args(a, b))[list(self.axes)]

    def value_and_gradient(self, a, b) -> tuple:
        value, grad = self.full.value_and_gradient(*self._args(a, b))
        return value, grad[list(self.axes)]

    def hessian(self, a, b) -> np.ndarray:
        ix = list(self.axes)
        return self.full.hessian(*self._args(a, b))[ix][:, ix]

    def compile(self, **_):
        return self

    def __str__(self) -> str:
        return f"{self.full} at {held_text(self.held)}"


def held_text(held, digits: int = 3) -> str:
    """ "b = 0.31, c = −1.2": the held variables and their values, as read on screen."""
    return ", ".join(f"{display_name(name)} = {format_held(value, digits)}"
                     for name, value in held)


def format_held(value: float, digits: int = 3) -> str:
    if not np.isfinite(value):
        return "undefined"
    text = significant_text(value, digits)
    mantissa, e, exponent = text.partition("e")
    if e:                                  # "1.23e+03" -> "1.23e3"
        text = f"{mantissa}e{int(exponent)}"
    return true_minus(text)


@dataclass(frozen=True, eq=False)
class ProjectedPath:
    """A descent path seen on the slice: points (n, 2) in the two shown variables and
    values (n,) of the slice there, so the path lies on the drawn surface. The point
    the slice goes through is on it exactly; the others are projected onto it."""
    points: np.ndarray
    values: np.ndarray
    status: str
    method: str
    stop_step: int


def project_path(path, sliced: SlicedExpression) -> ProjectedPath:
    points = np.asarray(path.points)[:, list(sliced.axes)]
    values = np.asarray(sliced(points[:, 0], points[:, 1]), dtype=float).reshape(-1)
    return ProjectedPath(points, values, path.status, path.method, path.stop_step)


def project_critical_point(point, axes):
    """A critical point drawn at its two shown coordinates (its kind is that of f in
    all its variables, which the label keeps)."""
    return replace(point, point=np.asarray(point.point)[list(axes)])


def slice_axes(variables, names) -> tuple[int, int]:
    """The indices of the two shown variables: `names` if both are variables of f and
    differ, else the first two."""
    if names and len(names) == 2 and names[0] != names[1] and all(n in variables for n in names):
        return variables.index(names[0]), variables.index(names[1])
    return 0, 1
