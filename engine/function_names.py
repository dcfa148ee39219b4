"""The names of the expression language's functions and constants, without sympy.

engine.names resolves what a typed name means from these alone, so the tokens of a
formula can be read before sympy is imported (engine.numeric_expression: a first
picture at start-up). engine.functions builds its sympy table on the same names.
"""
from __future__ import annotations

# name -> (fewest arguments, most arguments (None: any), what it is)
FUNCTION_NAMES = {
    "sin": (1, 1, "the sine"), "cos": (1, 1, "the cosine"), "tan": (1, 1, "the tangent"),
    "asin": (1, 1, "the arcsine"), "acos": (1, 1, "the arccosine"),
    "atan": (1, 1, "the arctangent"),
    "arcsin": (1, 1, "the arcsine"), "arccos": (1, 1, "the arccosine"),
    "arctan": (1, 1, "the arctangent"),
    "sinh": (1, 1, "the hyperbolic sine"), "cosh": (1, 1, "the hyperbolic cosine"),
    "tanh": (1, 1, "the hyperbolic tangent"),
    "asinh": (1, 1, "the inverse hyperbolic sine"),
    "acosh": (1, 1, "the inverse hyperbolic cosine"),
    "atanh": (1, 1, "the inverse hyperbolic tangent"),
    "exp": (1, 1, "the exponential"),
    "log": (1, 2, "the natural logarithm"), "ln": (1, 1, "the natural logarithm"),
    "log10": (1, 1, "the base-10 logarithm"), "log2": (1, 1, "the base-2 logarithm"),
    "sqrt": (1, 1, "the square root"), "abs": (1, 1, "the absolute value"),
    "sigmoid": (1, 1, "the sigmoid"), "relu": (1, 1, "relu"),
    "softplus": (1, 1, "softplus"),
    "sign": (1, 1, "the sign"), "step": (1, 1, "the unit step"),
    "min": (2, None, "the minimum"), "max": (2, None, "the maximum"),
    "atan2": (2, 2, "the angle atan2(y, x)"),
    "floor": (1, 1, "the floor"), "ceil": (1, 1, "the ceiling"),
}
CONSTANT_NAMES = ("pi", "e")
# Every lower-case Greek letter but omicron, whose letter ο is the Latin o to the eye
# (engine.names refuses it, and says why); each is one variable, never split into letters
# (phi is φ, not p·h·i; nu is ν, not n·u), as pi is π.
GREEK_NAMES = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
               "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi",
               "chi", "psi", "omega")
REFUSED_GREEK_NAMES = {"omicron": "its letter ο looks just like the Latin o: write o"}
# φ and ε as they are typed and as the app's labels write them (f(φ, θ) = beside the
# field): LaTeX's \phi and \epsilon are the other forms, ϕ and ϵ
TEX_GREEK = {"phi": r"\varphi", "epsilon": r"\varepsilon"}
