"""Demo mode on a desktop: simulated devices that behave like a visitor's hands.

Nobody can lay an ID card on a simulated reader, so in demo mode the demo card
is placed a moment after the Identify screen asks for it and taken away when
the visit ends, and the simulated printer keeps each receipt as a PNG.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from devices.demo import DEMO_CARD, DemoDevices, start_demo_simulators
from kiosk.config import Config
from ui.backends import Backends

log = logging.getLogger(__name__)

CARD_DELAY_MS = 1500


def start_demo_devices(config: Config) -> DemoDevices:
    """Before the backends exist: start the simulators and point the config at them."""
    return start_demo_simulators(config, place_card=False)


class DemoHands(QObject):
    def __init__(self, backends: Backends, demo: DemoDevices) -> None:
        super().__init__()
        self._demo = demo
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
            self._demo.idcard.place(DEMO_CARD)

    def _remove_card(self) -> None:
        self._timer.stop()
        self._demo.idcard.remove()

    def stop(self) -> None:
        self._timer.stop()
        self._demo.stop()
