"""The six-run race the frame tests share: two GD rates (one diverges), momentum,
Nesterov, Adam and RMSprop on a narrow valley, 120 steps."""
from gui.plots import runs as race

SIX = "gd:lr=0.1, gd:lr=0.3, momentum:lr=0.01, nesterov:lr=0.01, adam:lr=0.3, rmsprop:lr=0.05"
KEYS = ["gd", "gd#2", "momentum", "nesterov", "adam", "rmsprop"]


def start_six_runs(model, qtbot):
    """`model` racing the six runs, their paths computed."""
    model.set_text("(1-x)^2 + 5(y-x^2)^2")
    model.set_start((-1.5, 2.0))
    model.set_settings(runs=race.parse_runs(SIX), max_steps=120)
    qtbot.waitUntil(lambda: list(model.paths) == KEYS, timeout=60000)
    # the critical points too: their markers arriving between two pictures of a
    # test read as a repaint left behind (256 px at load ~12)
    assert model.wait_for_analysis(60000)
    return model
