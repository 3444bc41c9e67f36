"""``kiosk technician set-pin``, ``first-run-code`` and ``provision`` from a shell."""

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
    first = tech_sub.add_parser(
        "first-run-code",
        help="print a one-time code that lets the touchscreen set the first technician PIN",
    )
    first.add_argument(
        "--minutes", type=int, default=30, help="how long the code is valid (default 30, 1-1440)"
    )
    first.set_defaults(func=_first_run_code)
    prov = tech_sub.add_parser(
        "provision",
        help="enroll with the platform from its provisioning QR text or typed fields",
    )
    prov.add_argument("--qr", help="the QR's text: gov-kiosk://provision?url=...&token=...")
    prov.add_argument("--url", default="", help="platform URL (instead of --qr)")
    prov.add_argument("--token", default="", help="enrollment token (instead of --qr)")
    prov.add_argument("--code", default="", help="kiosk code the platform assigned")
    prov.add_argument("--fingerprint", default="", help="SHA-256 of the platform certificate")
    prov.add_argument(
        "--confirm-pending",
        action="store_true",
        help="provision even though items still wait for the current platform "
        "(they stay bound to it and are still sent there)",
    )
    prov.set_defaults(func=_provision)


def _set_pin(args: argparse.Namespace) -> int:
    from app.cli import load
    from kiosk.storage import open_storage
    from kiosk.technician.pin import PinGuard

    config = load(args)
    pin = args.pin or getpass.getpass("New technician PIN: ")
    PinGuard(open_storage(config.database_path)).set_pin(pin)
    print("Technician PIN set.")
    return 0


def _first_run_code(args: argparse.Namespace) -> int:
    """A fresh kiosk's PIN pad asks for this code before it lets anyone set the PIN."""
    import datetime as dt

    from app.cli import load
    from kiosk.errors import ValidationError
    from kiosk.storage import open_storage
    from kiosk.technician.pin import PinGuard

    if not 1 <= args.minutes <= 1440:
        raise ValidationError(f"--minutes {args.minutes} is not 1-1440", key="error.validation")
    config = load(args)
    storage = open_storage(config.database_path)
    try:
        code, expires = PinGuard(storage).issue_setup_code(args.minutes * 60)
    finally:
        storage.close()
    until = dt.datetime.fromtimestamp(expires).astimezone().strftime("%Y-%m-%d %H:%M %Z")
    print(code)
    print(f"One-time PIN set-up code; valid until {until}. Enter it on the kiosk's PIN pad.")
    return 0


def _provision(args: argparse.Namespace) -> int:
    """The technician page's provisioning, from a shell: same checks, same messages."""
    import dataclasses
    import sys

    from app.cli import load
    from kiosk.errors import KioskError
    from kiosk.i18n import describe_error
    from kiosk.storage import open_storage
    from kiosk.technician.provisioning import make_request, parse_provisioning
    from sync.provisioning import provision

    config = load(args)
    storage = open_storage(config.database_path)
    try:
        request = (
            parse_provisioning(args.qr)
            if args.qr
            else make_request(args.url, args.token, args.code, args.fingerprint)
        )
        if args.confirm_pending:
            request = dataclasses.replace(request, confirm_pending=True)
        result = provision(storage, config, request)
    except KioskError as exc:
        print(f"kiosk: {describe_error(exc, args.lang or 'en')}", file=sys.stderr)
        return 1
    finally:
        storage.close()
    print(f"enrolled as {result.kiosk_id} with {request.url}")
    return 0
