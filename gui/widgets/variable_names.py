"""Engine variable names as a reader sees them: 'w_1' → w₁, 'theta' → θ, 'x' → x."""
from __future__ import annotations

from engine.tokens import GREEK_LETTERS

_LETTER_OF: dict[str, str] = {}
for _letter, _name in GREEK_LETTERS.items():
    _LETTER_OF.setdefault(_name, _letter)     # θ, not its variant ϑ; μ, not the micro sign
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def display_name(name: str) -> str:
    """The variable as typeset in plain text (axis labels, table headers)."""
    letters, _, sub = name.partition("_")
    return _LETTER_OF.get(letters, letters) + sub.translate(_SUBSCRIPT)
