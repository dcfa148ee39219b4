"""The update rules of torch.optim (SGD, Adagrad, RMSprop, Adam) and Newton's step.

One small class per algorithm. ``step(theta, g)`` takes the current point(s) and the
gradient the optimiser sees (noise, clipping and weight decay already applied), both of
shape (d,) for one run or (d, N) for N runs held as columns, and returns the next point(s); the
optimiser's state lives on the instance and ``state()`` hands it out under the names
torch.optim uses in its ``state`` dictionary. A rule never changes an array in place
(each step makes new ones), so what ``state()`` returned stays as it was. ``lr`` is a number, or an (N,) array for
one learning rate per run.

The exception is ``in_place = True`` (set by engine.run_ends and descend_many, which
keep no state rows): SGD, Adagrad, RMSprop and Adam then overwrite theta and their state arrays instead of making new
ones, with the same operations in the same order, so the numbers are the same bits;
a basin map steps 40,000 runs hundreds of times, and fresh arrays cost a fifth of it.

Each rule is written in the order of operations of torch's single-tensor code (lerp for
running means, sqrt(v)/sqrt(1 - β₂ᵗ) rather than sqrt(v/(1 - β₂ᵗ)), …) so that paths
agree with PyTorch's to the last few bits, not just algebraically.
"""

from __future__ import annotations

import numpy as np


def _lerp(a, b, weight):
    """torch.lerp(a, b, weight) on the CPU: the form it picks keeps rounding small."""
    if weight < 0.5:
        return a + weight * (b - a)
    return b - (b - a) * (1 - weight)


def _lerp_in_place(a, b, weight, work):
    """a ← _lerp(a, b, weight), overwriting a; `work` (a's shape) is scratch. The same
    operations in the same order as _lerp, so the same bits."""
    np.subtract(b, a, out=work)
    if weight < 0.5:
        work *= weight
        a += work
    else:
        work *= 1 - weight
        np.subtract(b, work, out=a)


class SGD:
    """torch.optim.SGD: plain (momentum 0), heavy-ball momentum, or Nesterov."""

    PER_RUN = ("buffer",)  # state with one column per run (see keep_runs)
    in_place = False

    def __init__(self, lr, shape, momentum=0.0, dampening=0.0, nesterov=False):
        self.lr, self.momentum, self.dampening = lr, momentum, dampening
        self.nesterov = nesterov
        self.buffer = None  # torch creates momentum_buffer at the first step
        self.shape = shape

    def state(self):
        if self.momentum == 0:
            return {}
        buffer = np.zeros(self.shape) if self.buffer is None else self.buffer
        return {"momentum_buffer": buffer}

    def step(self, theta, g):
        if self.in_place:
            return self._step_in_place(theta, g)
        if self.momentum != 0:
            if self.buffer is None:
                self.buffer = g.copy()  # b_1 = g_1: PyTorch's first buffer is not dampened
            else:
                self.buffer = self.momentum * self.buffer + (1 - self.dampening) * g
            g = g + self.momentum * self.buffer if self.nesterov else self.buffer
        return theta - self.lr * g

    def _step_in_place(self, theta, g):
        """step() overwriting theta and the buffer (the same operations, same order)."""
        if self.momentum != 0:
            if self.buffer is None:
                self.buffer = g.copy()
            else:
                self.buffer *= self.momentum
                self.buffer += (1 - self.dampening) * g
            if self.nesterov:
                look_ahead = self.momentum * self.buffer
                look_ahead += g                   # g + momentum * buffer
                g = look_ahead
            else:
                g = self.buffer
        theta -= self.lr * g
        return theta


class Adagrad:
    """torch.optim.Adagrad: steps shrink with each coordinate's summed squared gradient."""

    PER_RUN = ("sum",)
    in_place = False

    def __init__(self, lr, shape, lr_decay, initial_accumulator_value, eps):
        self.lr, self.lr_decay, self.eps = lr, lr_decay, eps
        self.sum = np.full(shape, initial_accumulator_value)
        self.t = 0

    def state(self):
        return {"sum": self.sum}

    def step(self, theta, g):
        self.t += 1
        clr = self.lr / (1 + (self.t - 1) * self.lr_decay)
        if self.in_place:
            work = g * g
            self.sum += work
            np.sqrt(self.sum, out=work)
            work += self.eps
            np.divide(g, work, out=work)
            work *= clr
            theta -= work
            return theta
        self.sum = self.sum + g * g
        return theta - clr * (g / (np.sqrt(self.sum) + self.eps))


