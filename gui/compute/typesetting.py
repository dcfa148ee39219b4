"""LaTeX → SVG with ziamath (pure Python, no TeX install); no Qt here, so the
typesetting process (gui.compute.symbolic_jobs) needs none. gui.compute.latex_renderer runs it off
the GUI thread and caches the results.
"""
from __future__ import annotations

import copy
import functools
import re

from engine.function_names import TEX_GREEK      # (no sympy: this module loads at start)
from engine.tokens import GREEK_LETTERS

_ziamath = None


def _typesetter():
    """ziamath, imported on first use: its 0.6 s import (fonts) stays out of start-up."""
    global _ziamath
    if _ziamath is None:
        import ziamath
        # QtSvg draws SVG 1.1/Tiny: SVG 2 <symbol>+<use href> glyphs come out blank.
        ziamath.config.svg2 = False
        _shallow_parent_styles()
        _styles_merged_once()
        _sizes_parsed_once()
        _rows_copied_in_memory()
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


def _merged(attributes, inherited) -> dict:
    """One dict of a node's attributes over its parent style's fields: what parse_style
    reads through a ChainMap of the two, whose every get / `in` walks both maps in
    Python code (a fifth of typesetting ∇f and H: a dozen reads per node)."""
    return {**inherited, **attributes}


def _styles_merged_once() -> None:
    """ziamath 0.13's parse_style reads only .get and `in` of its ChainMap(attributes,
    parent fields) and never writes it: a merged dict gives the same SVG, byte for byte
    (tests/gui/compute/test_typesetting.py)."""
    from ziamath import styles
    if getattr(styles, "ChainMap", None) is not _merged and hasattr(styles, "parse_style"):
        styles.ChainMap = _merged


# ziamath 0.13's named MathML spaces ("thinmathspace" → "0.1666…em"), as Mnode.size_px has them
_NAMED_SPACES = {}
for _n, _name in enumerate(("veryverythinmathspace", "verythinmathspace", "thinmathspace",
                            "mediummathspace", "thickmathspace", "verythickmathspace",
                            "veryverythickmathspace"), start=1):
    _NAMED_SPACES[_name] = f"{_n / 18}em"
    _NAMED_SPACES["negative" + _name] = f"{-_n / 18}em"
_UNITS_TO_PT = {"pt": 1, "mm": 2.84526, "cm": 28.45274, "ex": 4.30554, "em": 10.00002,
                "bp": 1.00374, "dd": 1.07, "pc": 12, "in": 72.27, "mu": 0.5555}
_original_size_px = None


@functools.lru_cache(maxsize=512)
def _parsed_size(numsize: str) -> tuple:
    """(size in px before the font-size factor, whether that factor applies), as
    ziamath 0.13's Mnode.size_px works it out from an attribute string."""
    try:
        return float(numsize.rstrip("px")), False      # a plain number, or px
    except ValueError:
        pass
    try:
        units, value = numsize[-2:], float(numsize[:-2])
    except ValueError:
        return 0, False
    return value * _UNITS_TO_PT.get(units, 0) * 1.333, units in ("em", "ex", "mu")


def _size_px(self, size, fontsize=None):
    if not isinstance(size, str):
        return _original_size_px(self, size, fontsize)
    if fontsize is None:
        fontsize = self.glyphsize
    pxsize, scaled = _parsed_size(_NAMED_SPACES.get(size, size))
    if scaled:
        pxsize *= fontsize / 10
    return pxsize


def _sizes_parsed_once() -> None:
    """ziamath 0.13's Mnode.size_px builds its table of 14 named spaces (formatting each
    number) and parses the attribute string on every call: hundreds of calls per
    formula, the largest single cost of typesetting ∇f and H. The same arithmetic with
    the table built once and each string parsed once gives the same SVG, byte for byte
    (tests/gui/compute/test_typesetting.py)."""
    global _original_size_px
    from ziamath.nodes import mnode
    if mnode.Mnode.size_px is not _size_px:
        _original_size_px = mnode.Mnode.size_px
        mnode.Mnode.size_px = _size_px


_original_height_nostretch = None


def _height_nostretch(self, line, **kwargs):
    """ziamath 0.13's Mrow._get_height_nostretch, each child copied in memory rather
    than through its XML text (a tenth of typesetting a gradient or Hessian went into
    writing and parsing those strings; the copy drops the tail text as that round trip does).
    A row with nothing that can stretch in it skips the measuring: every row laid its
    children out twice (once to measure the height its fences stretch to), nested rows
    2^depth times, 9 in 10 of typesetting ∇f and H."""
    from ziamath.nodes.mrow import Mnode, elementtext
    if not _may_stretch(line):
        return 0.0, 0.0      # read only by a stretchy operator below this row: none
    ymax, ymin = -9999, 9999
    kwargs["nostretch"] = True      # the children leave stretchy operators out of their bbox
    for child in line:
        if child.tag == "mo" and elementtext(child) == "":
            continue
        element = copy.deepcopy(child)      # a copy: its attributes are not overwritten
        element.tail = None
        node = Mnode.fromelement(element, parent=self, **kwargs)
        ymax = max(ymax, node.bbox.ymax)
        ymin = min(ymin, node.bbox.ymin)
    return ymin, ymax


# where ziamath builds operators of its own (fences, accents, enclosures): may stretch
_BUILDS_OPERATORS = frozenset(("mfenced", "mover", "munder", "munderover", "menclose",
                               "mmultiscripts"))
# what ziamath builds as a plain Mrow (Mnode.fromelement), which sets its own row height
_ROWS = frozenset(("mrow", "math", "mtd", "mtr", "none"))


