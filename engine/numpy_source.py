"""f, ∇f and H of a formula as one numpy function each, without sympy's diff or lambdify.

    code = numpy_functions(expr, symbols)        # None: a node not read here (then lambdify)
    code.f(3.0, 2.0); code.value_grad(xs, ys) -> [f, ∂f/∂x, ∂f/∂y]; code.hess(...) -> 4 entries

sympy's diff, factor_terms and lambdify took 8-15 ms for an edit's (f, ∇f): the numeric
views of a new f waited for them. Here the parsed tree (the same sympy tree lambdify
prints, so f is computed by the same operations) is copied into a small graph of our own
whose nodes are shared by value (hash-consed: a sub-expression met twice is one node,
computed once, as lambdify's cse=True does), differentiated on that graph with the rules
sympy's derivatives follow (engine.jets says the same rules as closures), and printed as
the body of one Python function; about a millisecond for an edit's formula.

What is printed is our own: names t0, t1, … and a0, a1, … (the variables by position),
float literals and calls of the numpy functions in `_NAMESPACE`; no text of the user's
reaches the compiled source. A node outside the table below (min, max, Piecewise, a
number that is not a finite real) makes the whole formula go the older way (None).
"""
from __future__ import annotations

import math
import threading
from collections.abc import Callable

import numpy as np

from .jets import np_relu, np_sigmoid, np_softplus, np_step

# Graph nodes are tuples: ("var", i), ("const", value), ("add", *ids), ("mul", *ids),
# ("pow", base, exponent), ("call", name, *ids); an id is the node's place in _Graph.nodes.
_ZERO_DERIVATIVE = {"sign", "floor", "ceiling", "step", "Heaviside"}   # 0 almost everywhere
# sympy class name -> the numpy function printed for it (as lambdify prints them)
_CALLS = {
    "sin": "np.sin", "cos": "np.cos", "tan": "np.tan", "asin": "np.arcsin",
    "acos": "np.arccos", "atan": "np.arctan", "sinh": "np.sinh", "cosh": "np.cosh",
    "tanh": "np.tanh", "asinh": "np.arcsinh", "acosh": "np.arccosh", "atanh": "np.arctanh",
    "exp": "np.exp", "log": "np.log", "Abs": "np.abs", "sign": "np.sign", "floor": "np.floor",
    "ceiling": "np.ceil", "sigmoid": "_sigmoid", "relu": "_relu", "step": "_step",
    "softplus": "_softplus", "atan2": "np.arctan2",
}
_NAMESPACE = {"np": np, "inf": math.inf, "nan": math.nan, "_sigmoid": np_sigmoid, "_relu": np_relu, "_step": np_step,
              "_softplus": np_softplus}


class Unsupported(Exception):
    """A node this module does not read; the formula is compiled by lambdify instead."""