class RMSprop:
    """torch.optim.RMSprop: divide by a running RMS of the gradient (maybe centred)."""

    PER_RUN = ("square_avg", "grad_avg", "buffer")
    in_place = False

    def __init__(self, lr, shape, alpha, eps, momentum, centered):
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.momentum, self.centered = momentum, centered
        self.square_avg = np.zeros(shape)
        self.grad_avg = np.zeros(shape)
        self.buffer = np.zeros(shape)

    def state(self):
        state = {"square_avg": self.square_avg}
        if self.centered:
            state["grad_avg"] = self.grad_avg
        if self.momentum > 0:
            state["momentum_buffer"] = self.buffer
        return state

    def step(self, theta, g):
        if self.in_place:
            return self._step_in_place(theta, g)
        a = self.alpha
        self.square_avg = a * self.square_avg + (1 - a) * (g * g)
        if self.centered:  # subtract the squared mean: a running variance
            self.grad_avg = _lerp(self.grad_avg, g, 1 - a)
            avg = np.sqrt(self.square_avg - self.grad_avg * self.grad_avg)
        else:
            avg = np.sqrt(self.square_avg)
        avg = avg + self.eps
        if self.momentum > 0:
            self.buffer = self.momentum * self.buffer + g / avg
            return theta - self.lr * self.buffer
        return theta - self.lr * (g / avg)

    def _step_in_place(self, theta, g):
        """step() overwriting theta and the averages (the same operations, same order)."""
        a = self.alpha
        square, work = self.square_avg, g * g
        square *= a
        work *= 1 - a
        square += work                        # a * square_avg + (1 - a) * (g * g)
        if self.centered:
            mean = self.grad_avg
            _lerp_in_place(mean, g, 1 - a, work)
            np.multiply(mean, mean, out=work)
            np.subtract(square, work, out=work)
            np.sqrt(work, out=work)
        else:
            np.sqrt(square, out=work)
        work += self.eps                      # avg
        np.divide(g, work, out=work)          # g / avg
        if self.momentum > 0:
            self.buffer *= self.momentum
            self.buffer += work
            np.multiply(self.buffer, self.lr, out=work)
        else:
            work *= self.lr
        theta -= work
        return theta


