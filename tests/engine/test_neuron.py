import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from engine.neuron import ACTIVATIONS, Neuron, NeuronStep, sigmoid
from engine.value import Value

ALL = ("sigmoid", "tanh", "relu", "linear")
# (x, w, b, target): z = w x + b is 1.1, -1.44, -0.54 and 0.25 - never near relu's kink.
CASES = [(2.0, 0.5, 0.1, 0.7), (-1.3, 0.8, -0.4, 0.2), (0.7, -1.2, 0.3, -0.5), (0.5, 0.3, 0.1, 1.0)]


def _loss(activation, x, w, b, target):
    """The loss written out independently of engine.neuron."""
    z = w * x + b
    out = {"sigmoid": 1 / (1 + math.exp(-z)), "tanh": math.tanh(z),
           "relu": max(z, 0.0), "linear": z}[activation]
    return 0.5 * (out - target) ** 2


# --- the seed's Example 3: x = 2, w = 0.5, b = 0.1, target 0.7, lr 0.1, sigmoid ---

def test_seed_example_matches_exact_arithmetic():
    s = Neuron(w=0.5, b=0.1, activation="sigmoid").train_step(x=2.0, target=0.7, lr=0.1)
    out = 1 / (1 + math.exp(-1.1))
    dout_dz = out * (1 - out)
    assert_allclose(s.z, 1.1, rtol=1e-15)
    assert_allclose(s.output, out, rtol=1e-15)
    assert_allclose(s.output, 0.7502601055951177, rtol=1e-15)
    assert_allclose(s.loss, 0.5 * (out - 0.7) ** 2, rtol=1e-13)
    assert_allclose(s.loss, 0.0012630391, rtol=1e-8)
    assert_allclose(s.dloss_doutput, 0.0502601056, rtol=1e-9)
    assert_allclose(s.doutput_dz, 0.1873698795, rtol=1e-9)
    assert (s.dz_dw, s.dz_db) == (2.0, 1.0)
    assert_allclose(s.dloss_dw, (out - 0.7) * dout_dz * 2, rtol=1e-13)
    assert_allclose(s.dloss_dw, 0.01883445986, rtol=1e-9)
    assert_allclose(s.dloss_db, 0.009417229931, rtol=1e-9)
    assert_allclose(s.w_new, 0.4981165540137, rtol=1e-12)
    assert_allclose(s.b_new, 0.09905827700686, rtol=1e-12)
    assert (s.x, s.w, s.b, s.target, s.lr, s.activation) == (2.0, 0.5, 0.1, 0.7, 0.1, "sigmoid")


def test_seed_printed_numbers_come_from_rounding_the_output_to_0_75():
    s = Neuron().train_step(2.0, 0.7, 0.1)
    assert round(s.output, 2) == 0.75
    out = 0.75  # what the seed carries forward
    dL_dw = (out - 0.7) * out * (1 - out) * 2
    dL_db = (out - 0.7) * out * (1 - out)
    assert_allclose([0.5 * (out - 0.7) ** 2, dL_dw, dL_db, 0.5 - 0.1 * dL_dw, 0.1 - 0.1 * dL_db],
                    [0.00125, 0.01875, 0.009375, 0.498125, 0.0990625], rtol=1e-12)
    # The rounding error of 2.6e-4 in the output grows to 0.5 % in the gradient.
    assert abs(s.dloss_dw - 0.01875) > 8e-5
    assert abs(s.w_new - 0.498125) > 8e-6


def test_step_is_frozen_and_neuron_keeps_the_update():
    n = Neuron()
    s = n.train_step(2.0, 0.7, 0.1)
    assert isinstance(s, NeuronStep)
    assert (n.w, n.b) == (s.w_new, s.b_new)
    with pytest.raises(AttributeError):
        s.loss = 0.0
    s2 = n.train_step(2.0, 0.7, 0.1)
    assert (s2.w, s2.b) == (s.w_new, s.b_new)


