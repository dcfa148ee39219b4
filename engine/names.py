"""What a name the student typed means: a function, a constant, a variable, or a
product of one-letter variables — never a silent guess.

    sin -> the function;  pi, e -> constants;  x, x1, x_1, x₁, theta, θ, phi, xi -> variables
    2xy -> x·y;  xsin(x) -> x·sin(x)
    atanx -> refused: "write a·tan(x) for the product, or atan(x) for the arctangent"
    taux -> refused: "write tau x for the product with tau, or t a u x for a product of
            one-letter variables"

A run of letters that is not a name is a product of one-letter variables only when no
piece of it is or begins a function, a constant or a Greek name, and it is short (a
long run such as 'globals' is far more likely a misspelt name than seven variables).
"""
from __future__ import annotations

from .errors import ExpressionError
# the names alone (no sympy): a formula's tokens can be read before sympy is imported
from .function_names import CONSTANT_NAMES as CONSTANTS
from .function_names import FUNCTION_NAMES, GREEK_NAMES, REFUSED_GREEK_NAMES
from .bars import assign_bars
from .tokens import Token, tokenize

MAX_PRODUCT_RUN = 4        # letters; a longer run that is not a name is refused
_SUFFIX_FUNCTION_NAMES = sorted(FUNCTION_NAMES, key=len, reverse=True)
_OTHER_NAMES = sorted([*GREEK_NAMES, "pi"], key=len, reverse=True)


def formula_tokens(text: str) -> list[Token]:
    """text's tokens as both readers of the language take them (engine.parser with
    sympy, engine.numeric_expression without): every name resolved, every bar marked
    as opening or closing."""
    tokens: list[Token] = []
    raw = tokenize(text)
    for k, tok in enumerate(raw):
        if tok.kind != "name":
            tokens.append(tok)
            continue
        nxt = raw[k + 1]
        bracket = nxt.kind == "op" and nxt.text == "(" and not nxt.synthetic
        tokens += resolve(tok, bracket, bracket and nxt.pos == tok.end)
    kinds = assign_bars(tokens)
    return [Token("op", "|" + kinds[k], t.pos, end=t.end) if k in kinds else t
            for k, t in enumerate(tokens)]


_ALL_NAMES = (*FUNCTION_NAMES, *GREEK_NAMES, "pi")


def unfinished_name(text: str, known: tuple = ()) -> bool:
    """Whether text ends inside a name still being typed: its last letters begin a
    function or Greek name without being one ('si' of sin, 'x^2 + co' of cos, '2xsq' of
    sqrt, and 'x^2 + s' unless s is one of the `known` variables). Read as it stands,
    such a text is a product of one-letter variables (s·i), or f of a new variable s,
    that nobody meant; an editor can wait for the next key."""
    run = len(text)
    while run > 0 and text[run - 1].isascii() and text[run - 1].isalpha():
        run -= 1
    letters = text[run:]
    if letters in _ALL_NAMES and not any(n != letters and n.startswith(letters)
                                         for n in _ALL_NAMES):
        return False        # a whole name no longer one begins with ('pi', not p·iota…)
    pieces = [letters[k:] for k in range(len(letters) - 1)]
    if letters and letters[-1] not in known:
        pieces.append(letters[-1])
    return any(name != piece and name.startswith(piece)
               for piece in pieces for name in _ALL_NAMES)


def variable_name(letters: str, sub: str) -> str:
    return f"{letters}_{sub}" if sub else letters


def name_key(name: str) -> tuple:
    """Sort key of a variable: by its letters, then its subscript as a number
    (w, w_1, w_2, w_10)."""
    letters, _, sub = name.partition("_")
    return (letters, -1 if not sub else int(sub))


