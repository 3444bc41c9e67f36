"""Starts the kiosk: ``python main.py`` is ``kiosk run``."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["run"]))