# --- every activation: chain rule, closed form, finite differences ---

@pytest.mark.parametrize("activation", ALL)
@pytest.mark.parametrize("x, w, b, target", CASES)
def test_gradients_match_central_finite_differences(activation, x, w, b, target):
    s = Neuron(w, b, activation).train_step(x, target, lr=0.1)
    h = 1e-6
    dw = (_loss(activation, x, w + h, b, target) - _loss(activation, x, w - h, b, target)) / (2 * h)
    db = (_loss(activation, x, w, b + h, target) - _loss(activation, x, w, b - h, target)) / (2 * h)
    assert_allclose([s.dloss_dw, s.dloss_db], [dw, db], rtol=1e-6, atol=1e-10)
    assert_allclose(s.loss, _loss(activation, x, w, b, target), rtol=1e-14)
    assert_allclose([s.w_new, s.b_new], [w - 0.1 * s.dloss_dw, b - 0.1 * s.dloss_db], rtol=1e-15)


@pytest.mark.parametrize("activation", ALL)
@pytest.mark.parametrize("x, w, b, target", CASES)
def test_graph_gradients_equal_closed_form_chain_rule(activation, x, w, b, target):
    s = Neuron(w, b, activation).train_step(x, target, lr=0.1)
    z = w * x + b
    closed_form = {"sigmoid": math.exp(-z) / (1 + math.exp(-z)) ** 2,
                   "tanh": 1 / math.cosh(z) ** 2,
                   "relu": 1.0 if z > 0 else 0.0,
                   "linear": 1.0}[activation]
    assert_allclose(s.doutput_dz, closed_form, rtol=1e-12)
    assert_allclose(s.dloss_doutput, s.output - target, rtol=1e-15)
    assert_allclose(s.dz_dw, x)
    assert_allclose(s.dloss_dw, s.dloss_doutput * s.doutput_dz * s.dz_dw, rtol=1e-14, atol=1e-300)
    assert_allclose(s.dloss_db, s.dloss_doutput * s.doutput_dz * s.dz_db, rtol=1e-14, atol=1e-300)


def test_relu_with_negative_z_learns_nothing():
    s = Neuron(w=-1.0, b=0.0, activation="relu").train_step(x=2.0, target=0.5, lr=0.1)
    assert (s.output, s.doutput_dz, s.dloss_dw, s.dloss_db) == (0.0, 0.0, 0.0, 0.0)
    assert (s.w_new, s.b_new) == (-1.0, 0.0)


def test_graph_nodes_are_labelled_and_connected():
    g = Neuron().graph(2.0, 0.7)
    assert [g[k].label for k in g] == ["x", "w", "b", "z", "output", "target", "loss"]

    def ancestors(v):
        found = {v}
        for p in v._prev:
            found |= ancestors(p)
        return found
    reach = ancestors(g["loss"])
    assert all(g[k] in reach for k in g)
    assert g["output"]._op == "sigmoid" and g["output"]._prev == (g["z"],)
    assert g["z"]._op == "+" and g["b"] in g["z"]._prev
    dL_dz = g["output"].grad * g["output"].data * (1 - g["output"].data)
    assert_allclose(g["z"].grad, dL_dz, rtol=1e-14)
    assert_allclose(g["x"].grad, dL_dz * 0.5, rtol=1e-14)  # dz/dx = w
    assert_allclose(g["target"].grad, -g["output"].grad, rtol=1e-15)


