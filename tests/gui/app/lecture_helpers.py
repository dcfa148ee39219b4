"""What the lecture tests share: patience for the first analysis.

On a shared 2-core machine under load, the symbolic helper process alone took ~10 s
to start (measured: 10.1 s with and 10.5 s without the lecture code), past
wait_for_analysis's default; the lecture tests wait up to a minute, as conftest's
`window` fixture does.
"""
SLOW_MS = 60000
