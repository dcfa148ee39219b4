"""A fully connected network as a chain of functions, trained by backpropagation.

Layer l (1..L) computes z^l = W^l a^{l-1} + b^l and a^l = act(z^l), with a^0 = x.
The lists are 0-based: `weights[l - 1]` is W^l, shape (n_l, n_{l-1}), and
`biases[l - 1]` is b^l, shape (n_l,). A batch X has shape (n, n_0), one example per
row, so in code a layer is `A @ W.T + b`.

Cost: C = 1/(2n) sum over examples of ||y - a^L||^2. Backpropagation is the chain rule
with one Jacobian per layer:

    delta^L = (a^L - y) * act'(z^L) / n
    delta^l = (W^{l+1}.T delta^{l+1}) * act'(z^l)
    dC/dW^l = delta^l (a^{l-1}).T,   dC/db^l = sum over examples of delta^l
"""
import numpy as np

from engine.neuron import ACTIVATIONS, check_activation

NETWORK_ACTIVATIONS = ("sigmoid", "tanh", "relu", "none")

# act'(z) written in terms of a = act(z), which the forward pass already holds, so
# backpropagation need not evaluate tanh or exp again (they dominate a step's time).
_SLOPE_FROM_OUTPUT = {
    "sigmoid": lambda a: a * (1.0 - a),
    "tanh": lambda a: 1.0 - a * a,
    "relu": lambda a: (a > 0).astype(float),
    "none": lambda a: np.ones_like(a),
}


