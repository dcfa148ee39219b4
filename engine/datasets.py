"""Small two-class toy data sets in the plane for the network lab.

Every set has exactly n // 2 examples of class 0 and the rest of class 1, in shuffled
order, with coordinates roughly in [-1.5, 1.5] (noise may push a few points outside).
The same (name, n, noise, seed) always gives the same arrays.
"""
import numpy as np

DATASETS = ("xor", "circles", "moons", "linear")


def make_dataset(name, n=200, noise=0.1, seed=0):
    """Return X (n, 2) and Y (n, 1) of floats 0.0 / 1.0.

    xor:     class 1 where x and y differ in sign (x*y < 0), before noise; points keep
             0.1 away from the axes so the quadrants are visible.
    circles: class 1 a disc of radius 0.5, class 0 a ring of radius 0.8 to 1.2.
    moons:   two interleaved half circles of radius 1 (class 0 above, 1 below).
    linear:  class 1 above the line through the origin at 30 degrees, a 0.1 margin away.
    noise:   standard deviation of Gaussian noise added to each coordinate.
    """
    if name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; choose one of {', '.join(DATASETS)}")
    if n < 2:
        raise ValueError("a data set needs n >= 2 examples")
    if noise < 0:
        raise ValueError("noise must be >= 0")
    rng = np.random.default_rng(seed)
    labels = np.repeat([0.0, 1.0], [n // 2, n - n // 2])
    rng.shuffle(labels)
    ones = labels == 1.0
    if name == "xor":
        magnitude = rng.uniform(0.1, 1.0, (n, 2))
        sx = rng.choice([-1.0, 1.0], n)
        sy = np.where(ones, -sx, sx)  # differing signs make class 1
        X = magnitude * np.column_stack([sx, sy])
    elif name == "circles":
        radius = np.where(ones, rng.uniform(0.0, 0.5, n), rng.uniform(0.8, 1.2, n))
        angle = rng.uniform(0.0, 2 * np.pi, n)
        X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    elif name == "moons":
        t = rng.uniform(0.0, np.pi, n)
        upper = np.column_stack([np.cos(t), np.sin(t)])
        lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
        # Centred so the pair spans x in [-1.5, 1.5], y in [-0.75, 0.75].
        X = np.where(ones[:, None], lower, upper) - [0.5, 0.25]
    else:
        along = rng.uniform(-1.0, 1.0, n)
        across = rng.uniform(0.1, 1.0, n) * np.where(ones, 1.0, -1.0)
        direction = np.array([np.cos(np.pi / 6), np.sin(np.pi / 6)])
        normal = np.array([-direction[1], direction[0]])
        X = along[:, None] * direction + across[:, None] * normal
    X = X + rng.normal(0.0, noise, X.shape)
    return X, labels[:, None]
