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

# Each module defines ``register(subparsers)``; its parsers set ``func``. The
# commands each registers are listed so that ``kiosk run`` builds its own parser
# alone: the other modules' imports and arguments cost 20-35 ms before the first
# frame. ``kiosk --help``, or a command not listed here, builds them all
# (tests/test_cli_commands.py checks the lists).
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "app.cli.app_cmds": ("run", "tour"),
    "app.cli.config_cmds": ("config",),
    "app.cli.technician_cmds": ("technician",),
    "app.cli.devices_cmds": ("devices", "sim"),
    "app.cli.catalog_cmds": ("catalog",),
    "app.cli.sync_cmds": ("sync", "status", "provision"),
    "app.cli.platform_cmds": ("platform",),
    "app.cli.voice_cmds": ("voice",),
}
_GLOBAL_OPTIONS = ("--config", "--lang")  # the options that take a value, before COMMAND


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of ``command`` alone when a module lists it."""
    parser = argparse.ArgumentParser(prog="kiosk", description="Government-service kiosk")
    parser.add_argument("--config", type=Path, help="TOML config file (default: user config dir)")
    parser.add_argument("--lang", choices=("zh", "en"), default="en", help="language of messages")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    known = any(command in commands for commands in COMMAND_MODULES.values())
    for name, commands in COMMAND_MODULES.items():
        if not known or command in commands:
            importlib.import_module(name).register(sub)
    return parser


def command_in(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names after the global options, or None when it asks
    for help or spells an option otherwise (the whole parser then answers)."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _GLOBAL_OPTIONS:
            i += 2
        elif arg.startswith(tuple(f"{option}=" for option in _GLOBAL_OPTIONS)):
            i += 1
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


def load(args: argparse.Namespace) -> Config:
    return load_config(args.config)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(command_in(argv)).parse_args(argv)
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
