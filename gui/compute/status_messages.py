"""The sentences the analysis worker puts in the status line when its symbolic work
could not all be done."""
from __future__ import annotations

NUMERIC_NOTICE = "The derivatives of this f are too large to work out: the views use numeric ones."


def give_up_message(failure: str | None, formulas_known: bool, tidy: bool,
                    points_known: bool, numeric: bool = False,
                    points_failure: str | None = None) -> str:
    """The status line's sentence when the symbolic work ended early: out of its time
    budget (failure "budget") or with an error in a helper (a Python message such as
    "OverflowError: …", which says nothing to a lecturer and is not shown)."""
    messages = []
    if failure is not None and not formulas_known:
        what = ("are too large to work out in time" if failure == "budget"
                else "could not be worked out symbolically")
        messages.append(f"The derivatives of this f {what}: the views use numeric ones.")
    else:
        if numeric:
            messages.append(NUMERIC_NOTICE)
        if failure is not None:
            messages.append("The formulas were shown before they could be typeset." if tidy
                            else "The derivatives were too large to simplify in time: "
                            "shown as differentiated.")
    if not points_known:
        messages.append("Critical points were not searched for (too slow)."
                        if points_failure in (None, "budget") else
                        "Critical points could not be searched for.")
    return " ".join(messages)
