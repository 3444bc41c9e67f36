"""``python -m central [--db DB] serve|token|...``: the same as ``kiosk platform ...``."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main(["platform", *sys.argv[1:]]))
