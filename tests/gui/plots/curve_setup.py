"""A CurveView of one f, shown and analysed: the 1-D tests' common set-up."""
from gui.plots.curve_view import CurveView


def shown_curve(shown, model, qtbot, text: str, size=(1000, 640)):
    curve = shown(CurveView(model), *size)
    model.set_text(text)
    assert model.wait_for_analysis(30000)
    qtbot.waitUntil(lambda: curve.xs.size > 0 and model.expression.dimension == 1)
    return curve
