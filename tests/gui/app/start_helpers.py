"""Test helper for the start-up tests: a last session saved as a user leaves it."""
from gui.app.application import build_window


def save_last_session(qtbot, shown, settings, text, start):
    """Open a window, set f to `text` and the start to `start`, close it (which saves
    the last session); its session state and the paths it showed, by run key."""
    model, window = build_window(settings=settings)
    shown(window, 1400, 860)
    assert model.wait_for_analysis(60000)
    model.set_text(text)
    assert model.wait_for_analysis(60000)
    model.set_start(start)
    state = window.session.state()
    paths = {key: path.points.copy() for key, path in model.paths.items()}
    window.close()                       # saves the last session
    return state, paths
