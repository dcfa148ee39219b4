"""A module whose tests share something built once per module (a window, a trained tab)
keeps its tests on one xdist worker: pyproject's `--dist loadgroup` sends every test
without an xdist_group mark to whichever worker is free, and each worker that gets one of
the module's tests builds the shared thing again (tests/gui/neuron/test_look_while_hidden.py
built its three windows on both workers, ~25 s of a loaded run each)."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the per-module fixtures of tests/gui/conftest.py, by the names the tests ask for
SHARED_FIXTURES = {"module_window", "reused_window", "module_fresh_window", "untouched_window"}


def _decorator_name(node) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    return ast.unparse(target)


def _module_fixtures(tree) -> set:
    """Names of the fixtures the module defines with a module, class or package scope."""
    names = set()
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for deco in node.decorator_list:
            if (isinstance(deco, ast.Call) and _decorator_name(deco).endswith("fixture")
                    and any(k.arg == "scope" and isinstance(k.value, ast.Constant)
                            and k.value.value in ("module", "class", "package")
                            for k in deco.keywords)):
                names.add(node.name)
    return names


def _cases(test) -> int:
    """At least how many tests pytest collects from the function (2 if parametrized)."""
    parametrized = any("parametrize" in _decorator_name(d) for d in test.decorator_list)
    return 2 if parametrized else 1


def modules_sharing_across_workers() -> list:
    """The test modules with more than one test that share a per-module fixture (their
    own, tests/gui/conftest.py's, or `window` in a module marked shared_window) and name no
    xdist_group."""
    found = []
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        text = path.read_text()
        tree = ast.parse(text, str(path))
        shared = _module_fixtures(tree) | SHARED_FIXTURES
        if "shared_window" in text:
            shared.add("window")
        tests = [n for n in tree.body if isinstance(n, ast.FunctionDef)
                 and n.name.startswith("test_")]
        sharing = [t for t in tests if shared & {a.arg for a in t.args.args}]
        if sharing and sum(map(_cases, tests)) > 1 and "xdist_group" not in text:
            found.append(str(path.relative_to(ROOT)))
    return found


def test_modules_that_share_a_fixture_stay_on_one_worker():
    assert modules_sharing_across_workers() == []


def test_auto_starts_three_workers_on_two_cores(monkeypatch):
    """`-n auto` (pyproject's addopts, CI's two cores): three workers, which fill the time
    one worker per core left idle; PYTEST_XDIST_AUTO_NUM_WORKERS still decides when set."""
    from tests import conftest
    monkeypatch.delenv("PYTEST_XDIST_AUTO_NUM_WORKERS", raising=False)
    monkeypatch.setattr(conftest.os, "sched_getaffinity", lambda _pid: {0, 1})
    assert conftest.pytest_xdist_auto_num_workers(None) == 3
    monkeypatch.setattr(conftest.os, "sched_getaffinity", lambda _pid: {0})
    assert conftest.pytest_xdist_auto_num_workers(None) == 2
    monkeypatch.setenv("PYTEST_XDIST_AUTO_NUM_WORKERS", "5")
    assert conftest.pytest_xdist_auto_num_workers(None) is None    # xdist's hook: 5
