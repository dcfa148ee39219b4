import json

import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st
from numpy.testing import assert_allclose

from engine.datasets import make_dataset
from engine.network import Network


def _data(sizes, seed, n=7):
    rng = np.random.default_rng(seed + 1)
    return rng.normal(size=(n, sizes[0])), rng.uniform(size=(n, sizes[-1]))


def _numeric_gradients(net, X, Y, h=1e-6):
    """Central differences of the cost in every weight and bias."""
    def partials(arrays):
        out = []
        for A in arrays:
            G = np.zeros_like(A)
            for idx in np.ndindex(A.shape):
                old = A[idx]
                A[idx] = old + h
                up = net.cost(X, Y)
                A[idx] = old - h
                down = net.cost(X, Y)
                A[idx] = old
                G[idx] = (up - down) / (2 * h)
            out.append(G)
        return out
    return partials(net.weights), partials(net.biases)


def test_shapes_and_seeded_initialisation():
    net = Network([2, 4, 3, 2], activation="tanh", seed=5)
    assert [W.shape for W in net.weights] == [(4, 2), (3, 4), (2, 3)]
    assert [b.shape for b in net.biases] == [(4,), (3,), (2,)]
    again = Network([2, 4, 3, 2], activation="tanh", seed=5)
    assert all(np.array_equal(a, b) for a, b in zip(net.weights, again.weights))
    other = Network([2, 4, 3, 2], activation="tanh", seed=6)
    assert not np.array_equal(net.weights[0], other.weights[0])
    acts = net.forward(np.ones((5, 2)))
    assert [a.shape for a in acts] == [(5, 2), (5, 4), (5, 3), (5, 2)]


def test_forward_is_the_chain_of_layers():
    net = Network([2, 3, 1], activation="sigmoid", seed=1, output_activation="none")
    net.biases = [np.array([0.1, -0.2, 0.3]), np.array([0.5])]
    X = np.array([[0.5, -1.0], [2.0, 0.25]])
    hidden = 1 / (1 + np.exp(-(X @ net.weights[0].T + net.biases[0])))
    acts = net.forward(X)
    assert_allclose(acts[0], X)
    assert_allclose(acts[1], hidden, rtol=1e-14)
    assert_allclose(acts[2], hidden @ net.weights[1].T + 0.5, rtol=1e-14)


def test_cost_matches_a_hand_written_loop():
    net = Network([3, 4, 2], activation="tanh", seed=2)
    X, Y = _data([3, 4, 2], seed=2, n=9)
    total = 0.0
    for x, y in zip(X, Y):
        a = x
        for W, b in zip(net.weights, net.biases):
            a = np.tanh(W @ a + b)
        total += sum((yi - ai) ** 2 for yi, ai in zip(y, a))
    assert_allclose(net.cost(X, Y), total / (2 * len(X)), rtol=1e-13)


CONFIGS = [
    ([2, 3, 1], "sigmoid", None),
    ([2, 4, 3, 2], "tanh", None),
    ([3, 5, 4, 2], "relu", None),
    ([2, 4, 1], "relu", "sigmoid"),
    ([2, 3, 2], "none", None),
]


@pytest.mark.parametrize("sizes, activation, output_activation", CONFIGS)
@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**31 - 1))
def test_backprop_matches_finite_differences(sizes, activation, output_activation, seed):
    net = Network(sizes, activation, seed=seed, output_activation=output_activation)
    for b in net.biases:  # nonzero biases, so they are tested too
        b += np.random.default_rng(seed).normal(0, 0.3, b.shape)
    X, Y = _data(sizes, seed)
    if activation == "relu":  # central differences are only valid away from the kink
        zs = [a @ W.T + b for a, W, b in zip(net.forward(X)[:-1], net.weights, net.biases)]
        assume(min(np.abs(z).min() for z in zs[:-1]) > 1e-4)
    dW, db = net.gradients(X, Y)
    nW, nb = _numeric_gradients(net, X, Y)
    assert [g.shape for g in dW] == [W.shape for W in net.weights]
    assert [g.shape for g in db] == [b.shape for b in net.biases]
    for got, want in zip(dW + db, nW + nb):
        assert_allclose(got, want, rtol=1e-5, atol=1e-8)


def test_step_returns_the_cost_before_and_moves_against_the_gradient():
    X, Y = make_dataset("moons", n=50, seed=3)
    net = Network([2, 5, 1], "tanh", seed=3)
    before = net.cost(X, Y)
    W0 = [W.copy() for W in net.weights]
    dW, _ = net.gradients(X, Y)
    assert net.step(X, Y, lr=0.1) == before
    assert_allclose(net.weights[0], W0[0] - 0.1 * dW[0], rtol=1e-14)
    assert net.cost(X, Y) < before


