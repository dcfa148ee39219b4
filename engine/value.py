"""A scalar that remembers how it was computed, so it can differentiate itself.

Reverse-mode automatic differentiation in the style of karpathy/micrograd. Every
operation returns a new `Value` whose `_prev` are its operands, whose `_op` names the
operation and whose `_backward` closure applies the local chain rule: it adds
(local derivative x out.grad) to each operand's `grad`. `backward()` runs those closures
from the output back to the inputs. The GUI draws a graph straight from
`_prev` / `_op` / `label`.
"""
import math

import numpy as np


class Value:
    """One node of a computational graph: a float `data` and its gradient `grad`.

    `grad` holds d(output)/d(this node) after `output.backward()`. Gradients accumulate
    (a node used twice receives both contributions), so build a fresh graph, or zero
    the grads, before calling `backward()` again.
    """

    def __init__(self, data, _prev=(), _op="", label=""):
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(_prev)  # a tuple, not a set: a drawing keeps operand order
        self._op = _op
        self.label = label
        self._backward = lambda: None

    def __repr__(self):
        name = f"{self.label}=" if self.label else ""
        return f"Value({name}{self.data:.6g}, grad={self.grad:.6g})"

    def _unary(self, data, op, local_derivative):
        out = Value(data, (self,), op)

        def _backward():
            self.grad += local_derivative * out.grad
        out._backward = _backward
        return out

    def __add__(self, other):
        other = _as_value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = _as_value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        if not isinstance(k, (int, float)):
            raise TypeError("Value ** k supports a number exponent k only")
        with np.errstate(all="ignore"):  # IEEE inf/nan, as for every other op, not an exception
            out, slope = np.power(self.data, k), k * np.power(self.data, k - 1)
        return self._unary(out, f"**{k:g}", float(slope))

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-_as_value(other))

    def __truediv__(self, other):
        return self * _as_value(other) ** -1

    __radd__ = __add__
    __rmul__ = __mul__

    def __rsub__(self, other):
        return _as_value(other) - self

    def __rtruediv__(self, other):
        return _as_value(other) / self

    def exp(self):
        try:
            e = math.exp(self.data)
        except OverflowError:  # follow numpy: overflow gives inf, never an exception
            e = math.inf
        return self._unary(e, "exp", e)

    def tanh(self):
        t = math.tanh(self.data)
        return self._unary(t, "tanh", 1.0 - t * t)

    def sigmoid(self):
        # Never exponentiate a large positive number: exp(-|x|) <= 1 cannot overflow.
        e = math.exp(-abs(self.data))
        s = 1.0 / (1.0 + e) if self.data >= 0 else e / (1.0 + e)
        return self._unary(s, "sigmoid", s * (1.0 - s))

    def relu(self):
        positive = self.data > 0
        return self._unary(self.data if positive else 0.0, "relu", 1.0 if positive else 0.0)

    def linear(self):
        """The identity activation, as its own node so a drawing shows where it acts."""
        return self._unary(self.data, "linear", 1.0)

    def backward(self):
        """Fill `grad` of every node this one depends on with d(self)/d(node)."""
        order, seen = [], set()

        def visit(v):
            if v not in seen:
                seen.add(v)
                for parent in v._prev:
                    visit(parent)
                order.append(v)
        visit(self)
        self.grad = 1.0
        for v in reversed(order):
            v._backward()


def _as_value(x):
    """Wrap a plain number as a constant node labelled with its value."""
    return x if isinstance(x, Value) else Value(x, label=f"{x:g}")