def resolve(tok: Token, before_bracket: bool, glued: bool = False) -> list[Token]:
    """The tokens ("func", "const" or "var") that the name token `tok` stands for.

    before_bracket: the next token is '(' — a function call may follow; glued: with
    nothing between them (σ(x) is the sigmoid to many students, not σ·x).
    A "func" token's `sub` holds a logarithm's base (log_2). Raises ExpressionError
    for anything that is not exactly one reading.
    """
    word, sub, pos = tok.text, tok.sub, tok.pos
    if sub and word + sub in FUNCTION_NAMES:             # atan2, log2, log10 (also log_2)
        return [Token("func", word + sub, pos, end=tok.end)]
    if word in FUNCTION_NAMES:
        if sub:
            if word == "log":
                if not tok.sub_marked:            # log3x: log_3(x)? log(3x)? say which
                    raise ExpressionError(
                        f"'log{sub}' has two readings: write log_{sub}(x) for the base-{sub} "
                        f"logarithm, or log({sub}x) for the logarithm of {sub}x", pos)
                if int(sub) < 2:
                    raise ExpressionError(f"a logarithm's base is at least 2, not {sub}", pos)
                return [Token("func", "log", pos, sub, end=tok.end)]
            raise ExpressionError(
                f"'{word}{sub}': a function takes no number after its name: write "
                f"{word}({sub}x) for {FUNCTION_NAMES[word][2]} of {sub}x, or {word}(x)^{sub} "
                f"for its power", pos)
        return [Token("func", word, pos, end=tok.end)]
    if word in REFUSED_GREEK_NAMES:
        raise ExpressionError(f"'{word}' is not a variable here: {REFUSED_GREEK_NAMES[word]}",
                              pos)
    if word in GREEK_NAMES:
        if word == "sigma" and not sub and glued:
            raise ExpressionError(
                f"'{word}(' has two readings: write sigmoid(…) for the sigmoid function, "
                f"or {word}*(…) for the variable {word} times the bracket", pos)
        return [Token("var", variable_name(word, sub), pos, end=tok.end)]
    if word in CONSTANTS:
        if sub:
            symbol = "Euler's number" if word == "e" else "the number π"
            raise ExpressionError(f"'{word}{sub}': {word} is {symbol} and takes no subscript: "
                                  f"write {word}^{sub} for its power, or {sub}{word}", pos)
        return [Token("const", word, pos, end=tok.end)]
    if len(word) == 1:
        return [Token("var", variable_name(word, sub), pos, end=tok.end)]
    if before_bracket and not sub:
        readings = [(len(word) - len(f), f) for f in _SUFFIX_FUNCTION_NAMES
                    if word.endswith(f) and _product_problem(word[:-len(f)]) is None]
        if len(readings) == 1:
            k, f = readings[0]
            return [*_pieces(word[:k], "", pos), Token("func", f, pos + k, end=tok.end)]
        if len(readings) > 1:
            raise _ambiguous(word, pos, [(k, f, "…") for k, f in readings])
        if _product_problem(word) is None:
            raise ExpressionError(
                f"'{word}' is not a known function: for a product of variables put spaces "
                f"or * between them ({' '.join(word)}(…)); known functions: "
                f"{', '.join(sorted(FUNCTION_NAMES))}", pos)
    problem = _product_problem(word)
    if problem is not None:
        raise _refusal(word, pos, problem)
    return _pieces(word, sub, pos)


def _pieces(word: str, sub: str, pos: int) -> list[Token]:
    """One-letter variables; a subscript belongs to the last (xy1 is x·y_1)."""
    last = len(word) - 1
    return [Token("var", variable_name(c, sub if i == last else ""), pos + i, end=pos + i + 1)
            for i, c in enumerate(word)]


