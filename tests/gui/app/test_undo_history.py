"""The undo history alone (a stand-in session): at a fresh start the first snapshot
waiting its debounce is the baseline, not an edit, so Undo is not offered for it; an
edit after the baseline is."""
from gui.app.undo_history import UndoHistory, keep_navigation


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


def test_undo_leaves_the_tab_and_the_steps_where_they_are():
    """Undoing the neuron's training (the only change) keeps the Explorer at the step it
    was stepped to (stepping takes no snapshot) and shows the Neuron tab, where the
    change is; a part whose content changed comes back whole, its step too."""
    before = {"explorer": {"text": "x^2", "frame": 0}, "neuron": {"trained_steps": 0, "stage": 0},
              "network": {"step": 0}, "view": {"tab": "explorer", "focus": "both"}}
    live = {"explorer": {"text": "x^2", "frame": 3}, "neuron": {"trained_steps": 100, "stage": 4},
            "network": {"step": 0}, "view": {"tab": "network", "focus": "contour"}}
    out = keep_navigation(before, live)
    assert out["explorer"] == {"text": "x^2", "frame": 3}
    assert out["neuron"] == {"trained_steps": 0, "stage": 4}       # its stage stays too
    assert out["view"] == {"tab": "neuron", "focus": "contour"}
    assert before["explorer"]["frame"] == 0                       # (the entry is not changed)
    # two pages changed: the tab stays where it is, and the Explorer at its step (the
    # snapshot's 0 is stale: stepping took no snapshot)
    live2 = {**live, "explorer": {"text": "x^3", "frame": 3}}
    out2 = keep_navigation(before, live2)
    assert out2["view"]["tab"] == "network"
    assert out2["explorer"] == {"text": "x^2", "frame": 3}


def test_undo_leaves_the_view_switches_as_they_are():
    """Basins ticked (no snapshot), then a new f typed: undoing the f keeps Basins on,
    while the views' other parts (the 3-D camera) come back with the snapshot."""
    before = {"explorer": {"text": "x^2", "views": {"lab": {"basins": False},
                                                    "surface": {"azimuth": 30}}}}
    live = {"explorer": {"text": "x^3", "views": {"lab": {"basins": True},
                                                  "surface": {"azimuth": 60}}}}
    out = keep_navigation(before, live)
    assert out["explorer"]["views"] == {"lab": {"basins": True}, "surface": {"azimuth": 30}}
    assert out["explorer"]["text"] == "x^2"
    assert before["explorer"]["views"]["lab"] == {"basins": False}
