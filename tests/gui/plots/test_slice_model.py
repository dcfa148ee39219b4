"""SliceModel, what the map and surface observe: from three variables back to two, the
views are told of the new f, never of None (the model sends the new f's start before f;
its paths of three variables were dropped, and the slice ended there: the map read
None.variables in the Qt event loop)."""
from gui.plots.slice_model import SliceModel


def test_back_to_two_variables_the_views_are_told_of_f_never_none(model):
    sliced = SliceModel(model)
    model.set_text("(w_1-1)^2 + (w_2+2)^2 + b^2")
    assert model.wait_for_analysis(30000)
    assert sliced.sliced is not None and model.paths
    told = []
    sliced.expressionChanged.connect(told.append)
    model.set_text("x^2 + 2y^2")
    assert model.wait_for_analysis(30000)
    assert told and None not in told, told
    assert told[-1] is model.expression and sliced.expression is model.expression
    assert sliced.sliced is None
