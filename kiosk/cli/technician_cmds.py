"""``kiosk technician set-pin``: set the technician PIN from a shell."""

from __future__ import annotations

import argparse
import getpass
from typing import Any


def register(sub: Any) -> None:
    tech = sub.add_parser("technician", help="technician access")
    tech_sub = tech.add_subparsers(dest="technician_command", required=True, metavar="ACTION")
    set_pin = tech_sub.add_parser("set-pin", help="set the technician PIN (6-12 digits)")
    set_pin.add_argument("--pin", help="the PIN (default: asked without echo)")
    set_pin.set_defaults(func=_set_pin)


def _set_pin(args: argparse.Namespace) -> int:
    from kiosk.cli import load
    from kiosk.storage import open_storage
    from kiosk.technician.pin import PinGuard

    config = load(args)
    pin = args.pin or getpass.getpass("New technician PIN: ")
    PinGuard(open_storage(config.database_path)).set_pin(pin)
    print("Technician PIN set.")
    return 0
