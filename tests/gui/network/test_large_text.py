"""The Network tab at larger text on a 1280×720 projector: the Jacobian's definition
reads on a line or two of its own, and nothing is drawn over the matrix or its axis.
At text size 1.3 the definition was a strip of four lines beside the layer's box, and
the chain rule under the matrix lay over the matrix's axis label: the controls' flow
layout reserved one row for the two it wrapped into, and the page squeezed the
Jacobian under its minimum."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.gui.app.layout_checks import lines_between, window_rect
from tests.gui.app.projector import projector_window, settle_at

pytestmark = pytest.mark.xdist_group("network_large_text")


@pytest.fixture(scope="module")
def lab(qapp, tmp_path_factory):
    yield from projector_window(tmp_path_factory, "network")


@pytest.mark.parametrize("scale", [1.0, 1.15, 1.3, 1.5, 2.0])
def test_the_jacobian_reads_whole_and_nothing_lies_on_its_matrix(lab, qtbot, screenshot, scale):
    settle_at(lab, qtbot, scale)
    jacobian = lab.network.jacobian
    lab.network.scroll_area.ensureWidgetVisible(jacobian.chain)
    QApplication.processEvents()
    screenshot(lab, f"network_jacobian_720p_{scale:g}")
    title, plot, chain = (window_rect(w, lab) for w in
                          (jacobian.title, jacobian.plot_widget, jacobian.chain))
    lines = jacobian.title.height() / jacobian.title.fontMetrics().lineSpacing()
    assert lines <= 2.6, (scale, jacobian.title.height())       # a line or two, not a strip
    assert title.bottom() < plot.top() and plot.bottom() < chain.top(), \
        (scale, title.getRect(), plot.getRect(), chain.getRect())
    whole = window_rect(jacobian, lab)
    for part in (title, plot, chain):
        assert whole.contains(part), (scale, part.getRect(), whole.getRect())
    # the chain rule has the height its wrapped lines need
    assert jacobian.chain.height() >= jacobian.chain.heightForWidth(jacobian.chain.width())


@pytest.mark.parametrize("scale", [1.5, 2.0])
def test_the_diagram_keeps_readable_neurons_at_larger_text(lab, qtbot, screenshot, scale):
    """Ctrl++ without F11: the diagram kept a 160 px × text size minimum, most of it
    titles and key, so at 1.5 the four hidden neurons had ~60 px (8-px circles, their
    numbers over each other). Its neurons now keep a readable size; the page scrolls."""
    from tests.gui.network.test_diagram_labels import _label_boxes
    settle_at(lab, qtbot, scale)
    diagram = lab.network.diagram
    screenshot(diagram, f"network_diagram_720p_{scale:g}")
    positions, radius = diagram._neuron_positions()
    # (the tab's own measure of too small to read: views_cramped; at 2.0 the column's
    # width binds the circles, not the height)
    assert radius >= 12 and not lab.network.views_cramped(), (scale, radius, diagram.height())
    labels, boxes = _label_boxes(diagram)
    assert labels.decimals >= 0 and labels.pixel_size >= 11 * min(scale, 1.5) - 1, labels
    rects = [box for *_, box, _point, _r in boxes]
    touching = [(a.getRect(), b.getRect()) for i, a in enumerate(rects) for b in rects[i + 1:]
                if a.intersects(b)]
    assert touching == [], (scale, touching)


@pytest.mark.parametrize("scale", [1.0, 1.15])
def test_the_chain_rules_vector_is_never_broken_inside_its_brackets(lab, qtbot, scale):
    """The walkthrough's Jacobian scene with the scenes panel open read "[" on one line,
    "−0.04685  −0.0191 ]" on the next. At every width where the vector fits a line, it
    is on one line: the break falls before the bracket."""
    settle_at(lab, qtbot, scale)
    chain = lab.network.jacobian.chain
    doc_width = chain.fontMetrics().horizontalAdvance
    vector = chain.text().split("[", 1)[1].split("]", 1)[0].replace("&nbsp;", " ")
    least = doc_width(f"[{vector}]") + doc_width("  ∂a³/∂x = ")
    assert lines_between(chain, "[", "]") == 0, chain.width()      # as shown
    for width in range(int(least) + 2, int(least) + 400, 6):
        assert lines_between(chain, "[", "]", width) == 0, width


def _plain(label) -> str:
    from PySide6.QtGui import QTextDocument
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


@pytest.mark.parametrize("scale", [1.15, 1.3])
def test_the_chain_rules_point_and_a_layers_argument_never_break_inside_brackets(
        lab, qtbot, scale):
    """With F9 open at larger text the walkthrough read "Chain rule at x = (0.50," /
    "−0.50):" and "f₂(a) = σ(W²a +" / "b²)". At every width where the bracketed
    point or argument fits a line, it is on one line: the break falls between terms."""
    settle_at(lab, qtbot, scale)
    net = lab.network
    L = net.model.network.n_layers
    chain, caption = net.jacobian.chain, net.caption
    brackets = [(chain, "x = (", "):")] + [
        (caption, f"W{s}a", f"b{s})") for s in ("¹", "²", "³")[:L] if f"W{s}a" in _plain(caption)]
    assert len(brackets) >= 2, _plain(caption)
    for label, opening, closing in brackets:
        text = _plain(label)     # the widths from the one the whole word around it needs
        first = text.index(opening)
        last = text.index(closing, first) + len(closing)
        end = text.find(" ", last)
        unit = text[text.rfind(" ", 0, first) + 1:end if end >= 0 else len(text)]
        least = label.fontMetrics().horizontalAdvance(unit.replace("\xa0", " ") + "  ") * 1.2
        assert lines_between(label, opening, closing) == 0, (unit, label.width())   # as shown
        for width in range(int(least), int(least) + 600, 5):
            assert lines_between(label, opening, closing, width) == 0, (unit, width)


def test_the_collapsed_map_s_matrix_never_breaks_inside_its_brackets(lab, qtbot):
    """With no non-linearity the note writes W = W²W¹ = [ a  b ] with plain spaces inside
    its brackets: it could read "[ 0.4121" / "−0.2 ]". Its two entries stay on one line at
    every width where they fit one; the line breaks around the matrix instead."""
    settle_at(lab, qtbot, 1.0)
    net = lab.network
    net.model.set_activation("none")
    try:
        note = net.collapse
        qtbot.waitUntil(lambda: note.isVisible() and "[" in note.text(), timeout=5000)
        text = note.text()
        matrix = text[text.index("[") + 1:text.index("]")].replace("&nbsp;", " ").strip()
        least = note.fontMetrics().horizontalAdvance(f"W = W²W¹ = [ {matrix} ],") * 1.3
        assert lines_between(note, "[", "]") == 0
        for width in range(int(least), int(least) + 600, 5):
            assert lines_between(note, "[", "]", width) == 0, (matrix, width)
    finally:
        net.model.set_activation("tanh")
