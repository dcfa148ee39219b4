"""What the Neuron tab writes: engine numbers formatted, and each stage's formula.

Pure text, no Qt: `stage_latex(key, step)` is the stage's formula typeset with the
numbers of an `engine.neuron.NeuronStep` substituted; `node_texts` / `edge_texts` are
the lines the graph shows. Nothing is computed here: every number is a field of the
step (the substitutions only write the engine's own operands next to its results).
"""
from __future__ import annotations

import math

from gui.widgets.number_text import significant_text, true_minus

DIGITS = 6   # significant digits everywhere on the tab

# Activation as a function name in LaTeX and in plain text.
ACT_TEX = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\mathrm{ReLU}", "linear": ""}
ACT_TEXT = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "linear": ""}


def fmt(v: float, digits: int = DIGITS) -> str:
    """`digits` significant digits, trailing zeros dropped (0.8, not 0.800000)."""
    v = float(v)
    if not math.isfinite(v):
        return "nan" if math.isnan(v) else ("∞" if v > 0 else "−∞")
    text = significant_text(v, digits)
    if "e" in text:
        mantissa, exp = text.split("e")
        text = f"{mantissa}×10{_superscript(int(exp))}"
    return true_minus(text)


def _superscript(n: int) -> str:
    return str(n).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def tex(v: float, paren_negative: bool = False) -> str:
    """fmt(v) as LaTeX; negative numbers in brackets where they follow an operator."""
    return _tex_text(fmt(v), paren_negative and float(v) < 0)


def _tex_text(text: str, bracketed: bool) -> str:
    """A number as fmt writes it, in LaTeX; in brackets if `bracketed`."""
    if "×10" in text:
        mantissa, power = text.split("×10")
        exp = power.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))
        text = rf"{mantissa} \times 10^{{{exp}}}"
    text = text.replace("−", "-").replace("∞", r"\infty")
    return f"({text})" if bracketed else text


def difference_terms(a: float, b: float, exact: float) -> tuple[str, str, str]:
    """"a − b = result" as LaTeX pieces (a, b bracketed when negative, result) that add up
    at the digits shown, the result written as everywhere else on the tab (tex: 6
    significant digits): 0.7502601 − 0.7 = 0.0502601. An operand gets the decimals the
    result needs (σ(1.1) at 6 digits, 0.75026, left 0.05026 here and 0.0502601 in the
    chain rule and on the graph: one number shown two ways). Where even that does not
    add up (the result rounds away a digit of an operand: 1234.56 − 0.001), the result
    is the difference of the operands as written; with an exponent or a non-finite
    piece, the numbers as fmt writes them."""
    from decimal import Decimal
    bracketed = lambda t: f"({t})" if b < 0 else t      # noqa: E731 — after the minus
    added_up = _added_up(a, b, exact)
    if added_up is not None:
        a_text, b_text = added_up
        return a_text, bracketed(b_text), tex(exact)
    written = [fmt(v) for v in (a, b, exact)]
    if any(c in "".join(written) for c in "×∞n"):
        return tex(a), bracketed(tex(b)), tex(exact)
    a_dec, b_dec = (Decimal(t.replace("−", "-")) for t in written[:2])
    diff = a_dec - b_dec            # the difference of the operands as fmt writes them
    return tex(a), bracketed(tex(b)), format(diff.normalize(), "f") if diff else "0"


def _added_up(a: float, b: float, exact: float) -> tuple[str, str] | None:
    """a and b as plain decimals ("-" minus) with the decimals fmt(exact) needs, where
    their difference as written is fmt(exact); else None (an exponent, a non-finite
    piece, or a result that rounds away an operand's digit)."""
    from decimal import Decimal, InvalidOperation
    written = [fmt(v) for v in (a, b, exact)]
    if any(c in "".join(written) for c in "×∞n"):
        return None
    try:
        a_dec, b_dec, result = (Decimal(t.replace("−", "-")) for t in written)
    except InvalidOperation:
        return None
    places = max(0, -result.as_tuple().exponent)
    a_text, b_text = (_decimals(v, max(places, -d.as_tuple().exponent))
                      for v, d in ((a, a_dec), (b, b_dec)))
    return (a_text, b_text) if Decimal(a_text) - Decimal(b_text) == result else None


def output_text(s) -> str:
    """The output's one text on the tab (graph, every stage, the note): as the stage
    ∂L/∂output = output − target needs it to add up (0.7502601, not the 0.75026 of 6
    digits, which stages 3, 4 and 6 showed beside 0.7502601 at stage 5)."""
    added_up = _added_up(s.output, s.target, s.dloss_doutput)
    return true_minus(added_up[0]) if added_up else fmt(s.output)