def test_xor_needs_a_hidden_layer_and_trains():
    X, Y = make_dataset("xor", n=200, noise=0.1, seed=0)
    net = Network([2, 4, 1], activation="tanh", seed=0)
    history = net.train(X, Y, lr=0.5, steps=2000)
    assert history.shape == (2001,)
    assert history[0] > 0.25  # measured 0.257
    assert history[-1] < 0.015  # measured 0.0121
    assert np.mean((net.forward(X)[-1] > 0.5) == Y) >= 0.98  # measured 0.995
    # Without a hidden layer the best affine fit is no better than answering 0.5
    # everywhere: C = 1/2 * mean((y - 0.5)^2) = 0.125.
    flat = Network([2, 1], activation="none", seed=0)
    assert_allclose(flat.train(X, Y, lr=0.5, steps=500)[-1], 0.125, atol=1e-3)


def test_linear_network_collapses_to_one_affine_map():
    net = Network([2, 5, 4, 3], activation="none", seed=4)
    for b in net.biases:
        b += 0.5
    X = np.random.default_rng(0).normal(size=(20, 2))
    W, b = net.collapsed()
    assert W.shape == (3, 2) and b.shape == (3,)
    assert_allclose(net.forward(X)[-1], X @ W.T + b, rtol=1e-12, atol=1e-14)
    assert_allclose(W, net.weights[2] @ net.weights[1] @ net.weights[0], rtol=1e-14)


@pytest.mark.parametrize("activation, affine", [("none", True), ("tanh", False)])
def test_decision_function_is_a_plane_only_without_activations(activation, affine):
    net = Network([2, 6, 6, 1], activation=activation, seed=1)
    for b in net.biases:
        b += 0.3
    xs, ys = np.linspace(-1.5, 1.5, 31), np.linspace(-1.5, 1.5, 21)
    Z = net.predict_grid(xs, ys)
    GX, GY = np.meshgrid(xs, ys, indexing="ij")
    A = np.column_stack([GX.ravel(), GY.ravel(), np.ones(GX.size)])
    coef = np.linalg.lstsq(A, Z.ravel(), rcond=None)[0]
    residual = np.abs(A @ coef - Z.ravel()).max()
    if affine:
        assert residual < 1e-12
    else:
        assert residual > 1e-2


def test_collapsed_refuses_a_network_with_activations():
    with pytest.raises(ValueError):
        Network([2, 3, 1], activation="relu").collapsed()
    with pytest.raises(ValueError):
        Network([2, 3, 1], activation="none", output_activation="sigmoid").collapsed()


def test_predict_grid_uses_ij_indexing():
    net = Network([2, 3, 2], activation="tanh", seed=7)
    xs, ys = np.array([-1.0, 0.0, 0.5, 2.0]), np.array([0.3, -0.7])
    Z = net.predict_grid(xs, ys)
    assert Z.shape == (4, 2)
    assert_allclose(Z[3, 1], net.forward([[2.0, -0.7]])[-1][0, 0], rtol=1e-14)
    assert_allclose(Z[0, 0], net.forward([[-1.0, 0.3]])[-1][0, 0], rtol=1e-14)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "none"])
def test_input_jacobian_is_the_product_of_layer_jacobians_and_matches_differences(activation):
    net = Network([3, 5, 4, 2], activation=activation, seed=8)
    x = np.array([0.3, -0.8, 1.1])
    J = [net.layer_jacobian(x, l) for l in (1, 2, 3)]
    assert [j.shape for j in J] == [(5, 3), (4, 5), (2, 4)]
    assert_allclose(net.input_jacobian(x), J[2] @ J[1] @ J[0], rtol=1e-14)
    h = 1e-6
    numeric = np.column_stack([
        (net.forward(x + h * e)[-1][0] - net.forward(x - h * e)[-1][0]) / (2 * h) for e in np.eye(3)])
    assert_allclose(net.input_jacobian(x), numeric, rtol=1e-6, atol=1e-10)
    first = np.column_stack([
        (net.forward(x + h * e)[1][0] - net.forward(x - h * e)[1][0]) / (2 * h) for e in np.eye(3)])
    assert_allclose(J[0], first, rtol=1e-6, atol=1e-10)
    with pytest.raises(ValueError):
        net.layer_jacobian(x, 0)


