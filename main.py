"""Gradient Lab: `python main.py` (or `gradient-lab`) opens the explorer on the seed's example."""
import sys


def main(argv=None) -> int:
    from gui.app.cli import main as cli_main
    return cli_main(sys.argv[1:] if argv is None else argv, end_process=True)


if __name__ == "__main__":
    sys.exit(main())