@functools.lru_cache(maxsize=1024)
def _operator_may_stretch(text: str, stretchy: str | None) -> bool:
    """Whether ziamath may stretch an <mo> of this text: its stretchy attribute, else
    its operator dictionary's entry in any form (the form is inferred later)."""
    if stretchy is not None:
        return stretchy != "false"
    from ziamath import operators
    return any(operators.get_params(text, form).get("stretchy", "false") != "false"
               for form in ("prefix", "infix", "postfix"))


def _may_stretch(line) -> bool:
    """Whether these MathML elements (a row's children) hold an operator ziamath may
    stretch to the row's height, the only reader of what _height_nostretch measures.
    A nested row is not looked into: it measures and stretches its own (Mrow._setup)."""
    from ziamath import operators
    from ziamath.nodes.mnode import _node_classes
    from ziamath.nodes.nodetools import elementtext
    pending = list(line)
    while pending:
        element = pending.pop()
        tag = element.tag
        if tag in _ROWS or tag not in _node_classes:      # (an unknown tag is built as a row)
            continue
        if tag in _BUILDS_OPERATORS:
            return True
        if tag == "mo" or (tag == "mi" and elementtext(element) in operators.names):
            if _operator_may_stretch(elementtext(element), element.get("stretchy")):
                return True
        pending.extend(element)
    return False


def _rows_copied_in_memory() -> None:
    global _original_height_nostretch
    from ziamath.nodes import mrow
    if mrow.Mrow._get_height_nostretch is not _height_nostretch:
        _original_height_nostretch = mrow.Mrow._get_height_nostretch
        mrow.Mrow._get_height_nostretch = _height_nostretch


BASE_SIZE = 22            # font size in px at scale 1
TYPESET_MAX_CHARS = 700   # ziamath needs seconds beyond this: such equations show as text
TEXT_COLOUR = "#1a1a1a"   # near-black on the light background
MATRIX_MAX_CHARS = 260    # a longer ∇f or H costs ziamath seconds: show its definition instead

_FENCES = {"(": ")", "[": "]", "|": "|"}
_TALL = ("\\frac", "\\begin", "\\sum", "\\int", "\\left")
_FENCE = re.compile(r"\\(left|right)(\(|\)|\[|\]|\|)")
# a minus that opens a group is a sign: "{-}" keeps ziamath from spacing it as "a − b"
_UNARY_MINUS = re.compile(r"(^|[(\[{=&]|\\\\|\\begin\{matrix\})\s*-")
_MATRIX = re.compile(r"\\begin\{matrix\}.*?\\end\{matrix\}", re.S)


# latex2mathml (under ziamath) reads \operatorname{atan2} as the letters a, t, a, n
# and the number 2, each letter in italics: "atan2" read as a product a·t·a·n·2.
# \mathrm sets the same name upright (names without a digit are fine as they are).
_NAME_WITH_DIGIT = re.compile(r"\\operatorname\{([A-Za-z]+[0-9][A-Za-z0-9]*)\}")


def tidy_latex(tex: str) -> str:
    """Make sympy's LaTeX quicker and nicer to typeset, meaning unchanged.

    sympy writes \\left( … \\right) around every argument; stretchy fences around
    flat content look the same as plain ones but double ziamath's work per level,
    so they become plain brackets unless they hold something tall (a fraction, a
    matrix). A leading minus is a sign, matrix columns get a little more air. A
    function's name with a digit (atan2) is set upright. A fraction in a matrix is set
    in text style, as TeX and MathML set a matrix's entries: ziamath sets them in
    display style, and ∇f of log(x)+y² stood 76 px tall instead of 60, too tall for the
    panel, which then showed ∇f as (∂f/∂x, ∂f/∂y) and H as its numbers.
    """
    tex = _NAME_WITH_DIGIT.sub(r"\\mathrm{\1}", tex)
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
    tex = _MATRIX.sub(lambda m: m.group(0).replace("\\frac{", "\\tfrac{"), tex)
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


_LETTER_OF: dict[str, str] = {}
for _letter, _name in GREEK_LETTERS.items():
    _LETTER_OF.setdefault(_name, _letter)            # θ, not its variant ϑ
# longest first, and whole names only: \theta is θ, not t, h and \eta
_GREEK_TEX = re.compile(r"\\(?:var)?(%s)(?![A-Za-z])" % "|".join(sorted(_LETTER_OF, key=len, reverse=True)))


def plain_text(tex: str) -> str:
    """A readable-enough plain rendering for when typesetting fails."""
    for a, b in _PLAIN_SYMBOLS:
        tex = tex.replace(a, b)
    tex = _GREEK_TEX.sub(lambda m: _LETTER_OF[m.group(1)], tex)
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


def gradient_as_partials(variables) -> str:
    """∇f by its definition in one line, (∂f/∂x, ∂f/∂y): a panel too narrow for ∇f's
    entries shows this next to the partials (a column of them was twice as tall)."""
    partials = ", ".join(rf"\frac{{\partial f}}{{\partial {tex_name(v)}}}" for v in variables)
    return rf"\nabla f = \left({partials}\right)"


def gradient_as_row(entries) -> str:
    """∇f in one line with its entries, (2b, 2w₁ − 2, 2w₂ + 4): with three variables or
    more the partials are not listed beside ∇f, and its definition alone, the form a
    short panel took, left the class without a single derivative of f."""
    return rf"\nabla f = \left({', '.join(entries)}\right)"


def tex_name(name: str) -> str:
    """An engine variable name as sympy typesets it: 'w_1' → w_{1}, 'theta' → \\theta."""
    letters, _, sub = name.partition("_")
    if len(letters) > 1:                                        # Greek names
        letters = TEX_GREEK.get(letters, f"\\{letters}")
    return f"{letters}_{{{sub}}}" if sub else letters
