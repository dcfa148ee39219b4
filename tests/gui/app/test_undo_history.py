"""The undo history alone (a stand-in session): at a fresh start the first snapshot
waiting its debounce is the baseline, not an edit, so Undo is not offered for it; an
edit after the baseline is."""
from gui.app.undo_history import UndoHistory


class _Session:
    def __init__(self):
        self.value = 0

    def state(self):
        return {"value": self.value}

    def apply(self, state):
        self.value = state["value"]

    def mark_modified(self):
        pass


def test_the_first_snapshot_of_a_fresh_start_is_nothing_to_undo(qtbot):
    session = _Session()
    history = UndoHistory(session)
    offered = []
    history.availabilityChanged.connect(lambda undo, _redo: offered.append(undo))
    history.on_change()                  # the start's own answers arriving
    assert history.can_undo is False
    history.capture()                    # the debounce ends: the baseline
    assert history.can_undo is False and offered[-1] is False
    session.value = 1                    # a real edit
    history.on_change()
    assert history.can_undo is True      # waiting, it is already something to undo
    history.capture()
    assert history.undo() and session.value == 0 and history.can_redo   # back to the baseline
