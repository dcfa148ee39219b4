"""Where the symbolic helpers' time goes after an edit (prints numbers, asserts nothing).

For gui_bench's kinds of 2-D expression ({c} new each time, so nothing is cached), the
CPU time (time.thread_time: steady on a busy machine) of each step of the two helper
processes' jobs (gui.compute.symbolic_jobs), run here in one warmed process as the
fork server warms its children:

  formulas helper   parse, f's line (formula + typeset), derivatives as differentiated,
                    tidied (engine.analysis.formulas), then each formula's LaTeX → MathML
                    and ziamath layout, and its SVG text
  points helper     critical points in the window, then in a box twice as wide
                    (a typed f's framing)

and how many ziamath nodes each formula's layout builds per MathML element (1 is each
element laid out once; a matrix inside stretching brackets is laid out twice).
    python3 benchmarks/helper_steps_bench.py [rounds]
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.gui_bench import TEMPLATES  # noqa: E402

WINDOW = ((-3.0, 3.0), (-3.0, 3.0))
BOX = ((-6.0, 6.0), (-6.0, 6.0))


def _ms(since: float) -> float:
    return (time.thread_time() - since) * 1e3


def one_edit(text: str, built: list) -> dict:
    """CPU ms per step for one new f (built: ziamath nodes, counted by the caller's hook)."""
    from ziamath.tex import tex2mml

    from engine.analysis import formulas
    from engine.expression import parse
    from gui.compute import typesetting
    from gui.compute.symbolic_jobs import search_points
    row, t = {}, time.thread_time()
    f = parse(text)
    row["parse"] = _ms(t)
    t = time.thread_time()
    line = formulas(f, derivatives=False, typed=text)[0]
    typesetting.render_svg(typesetting.display_tex(line, f.variables))
    row["f line"] = _ms(t)
    t = time.thread_time()
    formulas(f, tidy=False, typed=text)
    row["derivatives"] = _ms(t)
    t = time.thread_time()
    tidy = formulas(f, typed=text)
    row["tidied"] = _ms(t)
    row["layout"] = row["svg"] = 0.0
    elements = nodes = 0
    zm = typesetting._typesetter()
    for formula in tidy:
        tex = typesetting.tidy_latex(typesetting.display_tex(formula, f.variables))
        elements += sum(1 for _ in ElementTree.fromstring(tex2mml(tex)).iter())
        built.clear()
        t = time.thread_time()
        math = zm.Latex(tex, size=typesetting.BASE_SIZE, color=typesetting.TEXT_COLOUR)
        row["layout"] += _ms(t)
        nodes += len(built)
        t = time.thread_time()
        math.svg()
        row["svg"] += _ms(t)
    row["nodes/element"] = nodes / elements
    t, last = time.thread_time(), {}
    for item in search_points((text, WINDOW, BOX)):
        last[item[0]] = _ms(t)
        t = time.thread_time()
    row["points"], row["box points"] = last.get("points", 0.0), last.get("box points", 0.0)
    return row


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    import gui.compute.symbolic_warm_up  # noqa: F401 - warmed as the fork server's children
    from ziamath.nodes import mnode

    from benchmarks.machine import describe
    built = []
    original = mnode.Mnode.__init__

    def counted(node, *args, **kwargs):
        built.append(node)
        original(node, *args, **kwargs)
    mnode.Mnode.__init__ = counted
    print(f"Symbolic helpers' steps, CPU ms (median of {rounds}) — {describe()}")
    steps = ("parse", "f line", "derivatives", "tidied", "layout", "svg", "points", "box points")
    print(f"  {'f':38}" + "".join(f"{s:>12}" for s in steps) + "  nodes/element")
    for k, template in enumerate(TEMPLATES):
        rows = [one_edit(template.format(c=901 + 7 * r + k), built) for r in range(rounds)]
        medians = {s: statistics.median(r[s] for r in rows) for s in (*steps, "nodes/element")}
        print(f"  {template:38}" + "".join(f"{medians[s]:12.1f}" for s in steps)
              + f"  {medians['nodes/element']:13.2f}")
    print("  (formulas helper: parse … svg in turn; points helper: points, box points, on the other core)")


if __name__ == "__main__":
    main()
