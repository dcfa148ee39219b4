"""The method colours: gradient descent and Adam, the most common comparison, must not
look alike (blue against sky blue did on the contour map)."""
from PySide6.QtGui import QColor

from gui.widgets.palette import METHOD_COLOURS, OKABE_ITO


def test_every_method_has_its_own_okabe_ito_colour():
    colours = list(METHOD_COLOURS.values())
    assert len(set(colours)) == len(colours)
    assert set(colours) <= set(OKABE_ITO)


def test_gradient_descent_and_adam_differ_in_hue():
    gd, adam = QColor(METHOD_COLOURS["gd"]), QColor(METHOD_COLOURS["adam"])
    difference = abs(gd.hslHueF() - adam.hslHueF())
    difference = min(difference, 1 - difference) * 360
    assert difference > 60, difference       # blue (202°) vs sky blue (198°) was 4
