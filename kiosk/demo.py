"""Demo mode: a self-contained kiosk in ./.demo with simulated surroundings."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import Config

DEMO_DIR = Path(".demo")


def demo_config(base: Config | None = None) -> Config:
    config = base or Config()
    config.kiosk.demo = True
    if not config.kiosk.data_dir:
        config.kiosk.data_dir = str(DEMO_DIR.resolve())
    if config.source in ("", "(defaults)"):
        config.source = "(demo defaults)"
    return config
