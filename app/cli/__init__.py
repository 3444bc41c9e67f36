"""The ``kiosk`` command: one subcommand module per area.

Qt is imported only by the subcommands that show something (run, tour), so
``kiosk catalog search`` or ``kiosk sync --once`` start fast on a kiosk and in
CI without a display.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk.config import Config, load_config
from kiosk.errors import ConfigError, KioskError
from kiosk.i18n import describe_error

log = logging.getLogger(__name__)

# Neither the kiosk nor the platform uses a pydantic plugin; without this, the
# first model pydantic builds scans every installed distribution's entry points
# for plugins (20-30 ms of the kiosk's start before a touch is answered).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# Each module defines ``register(subparsers)``; its parsers set ``func``.
COMMAND_MODULES = (
    "app.cli.app_cmds",
    "app.cli.config_cmds",
    "app.cli.technician_cmds",
    "app.cli.devices_cmds",
    "app.cli.catalog_cmds",
    "app.cli.sync_cmds",
    "app.cli.platform_cmds",
    "app.cli.voice_cmds",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Government-service kiosk")
    parser.add_argument("--config", type=Path, help="TOML config file (default: user config dir)")
    parser.add_argument("--lang", choices=("zh", "en"), default="en", help="language of messages")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def load(args: argparse.Namespace) -> Config:
    return load_config(args.config)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ConfigError as exc:
        print(f"kiosk: {exc.detail}", file=sys.stderr)
        return 2
    except KioskError as exc:
        print(f"kiosk: {describe_error(exc, args.lang)}", file=sys.stderr)
        if exc.detail:
            print(f"  ({exc.detail})", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
