"""No focus trap on the Neuron tab: after typing into an input and pressing Enter (or
Escape), → , Space and R drive the lecture again. They moved the caret in the box and
did nothing until a mouse click took the keyboard elsewhere."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit

from tests.gui.key_presses import press as _press, type_into as _type_into

pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("neuron_keys_shared")]


def _neuron(window, qtbot):
    window.show_tab("neuron")
    tab = window.neuron
    qtbot.waitUntil(tab.isVisible, timeout=2000)
    return tab


def test_enter_in_an_input_applies_it_and_gives_the_keys_back(window, qtbot):
    tab = _neuron(window, qtbot)
    m, box = tab.model, tab.spins["x"]
    _type_into(qtbot, window, box, "1.5")
    _press(qtbot, window, Qt.Key.Key_Return)
    assert m.x == 1.5 and box.text() == "1.5"
    assert not box.hasFocus()
    _press(qtbot, window, Qt.Key.Key_Right)             # the next stage, not the caret
    assert m.stage == 1
    assert tab.stage_label.text().endswith("Forward: the weighted sum z")
    _press(qtbot, window, Qt.Key.Key_Space)             # play
    assert m.playing and tab.play_button.text() == "Pause ❚❚"
    _press(qtbot, window, Qt.Key.Key_Space)
    assert not m.playing
    m.train(5)
    _press(qtbot, window, Qt.Key.Key_R)                  # reset the run
    assert len(m.history) == 0
    assert tab.training.summary.text().startswith("0 steps trained")
    assert box.text() == "1.5" and m.x == 1.5       # no key typed into the box


def test_escape_in_an_input_puts_it_back_and_gives_the_keys_back(window, qtbot):
    tab = _neuron(window, qtbot)
    m, box = tab.model, tab.spins["w"]
    w = m.w
    shown = box.text()
    _type_into(qtbot, window, box, "3")
    assert box.text() == "3"
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert box.text() == shown and not box.hasFocus()
    qtbot.wait(50)
    assert m.w == w                                      # the typed 3 never applied
    _press(qtbot, window, Qt.Key.Key_Right)
    assert m.stage == 1 and box.text() == shown


def test_enter_in_the_training_steps_gives_the_keys_back(window, qtbot):
    tab = _neuron(window, qtbot)
    steps = tab.training.train_steps
    _type_into(qtbot, window, steps, "7")
    _press(qtbot, window, Qt.Key.Key_Return)
    assert steps.value() == 7 and not steps.hasFocus()
    _press(qtbot, window, Qt.Key.Key_Right)
    assert tab.model.stage == 1


def test_escape_in_an_input_while_presenting_leaves_the_field_then_the_presentation(
        window, qtbot):
    """Presenting, x clicked and 3 typed: the first Escape puts x back and gives the keys
    to the window, the presentation stays (it ended at once, the caret still in the box,
    and only a second Escape left the box); → then drives the stage; a second Escape ends
    the presentation."""
    tab = _neuron(window, qtbot)
    m, box = tab.model, tab.spins["x"]
    x, shown = m.x, box.text()
    _press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen, timeout=3000)
    _type_into(qtbot, window, box, "3")
    assert box.text() == "3" and box.hasFocus()
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert window.commands.presenting and window.isFullScreen()
    assert box.text() == shown and not box.hasFocus()
    _press(qtbot, window, Qt.Key.Key_Right)
    assert m.stage == 1 and m.x == x
    _press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.commands.presenting
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=3000)


def test_a_typed_value_is_kept_and_shown_with_the_diagrams_digits(window, qtbot):
    """The seed's w_new 0.498125 typed into w: the box keeps it as typed (4 decimals made
    it 0.4981, and the model did not change); after one full step the boxes read what
    the diagram's labels read (6 significant digits: 0.498117, 0.0990583)."""
    tab = _neuron(window, qtbot)
    m, w_box, b_box = tab.model, tab.spins["w"], tab.spins["b"]
    _type_into(qtbot, window, w_box, "0.498125")
    _press(qtbot, window, Qt.Key.Key_Return)
    assert m.w == 0.498125 and w_box.text() == "0.498125"
    _type_into(qtbot, window, w_box, "0.5")
    _press(qtbot, window, Qt.Key.Key_Return)
    _type_into(qtbot, window, b_box, "0.1")
    _press(qtbot, window, Qt.Key.Key_Return)
    for _ in range(11):                                  # one whole step: the update
        _press(qtbot, window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: abs(m.w - 0.5) > 1e-4, timeout=3000)
    assert w_box.text() == f"{m.w:.6g}" == "0.498117"
    assert b_box.text() == f"{m.b:.6g}" == "0.0990583"
    # the box is wide enough to show all of it
    assert w_box.lineEdit().fontMetrics().horizontalAdvance("0.0990583") <= \
        b_box.lineEdit().width()


def test_switching_to_the_tab_by_key_leaves_the_keys_with_the_window(window, qtbot):
    """b clicked (never left by Enter), the Explorer shown by its tab, then key 2: Qt
    put the caret back into b, and 1 was typed into it rather than showing the
    Explorer."""
    tab = _neuron(window, qtbot)
    box = tab.spins["b"]
    shown = box.text()
    _type_into(qtbot, window, box, "")
    box.lineEdit().setText(shown)
    qtbot.mouseClick(window.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=window.tabs.tabBar().tabRect(0).center())
    qtbot.waitUntil(lambda: window.current_tab == "explorer", timeout=2000)
    _press(qtbot, window, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: window.current_tab == "neuron", timeout=2000)
    assert not box.hasFocus()
    assert not isinstance(QApplication.focusWidget(), (QAbstractSpinBox, QLineEdit))
    _press(qtbot, window, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: window.current_tab == "explorer", timeout=2000)
    assert box.text() == shown