class Network:
    """Weights initialised from np.random.default_rng(seed); biases start at zero."""

    def __init__(self, sizes=(2, 3, 1), activation="sigmoid", seed=0, output_activation=None):
        sizes = [int(s) for s in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError("sizes needs at least two layers of at least one unit each")
        self.sizes = sizes
        self.activation = check_activation(activation, NETWORK_ACTIVATIONS)
        self.output_activation = (None if output_activation is None else
                                  check_activation(output_activation, NETWORK_ACTIVATIONS))
        self.seed = seed
        rng = np.random.default_rng(seed)
        # He scaling keeps relu units alive; Xavier (Glorot) keeps sigmoid and tanh
        # layers out of saturation. Either way the signal neither dies nor explodes.
        gain = 2.0 if activation == "relu" else 1.0
        self.weights = [rng.normal(0.0, np.sqrt(gain * 2.0 / (n_in + n_out)), (n_out, n_in))
                        for n_in, n_out in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.zeros(n_out) for n_out in sizes[1:]]

    @property
    def n_layers(self):
        """L, the number of weight layers."""
        return len(self.weights)

    def layer_activations(self):
        """The activation name of layers 1..L (the last is output_activation if set)."""
        last = self.output_activation or self.activation
        return [self.activation] * (self.n_layers - 1) + [last]

    def _pass(self, X):
        """Forward pass keeping z^1..z^L and a^0..a^L (each (n, n_l))."""
        a = np.atleast_2d(np.asarray(X, dtype=float))
        zs, acts = [], [a]
        # A too-large learning rate may drive weights to inf; then the numbers become
        # inf/nan (the lab shows divergence) rather than warnings.
        with np.errstate(over="ignore", invalid="ignore"):
            for W, b, name in zip(self.weights, self.biases, self.layer_activations()):
                z = a @ W.T + b
                a = ACTIVATIONS[name][0](z)
                zs.append(z)
                acts.append(a)
        return zs, acts

    def forward(self, X):
        """X (n, n_0) -> [a^0 = X, a^1, ..., a^L], a^l of shape (n, n_l)."""
        return self._pass(X)[1]

    def cost(self, X, Y):
        """C = 1/(2n) sum ||y - a^L||^2 for X (n, n_0) and Y (n, n_L)."""
        out = self.forward(X)[-1]
        diff = self._targets(Y, out.shape) - out
        with np.errstate(over="ignore", invalid="ignore"):
            return float(np.sum(diff ** 2) / (2 * len(diff)))

    @staticmethod
    def _targets(Y, shape):
        """Y as (n, n_L): one label per example may come as a flat (n,) when n_L = 1, one
        example's outputs as (n_L,). Broadcast as it came, a flat (n,) against (n, 1)
        gave an (n, n) difference: a wrong cost (0.257 for 0.1255), silently."""
        Y = np.asarray(Y, dtype=float)
        if Y.ndim == 1:
            Y = Y[:, None] if shape[1] == 1 and len(Y) == shape[0] else Y[None, :]
        if Y.shape != tuple(shape):
            raise ValueError(f"Y has shape {Y.shape}; the network's outputs for X have "
                             f"shape {tuple(shape)}")
        return Y

    def gradients(self, X, Y):
        """Backpropagation: (dW, db), lists shaped like weights and biases."""
        return self._backprop(X, Y)[1:]

    def _backprop(self, X, Y):
        """(C, dW, db) from one forward and one backward pass."""
        _, acts = self._pass(X)
        Y = self._targets(Y, acts[-1].shape)
        slopes = [_SLOPE_FROM_OUTPUT[name] for name in self.layer_activations()]
        dW, db = [None] * self.n_layers, [None] * self.n_layers
        with np.errstate(over="ignore", invalid="ignore"):
            cost = float(np.sum((Y - acts[-1]) ** 2) / (2 * len(Y)))
            delta = (acts[-1] - Y) * slopes[-1](acts[-1]) / len(Y)  # (n, n_L)
            for i in reversed(range(self.n_layers)):
                dW[i] = delta.T @ acts[i]
                db[i] = delta.sum(axis=0)
                if i > 0:
                    delta = (delta @ self.weights[i]) * slopes[i - 1](acts[i])
        return cost, dW, db

    def step(self, X, Y, lr):
        """One gradient-descent step on C over (X, Y); returns C before the step."""
        cost, dW, db = self._backprop(X, Y)
        with np.errstate(over="ignore", invalid="ignore"):
            for W, b, gW, gb in zip(self.weights, self.biases, dW, db):
                W -= lr * gW
                b -= lr * gb
        return cost

    def train(self, X, Y, lr, steps, batch_size=None, seed=0):
        """`steps` updates, each on one batch; returns C on all of (X, Y), shape (steps + 1,).

        batch_size None (or >= n) is full-batch gradient descent; otherwise each epoch
        shuffles the examples with np.random.default_rng(seed) and walks through them in
        mini-batches (batch_size=1 is stochastic gradient descent). history[k] is the
        cost before update k; history[-1] the cost after the last.
        """
        X = np.atleast_2d(np.asarray(X, dtype=float))
        Y = self._targets(Y, (len(X), self.sizes[-1]))
        n = len(X)
        rng = np.random.default_rng(seed)
        history = np.empty(steps + 1)
        order, pos = np.arange(n), n
        for k in range(steps):
            if batch_size is None or batch_size >= n:
                history[k] = self.step(X, Y, lr)
                continue
            if pos >= n:
                order, pos = rng.permutation(n), 0
            idx = order[pos:pos + batch_size]
            pos += batch_size
            history[k] = self.cost(X, Y)
            self.step(X[idx], Y[idx], lr)
        history[steps] = self.cost(X, Y)
        return history

    def layer_jacobian(self, x, l):
        """d a^l / d a^{l-1} = diag(act'(z^l)) W^l at one input x (n_0,); shape (n_l, n_{l-1})."""
        if not 1 <= l <= self.n_layers:
            raise ValueError(f"layer l must be in 1..{self.n_layers}")
        zs, _ = self._pass(x)
        slope = ACTIVATIONS[self.layer_activations()[l - 1]][1]
        return slope(zs[l - 1][0])[:, None] * self.weights[l - 1]

    def input_jacobian(self, x):
        """d a^L / d x = J^L ... J^2 J^1 (chain rule) at one input x (n_0,); shape (n_L, n_0)."""
        J = np.eye(self.sizes[0])
        for l in range(1, self.n_layers + 1):
            J = self.layer_jacobian(x, l) @ J
        return J

    def gradient_norms(self, X, Y):
        """Frobenius norm of dC/dW^l for l = 1..L; shape (L,)."""
        dW, _ = self.gradients(X, Y)
        return np.array([np.linalg.norm(g) for g in dW])

    def collapsed(self):
        """For a network without activations, the single affine map it equals.

        Returns (W, b), W = W^L ... W^1 of shape (n_L, n_0) and b of shape (n_L,), with
        forward(X)[-1] == X @ W.T + b. Raises ValueError if any layer has an activation.
        """
        if set(self.layer_activations()) != {"none"}:
            raise ValueError("only a network with activation 'none' collapses to one layer")
        W, b = np.eye(self.sizes[0]), np.zeros(self.sizes[0])
        for Wl, bl in zip(self.weights, self.biases):
            W, b = Wl @ W, Wl @ b + bl
        return W, b

    def predict_grid(self, xs, ys):
        """First output of a^L on np.meshgrid(xs, ys, indexing="ij"): Z[i, j] = f(xs[i], ys[j])."""
        if self.sizes[0] != 2:
            raise ValueError("predict_grid needs a network with 2 inputs")
        GX, GY = np.meshgrid(xs, ys, indexing="ij")
        out = self.forward(np.column_stack([GX.ravel(), GY.ravel()]))[-1][:, 0]
        return out.reshape(GX.shape)

    def copy(self):
        return Network.from_state(self.get_state())

    def get_state(self):
        """Plain lists, numbers and strings (JSON-ready) that set_state restores exactly."""
        return {"sizes": list(self.sizes), "activation": self.activation,
                "output_activation": self.output_activation, "seed": self.seed,
                "weights": [W.tolist() for W in self.weights],
                "biases": [b.tolist() for b in self.biases]}

    def set_state(self, state):
        """Replace architecture and parameters with those of a get_state() dict."""
        other = Network(state["sizes"], state["activation"], state.get("seed", 0),
                        state.get("output_activation"))
        weights = [np.array(W, dtype=float) for W in state["weights"]]
        biases = [np.array(b, dtype=float) for b in state["biases"]]
        if ([W.shape for W in weights] != [W.shape for W in other.weights]
                or [b.shape for b in biases] != [b.shape for b in other.biases]):
            raise ValueError("weights and biases do not match sizes")
        other.weights, other.biases = weights, biases
        self.__dict__.update(other.__dict__)

    @classmethod
    def from_state(cls, state):
        net = cls.__new__(cls)
        net.set_state(state)
        return net
