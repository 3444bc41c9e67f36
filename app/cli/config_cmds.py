"""``kiosk config show``: the effective configuration."""

from __future__ import annotations

import argparse
import json
from typing import Any

from kiosk.config import to_toml


def register(sub: Any) -> None:
    config = sub.add_parser("config", help="show the effective configuration")
    config_sub = config.add_subparsers(dest="config_command", required=True, metavar="ACTION")
    show = config_sub.add_parser("show", help="print the effective config as TOML")
    show.add_argument("--json", action="store_true", help="print JSON instead of TOML")
    show.set_defaults(func=_show)


def _show(args: argparse.Namespace) -> int:
    from app.cli import load

    config = load(args)
    if args.json:
        print(json.dumps(config.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(f"# source: {config.source}")
        print(to_toml(config))
    return 0