def shown(s, v: float) -> str:
    """v as the tab writes it for step `s`: the output's text for a number equal to the
    output (z too, for linear or a positive ReLU: one value, one text), else fmt."""
    return output_text(s) if float(v) == float(s.output) else fmt(v)


def shown_tex(s, v: float, paren_negative: bool = False) -> str:
    """shown(s, v) as LaTeX, as tex writes fmt's text."""
    return _tex_text(shown(s, v), paren_negative and float(v) < 0)


def _decimals(v: float, places: int) -> str:
    """v with `places` decimals, trailing zeros dropped (0.7, not 0.7000000)."""
    text = f"{v:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def output_name(activation: str) -> str:
    """The output node's definition, e.g. ' = σ(z)'."""
    act = ACT_TEXT[activation]
    return f" = {act}(z)" if act else " = z"


# --- LaTeX per stage -------------------------------------------------------------
_OUT = r"\mathrm{output}"
_TGT = r"\mathrm{target}"
_D_L_OUT = r"\frac{\partial L}{\partial\,\mathrm{output}}"
_D_OUT_Z = r"\frac{\partial\,\mathrm{output}}{\partial z}"


def _output_tex(s) -> str:
    z, out = shown_tex(s, s.z), shown_tex(s, s.output)
    if s.activation == "sigmoid":
        return (rf"{_OUT} = \sigma(z) = \frac{{1}}{{1 + e^{{-{shown_tex(s, s.z, True)}}}}} = {out}")
    if s.activation == "tanh":
        return rf"{_OUT} = \tanh(z) = \tanh({z}) = {out}"
    if s.activation == "relu":
        return rf"{_OUT} = \mathrm{{ReLU}}(z) = \max(0,\ {z}) = {out}"
    return rf"{_OUT} = z = {out}"


def _slope_tex(s) -> str:
    out, slope = shown_tex(s, s.output), shown_tex(s, s.doutput_dz)
    if s.activation == "sigmoid":
        return (rf"{_D_OUT_Z} = \sigma(z)\,(1 - \sigma(z)) = "
                rf"{out} \times (1 - {shown_tex(s, s.output, True)}) = {slope}")
    if s.activation == "tanh":
        return rf"{_D_OUT_Z} = 1 - \tanh^2(z) = 1 - {shown_tex(s, s.output, True)}^2 = {slope}"
    if s.activation == "relu":
        # Which side of the kink we are on is read off the engine's slope, not re-derived.
        side = r"z > 0" if s.doutput_dz > 0 else r"z \leq 0"
        return rf"{_D_OUT_Z} = {slope} \quad \mathrm{{since}}\ {side}\ (z = {shown_tex(s, s.z)})"
    return rf"{_D_OUT_Z} = 1"


def stage_latex(key: str, s) -> str:
    """The formula of stage `key` (see neuron_model.STAGES) with the step's numbers."""
    p = lambda v: shown_tex(s, v, True)   # noqa: E731 — operand after an operator
    if key == "inputs":
        return (rf"x = {shown_tex(s, s.x)},\quad w = {shown_tex(s, s.w)},\quad b = {shown_tex(s, s.b)},\quad "
                rf"{_TGT} = {shown_tex(s, s.target)},\quad \eta = {shown_tex(s, s.lr)}")
    if key == "z":
        return rf"z = w\,x + b = {shown_tex(s, s.w)} \times {p(s.x)} + {p(s.b)} = {shown_tex(s, s.z)}"
    if key == "output":
        return _output_tex(s)
    if key == "loss":
        return (rf"L = \frac{{1}}{{2}}\left({_OUT} - {_TGT}\right)^2 = "
                rf"\frac{{1}}{{2}}\left({shown_tex(s, s.output)} - {p(s.target)}\right)^2 = {shown_tex(s, s.loss)}")
    if key == "dL_doutput":
        out, target, difference = difference_terms(s.output, s.target, s.dloss_doutput)
        return rf"{_D_L_OUT} = {_OUT} - {_TGT} = {out} - {target} = {difference}"
    if key == "doutput_dz":
        return _slope_tex(s)
    if key == "dz_dparams":
        return (rf"\frac{{\partial z}}{{\partial w}} = x = {shown_tex(s, s.dz_dw)},\qquad "
                rf"\frac{{\partial z}}{{\partial b}} = {shown_tex(s, s.dz_db)}")
    if key in ("dL_dw", "dL_db"):
        v = key[-1]
        local, grad = (s.dz_dw, s.dloss_dw) if v == "w" else (s.dz_db, s.dloss_db)
        return (rf"\frac{{\partial L}}{{\partial {v}}} = {_D_L_OUT}\cdot{_D_OUT_Z}\cdot"
                rf"\frac{{\partial z}}{{\partial {v}}} = {shown_tex(s, s.dloss_doutput)} \times "
                rf"{p(s.doutput_dz)} \times {p(local)} = {shown_tex(s, grad)}")
    if key in ("update_w", "update_b"):
        v = key[-1]
        old, grad, new = ((s.w, s.dloss_dw, s.w_new) if v == "w"
                          else (s.b, s.dloss_db, s.b_new))
        return (rf"{v} \leftarrow {v} - \eta\,\frac{{\partial L}}{{\partial {v}}} = "
                rf"{shown_tex(s, old)} - {p(s.lr)} \times {p(grad)} = {shown_tex(s, new)}")
    raise KeyError(key)