def test_forward_and_loss_surface_are_vectorised():
    n = Neuron(0.5, 0.1, "tanh")
    xs = np.array([-1.0, 0.0, 2.0])
    assert_allclose(n.forward(xs), np.tanh(0.5 * xs + 0.1), rtol=1e-15)
    assert isinstance(n.forward(2.0), float)
    ws, bs = np.linspace(-2, 2, 5), np.linspace(-1, 1, 3)
    W, B = np.meshgrid(ws, bs, indexing="ij")
    L = n.loss_surface(2.0, 0.7, W, B)
    assert L.shape == (5, 3)
    assert_allclose(L[4, 0], _loss("tanh", 2.0, 2.0, -1.0, 0.7), rtol=1e-14)
    assert_allclose(L[1, 2], Neuron(ws[1], bs[2], "tanh").train_step(2.0, 0.7, 0.1).loss, rtol=1e-14)


def test_linear_neuron_loss_surface_is_zero_along_the_line_w_x_plus_b_equals_target():
    ws = np.linspace(-1, 1, 7)
    L = Neuron(activation="linear").loss_surface(2.0, 0.7, ws, 0.7 - 2.0 * ws)
    assert_allclose(L, 0.0, atol=1e-30)


@pytest.mark.parametrize("activation", ALL)
def test_training_drives_the_loss_down(activation):
    n = Neuron(0.5, 0.1, activation)
    steps = n.train(x=2.0, target=0.7, lr=0.1, steps=200)
    assert len(steps) == 200
    assert all(a.w_new == b.w and a.b_new == b.b for a, b in zip(steps, steps[1:]))
    losses = np.array([s.loss for s in steps])
    assert np.all(np.diff(losses) <= 0)
    assert losses[-1] < 1e-3 * losses[0]
    assert_allclose(n.forward(2.0), 0.7, atol=2e-3)


def test_sigmoid_is_stable_for_large_arguments():
    z = np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])
    s = sigmoid(z)
    assert_allclose(s, [0.0, math.exp(-40) / (1 + math.exp(-40)), 0.5, 1 / (1 + math.exp(-40)), 1.0],
                    rtol=1e-15, atol=0)
    assert_allclose(ACTIVATIONS["sigmoid"][1](z)[[0, 4]], 0.0)
    big = Neuron(w=1.0, b=0.0).train_step(x=800.0, target=0.0, lr=0.1)
    assert big.output == 1.0 and big.doutput_dz == 0.0


def test_unknown_activation_is_rejected():
    with pytest.raises(ValueError, match="softplus"):
        Neuron(activation="softplus")


# --- the Value core the neuron rests on ---

def test_value_gradients_of_every_operation_match_finite_differences():
    def f(a, b, scalar):
        y = (a * b + 3 - a / b) ** 2 / 4 + (2 / a).exp() * (-b).tanh() - (1 - a).sigmoid()
        y = y + (a - 1.5).relu() * 2 + b.linear()
        return y if scalar is None else y.data
    a, b = Value(0.8), Value(-1.7)
    out = f(a, b, None)
    out.backward()
    h = 1e-6
    da = (f(Value(0.8 + h), Value(-1.7), 0) - f(Value(0.8 - h), Value(-1.7), 0)) / (2 * h)
    db = (f(Value(0.8), Value(-1.7 + h), 0) - f(Value(0.8), Value(-1.7 - h), 0)) / (2 * h)
    assert_allclose([a.grad, b.grad], [da, db], rtol=1e-7)
    a2, b2 = 0.8, -1.7
    expected = ((a2 * b2 + 3 - a2 / b2) ** 2 / 4 + math.exp(2 / a2) * math.tanh(-b2)
                - 1 / (1 + math.exp(-(1 - a2))) + b2)
    assert_allclose(out.data, expected, rtol=1e-14)


def test_value_accumulates_gradient_of_a_reused_node():
    x = Value(3.0)
    y = x * x + x  # d/dx = 2x + 1
    y.backward()
    assert x.grad == 7.0


def test_value_overflow_gives_inf_not_an_exception():
    assert Value(1000.0).exp().data == math.inf
    assert (Value(1e200) ** 2).data == math.inf
    assert Value(-1000.0).sigmoid().data == 0.0 and Value(1000.0).sigmoid().data == 1.0
