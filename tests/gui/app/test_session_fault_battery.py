"""A fault battery (issue 16): corrupt and extreme session files generated from the real
schema — wrong types, nan/inf, huge and negative numbers, deep nesting, truncation,
other encodings — opened as File ▸ Open does and as the last session restored at start.
Each ends loaded or with a clear message; the window lives, the file is untouched
(a bad last session is only renamed aside), and a later save succeeds."""
import json
import math
import re
import time

from hypothesis import HealthCheck, given, settings as hyp_settings, strategies as st


JUNK_VALUES = st.one_of(
    st.none(), st.booleans(), st.text(max_size=12),
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -1e308, 10**40, -5, -1, 0, 1e-320,
                     2**63, 0.5]),
    st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.lists(st.integers(-3, 3), max_size=4), st.dictionaries(st.text(max_size=3), st.none(), max_size=2),
    st.integers(1, 5000).map(lambda n: f"__DEEP_{n}__"),   # nesting n deep, see below
)


def _paths(node, prefix=()):
    """Every place in the state tree (dict keys and list indices), for mutation."""
    yield prefix
    if len(prefix) > 6:
        return
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):
            yield from _paths(v, prefix + (i,))


def _replace(tree, path, value):
    if not path:
        return value
    node = tree
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return tree


@st.composite
def corrupt_files(draw, base: dict):
    """Bytes of a session file: the real state with a few values replaced by junk, then
    perhaps truncated or written in another encoding."""
    state = json.loads(json.dumps(base))
    places = list(_paths(state))
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(places))
        try:
            state = _replace(state, path, draw(JUNK_VALUES))
        except (KeyError, IndexError, TypeError):
            pass                     # the place went away with an earlier replacement
        places = list(_paths(state))
    text = json.dumps(state, allow_nan=True)
    # nesting thousands deep is written as text: json itself cannot build it
    text = re.sub(r'"__DEEP_(\d+)__"', lambda m: "[" * int(m[1]) + "]" * int(m[1]), text)
    how = draw(st.sampled_from(["plain", "plain", "truncate", "utf-16", "latin-1", "bytes"]))
    if how == "truncate":
        return text[:draw(st.integers(0, max(0, len(text) - 1)))].encode()
    if how == "utf-16":
        return text.encode("utf-16")
    if how == "latin-1":
        return (text[:-1] + ' , "é": "ü"}').encode("latin-1", "replace")
    if how == "bytes":
        return draw(st.binary(max_size=64)) + text.encode()[:200]
    return text.encode()


def _message_is_plain(message):
    assert message and "Traceback" not in message and "NoneType" not in message, message
    assert "'descent'" not in message and "object of type" not in message, message


def test_corrupt_sessions_end_loaded_or_explained(window, tmp_path, capsys):
    base = {"app": "Gradient Lab", "version": 1, **window.session.state()}
    start = time.monotonic()
    folder = window.session.last_session_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    count = {"loaded": 0, "refused": 0}

    @hyp_settings(max_examples=25, deadline=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
    @given(data=corrupt_files(base))
    def check(data):
        # 1. File ▸ Open
        path = tmp_path / "battery.gradlab.json"
        path.write_bytes(data)
        opened = window.commands.open(path)
        if not opened:
            _message_is_plain(window.commands.last_message)
        count["loaded" if opened else "refused"] += 1
        assert window.isVisible()
        assert path.read_bytes() == data                 # never written to
        # 2. The same bytes as the last session, restored at start-up
        last = window.session.last_session_path()
        last.write_bytes(data)
        problem = window.session.restore_last()
        if problem is not None:
            _message_is_plain(problem)
            kept = [p for p in folder.iterdir() if p.name.startswith(last.name + ".bad-")]
            assert last.exists() or (kept and kept[-1].read_bytes() == data)
            for p in kept:
                p.unlink()
        else:
            assert last.read_bytes() == data
        # 3. A later save succeeds
        window.session._keep_last = False
        assert window.commands.save_as(tmp_path / "after.gradlab.json")
        window.session.save_last()

    check()
    assert window.model.wait_for_analysis(30000)
    assert window.isVisible()
    assert count["refused"] > 0 and count["loaded"] > 0
    assert "Traceback" not in capsys.readouterr().err
    print(f"battery: {count}, {time.monotonic() - start:.1f} s")