class _Graph:
    """Nodes shared by value, with the few simplifications that keep derivatives small
    (0 + a = a, 1·a = a, 0·a = 0, a^1 = a, constants folded)."""

    def __init__(self):
        self.nodes: list[tuple] = []
        self._ids: dict[tuple, int] = {}
        self._derivatives: dict[tuple[int, int], int | None] = {}

    def node(self, key: tuple) -> int:
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = len(self.nodes)
            self.nodes.append(key)
        return found

    def const(self, value: float) -> int:
        # (±inf only from folding a derivative's constants: f″ = 2·10^308 of 1e308·x²)
        return self.node(("const", float(value) + 0.0))      # one zero: -0.0 is 0.0

    def value_of(self, i: int) -> float | None:
        key = self.nodes[i]
        return key[1] if key[0] == "const" else None

    def add(self, *terms: int | None) -> int | None:
        """The sum; None stands for 0 (a derivative that vanishes)."""
        terms = [t for t in terms if t is not None]
        constant = sum(self.value_of(t) for t in terms if self.value_of(t) is not None)
        rest = [t for t in terms if self.value_of(t) is None]
        if constant != 0.0 or not rest:
            if not rest:
                return None if constant == 0.0 else self.const(constant)
            rest.append(self.const(constant))
        return rest[0] if len(rest) == 1 else self.node(("add", *rest))

    def mul(self, *factors: int | None) -> int | None:
        """The product; None (0) in it makes it None. Products in it are flattened, so
        the constants of a chain rule fold into one (4·x³/713, not (1/713)·(4·x³))."""
        if any(f is None for f in factors):
            return None
        flat = []
        for f in factors:
            flat.extend(self.nodes[f][1:] if self.nodes[f][0] == "mul" else (f,))
        constant = math.prod(self.value_of(f) for f in flat if self.value_of(f) is not None)
        rest = [f for f in flat if self.value_of(f) is None]
        if constant == 0.0:
            return None
        if not rest:
            return self.const(constant)
        if constant != 1.0:
            rest.insert(0, self.const(constant))
        return rest[0] if len(rest) == 1 else self.node(("mul", *rest))

    def pow(self, base: int, exponent: int) -> int | None:
        e = self.value_of(exponent)
        if e == 1.0:
            return base
        if e == 0.0:
            return self.const(1.0)
        return self.node(("pow", base, exponent))

    def call(self, name: str, *args: int) -> int:
        return self.node(("call", name, *args))

    def neg(self, a: int | None) -> int | None:
        return self.mul(self.const(-1.0), a)

    # --- derivatives ------------------------------------------------------------------
    def diff(self, i: int, v: int) -> int | None:
        """∂node/∂(variable v), None where it is 0; memoised, so shared nodes stay shared."""
        key = (i, v)
        if key not in self._derivatives:
            self._derivatives[key] = self._diff(self.nodes[i], v)
        return self._derivatives[key]

    def _diff(self, node: tuple, v: int) -> int | None:
        kind, args = node[0], node[1:]
        if kind == "var":
            return self.const(1.0) if args[0] == v else None
        if kind == "const":
            return None
        if kind == "add":
            return self.add(*(self.diff(a, v) for a in args))
        if kind == "mul":      # product rule: each factor's derivative times the others
            return self.add(*(self.mul(*args[:k], self.diff(a, v), *args[k + 1:])
                              for k, a in enumerate(args)))
        if kind == "pow":
            return self._diff_pow(*args, v)
        return self._diff_call(args[0], args[1:], v)

    def _diff_pow(self, base: int, exponent: int, v: int) -> int | None:
        c = self.value_of(exponent)
        db = self.diff(base, v)
        if c is not None:          # c·b^(c-1)·b', as sympy's derivative of b^c
            return self.mul(exponent, self.pow(base, self.const(c - 1.0)), db)
        de = self.diff(exponent, v)
        b = self.value_of(base)
        if b is not None:          # b^e·ln b·e' (b > 0: see _from_sympy)
            return self.mul(self.pow(base, exponent), self.const(math.log(b)), de)
        # b^e·(e'·ln b + e·b'/b)
        inner = self.add(self.mul(de, self.call("log", base)),
                         self.mul(exponent, db, self.pow(base, self.const(-1.0))))
        return self.mul(self.pow(base, exponent), inner)

    def _diff_call(self, name: str, args: tuple, v: int) -> int | None:
        if name == "atan2":        # (x·y' − y·x') / (x² + y²)
            y, x = args
            dy, dx = self.diff(y, v), self.diff(x, v)
            if dy is None and dx is None:
                return None
            square = self.add(self.pow(x, self.const(2.0)), self.pow(y, self.const(2.0)))
            return self.mul(self.add(self.mul(x, dy), self.neg(self.mul(y, dx))),
                            self.pow(square, self.const(-1.0)))
        (u,) = args
        du = self.diff(u, v)
        if du is None or name in _ZERO_DERIVATIVE:
            return None
        return self.mul(self._outer_derivative(name, u), du)

    def _outer_derivative(self, name: str, u: int) -> int:
        """φ'(u) as sympy writes the derivative of φ (engine.jets.UNARY has the same)."""
        c, p, call = self.const, self.pow, self.call
        square = p(u, c(2.0))
        if name == "sin":
            return call("cos", u)
        if name == "cos":
            return self.neg(call("sin", u))
        if name == "tan":
            return self.add(p(call("tan", u), c(2.0)), c(1.0))
        if name in ("asin", "acos"):
            root = p(self.add(c(1.0), self.neg(square)), c(-0.5))
            return root if name == "asin" else self.neg(root)
        if name == "atan":
            return p(self.add(square, c(1.0)), c(-1.0))
        if name in ("sinh", "cosh"):
            return call("cosh" if name == "sinh" else "sinh", u)
        if name == "tanh":
            return self.add(c(1.0), self.neg(p(call("tanh", u), c(2.0))))
        if name == "asinh":
            return p(self.add(square, c(1.0)), c(-0.5))
        if name == "acosh":
            return self.mul(p(self.add(u, c(-1.0)), c(-0.5)), p(self.add(u, c(1.0)), c(-0.5)))
        if name == "atanh":
            return p(self.add(c(1.0), self.neg(square)), c(-1.0))
        if name == "exp":
            return call("exp", u)
        if name == "log":
            return p(u, c(-1.0))
        if name == "Abs":
            return call("sign", u)
        if name == "relu":
            return call("step", u)
        if name == "softplus":
            return call("sigmoid", u)
        if name == "sigmoid":
            s = call("sigmoid", u)
            return self.mul(s, self.add(c(1.0), self.neg(s)))
        raise Unsupported(name)    # (every name of _CALLS is handled above)

    # --- printing ----------------------------------------------------------------------
    def function(self, outputs: list[int | None], arity: int, single: bool) -> Callable:
        """One Python function of a0 … a(arity-1) computing `outputs` (None: 0.0), each
        node once; returns the value itself when `single`, else the list."""
        printer = _Printer(self)
        results = [printer.name(i) if i is not None else "0.0" for i in outputs]
        parameters = ", ".join(f"a{k}" for k in range(arity))
        returned = results[0] if single else f"[{', '.join(results)}]"
        source = "\n".join([f"def _compiled({parameters}):", *printer.lines,
                            f"    return {returned}"])
        namespace = dict(_NAMESPACE)
        # our own source (see the module's docstring): names, float literals, numpy calls
        exec(compile(source, "<engine.numpy_source>", "exec"), namespace)  # noqa: S102
        function = namespace["_compiled"]
        function.source = source
        return function


