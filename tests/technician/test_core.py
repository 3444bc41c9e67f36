"""Device overrides, outbox tools, reprint and the audit trail's way to the platform."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from central.server import PlatformServer
from kiosk.config import Config
from kiosk.errors import ValidationError
from kiosk.outbox import NewItem, Outbox
from kiosk.storage import Storage
from kiosk.technician import audit, device_config, sync_tools
from kiosk.technician.pin import PinGuard
from kiosk.technician.provisioning import make_request
from kiosk.technician.reprint import ReprintUnknown, reprint
from sync.engine import SyncEngine
from sync.provisioning import provision


def test_device_change_is_saved_audited_and_laid_over_the_config(
    kiosk_config: Config, storage: Storage
) -> None:
    base = kiosk_config.devices
    base.idcard.port, base.scanner.port = "/dev/ttyUSB0", "/dev/ttyUSB1"
    eff = device_config.set_device(storage, base, "printer", port="/dev/ttyUSB1", baudrate=19200)
    # the port moved to the printer and was taken from the scanner; the file's config is untouched
    assert (eff.printer.port, eff.printer.baudrate, eff.scanner.port) == ("/dev/ttyUSB1", 19200, "")
    assert base.scanner.port == "/dev/ttyUSB1" and base.printer.port == ""
    # what the next start-up sees
    again = device_config.effective_devices(storage, base)
    assert again == eff and again.idcard.port == "/dev/ttyUSB0"
    assert device_config.role_of_port(again, "/dev/ttyUSB1") == "printer"
    details = [e.detail for e in audit.recent(storage) if e.action == "device.changed"]
    assert any("printer: port=/dev/ttyUSB1 baud=19200" in d for d in details)
    assert any("scanner: port released" in d for d in details)
    for bad in ({"role": "a4", "baud": 9600}, {"role": "printer", "baud": 1234}):
        with pytest.raises(ValidationError):
            device_config.set_device(storage, base, bad["role"], port="x", baudrate=bad["baud"])  # type: ignore[arg-type]


def test_configured_ports_are_listed_even_when_pyserial_does_not_see_them(
    kiosk_config: Config,
) -> None:
    kiosk_config.devices.printer.port = "/tmp/not-a-real-pty"
    assert "/tmp/not-a-real-pty" in device_config.serial_ports(kiosk_config.devices)


def _enrolled(platform: PlatformServer, cfg: Config, storage: Storage) -> None:
    provision(storage, cfg, make_request(platform.url, platform.platform.store.create_token()))


def _application(outbox: Outbox, name: str = "张*") -> str:
    item = outbox.enqueue(
        NewItem("application", b"sealed-bytes", "S1", 1, name, "11010519491231002X")
    )
    assert item.tracking_no
    return item.tracking_no


def test_audit_rows_reach_the_platform_once_with_the_heartbeat(
    platform: PlatformServer, kiosk_config: Config, storage: Storage
) -> None:
    guard = PinGuard(storage)
    guard.set_pin("246810")
    for pin in ("000000", "246810"):
        try:
            guard.check(pin)
        except Exception:
            pass
    _enrolled(platform, kiosk_config, storage)
    engine = SyncEngine.from_settings(storage, kiosk_config)
    assert engine.run_once(heartbeat=True).ok
    kiosk_id = platform.platform.store.kiosks()[0]["kiosk_id"]
    sent = [r["action"] for r in platform.platform.store.audit(kiosk_id)]
    assert sent == ["pin.changed", "entry.failed", "entry.ok", "provision.ok"]
    assert audit.unsynced(storage) == []
    audit.record(storage, "sync.now")
    assert engine.run_once(heartbeat=True).ok
    sent = [r["action"] for r in platform.platform.store.audit(kiosk_id)]
    assert sent[-1] == "sync.now" and len(sent) == 5  # nothing sent twice


def test_audit_rows_stay_unsynced_while_the_platform_is_down(
    platform: PlatformServer, kiosk_config: Config, storage: Storage
) -> None:
    _enrolled(platform, kiosk_config, storage)
    audit.record(storage, "device.changed", "printer")
    platform.stop()
    report = SyncEngine.from_settings(storage, kiosk_config).run_once(heartbeat=True)
    assert not report.ok
    assert [e.action for e in audit.unsynced(storage)] == ["provision.ok", "device.changed"]


def test_quarantined_item_retry_and_export(
    tmp_path: Path, kiosk_config: Config, storage: Storage
) -> None:
    outbox = Outbox(storage, kiosk_config.kiosk.code)
    tracking = _application(outbox)
    item = outbox.by_tracking_no(tracking)
    assert item is not None
    outbox.quarantine(item.client_id, "rejected: service withdrawn")
    rows = sync_tools.quarantined_rows(outbox)
    assert [(r.tracking_no, r.reason) for r in rows] == [(tracking, "rejected: service withdrawn")]
    drive = tmp_path / "usb"
    drive.mkdir()
    path = sync_tools.export_item(storage, outbox, item.client_id, drive)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["tracking_no"] == tracking and doc["quarantine_reason"].startswith("rejected")
    assert doc["sealed_b64"] and "11010519491231002X" not in path.read_text(encoding="utf-8")
    with pytest.raises(sync_tools.ItemExportError):
        sync_tools.export_item(storage, outbox, item.client_id, tmp_path / "no-drive")
    sync_tools.retry_item(storage, outbox, item.client_id)
    assert outbox.stats()["pending"] == 1 and sync_tools.quarantined_rows(outbox) == []
    with pytest.raises(sync_tools.ItemUnknown):
        sync_tools.retry_item(storage, outbox, item.client_id)  # no longer quarantined
    actions = [e.action for e in audit.recent(storage)]
    assert actions[:2] == ["outbox.retry", "outbox.exported"]


def test_reprint_by_tracking_number(kiosk_config: Config, storage: Storage) -> None:
    outbox = Outbox(storage, kiosk_config.kiosk.code)
    tracking = _application(outbox)
    content = reprint(storage, kiosk_config, tracking.lower(), lambda code: f"服务{code}")
    text = content.as_text()
    assert tracking in text and "服务S1" in text and "张*" in text
    assert audit.recent(storage)[0].detail == tracking
    with pytest.raises(ReprintUnknown) as info:
        reprint(storage, kiosk_config, "GD01-20000101-9999")
    assert info.value.params["tracking_no"] == "GD01-20000101-9999"
