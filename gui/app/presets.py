"""The gallery of examples: every function of the course notes plus classic landscapes."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

PRESETS_FILE = Path(__file__).resolve().parents[2] / "resources" / "presets.json"
# The examples of the notes were named "Seed 1", "Seed 2", "Seed: …" (our word, not the
# lecturer's); a command line or script written then (--preset "Seed 1") still finds them.
OLD_NAMES = (("seed 1", "example 1 of the notes"), ("seed 2", "example 2 of the notes"),
             ("seed:", "from the notes:"))


@lru_cache(maxsize=1)
def presets() -> tuple[dict, ...]:
    with open(PRESETS_FILE, encoding="utf-8") as fh:
        return tuple(json.load(fh))


def default_preset() -> dict:
    """Example 2 of the notes: x² + 2y² from (3, 2), gradient descent, learning rate 0.1."""
    return presets()[0]


def find_preset(name: str) -> dict:
    """By exact name or formula, else the one preset whose name contains `name`
    (any case: "himmelblau", "rosenbrock"); KeyError says what matched."""
    for p in presets():
        if p["name"] == name or p["expr"] == name:
            return p
    wanted = name.strip().lower()
    for old, new in OLD_NAMES:
        wanted = new + wanted[len(old):] if wanted.startswith(old) else wanted
    matches = [p for p in presets() if wanted in p["name"].lower()]
    if len(matches) == 1:
        return matches[0]
    known = "; ".join(p["name"] for p in (matches or presets()))
    raise KeyError(f"{'several' if matches else 'no'} examples match {name!r}: {known}")
