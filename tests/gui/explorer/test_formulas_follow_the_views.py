"""While a formula is typed the views follow every key that leaves a valid f, and the
formula panel follows when the helper processes have worked the formulas out and typeset
them: the lecturer's walkthrough projected "f(x) = x, f′(x) = 1" under the plot of
x⁴ − 4x³ + 4x. Until the new f's formulas show, the panel is veiled as a refused text's
views are (gui/widgets/math_view.py `stale`), and unveiled the moment they show; f's
own line comes first, as soon as a helper has read and typeset it (`typedLine`)."""
import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from engine.expression import parse
from gui.widgets import theme
from tests.gui.explorer.test_formula_panel_layout import image_array

# (unique texts: no formulas remembered from another test, symbolic_memo)
@pytest.mark.parametrize("text", ["sin(x)*cos(y) + 0.37x", "x^4 - 4x^3 + 4.13x^2"])
def test_the_formula_panel_is_veiled_until_its_formulas_are_of_the_f_drawn(window, qtbot, screenshot,
                                                                          text):
    view, model = window.math_view, window.model
    qtbot.waitUntil(lambda: view.is_ready and bool(view.equations), timeout=30000)
    before = image_array(view)
    old_line = view.equations[0].tex
    # the helpers' part of the edit held back: the views draw the new f, its formulas
    # cannot come meanwhile (what the walkthrough saw for ~0.3-1.3 s while typing)
    worker = model.findChild(type(model._worker))
    held, worker.children_later = [], lambda ask: held.append(ask)
    field = window.explorer.editor.line_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.waitUntil(lambda: model.expression == parse(text), timeout=30000)
    for _ in range(3):
        QApplication.processEvents()
    assert view.equations[0].tex == old_line            # the old f's formulas still shown ...
    veil = np.array(view.palette().window().color().getRgb()[:3], float)
    a = theme.VEIL_ALPHA / 255
    after = image_array(view).astype(float)
    expected = before.astype(float) * (1 - a) + veil * a
    assert after.std() < 0.6 * before.std()              # ... dimmed, plainly,
    assert np.abs(after - expected).mean() < 3           # as by the refusal's veil
    screenshot(window, "formulas_veiled_while_typed")
    worker.children_later = model.ask_helpers_later
    # f's own line first, typeset as typed, undimmed: it is the f drawn; what the panel
    # shows the moment a helper has sent it
    first = []
    model.typedLine.connect(lambda *_: first.append(
        ([e.tex for e in view.equations], view.stale, image_array(view))))
    for ask in held:
        ask()
    qtbot.waitUntil(lambda: bool(first), timeout=30000)
    (line,), stale, picture = first[0]
    assert line.startswith("f(x") and line != old_line and not stale
    assert picture.astype(float).std() > 0.3 * before.std()          # drawn, not dimmed
    # ... then the whole set, f's line unchanged, none of it dimmed
    qtbot.waitUntil(lambda: view.is_ready and len(view.equations) == len(model.formulas) > 1
                    and all(e.kind == "typeset" for e in view.equations), timeout=30000)
    QApplication.processEvents()
    assert not view.stale and view.equations[0].tex == line
    shown = image_array(view).astype(float)
    assert shown.std() > 0.8 * before.std()