# --- the graph's text lines, by the stage at which each first appears ----------------
def node_lines(s) -> dict:
    """node -> [(text, kind, first stage)]; kind picks the colour (value/grad/update)."""
    return {
        "x": [(shown(s, s.x), "value", "inputs")],
        "w": [(shown(s, s.w), "value", "inputs"),
              (f"∂L/∂w = {shown(s, s.dloss_dw)}", "grad", "dL_dw"),
              (f"w ← {shown(s, s.w_new)}", "update", "update_w")],
        "b": [(shown(s, s.b), "value", "inputs"),
              (f"∂L/∂b = {shown(s, s.dloss_db)}", "grad", "dL_db"),
              (f"b ← {shown(s, s.b_new)}", "update", "update_b")],
        "target": [(shown(s, s.target), "value", "inputs")],
        "z": [(shown(s, s.z), "value", "z")],
        "output": [(shown(s, s.output), "value", "output")],
        "loss": [(shown(s, s.loss), "value", "loss")],
    }


def edge_lines(s) -> dict:
    """(source, target) -> [(text, kind, first stage)]: the local derivatives."""
    return {
        ("w", "z"): [("∂z/∂w = x", "grad", "dz_dparams"),
                     (f"= {shown(s, s.dz_dw)}", "grad", "dz_dparams")],
        ("b", "z"): [("∂z/∂b", "grad", "dz_dparams"), (f"= {shown(s, s.dz_db)}", "grad", "dz_dparams")],
        ("z", "output"): [("∂output/∂z", "grad", "doutput_dz"),
                          (f"= {shown(s, s.doutput_dz)}", "grad", "doutput_dz")],
        ("output", "loss"): [("∂L/∂output", "grad", "dL_doutput"),
                             (f"= {shown(s, s.dloss_doutput)}", "grad", "dL_doutput")],
        ("x", "z"): [], ("target", "loss"): [],
    }


def seed_note(s) -> str:
    """Where the course notes rounded, with the exact numbers of `s` (their Example 3's
    first step) written as the stages write them (w_new = 0.498117 on the graph read
    0.4981166 here: one number, two ways). It names that step: after training the tab
    shows other w and b. A value never breaks from its name: no-break spaces around "="."""
    return _unbroken(f"Example 3 of the notes, its first step (x = {shown(s, s.x)}, w = {shown(s, s.w)}, "
            f"b = {shown(s, s.b)}): the notes round σ(1.1) to 0.75 and so print ∂L/∂w = 0.01875, "
            f"w_new = 0.498125; the exact values are σ({shown(s, s.z)}) = {shown(s, s.output)}, "
            f"∂L/∂w = {shown(s, s.dloss_dw)}, w_new = {shown(s, s.w_new)}.")


NO_LONGER = "No longer applies — {what}:"     # the Explorer's caption says it so too
_PARAMETER_NAMES = {"x": "x", "w": "w", "b": "b", "target": "the target", "lr": "η",
                    "activation": "the activation"}


def seed_note_prefix(params: dict, seed: dict, trained: bool) -> str:
    """"" while the tab shows the seed's step (`params` == `seed`, the parameter dicts),
    else why the note no longer applies: training (Train N steps, Next step after the
    update) moved w and b, or the user changed some parameters (named)."""
    changed = [k for k in _PARAMETER_NAMES if params[k] != seed[k]]
    if not changed:
        return ""
    if trained and set(changed) <= {"w", "b"}:
        return NO_LONGER.format(what="training moved w and b")
    names = [_PARAMETER_NAMES[k] for k in changed]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return NO_LONGER.format(what=f"you changed {listed}")


def _unbroken(text: str) -> str:
    # and no break inside "∂L/∂w" (a word joiner after the slash): after training the
    # note's longer first line broke it as "∂L/" | "∂w" at 1280 px
    return text.replace(" = ", "\u00a0=\u00a0").replace("/∂", "/\u2060∂")
