"""``kiosk technician set-pin`` and ``kiosk technician provision`` from a shell."""

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
    prov = tech_sub.add_parser(
        "provision",
        help="enroll with the platform from its provisioning QR text or typed fields",
    )
    prov.add_argument("--qr", help="the QR's text: gov-kiosk://provision?url=...&token=...")
    prov.add_argument("--url", default="", help="platform URL (instead of --qr)")
    prov.add_argument("--token", default="", help="enrollment token (instead of --qr)")
    prov.add_argument("--code", default="", help="kiosk code the platform assigned")
    prov.add_argument("--fingerprint", default="", help="SHA-256 of the platform certificate")
    prov.set_defaults(func=_provision)


def _set_pin(args: argparse.Namespace) -> int:
    from kiosk.cli import load
    from kiosk.storage import open_storage
    from kiosk.technician.pin import PinGuard

    config = load(args)
    pin = args.pin or getpass.getpass("New technician PIN: ")
    PinGuard(open_storage(config.database_path)).set_pin(pin)
    print("Technician PIN set.")
    return 0


def _provision(args: argparse.Namespace) -> int:
    """The technician page's provisioning, from a shell: same checks, same messages."""
    import sys

    from kiosk.cli import load
    from kiosk.errors import KioskError
    from kiosk.i18n import describe_error
    from kiosk.storage import open_storage
    from kiosk.technician.provisioning import make_request, parse_provisioning, provision

    config = load(args)
    storage = open_storage(config.database_path)
    try:
        request = (
            parse_provisioning(args.qr)
            if args.qr
            else make_request(args.url, args.token, args.code, args.fingerprint)
        )
        result = provision(storage, config, request)
    except KioskError as exc:
        print(f"kiosk: {describe_error(exc, 'en')}", file=sys.stderr)
        return 1
    finally:
        storage.close()
    print(f"enrolled as {result.kiosk_id} with {request.url}")
    return 0