def _literal(value: float) -> str:
    return repr(value) if value >= 0 else f"({value!r})"     # inf: _NAMESPACE's


class _Printer:
    """A graph's nodes as lines `tK = …`, each node once, in the order they are needed.
    Fewer numpy operations than one per node where that is free: a − b rather than
    a + (−1)·b, x·x·x rather than x**3 (numpy's pow is many times a multiplication)."""

    def __init__(self, graph: _Graph):
        self.graph, self.lines, self.names = graph, [], {}

    def name(self, i: int) -> str:
        """A name (or literal) holding node i's value, printing its line if needed."""
        found = self.names.get(i)
        if found is not None:
            return found
        kind, args = self.graph.nodes[i][0], self.graph.nodes[i][1:]
        if kind == "var":
            text = f"a{args[0]}"
        elif kind == "const":
            text = _literal(args[0])
        else:
            expression = self._expression(kind, args)      # (prints the nodes it needs)
            text = f"t{len(self.lines)}"
            self.lines.append(f"    {text} = {expression}")
        self.names[i] = text
        return text

    def _expression(self, kind: str, args: tuple) -> str:
        if kind == "add":
            text = ""
            for a in args:
                negative, term = self._signed(a)
                text += (" - " if negative else " + ") + term if text else \
                    ("-" if negative else "") + term
            return text
        if kind == "mul":
            negative, term = self._signed_product(args)
            return f"-({term})" if negative else term
        if kind == "pow":
            return self._power(*args)
        return f"{_CALLS[args[0]]}({', '.join(self.name(a) for a in args[1:])})"

    def _signed(self, i: int) -> tuple[bool, str]:
        """(negative, text of |node i|): a term of a sum."""
        kind, args = self.graph.nodes[i][0], self.graph.nodes[i][1:]
        if kind == "const" and args[0] < 0:
            return True, _literal(-args[0])
        if kind == "mul" and i not in self.names:
            negative, term = self._signed_product(args)
            return negative, f"({term})" if " " in term else term
        return False, self.name(i)

    def _signed_product(self, args: tuple) -> tuple[bool, str]:
        c = self.graph.value_of(args[0])
        negative = c is not None and c < 0
        rest = args[c is not None:]
        # a factor b^-1 divides, as lambdify prints it: log(x)/log(2) at 8 is 3.0, where
        # log(x)·(1/log(2)) is 2.9999999999999996
        over = [self._reciprocal_of(a) for a in rest]      # (a factor may come twice)
        factors = [] if c is None or abs(c) == 1.0 else [_literal(abs(c))]
        factors += [self.name(a) for a, base in zip(rest, over) if base is None]
        text = " * ".join(factors) or "1.0"
        for base in (b for b in over if b is not None):
            text += f" / {self.name(base)}"
        return negative, text

    def _reciprocal_of(self, i: int) -> int | None:
        """b when node i is b^-1 (and not printed already), else None."""
        kind, args = self.graph.nodes[i][0], self.graph.nodes[i][1:]
        if kind == "pow" and i not in self.names and self.graph.value_of(args[1]) == -1.0:
            return args[0]
        return None

    def _power(self, base: int, exponent: int) -> str:
        b, e = self.name(base), self.graph.value_of(exponent)
        if e == 0.5:
            return f"np.sqrt({b})"                      # as lambdify prints it
        if e == 2:
            # b·b, not b ** 2: Python's float pow (descent's scalar steps) differs from
            # numpy's square in the last bit for some b, and descend_many (arrays) must
            # follow descend (floats) exactly
            return f"{b} * {b}"
        if e in (3, 4):                                 # numpy's pow: ~10 multiplications
            square = self.name(self.graph.pow(base, self.graph.const(2.0)))
            return f"{square} * {b}" if e == 3 else f"{square} * {square}"
        if e == -1:
            return f"1.0 / {b}"
        if e in (-0.5, 1.5, -2):        # from the √ or square that f often holds already
            root = self.name(self.graph.pow(base, self.graph.const(2.0 if e == -2 else 0.5)))
            return f"{b} * {root}" if e == 1.5 else f"1.0 / {root}"
        if e is not None and e == int(e) and abs(e) <= 100:
            return f"{b} ** {int(e)}"
        return f"{b} ** {self.name(exponent)}"


