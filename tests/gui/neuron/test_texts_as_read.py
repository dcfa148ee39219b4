"""The Neuron tab's texts as the lecturer reads them: "1 step trained" (not "1 steps"),
no value broken from its name at a line's end ("b = / 0.1"), and the note on the course
notes' rounding says which step it is about (after a training step it quoted w = 0.5
beside a w of 0.498117) and never calls the notes "the seed"."""
import pytest
from PySide6.QtGui import QTextDocument

from gui.app.presets import default_preset, find_preset, presets


@pytest.fixture
def tab(shown):
    from gui.neuron.tab import NeuronTab
    t = shown(NeuronTab(), 1400, 820)
    assert t.training.landscape_model.wait_for_analysis()
    yield t
    t.model.shutdown()
    t.training.shutdown()


def _lines(label) -> list[str]:
    """The label's text as laid out in its width, line by line (QLabel lays rich text
    out with a QTextDocument of its font and width)."""
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    doc.setHtml(label.text())
    doc.setTextWidth(label.contentsRect().width())
    doc.size()                      # (lays it out)
    block, lines = doc.begin(), []
    while block.isValid():
        layout, text = block.layout(), block.text()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            lines.append(text[line.textStart():line.textStart() + line.textLength()])
        block = block.next()
    return lines


def test_one_step_trained_is_singular(tab, qtbot):
    tab.model.train(1)
    qtbot.wait(20)
    assert tab.training.summary.text().startswith("1 step trained")
    tab.model.train(1)
    assert tab.training.summary.text().startswith("2 steps trained")


@pytest.mark.parametrize("width", [330, 360, 390, 420])
def test_no_value_breaks_from_its_name(tab, qtbot, width):
    tab.model.train(1)
    summary = tab.training.summary
    summary.setFixedWidth(width)
    qtbot.waitUntil(lambda: summary.width() == width)
    lines = _lines(summary)
    assert len(lines) >= 2, lines           # narrow enough to wrap
    for line in lines:
        words = line.strip()
        assert not words.endswith("="), lines
        assert not words.endswith(("L", "w", "b")), lines
        assert not words.startswith(("=", "0.", "−", "-")), lines
    # each name with its whole value on one line
    shown = " | ".join(lines).replace("\u00a0", " ")
    for name, value in (("w", tab.model.step.w), ("b", tab.model.step.b)):
        from gui.neuron.formulas import fmt
        assert f"{name} = {fmt(value)}" in shown, shown


def test_the_rounding_note_names_its_step(tab, qtbot):
    note = tab.note.text()
    assert " = " not in note                    # each value bound to its name
    assert note.replace("\u00a0", " ").startswith(
        "Example 3 of the notes, its first step (x = 2, w = 0.5, b = 0.1)")
    tab.model.train(1)
    qtbot.wait(20)
    # about that step, said so; and now marked as no longer applying (gui/neuron/tab.py)
    assert tab.note.text().endswith(note) and "first step" in note
    assert tab.note.text().startswith("<i>No longer applies")
    assert "seed" not in note.lower()


def test_the_gallery_speaks_of_the_notes():
    words = " ".join(p["name"] + " " + p["caption"] for p in presets()).lower()
    assert "seed" not in words
    assert default_preset()["name"].startswith("Example 2 of the notes: x² + 2y²")
    assert default_preset()["caption"].startswith("Example 2 of the notes: from (3, 2)")
    # a command line written before (--preset "Seed 1") still finds the example
    assert find_preset("Seed 1") is find_preset("Example 1 of the notes")
    assert find_preset("Seed: L(w)")["expr"] == "(w-3)^2"


@pytest.mark.parametrize("width", [900, 1000, 1100, 1200, 1262])
def test_the_note_no_longer_applying_keeps_each_derivative_whole(tab, qtbot, width):
    """Marked "No longer applies — training moved w and b:", the note's first line grew
    and at 1280 px broke "∂L/" from "∂w"."""
    tab.model.train(1)
    tab.note.setFixedWidth(width)
    qtbot.waitUntil(lambda: tab.note.width() == width)
    lines = [line.strip() for line in _lines(tab.note)]
    assert len(lines) >= 2 and lines[0].startswith("No longer applies"), lines
    assert not any(line.endswith("/") for line in lines), lines
    assert sum(line.count("∂L/\u2060∂w") for line in lines) == 2, lines
