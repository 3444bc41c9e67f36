"""The soak: thousands of simulated resident sessions with devices and sync active
and random faults, through the same core the screens drive (no QML rendering).

One session: a card is placed on the simulated reader (a real pty), read and
parsed; the form is prefilled from it and completed; ``submit`` makes the one
durable write (behind the admission check); the receipt is rendered and printed
on the simulated ESC/POS printer (another pty); the card is removed and the
session's data dropped. Meanwhile a sync thread pushes through a fault-injecting
proxy to the loopback platform. Faults: card read errors, paper out, network
resets, 5xx, timeouts, captive portals, refused connections.

Figures: resident memory, open file handles and threads after a warm-up and at
the end; the counts on the kiosk and on the platform.
"""

from __future__ import annotations

import gc
import os
import random
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from central.server import PlatformServer, open_platform
from devices.errors import DeviceError
from devices.idcard import IdCardReader
from devices.printer import ReceiptPrinter
from devices.receipt import Receipt
from devices.sim.idcard_sim import IdCardSimulator, make_id_number, sample_card
from devices.sim.port import SimPort
from devices.sim.printer_sim import PrinterSimulator
from devices.transport import Transport
from kiosk.applications import ApplicationService, platform_base_url
from kiosk.backup import open_recovered
from kiosk.errors import KioskError
from kiosk.forms import prefill
from kiosk.outbox import Outbox
from kiosk.receipts import application_receipt
from kiosk.services import DEMO_SERVICES, StaticServices
from kiosk.settings import set_setting
from sync.admission import ensure_can_accept
from sync.engine import SyncEngine
from sync.enroll import enroll
from tests.reliability.conftest import kiosk_config
from tests.sync.faultproxy import FaultProxy

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
NET_FAULTS = ("reset", "http500", "http503", "timeout", "truncated", "portal", "slow")


def process_figures() -> dict[str, int]:
    gc.collect()
    rss_kb = 0
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                rss_kb = int(line.split()[1])
    return {
        "rss_kb": rss_kb,
        "fds": len(os.listdir("/proc/self/fd")),
        "threads": threading.active_count(),
    }


@dataclass
class SoakReport:
    sessions: int = 0
    submitted: int = 0
    refused: int = 0
    card_faults: int = 0
    print_failures: int = 0
    receipts_printed: int = 0
    net_faults: int = 0
    sync_cycles: int = 0
    sync_failures: int = 0
    kiosk_applications: int = 0
    platform_applications: int = 0
    platform_duplicates: int = 0
    start: dict[str, int] = field(default_factory=dict)
    end: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    queue_at_end: int = 0  # not yet on the platform when the sessions ended
    receipts_checked: int = 0
    receipt_leaks: int = 0
    secrets: set[str] = field(default_factory=set, repr=False)  # names and ID numbers used

    def growth(self) -> dict[str, float]:
        return {
            k: round((self.end[k] - self.start[k]) / max(self.start[k], 1) * 100, 2)
            for k in self.start
        }

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["secrets"]
        return {**data, "growth_percent": self.growth()}


class _SyncLoop(threading.Thread):
    def __init__(self, engine: SyncEngine, report: SoakReport) -> None:
        super().__init__(name="soak-sync", daemon=True)
        self.engine = engine
        self.report = report
        self.stop = threading.Event()
        self.cycle = threading.Lock()  # held during a cycle: figures are taken between

    def figures(self) -> dict[str, int]:
        """Between two cycles, with the HTTP keep-alive pool emptied (it reopens on the
        next request), so a connection that happens to be open is not counted as growth."""
        with self.cycle:
            self.engine.client.session.close()
            time.sleep(0.3)  # the proxy's side of those connections closes too
            return process_figures()

    def run(self) -> None:
        while not self.stop.is_set():
            with self.cycle:
                result = self.engine.run_once()
            self.report.sync_cycles += 1
            self.report.sync_failures += not result.ok
            self.stop.wait(0.1 if result.ok else 0.3)


def _receipt_doc(content: Any) -> Receipt:
    doc = Receipt().heading(content.title).separator()
    for label, value in content.lines:
        doc.kv(label, value)
    doc.separator()
    for note in content.notes:
        doc.line(note)
    doc.qr(content.qr_url).line(content.qr_caption, align="center")
    return doc.feed(2).cut()


