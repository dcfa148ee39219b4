import numpy as np
import pytest
from numpy.testing import assert_allclose

from engine.datasets import DATASETS, make_dataset
from engine.network import Network


def test_the_four_data_sets_are_listed():
    assert DATASETS == ("xor", "circles", "moons", "linear")


@pytest.mark.parametrize("name", DATASETS)
def test_shapes_labels_and_exact_balance(name):
    for n in (200, 51):
        X, Y = make_dataset(name, n=n)
        assert X.shape == (n, 2) and Y.shape == (n, 1)
        assert X.dtype == np.float64 and Y.dtype == np.float64
        assert set(np.unique(Y)) == {0.0, 1.0}
        assert (Y == 0).sum() == n // 2 and (Y == 1).sum() == n - n // 2


@pytest.mark.parametrize("name", DATASETS)
def test_deterministic_per_seed(name):
    X1, Y1 = make_dataset(name, n=100, noise=0.2, seed=4)
    X2, Y2 = make_dataset(name, n=100, noise=0.2, seed=4)
    assert np.array_equal(X1, X2) and np.array_equal(Y1, Y2)
    X3, _ = make_dataset(name, n=100, noise=0.2, seed=5)
    assert not np.allclose(X1, X3)


@pytest.mark.parametrize("name", DATASETS)
def test_coordinates_stay_in_the_plotting_window(name):
    X, _ = make_dataset(name, n=500, noise=0.0)
    assert np.abs(X).max() <= 1.5
    X, _ = make_dataset(name, n=500, noise=0.1)
    assert np.mean(np.abs(X) <= 1.5) > 0.95  # moons touch x = +-1.5, so noise pushes past
    assert np.abs(X).max() < 2.0


@pytest.mark.parametrize("name", DATASETS)
def test_classes_are_shuffled_not_sorted(name):
    _, Y = make_dataset(name, n=200)
    assert 0.3 < Y[:100].mean() < 0.7


def test_xor_labels_follow_the_sign_of_x_times_y():
    X, Y = make_dataset("xor", n=400, noise=0.0, seed=3)
    assert np.array_equal(Y[:, 0], (X[:, 0] * X[:, 1] < 0).astype(float))
    assert np.abs(X).min() >= 0.1  # kept off the axes
    X, Y = make_dataset("xor", n=400, noise=0.1, seed=3)
    agree = np.mean(Y[:, 0] == (X[:, 0] * X[:, 1] < 0))
    assert 0.9 < agree < 1.0  # noise moves a few points across an axis
    quadrants = {(sx, sy) for sx, sy in np.sign(X).astype(int)}
    assert quadrants == {(1, 1), (1, -1), (-1, 1), (-1, -1)}


def test_circles_are_a_disc_inside_a_ring():
    X, Y = make_dataset("circles", n=400, noise=0.0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r[Y[:, 0] == 1].max() <= 0.5
    assert r[Y[:, 0] == 0].min() >= 0.8 and r[Y[:, 0] == 0].max() <= 1.2


def test_moons_lie_on_two_unit_half_circles():
    X, Y = make_dataset("moons", n=300, noise=0.0)
    upper = X[Y[:, 0] == 0] + [0.5, 0.25]
    lower = X[Y[:, 0] == 1] + [0.5, 0.25] - [1.0, 0.5]
    assert_allclose(np.hypot(*upper.T), 1.0, rtol=1e-12)
    assert_allclose(np.hypot(*lower.T), 1.0, rtol=1e-12)
    assert upper[:, 1].min() >= 0 and lower[:, 1].max() <= 0


def test_linear_classes_are_separated_by_a_line_with_margin():
    X, Y = make_dataset("linear", n=300, noise=0.0)
    normal = np.array([-np.sin(np.pi / 6), np.cos(np.pi / 6)])
    side = X @ normal
    assert np.array_equal(Y[:, 0], (side > 0).astype(float))
    assert np.abs(side).min() >= 0.1


def test_a_single_sigmoid_neuron_separates_the_linear_set_but_not_xor():
    X, Y = make_dataset("linear", n=200, noise=0.05)
    net = Network([2, 1], "sigmoid", seed=0)
    net.train(X, Y, lr=2.0, steps=300)
    assert np.mean((net.forward(X)[-1] > 0.5) == Y) > 0.97
    X, Y = make_dataset("xor", n=200, noise=0.05)
    net = Network([2, 1], "sigmoid", seed=0)
    net.train(X, Y, lr=2.0, steps=300)
    assert np.mean((net.forward(X)[-1] > 0.5) == Y) < 0.7


def test_invalid_arguments_are_rejected():
    with pytest.raises(ValueError, match="spiral"):
        make_dataset("spiral")
    with pytest.raises(ValueError):
        make_dataset("xor", n=1)
    with pytest.raises(ValueError):
        make_dataset("xor", noise=-0.1)