def test_full_batch_history_is_the_sequence_of_step_costs():
    X, Y = make_dataset("circles", n=40, seed=1)
    a, b = Network([2, 4, 1], "tanh", seed=2), Network([2, 4, 1], "tanh", seed=2)
    history = a.train(X, Y, lr=0.3, steps=5)
    assert_allclose(history[:5], [b.step(X, Y, 0.3) for _ in range(5)], rtol=1e-15)
    assert_allclose(history[5], b.cost(X, Y), rtol=1e-15)


def test_sgd_is_seeded_and_differs_from_full_batch():
    X, Y = make_dataset("moons", n=60, seed=2)

    def run(batch_size, seed):
        net = Network([2, 6, 1], "tanh", seed=0)
        return net.train(X, Y, lr=0.2, steps=120, batch_size=batch_size, seed=seed), net

    sgd, net1 = run(1, seed=11)
    again, net2 = run(1, seed=11)
    assert_allclose(sgd, again, rtol=0)
    assert all(np.array_equal(p, q) for p, q in zip(net1.weights, net2.weights))
    assert not np.allclose(sgd, run(1, seed=12)[0])
    full = run(None, seed=11)[0]
    assert sgd[0] == full[0] and not np.allclose(sgd[1:], full[1:])
    assert sgd[-1] < sgd[0]
    mini = run(16, seed=11)[0]
    assert mini.shape == (121,) and mini[-1] < mini[0]
    assert_allclose(run(60, seed=11)[0], full, rtol=0)  # a batch of everything is full batch


def test_deep_sigmoid_gradients_vanish_toward_the_input():
    X, Y = make_dataset("xor", n=200, seed=0)
    for seed in range(5):
        norms = Network([2, 8, 8, 8, 8, 1], "sigmoid", seed=seed).gradient_norms(X, Y)
        assert norms.shape == (5,)
        assert np.all(np.diff(norms) > 0)  # each layer back gets a smaller gradient
        assert norms[-1] > 50 * norms[0]  # measured 50x to 8000x over 200 seeds
    # tanh (slope 1 at 0, not 1/4) keeps them comparable.
    ratios = [(lambda g: g[-1] / g[0])(Network([2, 8, 8, 8, 8, 1], "tanh", seed=s).gradient_norms(X, Y))
              for s in range(5)]
    assert max(ratios) < 10  # measured 0.66 to 3.6


def test_copy_and_state_round_trip():
    net = Network([2, 3, 2], "relu", seed=3, output_activation="sigmoid")
    X = np.random.default_rng(1).normal(size=(6, 2))
    clone = net.copy()
    clone.weights[0] += 1.0
    assert not np.allclose(clone.forward(X)[-1], net.forward(X)[-1])
    state = json.loads(json.dumps(net.get_state()))
    restored = Network([5, 1])
    restored.set_state(state)
    assert restored.sizes == [2, 3, 2] and restored.output_activation == "sigmoid"
    assert_allclose(restored.forward(X)[-1], net.forward(X)[-1], rtol=0)
    assert_allclose(Network.from_state(state).forward(X)[-1], net.forward(X)[-1], rtol=0)
    state["weights"][0] = [[1.0, 2.0]]
    with pytest.raises(ValueError):
        restored.set_state(state)


def test_divergence_gives_non_finite_costs_not_warnings():
    X, Y = make_dataset("linear", n=30, seed=0)
    net = Network([2, 4, 1], "none", seed=0)
    history = net.train(X, Y, lr=100.0, steps=300)
    assert history[1] > 10 * history[0]
    assert not np.isfinite(history[-1])


def test_invalid_arguments_are_rejected():
    with pytest.raises(ValueError):
        Network([2, 3, 1], activation="linear")
    with pytest.raises(ValueError):
        Network([2])
    with pytest.raises(ValueError):
        Network([3, 1]).predict_grid([0.0], [0.0])


def test_flat_labels_of_a_one_output_network_are_one_per_example():
    """Y given as (n,) for a network with one output: the same cost, gradients and
    training as Y (n, 1) (broadcast as it came, it gave the cost 0.257 for 0.1255)."""
    net = Network(sizes=[2, 3, 1], activation="sigmoid", seed=0)
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0.0, 1.0, 1.0, 0.0])
    assert net.cost(X, y) == net.cost(X, y[:, None])
    for flat, column in zip(net.gradients(X, y), net.gradients(X, y[:, None])):
        for a, b in zip(flat, column):
            np.testing.assert_array_equal(a, b)
    again = net.copy()
    np.testing.assert_array_equal(net.train(X, y, lr=0.5, steps=3),
                                  again.train(X, y[:, None], lr=0.5, steps=3))
    with pytest.raises(ValueError, match="shape"):
        net.cost(X, y[:3])
