"""File ▸ New's splitter memory (gui/widgets/splitter_memory): a splitter is put back to
the layout its page settled in when fresh, not to the sizes read at its first show."""
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFrame, QLabel, QSplitter, QVBoxLayout, QWidget

from gui.widgets.splitter_memory import SplitterMemory


def _drag_handle(splitter, index, by):
    """Drag the splitter's handle `index` by `by` px with the mouse, as a user does."""
    handle = splitter.handle(index)
    start = handle.rect().center()
    end = start + (QPoint(by, 0) if splitter.orientation() == Qt.Orientation.Horizontal
                   else QPoint(0, by))
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(handle, end)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=end)


class _Part(QFrame):
    def __init__(self, hint, smallest):
        super().__init__()
        self.hint = hint
        self.setMinimumHeight(smallest)

    def sizeHint(self):
        return QSize(100, self.hint)


def _column():
    """A caption above a vertical splitter whose first part takes the growth (as in the
    Network tab's columns: a caption's wrapped height settles after the first show)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    caption = QLabel("caption")
    caption.setFixedHeight(60)
    splitter = QSplitter(Qt.Orientation.Vertical)
    # no stretch factors: Qt shares the length by the size hints, the second part held at
    # its smallest height (its share is smaller), the first taking the rest
    splitter.addWidget(_Part(150, 40))
    splitter.addWidget(_Part(50, 150))
    layout.addWidget(caption)
    layout.addWidget(splitter)
    return page, caption, splitter


def test_new_gives_the_layout_the_page_settled_in_not_the_first_shown(qtbot, shown):
    """The caption 40 px lower a turn after the first show: Qt gives the splitter's first
    part the 40 px. Both handles dragged, then restore: the settled sizes exactly (the
    first shown sizes put back in proportion shared the 40 px between the parts)."""
    page, caption, splitter = _column()
    memory = SplitterMemory(page)
    memory.watch(page)
    shown(page, 300, 500)
    qtbot.wait(30)                          # the first sizes read
    first = splitter.sizes()
    caption.setFixedHeight(20)              # the page settles
    qtbot.waitUntil(lambda: sum(splitter.sizes()) == sum(first) + 40, timeout=2000)
    qtbot.wait(30)
    settled = splitter.sizes()
    assert settled == [first[0] + 40, first[1]]
    _drag_handle(splitter, 1, -60)
    qtbot.wait(30)
    assert splitter.sizes()[0] < settled[0] - 40
    memory.restore(page)
    assert splitter.sizes() == settled


def test_a_dragged_splitter_goes_back_to_the_layout_of_the_length_it_has(qtbot, shown):
    """The window made 100 px taller (the splitter's first part takes them), a handle
    dragged, restore: the taller window's sizes read before the drag (not the first
    ones in proportion); back to the first height, dragged again, restore: the first."""
    page, _caption, splitter = _column()
    memory = SplitterMemory(page)
    memory.watch(page)
    shown(page, 300, 500)
    qtbot.wait(30)
    first = splitter.sizes()
    assert first[1] == 150                  # held at its smallest
    for height, expected in ((600, [first[0] + 100, first[1]]), (500, first)):
        page.resize(300, height)
        qtbot.waitUntil(lambda: sum(splitter.sizes()) == sum(expected), timeout=2000)
        qtbot.wait(30)
        assert splitter.sizes() == expected
        _drag_handle(splitter, 1, -60)
        qtbot.wait(30)
        assert splitter.sizes()[0] <= expected[0] - 60
        memory.restore(page)
        assert splitter.sizes() == expected, height


def test_a_splitter_dragged_at_a_larger_text_goes_back_to_the_text_size_s_layout(
        qtbot, shown, monkeypatch):
    """A larger text (the theme's scale; its larger minimum heights stood in for by the
    second part's) lays the splitter out otherwise at the same length; a handle dragged
    there, the text back, restore: the sizes the splitter had at this text size (those of
    the larger text clamp nothing at the smaller one, and would stay)."""
    from gui.widgets import theme
    page, _caption, splitter = _column()
    memory = SplitterMemory(page)
    memory.watch(page)
    shown(page, 300, 500)
    qtbot.wait(30)
    first, normal = splitter.sizes(), theme.current()
    monkeypatch.setattr(theme, "_current", theme.theme(normal.name, normal.scale * 1.5))
    splitter.widget(1).setMinimumHeight(250)
    qtbot.waitUntil(lambda: splitter.sizes()[1] == 250, timeout=2000)
    qtbot.wait(30)                                  # read at the larger text
    _drag_handle(splitter, 1, -60)
    qtbot.wait(30)
    monkeypatch.setattr(theme, "_current", normal)
    splitter.widget(1).setMinimumHeight(150)
    qtbot.wait(30)
    assert splitter.sizes() != first                # the drag's layout
    memory.restore(page)
    assert splitter.sizes() == first
