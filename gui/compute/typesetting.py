"""LaTeX → SVG with ziamath (pure Python, no TeX install); no Qt here, so the
typesetting process (gui.compute.symbolic_jobs) needs none. gui.compute.latex_renderer runs it off
the GUI thread and caches the results.
"""
from __future__ import annotations

import re

_ziamath = None


def _typesetter():
    """ziamath, imported on first use: its 0.6 s import (fonts) stays out of start-up."""
    global _ziamath
    if _ziamath is None:
        import ziamath
        # QtSvg draws SVG 1.1/Tiny: SVG 2 <symbol>+<use href> glyphs come out blank.
        ziamath.config.svg2 = False
        _shallow_parent_styles()
        _ziamath = ziamath
    return _ziamath


def _style_fields(style) -> dict:
    """The fields of a ziamath MathStyle, one level deep (its MathVariant stays an object)."""
    return {name: getattr(style, name) for name in style.__dataclass_fields__}


def _shallow_parent_styles() -> None:
    """ziamath 0.13's parse_style reads a node's inherited attributes from
    dataclasses.asdict(parent style): a recursive deep copy for every node, a quarter of
    the time of typesetting a gradient or Hessian. It reads only the scalar fields
    (colour, background, size, script level, display style; the variant comes from the
    parent object itself), so a one-level dict gives the same SVG, byte for byte
    (tests/gui/compute/test_typesetting.py)."""
    from ziamath import styles
    if getattr(styles, "asdict", None) is not _style_fields and hasattr(styles, "parse_style"):
        styles.asdict = _style_fields

BASE_SIZE = 22            # font size in px at scale 1
TYPESET_MAX_CHARS = 700   # ziamath needs seconds beyond this: such equations show as text
TEXT_COLOUR = "#1a1a1a"   # near-black on the light background
MATRIX_MAX_CHARS = 260    # a longer ∇f or H costs ziamath seconds: show its definition instead

_FENCES = {"(": ")", "[": "]", "|": "|"}
_TALL = ("\\frac", "\\begin", "\\sum", "\\int", "\\left")
_FENCE = re.compile(r"\\(left|right)(\(|\)|\[|\]|\|)")
# a minus that opens a group is a sign: "{-}" keeps ziamath from spacing it as "a − b"
_UNARY_MINUS = re.compile(r"(^|[(\[{=&]|\\\\|\\begin\{matrix\})\s*-")


def tidy_latex(tex: str) -> str:
    """Make sympy's LaTeX quicker and nicer to typeset, meaning unchanged.

    sympy writes \\left( … \\right) around every argument; stretchy fences around
    flat content look the same as plain ones but double ziamath's work per level,
    so they become plain brackets unless they hold something tall (a fraction, a
    matrix). A leading minus is a sign, matrix columns get a little more air.
    """
    out, stack = [], []          # stack: index in `out` of each open \left token
    pos = 0
    for m in _FENCE.finditer(tex):
        out.append(tex[pos:m.start()])
        pos = m.end()
        if m.group(1) == "left":
            stack.append(len(out))
            out.append(m.group(0))
        elif stack:
            start = stack.pop()
            inner = "".join(out[start + 1:])
            if any(t in inner for t in _TALL):
                out.append(m.group(0))
            else:
                out[start] = out[start][len("\\left"):]
                out.append(m.group(2))
        else:
            out.append(m.group(0))
    out.append(tex[pos:])
    tex = _UNARY_MINUS.sub(r"\1{-}", "".join(out))
    return tex.replace("&", r"\;&\;").replace(r"\nabla f", r"\nabla\! f")


def render_svg(tex: str, size: float = BASE_SIZE) -> str:
    """The SVG text of one displayed equation; raises whatever ziamath raises."""
    return _typesetter().Latex(tidy_latex(tex), size=size, color=TEXT_COLOUR).svg()


_PLAIN_SYMBOLS = [(r"\left", ""), (r"\right", ""), (r"\partial ", "∂"), (r"\nabla ", "∇"),
                  (r"\sigma", "σ"), (r"\pi", "π"), (r"\cdot", "·"), (r"\operatorname", ""),
                  (r"\begin{matrix}", "["), (r"\end{matrix}", "]"), ("\\\\", "; "),
                  (r"\;&\;", ", "), ("&", ", ")]
_PLAIN_GROUPS = [  # innermost first, repeated until nothing changes
    (re.compile(r"\^\{([^{}]*)\}"), r"^(\1)"),
    (re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}"), r"(\1)/(\2)"),
    (re.compile(r"\\sqrt\{([^{}]*)\}"), r"√(\1)"),
    (re.compile(r"(?<!\\frac)(?<!\})(?<!\\sqrt)(?<!\^)\{([^{}]*)\}"), r"\1"),
]


def plain_text(tex: str) -> str:
    """A readable-enough plain rendering for when typesetting fails."""
    for a, b in _PLAIN_SYMBOLS:
        tex = tex.replace(a, b)
    for _ in range(200):                      # bounded: each pass removes a brace pair
        before = tex
        for pattern, repl in _PLAIN_GROUPS:
            tex = pattern.sub(repl, tex)
        if tex == before:
            break
    tex = re.sub(r"\^\(([\w.]+)\)", r"^\1", tex)    # x^(2) → x^2
    tex = re.sub(r"\((\w+)\)/\((\w+)\)", r"\1/\2", tex)
    tex = tex.replace("\\", "")
    return re.sub(r"\s+\)", ")", re.sub(r"\s+", " ", tex)).strip()


def display_tex(formula, variables) -> str:
    """The equation "label = latex" to typeset; a big gradient is shown by its
    definition (its entries are the partial derivatives shown next to it). The Hessian
    is always shown as it is: a view swaps a long one (Formula.long) for its numbers at
    a point (engine.analysis.hessian_at)."""
    if formula.label == r"\nabla f" and len(formula.latex) > MATRIX_MAX_CHARS:
        body = r"\\".join(rf"\frac{{\partial f}}{{\partial {tex_name(v)}}}" for v in variables)
        return rf"{formula.label} = \left[\begin{{matrix}}{body}\end{{matrix}}\right]"
    return f"{formula.label} = {formula.latex}"


def tex_name(name: str) -> str:
    """An engine variable name as sympy typesets it: 'w_1' → w_{1}, 'theta' → \\theta."""
    letters, _, sub = name.partition("_")
    letters = f"\\{letters}" if len(letters) > 1 else letters     # Greek names
    return f"{letters}_{{{sub}}}" if sub else letters