def run_soak(tmp: Path, sessions: int, seed: int, warmup: int | None = None) -> SoakReport:
    rng = random.Random(seed)
    report = SoakReport()
    warmup = warmup if warmup is not None else max(sessions // 10, 1)
    platform = PlatformServer(open_platform(tmp / "platform" / "central.db")).start()
    proxy = FaultProxy(platform.port, hang_seconds=1.2).start()
    card_sim = IdCardSimulator(SimPort(link=tmp / "idcard", baudrate=0)).start()
    printer_sim = PrinterSimulator(SimPort(link=tmp / "printer"))
    printer_sim.start()
    cfg = kiosk_config(tmp / "kiosk")
    cfg.sync.timeout_seconds = 1.0
    cfg.sync.heartbeat_seconds = 2
    storage = open_recovered(cfg.database_path)
    card_tr = Transport(card_sim.url, 115200, 1.0)
    printer_tr = Transport(printer_sim.url, 9600, 1.0)
    sync_loop: _SyncLoop | None = None
    t0 = time.monotonic()
    try:
        enroll(storage, cfg, platform.url, platform.platform.store.create_token())
        set_setting(storage, "platform.url", proxy.url)
        outbox = Outbox(storage, cfg.kiosk.code)
        apps = ApplicationService(
            storage,
            outbox,
            cfg,
            StaticServices(DEMO_SERVICES),
            admission=lambda: ensure_can_accept(outbox, cfg),
        )
        reader = IdCardReader(card_tr, timeout=0.3)
        printer = ReceiptPrinter(printer_tr, timeout=1.0)
        sync_loop = _SyncLoop(SyncEngine.from_settings(storage, cfg), report)
        sync_loop.start()
        base_url = platform_base_url(storage, cfg)
        for n in range(sessions):
            if n == warmup:
                report.start = sync_loop.figures()
            _one_session(n, rng, report, card_sim, printer_sim, reader, printer, apps, base_url)
            if n % 50 == 49:
                _check_receipts(printer_sim, report)
            if rng.random() < 0.012:
                proxy.inject(*rng.choices(NET_FAULTS, k=rng.randint(1, 3)))
                report.net_faults += 1
            if rng.random() < 0.003:
                proxy.refuse()
                time.sleep(0.05)
                proxy.resume()
                report.net_faults += 1
        _check_receipts(printer_sim, report)
        report.end = sync_loop.figures()
        report.queue_at_end = int(outbox.stats()["queue_depth"])
        sync_loop.stop.set()
        sync_loop.join(timeout=30)
        # the faults stop; what is left drains
        engine = SyncEngine.from_settings(storage, cfg)
        for _ in range(200):
            result = engine.run_once(heartbeat=False)
            if result.ok and result.queue_depth == 0:
                break
        rows = storage.query("SELECT client_id, state FROM outbox WHERE kind = 'application'")
        accepted = {str(r["client_id"]) for r in rows if r["state"] == "accepted"}
        report.kiosk_applications = len(accepted)
        counts = platform.platform.store.count_by_client_id()
        report.platform_applications = len(counts)
        report.platform_duplicates = sum(c - 1 for c in counts.values())
        assert set(counts) == accepted, "the two sides hold different applications"
        assert len(rows) == len(accepted), "some applications were never accepted"
        assert storage.integrity_ok()
    finally:
        if sync_loop is not None:
            sync_loop.stop.set()
            sync_loop.join(timeout=30)
        card_tr.close()
        printer_tr.close()
        card_sim.close()
        printer_sim.close()
        proxy.stop()
        platform.stop()
        platform.platform.store.close()
        storage.close()
    report.seconds = round(time.monotonic() - t0, 1)
    return report


def _check_receipts(printer_sim: PrinterSimulator, report: SoakReport) -> None:
    """Receipts show names masked: no full name or ID number on any of them."""
    with printer_sim.printed:
        texts = [r.text for r in printer_sim.receipts]
        printer_sim.receipts.clear()
    for text in texts:
        report.receipts_checked += 1
        report.receipt_leaks += any(s in text for s in report.secrets)


def _one_session(
    n: int,
    rng: random.Random,
    report: SoakReport,
    card_sim: IdCardSimulator,
    printer_sim: PrinterSimulator,
    reader: IdCardReader,
    printer: ReceiptPrinter,
    apps: ApplicationService,
    base_url: str,
) -> None:
    report.sessions += 1
    name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))
    id_number = make_id_number(f"44010619800101{n % 1000:03d}")
    report.secrets.update((name, id_number))
    card_sim.place(sample_card(name=name, id_number=id_number))
    if rng.random() < 0.02:
        card_sim.inject(rng.choice(("bad_checksum", "garbage", "partial")))
    identity = None
    for _ in range(3):  # the screen asks the resident to hold the card still
        try:
            identity = reader.read_card().identity
            break
        except DeviceError:
            report.card_faults += 1
    card_sim.clear_faults()
    if identity is None:
        card_sim.remove()
        return
    service = DEMO_SERVICES[0]
    values = prefill(service.form, identity)
    values.update(phone=f"139{rng.randint(0, 99_999_999):08d}", reason="work")
    try:
        sub = apps.submit(service, identity, values, [m.code for m in service.materials])
    except KioskError:
        report.refused += 1
        card_sim.remove()
        return
    report.submitted += 1
    content = application_receipt(sub, service.name("zh"), "测试大厅", "GD01", base_url)
    if rng.random() < 0.02:
        printer_sim.set_paper("out")
    try:
        printer.print(_receipt_doc(content))
        report.receipts_printed += 1
    except DeviceError:
        report.print_failures += 1  # the application is kept all the same
    printer_sim.set_paper("ok")
    card_sim.remove()
    del identity, values, sub, content
