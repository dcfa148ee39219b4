"""The lecture tests' window: conftest's, with more patience for the first analysis.

On a shared 2-core machine under load, the symbolic helper process alone took ~10 s
to start (measured: 10.1 s with and 10.5 s without the lecture code), past
wait_for_analysis's default; the lecture tests wait up to a minute instead.
"""
import gc

import pytest

SLOW_MS = 60000


@pytest.fixture
def window(shown, settings):
    from gui.app.application import build_window
    model, win = build_window(settings=settings)
    shown(win, 1400, 860)
    assert model.wait_for_analysis(SLOW_MS)
    yield win
    model.shutdown()
    gc.collect()
