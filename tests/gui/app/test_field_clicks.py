"""One click in a number field takes the keyboard: letters typed then are refused there,
never the window's keys. The rehearsal clicked into a field, typed "abc", and B blacked
the screen out. The fields greyed because their value does not apply (the noise seed
with no noise, the clip bound, a run's own η, the mini-batch size) were disabled: a
click left the keyboard with the window (gui.widgets.field_keys.set_applies)."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit

from engine.optimizers import METHODS
from gui.widgets.field_keys import applies

pytestmark = [pytest.mark.shared_window, pytest.mark.xdist_group("field_clicks_shared")]


def _number_fields(page):
    """The page's shown number fields (spin boxes; the Network's layer sizes too)."""
    fields = [f for f in page.findChildren(QAbstractSpinBox) if f.isVisible()]
    return fields + [f for f in page.findChildren(QLineEdit) if f.isVisible()
                     and not isinstance(f.parent(), QAbstractSpinBox)
                     and f is not getattr(page, "editor", None)]


def _click_and_type(window, qtbot, field) -> list:
    """A single click at the field's centre, then "abc": what went wrong, if anything."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.tabs.tabBar().setFocus()                       # the keyboard with the window
    tab, text = window.current_tab, _text(field)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=field.rect().center())
    focus = QApplication.focusWidget()
    qtbot.keyClicks(focus or window, "abc")
    faults = []
    if focus is not field and not field.isAncestorOf(focus):
        faults.append(f"focus on {type(focus).__name__}")
    if window.lecture_commands.blackout.isVisible():
        faults.append("B blacked the screen out")
        window.lecture_commands.blackout.toggle()
    if window.current_tab != tab:
        faults.append(f"the tab became {window.current_tab}")
    if isinstance(field, QAbstractSpinBox) and _text(field) != text:
        faults.append(f"the number became {_text(field)!r}")
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Escape)
    return faults


def _text(field) -> str:
    return field.lineEdit().text() if isinstance(field, QAbstractSpinBox) else field.text()


@pytest.mark.parametrize("tab", ["neuron", "network", "explorer"])
def test_a_click_in_any_number_field_takes_the_typed_letters(window, qtbot, tab):
    window.show_tab(tab)
    if tab == "explorer":
        window.model.set_settings(methods=METHODS)        # every method's settings shown
        assert window.model.wait_for_analysis(60000)
        page = window.descent_panel
    else:
        page = window.tabs.currentWidget()
    qtbot.waitUntil(page.isVisible, timeout=3000)
    fields = _number_fields(page)
    assert len(fields) >= {"neuron": 6, "network": 7, "explorer": 15}[tab]
    greyed = [f for f in fields if isinstance(f, QAbstractSpinBox) and not applies(f)]
    assert greyed or tab == "neuron"        # the noise seed, clip, own η; mini-batch k
    faults = {f.toolTip()[:40]: _click_and_type(window, qtbot, f) for f in fields}
    assert {name: what for name, what in faults.items() if what} == {}
