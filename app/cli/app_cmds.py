"""``kiosk run`` and ``kiosk tour``: the commands that start Qt."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from kiosk.logs import setup_logging


def register(sub: Any) -> None:
    run = sub.add_parser("run", help="start the kiosk")
    run.add_argument("--demo", action="store_true", help="demo mode: sample data, simulators")
    run.add_argument("--tour-out", type=Path, default=Path("tour"), help="tour folder if headless")
    run.set_defaults(func=_run)
    tour = sub.add_parser("tour", help="save a PNG of every screen, offscreen")
    tour.add_argument("--out", type=Path, required=True, help="folder for the pictures")
    tour.add_argument("--demo", action="store_true", default=True, help=argparse.SUPPRESS)
    tour.set_defaults(func=_tour)


def _config(args: argparse.Namespace) -> Any:
    from app.cli import load

    config = load(args)
    if not getattr(args, "demo", False):
        # app.demo imports the demo platform (FastAPI, the console: about 1 s of
        # imports on this machine, several on a slow board) before a plain
        # `kiosk run` shows its first frame.
        return config
    from app.demo import demo_config

    return demo_config(config)


def _run(args: argparse.Namespace) -> int:
    from ui.qt_env import has_display, prepare_qt_environment

    config = _config(args)
    if not has_display():
        print(
            "No display found (DISPLAY and WAYLAND_DISPLAY are unset): "
            "running the headless tour instead."
        )
        args.out = args.tour_out
        return _tour(args)
    setup_logging(config.log_dir, config.logging.level)
    prepare_qt_environment(offscreen=False)
    if config.kiosk.demo:
        from app.demo import run_demo

        return run_demo(config)
    from ui.app import run

    return int(run(config))


def _tour(args: argparse.Namespace) -> int:
    from ui.qt_env import prepare_qt_environment

    config = _config(args)
    # The tour walks a fresh kiosk in a folder of its own, so it never
    # touches a real kiosk's data (it sets a PIN, queues applications...).
    config.kiosk.data_dir = tempfile.mkdtemp(prefix="kiosk-tour-")
    setup_logging(config.log_dir, config.logging.level, console=False)
    prepare_qt_environment(offscreen=True)
    from app.demo import prepare_demo_storage
    from ui.tour import tour

    out: Path = args.out
    saved = tour(config, out, prepare=lambda _backends, storage: prepare_demo_storage(storage))
    print(f"Tour: {len(saved)} pictures in {out.resolve()}/ (portrait/ and landscape/)")
    from app.console_tour import console_tour

    console = console_tour(out)
    if console:
        print(f"Console: {len(console)} pictures in {(out / 'console').resolve()}/")
    from app.phone_tour import phone_tour

    phone = phone_tour(out)
    if phone:
        print(f"Phone: {len(phone)} pictures in {(out / 'phone').resolve()}/")
    sys.stdout.flush()
    return 0