def _product_problem(word: str):
    """None if `word` reads as a product of one-letter variables; else what stops it:
    ("function", [(index, name), ...]), ("name", index, name), ("e", index) or ("long",)."""
    found = [(k, f) for k in range(len(word)) for f in _SUFFIX_FUNCTION_NAMES
             if word.startswith(f, k) and len(f) > 1]
    if found:
        firsts = {}
        for k, f in found:               # the longest name at each column
            firsts.setdefault(k, f)
        return ("function", sorted(firsts.items()))
    for name in _OTHER_NAMES:
        k = word.find(name)
        if k >= 0:
            return ("name", k, name)
    if "e" in word:
        return ("e", word.index("e"))
    if len(word) > MAX_PRODUCT_RUN:
        return ("long",)
    return None


def _refusal(word: str, pos: int, problem) -> ExpressionError:
    if problem[0] == "function":
        return _ambiguous(word, pos, [(k, f, None) for k, f in problem[1]])
    spaced = " ".join(word)
    if problem[0] == "name":
        listed = ", or ".join(f"{' '.join(r)} for {_reading_text(r)}"
                              for r in _name_readings(word))
        return ExpressionError(f"'{word}' is not a known function or name: write {listed}", pos)
    if problem[0] == "e":
        return ExpressionError(
            f"'{word}' is not a known function or name (e is Euler's number, not a "
            f"variable): for a product write {spaced}", pos)
    return ExpressionError(
        f"'{word}' is not a known function or name: for a product of variables put spaces "
        f"or * between them ({spaced})", pos)


def _name_readings(word: str) -> list[list[str]]:
    """The readings of `word` as a product of Greek names (and pi) and one-letter
    variables: the one of fewest pieces ('beta x') and, when it differs, the one of most
    ('b eta x'; 't a u x'); [] when there is none (a lone e is Euler's number)."""
    n = len(word)
    fewest: list = [None] * n + [[]]         # fewest[i]: the reading of word[i:]
    most: list = [None] * n + [[]]
    for i in range(n - 1, -1, -1):
        steps = [name for name in _OTHER_NAMES if word.startswith(name, i)]
        if word[i] != "e":
            steps.append(word[i])
        for step in steps:
            rest_few, rest_most = fewest[i + len(step)], most[i + len(step)]
            if rest_few is None:
                continue
            if fewest[i] is None or len(rest_few) + 1 < len(fewest[i]):
                fewest[i] = [step, *rest_few]
            if most[i] is None or len(rest_most) + 1 > len(most[i]):
                most[i] = [step, *rest_most]
    if fewest[0] is None:
        return []
    return [fewest[0]] if fewest[0] == most[0] else [fewest[0], most[0]]


def _reading_text(pieces: list[str]) -> str:
    names = [p for p in pieces if len(p) > 1]
    return f"the product with {', '.join(names)}" if names else "a product of one-letter variables"


def _ambiguous(word: str, pos: int, readings) -> ExpressionError:
    """readings: (index, function, argument text or None for 'the rest of the word')."""
    texts = []
    for k, f, arg in readings:
        rest = word[k + len(f):]
        call = f"{f}({arg or rest or '…'})"
        # the letters before the function: a Greek name among them is one factor
        # ('phisin(x)': phi·sin(x) or p·h·i·sin(x))
        prefixes = ["·".join(r) for r in _name_readings(word[:k])] or ["·".join(word[:k])]
        for prefix in prefixes:
            what = (f"the product of {prefix} and {FUNCTION_NAMES[f][2]}" if prefix
                    else FUNCTION_NAMES[f][2])
            texts.append((f"{prefix}·{call}" if prefix else call, what))
    if all(r[2] is None for r in readings):      # the whole run: a Greek name in it too
        texts += [(" ".join(r), _reading_text(r)) for r in _name_readings(word)
                  if any(len(p) > 1 for p in r)]
    if len(texts) == 1:
        (text, what), = texts
        return ExpressionError(
            f"'{word}' is not a name: write {text} for {what} (a function takes its "
            f"argument in brackets)", pos)
    texts.sort(key=lambda t: not t[1].startswith("the product"))
    listed = ", or ".join(f"{t} for {w}" for t, w in texts)
    return ExpressionError(f"'{word}' is ambiguous: write {listed}", pos)
