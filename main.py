"""Gradient Lab: `python main.py` (or `gradient-lab`) opens the explorer on Example 2
of the course notes."""
import os
import sys

# gui.NO_QT_ENV: set while gui is first imported, so that Qt and pyqtgraph wait until the
# command line is accepted (gui.load_qt, in gui/app/cli.py): --help and a refused value
# answer without them. Unset again at once: the processes the app starts must not see it.
_NO_QT_ENV = "GRADIENT_LAB_NO_QT"


def main(argv=None) -> int:
    put_off = _NO_QT_ENV not in os.environ
    if put_off:
        os.environ[_NO_QT_ENV] = "1"
    try:
        from gui.app.cli import main as cli_main
    finally:
        if put_off:
            del os.environ[_NO_QT_ENV]
    return cli_main(sys.argv[1:] if argv is None else argv, end_process=True)


if __name__ == "__main__":
    sys.exit(main())
