"""What the tests that run real things side by side share: a reference platform on
loopback, the device simulators on ptys, and the one shared kiosk app
(``journey_app``) pointed at both for a test and put back after.

Context managers rather than fixtures: each folder's conftest (or test module)
builds the fixture it needs from them, and pytest sees no second definition of
a fixture (tests/conftest.py's ``pytest_plugins`` already brings the browser
ones). Nothing here imports Qt or the platform at module level: the core's
conftests use it too.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from central.server import PlatformServer

# What ``enroll`` writes into the kiosk's settings: kept aside before a test
# enrolls the shared app, and put back after, so the next test meets it as it was.
ENROLLMENT_KEYS = (
    "platform.url", "platform.public_url", "platform.kiosk_id", "platform.seal_public_key",
    "platform.signing_public_key", "sync.clock_offset_seconds", "sync.status_cursor",
    "sync.catalog_etag", "sync.revoked_at",
)  # fmt: skip


@contextmanager
def running_platform(folder: Path) -> Iterator[PlatformServer]:
    """The reference platform with its database in ``folder/platform``, serving on
    a loopback port; stopped and closed after."""
    from central.server import PlatformServer, open_platform

    server = PlatformServer(open_platform(folder / "platform" / "central.db")).start()
    try:
        yield server
    finally:
        server.stop()
        server.platform.store.close()


@contextmanager
def simulators(folder: Path) -> Iterator[dict[str, Any]]:
    """The card reader, receipt printer and scanner simulators on ptys linked in
    ``folder`` (receipts drawn into ``folder/receipts``): ``card``, ``printer``, ``scanner``."""
    from devices.sim.idcard_sim import IdCardSimulator
    from devices.sim.port import SimPort
    from devices.sim.printer_sim import PrinterSimulator
    from devices.sim.scanner_sim import ScannerSimulator

    card = IdCardSimulator(SimPort(link=folder / "idcard", baudrate=115200)).start()
    printer = PrinterSimulator(SimPort(link=folder / "printer"), out_dir=folder / "receipts")
    printer.start()
    scanner = ScannerSimulator(SimPort(link=folder / "scanner")).start()
    try:
        yield {"card": card, "printer": printer, "scanner": scanner}
    finally:
        for sim in (card, printer, scanner):
            sim.close()


@contextmanager
def devices_on(
    app: Any,
    sims: dict[str, Any],
    qtbot: Any,
    printer_timeout: float = 0.5,
    reader_timeout: float = 0.3,
) -> Iterator[None]:
    """The shared app's devices pointed at ``sims``' ports (short timeouts, paper
    out seen within a moment), the visit ended first; its own ports put back after."""
    b = app.backends
    devices = b.areas["Devices"]
    section = copy.deepcopy(b.config.devices)
    section.idcard.port, section.idcard.timeout, section.idcard.poll_seconds = (
        sims["card"].url, reader_timeout, 0.05,
    )  # fmt: skip
    section.printer.port, section.printer.timeout = sims["printer"].url, printer_timeout
    section.printer.status_seconds = 0.3
    section.scanner.port, section.scanner.timeout = sims["scanner"].url, 0.3
    b.shell.endSession("test")
    devices.reconfigure(section)
    qtbot.waitUntil(lambda: devices.states()["printer"]["ok"], timeout=5000)
    try:
        yield
    finally:
        b.shell.endSession("test")
        devices.reconfigure(copy.deepcopy(b.config.devices))


@contextmanager
def enrolled_with(app: Any, server: PlatformServer) -> Iterator[None]:
    """The shared app enrolled with ``server`` through the real API, its journey
    using the kiosk's own signed HTTP gateway ("online", as the sync service would
    say); its enrollment settings and gateway put back after."""
    from sync.enroll import enroll
    from sync.gateway import HttpGateway
    from ui.journey import JourneyAreas

    b = app.backends
    storage = b.storage
    before = {
        key: row[0]
        for key in ENROLLMENT_KEYS
        for row in storage.conn.execute("SELECT value FROM settings WHERE key = ?", (key,))
    }
    enroll(storage, b.config, server.url, server.platform.store.create_token())
    j = JourneyAreas.of(b)
    previous = j.ctx.gateway
    j.visit.use_gateway(HttpGateway.from_settings(storage, b.config, online_fn=lambda: True))
    try:
        yield
    finally:
        j.visit.use_gateway(previous)
        with storage.transaction() as conn:
            for key in ENROLLMENT_KEYS:
                conn.execute("DELETE FROM settings WHERE key = ?", (key,))
                if key in before:
                    conn.execute(
                        "INSERT INTO settings(key, value) VALUES (?, ?)", (key, before[key])
                    )


def sync_once(app: Any) -> None:
    """One cycle of the shared app's sync engine, as its sync thread runs it."""
    from sync.engine import SyncEngine

    b = app.backends
    report = SyncEngine.from_settings(b.storage, b.config).run_once()
    assert report.ok, report.error_detail


def attract_screen(app: Any) -> Any:
    """The shared app's portrait window on the attract screen, driven by taps."""
    from ui.testing.screen import Screen

    app.backends.shell.endSession("test")
    app.window.resize(1080, 1920)
    screen = Screen(app.window)
    screen.wait_for("政务服务自助终端")
    return screen
