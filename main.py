"""Gradient Lab: `python main.py` (or `gradient-lab`) opens the explorer on the seed's example."""
import sys


def main() -> int:
    from gui.app import run
    return run(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
