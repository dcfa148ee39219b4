"""The two ways the analysis worker answers a new 2-D f, pinned for a test: sketched first
(f alone, then (f, ∇f) in the worker: as a large f always is), or compiled with its
gradient at once (as a small f is while a core is free)."""
import pytest

from gui.compute import analysis_worker


@pytest.fixture
def sketching(monkeypatch):
    """Every new 2-D f is sketched first, small ones too."""
    monkeypatch.setattr(analysis_worker, "INLINE_COMPILE_MS", -1.0)


@pytest.fixture
def inline(monkeypatch):
    """Every new 2-D f is compiled with its gradient at once."""
    monkeypatch.setattr(analysis_worker, "INLINE_COMPILE_MS", float("inf"))
    monkeypatch.setattr(analysis_worker, "core_free", lambda: True)     # (a busy machine)
