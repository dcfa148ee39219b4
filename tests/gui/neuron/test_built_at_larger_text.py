"""A Neuron tab first built at a larger text size (a lecturer presenting at 1.5 opens the
tab), back at size 1, has a fresh tab's parameter boxes: their least width was measured
once, in the font of the size the tab was built at (108 px, not 82), and kept."""
from PySide6.QtWidgets import QWidget

from gui.widgets import theme


def _widths(tab):
    return ([box.minimumWidth() for box in tab.spins.values()],
            [box.width() for box in tab.spins.values()])


def test_parameter_boxes_built_at_larger_text_are_a_fresh_tabs_at_size_1(qapp, shown):
    from gui.neuron.tab import NeuronTab
    fresh = shown(NeuronTab(), 1280, 720)
    qapp.processEvents()
    at_1 = _widths(fresh)
    try:
        theme.apply_theme(qapp, fresh, "light", 1.5)
        built = NeuronTab()
        theme.restyle_new(built)           # as the main window does with a tab it builds
        shown(built, 1280, 720)
        qapp.processEvents()
        least_at_1_5 = _widths(built)[0]
        assert min(least_at_1_5) > max(at_1[0]) + 10      # the larger text's boxes
        assert _widths(fresh)[0] == least_at_1_5           # the tab built at 1 follows
        theme.apply_theme(qapp, built, "light", 1.0)
        qapp.processEvents()
        assert _widths(built) == at_1
    finally:
        theme.apply_theme(qapp, QWidget(), "light", 1.0)    # module state: leave it as found
