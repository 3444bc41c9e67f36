"""All of demo mode, in one place: a self-contained kiosk in ./.demo.

``kiosk run --demo`` gets the three simulators on ptys, the reference
platform on loopback with this kiosk enrolled through the real API, a known
technician PIN, and "hands": the demo card laid on the reader a moment after
the Identify screen asks for it (nobody can lay a card on a simulated reader)
and taken away when the visit ends. No production module knows demo mode.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from devices.sim.idcard_sim import sample_card
from devices.sim.kit import SimulatorKit, start_simulators
from kiosk.catalog.store import ensure_sample_catalog
from kiosk.config import Config
from kiosk.enrollment import read_enrollment
from kiosk.errors import KioskError
from kiosk.i18n import LANGUAGES
from kiosk.storage import Storage
from kiosk.technician.pin import PinGuard
from sync.enroll import enroll

if TYPE_CHECKING:  # the platform (FastAPI, SQLAlchemy): imported when it starts
    from app.demo_platform import DemoPlatform

log = logging.getLogger(__name__)

DEMO_DIR = Path(".demo")
DEMO_PIN = "246810"
DEMO_CARD: dict[str, Any] = sample_card(name="王小明")
CARD_DELAY_MS = 1500


def demo_config(base: Config | None = None) -> Config:
    config = base or Config()
    config.kiosk.demo = True
    if not config.kiosk.data_dir:
        config.kiosk.data_dir = str(DEMO_DIR.resolve())
    if config.source in ("", "(defaults)"):
        config.source = "(demo defaults)"
        config.kiosk.languages = list(LANGUAGES)  # the demo shows Uyghur and zh-Hant too
    return config


def prepare_demo_storage(storage: Storage) -> None:
    """A demo kiosk has the sample catalog (71 services) and opens to technicians
    with a known PIN (printed in the README). A kiosk in service gets its
    catalog from the platform and its PIN from its technician."""
    try:
        ensure_sample_catalog(storage)
    except KioskError as exc:
        log.error("sample catalog not seeded: %s", exc.detail)
    guard = PinGuard(storage)
    if not guard.is_set():
        guard.set_pin(DEMO_PIN)


def start_enrolled_platform(
    data_dir: Path, storage: Storage, config: Config, *, port: int | None = None
) -> DemoPlatform:
    """The reference platform on loopback, with this kiosk enrolled if it is not yet."""
    # Imported here, not with this module: preparing a demo kiosk's storage
    # (the tour, the benchmarks) needs none of the platform's libraries.
    from app.demo_platform import DEMO_PORT, start_demo_platform

    demo = start_demo_platform(data_dir, port=DEMO_PORT if port is None else port)
    url = demo.url
    known = read_enrollment(storage)
    if not (known.done and known.url == url.rstrip("/")):
        enroll(storage, config, url, demo.store.create_token())
    return demo


def run_demo(config: Config) -> int:
    """``kiosk run --demo`` in a window: simulators, platform, PIN, hands."""
    from ui.app import run

    kit = start_simulators(config)
    print(
        "Demo: simulated card reader, printer and scanner; "
        f"receipts as PNG in {kit.receipts_dir}"
    )

    def prepare(backends: Any, storage: Storage) -> None:
        prepare_demo_storage(storage)
        backends.demo_platform = start_enrolled_platform(config.data_dir, storage, config)
        log.info("demo platform at %s", backends.demo_platform.url)

    def attach(app: Any) -> Any:
        hands = _hands(app.backends, kit)
        return hands.stop

    return int(run(config, prepare=prepare, attach=attach))


def _hands(backends: Any, kit: SimulatorKit) -> Any:
    from PySide6.QtCore import QObject, QTimer

    class DemoHands(QObject):
        """Lays the demo card when Identify asks; takes it away at the visit's end."""

        def __init__(self) -> None:
            super().__init__()
            self._nav = backends.navigator
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.setInterval(CARD_DELAY_MS)
            self._timer.timeout.connect(self._place_card)
            self._nav.screenChanged.connect(self._on_screen)
            backends.sessions.on_wipe(self._remove_card)

        def _on_screen(self) -> None:
            if self._nav.screen == "Identify":
                self._timer.start()

        def _place_card(self) -> None:
            if self._nav.screen == "Identify":
                kit.idcard.place(DEMO_CARD)

        def _remove_card(self) -> None:
            self._timer.stop()
            kit.idcard.remove()

        def stop(self) -> None:
            self._timer.stop()
            kit.stop()

    return DemoHands()
