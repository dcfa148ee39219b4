"""A function of three or more variables seen through two: values, derivatives and
projected paths are the engine's at the held point."""
import numpy as np
from numpy.testing import assert_allclose

from engine.expression import parse
from engine.optimizers import descend
from gui.plots.slice import SlicedExpression, held_text, project_path, slice_axes

F = parse("(w_1-1)^2 + (w_2+2)^2 + b^2 + b w_1 w_2")      # variables b, w_1, w_2


def test_the_slice_is_f_with_the_others_held():
    s = SlicedExpression(F, (1, 2), (0.3, 5.0, 5.0))       # shows w₁, w₂; b held at 0.3
    assert s.variables == ("w_1", "w_2") and s.held == (("b", 0.3),)
    W1, W2 = np.meshgrid(np.linspace(-2, 2, 7), np.linspace(-1, 3, 5), indexing="ij")
    assert_allclose(s(W1, W2), F(0.3, W1, W2))
    assert s(1.5, -0.5) == F(0.3, 1.5, -0.5)
    assert_allclose(s.gradient(1.5, -0.5), F.gradient(0.3, 1.5, -0.5)[[1, 2]])
    value, grad = s.value_and_gradient(W1, W2)
    assert_allclose(grad, F.gradient(0.3, W1, W2)[[1, 2]])
    assert_allclose(s.hessian(1.5, -0.5), F.hessian(0.3, 1.5, -0.5)[np.ix_([1, 2], [1, 2])])
    assert held_text(s.held) == "b = 0.3"
    assert held_text((("theta", -0.25), ("w_10", 1234.5))) == "θ = −0.25, w₁₀ = 1.23e3"


def test_a_projected_path_lies_on_the_slice():
    path = descend(F, (1.5, 1.5, 1.5), "gd", lr=0.05, steps=20)
    anchor = path.points[7]
    s = SlicedExpression(F, (0, 2), anchor)
    p = project_path(path, s)
    assert_allclose(p.points, path.points[:, [0, 2]])
    assert_allclose(p.values, F(p.points[:, 0], anchor[1], p.points[:, 1]))
    assert p.values[7] == path.values[7]                   # the slice goes through it


def test_the_shown_variables():
    names = ("b", "w_1", "w_2")
    assert slice_axes(names, None) == (0, 1)
    assert slice_axes(names, ("w_2", "b")) == (2, 0)
    assert slice_axes(names, ("w_2", "w_2")) == (0, 1)      # one variable twice: the default
    assert slice_axes(names, ("x", "y")) == (0, 1)          # names of another function
