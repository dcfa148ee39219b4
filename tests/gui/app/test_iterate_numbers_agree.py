"""One number, one text: the same iterate's θ, f and ∇f read identically in the iterate
table, in "Inside a step" and in the slide picture's caption. In rehearsal, x³ from 1.25
(GD, η = 0.1) read f = 1.953 in the caption beside the table's 1.953125, and ∇f = 1.831
inside the step beside the table's 1.83105."""
import pytest

from gui.app.slide_picture import explorer_caption
from gui.explorer.iterate_table import IterateTable
from gui.explorer.step_inspector import StepInspector

STEPS = 4


@pytest.fixture(params=[("x^3", (1.25,)), ("x^3 + y^2 - x*y", (1.25, 0.7))],
                ids=["x^3", "2-D"])
def parts(request, shown, model, qtbot):
    from PySide6.QtWidgets import QSplitter
    text, start = request.param
    model.set_text(text)
    assert model.wait_for_analysis(60000)
    model.set_start(start)
    model.set_settings(methods=("gd",), lr=0.1, max_steps=50)
    qtbot.waitUntil(lambda: "gd" in model.paths and len(model.paths["gd"].points) > STEPS
                    and model.paths["gd"].points.shape[1] == len(start), timeout=60000)
    split = QSplitter()
    table, inspector = IterateTable(model), StepInspector(model)
    split.addWidget(table)
    split.addWidget(inspector)
    return table.table_model, inspector, shown(split, 1280, 500)   # (held: kept alive)


def _row(table, k) -> dict[str, str]:
    """Row k of the table as it reads: header -> text."""
    return dict(zip(table.headers(), (column[k] for column in table.texts())))


def _written(texts) -> str:
    """A vector as the step inspector writes it: (a, b), or a alone."""
    return texts[0] if len(texts) == 1 else "(" + ", ".join(texts) + ")"


def test_theta_f_and_gradient_read_as_in_the_table(parts, model, qtbot):
    table, inspector, _ = parts
    n = model.expression.dimension
    assert table.digits == 6
    variables = table.headers()[1:1 + n]
    gradient_headers = table.headers()[2 + n:2 + 2 * n]
    long_texts = 0
    for k in range(STEPS):
        model.set_frame(k)
        qtbot.waitUntil(lambda: f"Inside step {k} " in inspector.title.text())
        row, following = _row(table, k), _row(table, k + 1)
        theta = _written([row[v] for v in variables])
        theta_next = _written([following[v] for v in variables])
        gradient = _written([row[g] for g in gradient_headers])
        lines = dict(inspector.lines)
        assert lines["gradient"] == f"∇f(θ{_sub(k)}) = {gradient}", (k, lines, row)
        update = lines["update"]
        assert f"= {theta} − " in update and update.endswith(f" = {theta_next}"), (k, update)
        assert f"·{gradient} = " in update, (k, update)
        caption = explorer_caption(model)
        assert caption.run_texts()[0].endswith(f"f = {row[table.headers()[1 + n]]}"), \
            (k, caption.run_texts(), row)
        long_texts += sum(len(t.replace("−", "").replace(".", "")) >= 6 for t in row.values())
    assert long_texts        # digits beyond 4 are shown: the check compares something


def _sub(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
