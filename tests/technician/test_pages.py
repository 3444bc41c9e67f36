"""The technician pages through the real backends: simulators on ptys, a loopback platform.

The issue's "done": a kiosk started with an empty data dir is provisioned by
scanning the platform's QR on the scanner simulator, and then syncs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from central.server import PlatformServer
from kiosk.catalog.store import ensure_sample_catalog
from kiosk.config import Config
from kiosk.outbox import NewItem, Outbox
from kiosk.settings import get_setting
from kiosk.storage import open_storage
from kiosk.technician import audit
from protocol.provisioning import provisioning_uri
from tests.journey.test_ui_journey import fill_and_review
from tests.technician.conftest import dead_url
from ui.backends import build_backends
from ui.technician import TechnicianAreas

PIN = "246810"


@pytest.fixture
def backends(qapp: Any, kiosk_config: Config, sims: dict[str, Any]) -> Iterator[Any]:
    kiosk_config.devices.idcard.port = sims["idcard"].url
    kiosk_config.devices.idcard.poll_seconds = 0.1
    kiosk_config.devices.scanner.port = sims["scanner"].url
    kiosk_config.devices.scanner.gap_ms = 30
    kiosk_config.devices.printer.port = ""  # assigned live by a test
    kiosk_config.devices.printer.status_seconds = 0.2
    storage = open_storage(kiosk_config.database_path)
    ensure_sample_catalog(storage)  # a kiosk in service: its catalog came from the platform
    b = build_backends(kiosk_config, storage)
    yield b
    b.areas["Technician"].leave()  # before the database closes: leaving writes an audit row
    b.close()
    storage.close()


def _enter(b: Any, page: str) -> TechnicianAreas:
    tech = TechnicianAreas.of(b)
    if not tech.entry.guard.is_set():
        tech.entry.guard.set_pin(PIN)
    b.navigator.start()
    for _ in range(5):
        b.shell.cornerTap()
    tech.entry.enterPin(PIN)
    assert tech.shell.property("active")
    tech.shell.setPage(page)
    return tech


def _row(tech: TechnicianAreas, role: str) -> dict[str, Any]:
    tech.shell.refresh()
    return next(r for r in tech.devices.rows.rows() if r["device"] == role)


def test_empty_kiosk_is_provisioned_by_scanning_the_qr_and_then_syncs(
    qtbot: Any, backends: Any, platform: PlatformServer, sims: dict[str, Any]
) -> None:
    assert not get_setting(backends.storage, "platform.kiosk_id")  # empty data dir
    tech = _enter(backends, "provision")
    sync = backends.areas["Sync"]
    sync.service.start()  # offscreen apps do not start it by themselves
    token = platform.platform.store.create_token()
    sims["scanner"].scan(provisioning_uri(platform.url, token) + "&code=GD09")
    qtbot.waitUntil(lambda: tech.provision.property("provisioned"), timeout=10000)
    kiosk_id = get_setting(backends.storage, "platform.kiosk_id")
    assert kiosk_id and kiosk_id in tech.shell.property("message")
    # the first resident after provisioning gets a number with the assigned code
    tech.shell.leave()
    journey = fill_and_review(backends)
    journey.apply.submit()
    assert journey.receipt.trackingNo.startswith("GD09-"), journey.visit.error
    with qtbot.waitSignal(sync.synced, timeout=15000) as blocker:
        sync.syncNow()
    assert blocker.args == [True]
    # the technician's entry and the enrollment reached the platform with the heartbeat
    sent = [r["action"] for r in platform.platform.store.audit(kiosk_id)]
    assert {"pin.changed", "entry.ok", "provision.ok"} <= set(sent)


def test_wrong_token_and_platform_down_say_so_plainly_and_change_nothing(
    qtbot: Any, backends: Any, platform: PlatformServer
) -> None:
    tech = _enter(backends, "provision")
    shell, provision = tech.shell, tech.provision
    provision.provisionTyped(platform.url, "wrong-token", "", "")
    qtbot.waitUntil(lambda: not shell.property("busy"), timeout=10000)
    assert "未做任何更改" in shell.property("message")
    provision.provisionTyped(dead_url(), "t", "", "")
    qtbot.waitUntil(lambda: not shell.property("busy"), timeout=10000)
    assert "无法连接平台" in shell.property("message")
    provision.provisionTyped("not a url", "t", "", "")
    assert "http" in shell.property("message")
    assert not get_setting(backends.storage, "platform.kiosk_id")
    assert not provision.property("provisioned")


def test_device_reassignment_takes_effect_live(
    qtbot: Any, backends: Any, sims: dict[str, Any]
) -> None:
    tech = _enter(backends, "devices")
    devices = backends.areas["Devices"]
    manager = devices.manager
    qtbot.waitUntil(lambda: manager.state("scanner").state == "ok", timeout=10000)
    scanner_worker = manager.worker("scanner")
    assert _row(tech, "printer")["status"] == "not_configured"
    # give the printer its port: the printer starts, the scanner keeps running untouched
    tech.devices.setDevice("printer", sims["printer"].url, 19200)
    qtbot.waitUntil(lambda: manager.state("printer").state == "ok", timeout=10000)
    assert manager.worker("scanner") is scanner_worker
    assert _row(tech, "printer")["baud"] == 19200
    ports = {p["port"]: p["usedBy"] for p in tech.devices.ports.rows()}
    assert ports[sims["printer"].url] == "printer"
    # move the scanner to another port: codes from the old one no longer arrive
    tech.devices.setDevice("scanner", sims["scanner2"].url, 9600)
    qtbot.waitUntil(lambda: manager.state("scanner").port == sims["scanner2"].url, timeout=10000)
    qtbot.waitUntil(lambda: manager.state("scanner").state == "ok", timeout=10000)
    sims["scanner"].scan("OLD-PORT")
    sims["scanner2"].scan("NEW-PORT")
    qtbot.waitUntil(lambda: tech.devices.property("lastScan") == "NEW-PORT", timeout=10000)
    assert [e.action for e in audit.recent(backends.storage, 10)].count("device.changed") == 2
    # the paper warning shows on the page
    sims["printer"].set_paper("near_end")
    qtbot.waitUntil(lambda: _row(tech, "printer")["warning"] != "", timeout=10000)
    # the test card read shows the card masked
    for _ in range(3):  # a read garbled by a loaded machine is dropped; place it again
        sims["idcard"].remove()
        qtbot.wait(300)
        sims["idcard"].place()
        try:
            qtbot.waitUntil(lambda: tech.devices.property("lastCard") != "", timeout=8000)
            break
        except Exception:
            assert tech.shell.property("active")
    card = tech.devices.property("lastCard")
    assert card != ""
    assert "*" in card and "张三" not in card


def test_probe_and_test_print(qtbot: Any, backends: Any, sims: dict[str, Any]) -> None:
    tech = _enter(backends, "devices")
    shell = tech.shell
    tech.devices.setDevice("printer", sims["printer"].url, 9600)
    manager = backends.areas["Devices"].manager
    qtbot.waitUntil(lambda: manager.state("printer").state == "ok", timeout=10000)
    tech.devices.probe("printer")
    assert shell.property("busy")  # one slow job at a time: the probe button waits
    qtbot.waitUntil(lambda: not shell.property("busy"), timeout=10000)
    assert shell.property("message").endswith("ok"), shell.property("message")
    qtbot.waitUntil(lambda: manager.state("printer").state == "ok", timeout=10000)
    tech.devices.testPrint()
    assert sims["printer"].wait_for_receipt(1, timeout=10)
    qtbot.waitUntil(lambda: shell.property("message") == "打印完成", timeout=10000)


def test_reprint_by_tracking_number_prints_on_the_printer(
    qtbot: Any, backends: Any, sims: dict[str, Any]
) -> None:
    tech = _enter(backends, "reprint")
    tech.devices.setDevice("printer", sims["printer"].url, 9600)
    manager = backends.areas["Devices"].manager
    qtbot.waitUntil(lambda: manager.state("printer").state == "ok", timeout=10000)
    outbox = Outbox(backends.storage, backends.config.kiosk.code)
    item = outbox.enqueue(NewItem("application", b"x", "S1", 1, "张*", "11010519491231002X"))
    tech.reprint.reprintReceipt("NO-SUCH-NUMBER")
    assert "NO-SUCH-NUMBER" in tech.shell.property("message")
    tech.reprint.reprintReceipt(str(item.tracking_no))
    assert sims["printer"].wait_for_receipt(1, timeout=10)
    assert str(item.tracking_no) in sims["printer"].receipts[-1].text


def test_sync_page_lists_quarantined_items_and_retries_and_exports_one(
    backends: Any, tmp_path: Path
) -> None:
    outbox = Outbox(backends.storage, backends.config.kiosk.code)
    item = outbox.enqueue(NewItem("application", b"x", "S1", 1, "张*", "11010519491231002X"))
    outbox.quarantine(item.client_id, "rejected: form version withdrawn")
    tech = _enter(backends, "sync")
    sync = tech.sync
    rows = {r["label"]: r["value"] for r in sync.rows.rows()}
    assert rows["已隔离"] == "1" and rows["待发数量"] == "0"
    (q,) = sync.quarantined.rows()
    assert q["title"] == item.tracking_no and q["reason"].startswith("rejected")
    drive = tmp_path / "usb"
    drive.mkdir()
    sync.exportItemTo(item.client_id, str(drive))
    assert list(drive.glob("outbox-*.json")) and str(drive) in tech.shell.property("message")
    sync.retryItem(item.client_id)
    assert sync.quarantined.rows() == []
    rows = {r["label"]: r["value"] for r in sync.rows.rows()}
    assert rows["待发数量"] == "1"