class NumpyFunctions:
    """Compiled functions of a formula of `arity` variables, built on first use: f,
    (f, ∇f) as one list, ∇f alone, and H's entries row by row (d·d of them). One
    graph grows as they are built (a derivative's nodes shared with f's), so building
    is serialised: the worker's thread may compile (f, ∇f) while the GUI's asks for H."""

    def __init__(self, graph: _Graph, root: int, arity: int):
        self.graph, self.root, self.arity = graph, root, arity
        self._lock = threading.Lock()

    def _gradient_nodes(self) -> list[int | None]:
        return [self.graph.diff(self.root, v) for v in range(self.arity)]

    def f(self) -> Callable:
        with self._lock:
            return self.graph.function([self.root], self.arity, single=True)

    def value_grad(self) -> Callable:
        with self._lock:
            return self.graph.function([self.root, *self._gradient_nodes()], self.arity, False)

    def grad(self) -> Callable:
        with self._lock:
            return self.graph.function(self._gradient_nodes(), self.arity, False)

    def hess(self) -> Callable:
        with self._lock:
            graph = self.graph
            entries = [None if g is None else graph.diff(g, v)
                       for g in self._gradient_nodes() for v in range(self.arity)]
            return graph.function(entries, self.arity, False)


def numpy_functions(expr, symbols) -> NumpyFunctions | None:
    """The graph of `expr` (a sympy expression of `symbols`, as engine.parser builds it),
    or None when it holds a node not read here (then sympy's lambdify compiles it)."""
    graph = _Graph()
    index = {s: k for k, s in enumerate(symbols)}
    try:
        root = _from_sympy(expr, graph, index, {})
    except (Unsupported, RecursionError, TypeError, ValueError, OverflowError):
        return None
    return NumpyFunctions(graph, root, len(symbols))


def _from_sympy(expr, graph: _Graph, index: dict, memo: dict) -> int:
    found = memo.get(expr)
    if found is not None:
        return found
    if expr.is_Symbol:
        if expr not in index:
            raise Unsupported(f"the variable {expr} is not one of the function's")
        result = graph.node(("var", index[expr]))
    elif expr.is_Number or expr.is_NumberSymbol:
        value = float(expr) if expr.is_real else math.nan
        if not math.isfinite(value):
            raise Unsupported("a number that is not a finite real")
        result = graph.const(value)
    else:
        args = [_from_sympy(a, graph, index, memo) for a in expr.args]
        name = type(expr).__name__
        if expr.is_Add:
            result = graph.node(("add", *args)) if len(args) > 1 else args[0]
        elif expr.is_Mul:
            result = graph.node(("mul", *args)) if len(args) > 1 else args[0]
        elif expr.is_Pow:
            base, exponent = args
            b = graph.value_of(base)
            if b is not None and b <= 0 and graph.value_of(exponent) is None:
                raise Unsupported("a base that is not positive to a varying power")
            result = graph.node(("pow", base, exponent))
        elif name in _CALLS and len(args) == (2 if name == "atan2" else 1):
            result = graph.call(name, *args)
        else:
            raise Unsupported(name)
    memo[expr] = result
    return result