class Adam:
    """torch.optim.Adam: bias-corrected running mean over running RMS of the gradient."""

    PER_RUN = ("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
    in_place = False

    def __init__(self, lr, shape, betas, eps, amsgrad):
        self.lr, (self.beta1, self.beta2), self.eps = lr, betas, eps
        self.amsgrad = amsgrad
        self.exp_avg, self.exp_avg_sq = np.zeros(shape), np.zeros(shape)
        self.max_exp_avg_sq = np.zeros(shape)
        self.t = 0

    def state(self):
        state = {"exp_avg": self.exp_avg, "exp_avg_sq": self.exp_avg_sq}
        if self.amsgrad:
            state["max_exp_avg_sq"] = self.max_exp_avg_sq
        return state

    def step(self, theta, g):
        if self.in_place:
            return self._step_in_place(theta, g)
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        self.exp_avg = _lerp(self.exp_avg, g, 1 - b1)
        self.exp_avg_sq = b2 * self.exp_avg_sq + (1 - b2) * (g * g)
        step_size = self.lr / (1 - b1**self.t)
        correction2_sqrt = (1 - b2**self.t) ** 0.5
        if self.amsgrad:
            # As in torch: the maximum is of the uncorrected v_t, corrected after.
            self.max_exp_avg_sq = np.maximum(self.max_exp_avg_sq, self.exp_avg_sq)
            denom = np.sqrt(self.max_exp_avg_sq) / correction2_sqrt + self.eps
        else:
            denom = np.sqrt(self.exp_avg_sq) / correction2_sqrt + self.eps
        return theta - step_size * (self.exp_avg / denom)

    def _step_in_place(self, theta, g):
        """step() overwriting theta and the moments (the same operations, same order)."""
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        m, v = self.exp_avg, self.exp_avg_sq
        work = np.empty_like(m)
        _lerp_in_place(m, g, 1 - b1, work)
        v *= b2
        np.multiply(g, g, out=work)
        work *= 1 - b2
        v += work                             # b2 * v + (1 - b2) * (g * g)
        if self.amsgrad:
            np.maximum(self.max_exp_avg_sq, v, out=self.max_exp_avg_sq)
            v = self.max_exp_avg_sq
        np.sqrt(v, out=work)
        work /= (1 - b2**self.t) ** 0.5
        work += self.eps                      # denom
        np.divide(m, work, out=work)
        work *= self.lr / (1 - b1**self.t)    # step_size * (m / denom)
        theta -= work
        return theta


class Newton:
    """Newton's method: theta - lr * H^-1 g. It seeks any critical point, so it can land
    on saddles and maxima; a singular H uses the least-squares (pseudo-inverse) step.

    hessian(theta) returns (d, d) for theta (d,), and (N, d, d) for N runs held as
    columns, theta (d, N)."""

    PER_RUN = ()

    def __init__(self, lr, shape, hessian, weight_decay):
        self.lr, self.hessian = lr, hessian
        # weight decay adds (wd/2)|theta|^2 to f, hence wd*theta to g and wd*I to H
        self.decay = weight_decay * np.eye(shape[0])  # shape (d,) or (d, N)

    def state(self):
        return {}

    def step(self, theta, g):
        h = self.hessian(theta) + self.decay
        if theta.ndim == 1:
            return theta - self.lr * newton_direction(h, g)
        return theta - self.lr * newton_direction(h, g.T).T


def newton_direction(h, g):
    """H^-1 g for h (..., d, d) and g (..., d); nan where h or g is not finite, and the
    least-squares (minimum-norm) solution where h is singular."""
    h, g = np.asarray(h, dtype=float), np.asarray(g, dtype=float)
    out = np.full(g.shape, np.nan)
    good = np.isfinite(h).all(axis=(-2, -1)) & np.isfinite(g).all(axis=-1)
    if not good.any():
        return out
    h, g = np.where(good[..., None, None], h, 0.0), np.where(good[..., None], g, 0.0)
    if g.shape[-1] == 2:
        # Cramer's rule: numpy's stacked solve costs ~1 µs per 2x2 matrix, which a basin
        # map (40,000 starts x 200 steps) would feel
        a, b, c, d = h[..., 0, 0], h[..., 0, 1], h[..., 1, 0], h[..., 1, 1]
        det = a * d - b * c
        regular = good & (det != 0) & np.isfinite(det)
        with np.errstate(all="ignore"):
            x = np.stack([d * g[..., 0] - b * g[..., 1], a * g[..., 1] - c * g[..., 0]], -1)
            solved = x / det[..., None]
        regular &= np.isfinite(solved).all(axis=-1)
        out = np.where(regular[..., None], solved, out)
    else:
        # LAPACK's LU finds det == 0 exactly where solve() would fail on a zero pivot
        regular = good & (np.linalg.det(h) != 0)
        if regular.any():
            out[regular] = np.linalg.solve(h[regular], g[regular][..., None])[..., 0]
    singular = good & ~regular
    if singular.any():
        out[singular] = (np.linalg.pinv(h[singular]) @ g[singular][..., None])[..., 0]
    return out


def keep_runs(rule, columns) -> None:
    """Keep only some of the N runs a rule holds as columns (a boolean mask or indices
    into the N): the others are dropped from its state and its per-run lr, so runs that
    have stopped need not be stepped further. Each kept run steps on exactly as before."""
    if np.ndim(rule.lr):
        rule.lr = rule.lr[columns]
    for name in rule.PER_RUN:
        value = getattr(rule, name)
        if value is not None:
            setattr(rule, name, value[:, columns])


def make(method, lr, shape, settings, hessian=None, weight_decay=0.0):
    """The update rule for ``method`` (a key of engine.optimizers.HYPERPARAMETERS)."""
    if method in ("gd", "momentum", "nesterov"):
        return SGD(lr, shape, nesterov=method == "nesterov", **settings)
    if method == "adagrad":
        return Adagrad(lr, shape, **settings)
    if method == "rmsprop":
        return RMSprop(lr, shape, **settings)
    if method == "adam":
        return Adam(lr, shape, **settings)
    return Newton(lr, shape, hessian, weight_decay)
