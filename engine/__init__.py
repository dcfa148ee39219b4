"""Gradient Lab's mathematics: pure numpy/sympy, never Qt (see ENGINE_API.md)."""
