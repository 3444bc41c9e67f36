"""Demo mode: a self-contained kiosk in ./.demo with simulated surroundings."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import Config
from kiosk.storage import Storage
from kiosk.technician.pin import PinGuard

DEMO_DIR = Path(".demo")


def demo_config(base: Config | None = None) -> Config:
    config = base or Config()
    config.kiosk.demo = True
    if not config.kiosk.data_dir:
        config.kiosk.data_dir = str(DEMO_DIR.resolve())
    if config.source in ("", "(defaults)"):
        config.source = "(demo defaults)"
    return config


DEMO_PIN = "246810"


def prepare_demo_storage(storage: Storage) -> None:
    """A demo kiosk opens to technicians with a known PIN (printed in the README)."""
    guard = PinGuard(storage)
    if not guard.is_set():
        guard.set_pin(DEMO_PIN)
