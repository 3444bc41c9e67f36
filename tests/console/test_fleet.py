"""The fleet: paper out on the printer simulator (a real pseudo-terminal, the real
device manager and a real heartbeat over HTTP) raises an alert with that one
heartbeat; a technician acknowledges it; an enrollment token comes with its
provisioning QR as an image; a kiosk revoked on the console stops syncing."""

from __future__ import annotations

import base64
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from central.console.db import ConsoleDB
from central.server import PlatformServer
from devices.manager import DeviceManager
from devices.sim.port import SimPort
from devices.sim.printer_sim import PrinterSimulator
from kiosk.config import DevicesSection
from sync.engine import SyncEngine
from tests.console.conftest import Kiosk, kiosk_id_of, login


def wait_for(check: Any, what: str, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.05)


@pytest.fixture
def printer(tmp_path: Path) -> Iterator[tuple[PrinterSimulator, DeviceManager]]:
    sim = PrinterSimulator(SimPort(link=tmp_path / "printer"), out_dir=tmp_path / "receipts")
    sim.start()
    section = DevicesSection()
    section.idcard.enabled = section.scanner.enabled = section.a4.enabled = False
    section.printer.port, section.printer.timeout = sim.url, 0.5
    section.printer.status_seconds = 0.2
    manager = DeviceManager(section)
    manager.start()
    wait_for(lambda: manager.states()["printer"]["state"] == "ok", "printer ok")
    yield sim, manager
    manager.stop()
    sim.close()


def heartbeat(kiosk: Kiosk, manager: DeviceManager) -> None:
    from ui.sync_backend import device_states_of  # what the running kiosk sends

    engine = SyncEngine.from_settings(kiosk.storage, kiosk.config, device_states_of(manager))
    report = engine.run_once(heartbeat=True)
    assert report.ok and report.heartbeat, report.error_detail


def test_paper_out_raises_an_alert_with_one_heartbeat(
    platform: PlatformServer, desk: Any, kiosk: Kiosk,
    printer: tuple[PrinterSimulator, DeviceManager],
) -> None:  # fmt: skip
    sim, manager = printer
    db = ConsoleDB(platform.platform.store)
    heartbeat(kiosk, manager)
    assert db.alerts() == []  # paper in: nothing to say
    sim.control("paper out")  # the simulator's own control channel, as a technician's test
    wait_for(lambda: manager.states()["printer"]["state"] == "paper_out", "paper out seen")
    heartbeat(kiosk, manager)  # one heartbeat
    (alert,) = db.alerts()
    assert alert["kind"] == "paper_out" and alert["kiosk_id"] == kiosk_id_of(kiosk)
    login(desk, platform, "tan")
    assert desk.url.endswith("/console/fleet")
    row = desk.locator("table.alerts tbody tr").first
    assert "缺纸 Paper out" in row.inner_text() and "未恢复 Open" in row.inner_text()
    kiosk_row = desk.locator("table.kiosks tbody tr").first
    assert "GD01" in kiosk_row.inner_text() and "在线 Online" in kiosk_row.inner_text()
    assert "缺纸 (paper_out)" in kiosk_row.inner_text()  # the kiosk's own words
    assert "缺纸 Paper out" in row.inner_text()
    row.get_by_role("button", name="确认 Acknowledge").click()
    assert "已确认" in desk.get_by_role("status").inner_text()
    row = desk.locator("table.alerts tbody tr").first
    assert "已确认 Acknowledged: tan" in row.inner_text()
    # paper back: the next heartbeat clears it, and the acknowledged alert leaves the list
    sim.control("paper ok")
    wait_for(lambda: manager.states()["printer"]["state"] == "ok", "paper back")
    heartbeat(kiosk, manager)
    assert db.alerts() == [] and db.alerts(include_done=True)[0]["cleared_at"]
    desk.reload()
    assert "没有告警 No alerts" in desk.locator("table.alerts").inner_text()


def test_alerts_from_the_health_report(platform: PlatformServer, kiosk: Kiosk) -> None:
    """Each kind of alert from what a heartbeat says (judged by the same code)."""
    import datetime as dt

    from central.console.fleet import Thresholds, judge

    now = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
    health = {
        "devices": {"idcard": "error", "printer": "paper_near_end", "scanner": "ok"},
        "paper": "paper_near_end", "queue_depth": 40,
        "oldest_pending_age_seconds": 30 * 3600, "disk_free_mb": 120.0,
        "recovery": {"at": "2026-12-01T03:00:00+00:00", "reason": "integrity check failed",
                     "kind": "restored", "missing_tracking_numbers": ["GD01-20261201-0007",
                     "GD01-20261201-0008"], "salvaged_tracking_numbers": ["GD01-20261201-0006"]},
    }  # fmt: skip
    found = judge(health, "2026-12-01T11:00:00+00:00", Thresholds(), now)
    assert set(found) == {"offline", "paper_low", "device_error", "backlog", "disk_low",
                          "recovery"}  # fmt: skip
    assert found["device_error"] == "idcard: error"
    assert "1 salvaged, 2 not saved (GD01-20261201-0007, GD01-20261201-0008)" in found["recovery"]
    assert judge({"devices": {"printer": "ok"}, "disk_free_mb": 9000.0},
                 "2026-12-01T11:58:00+00:00", Thresholds(), now) == {}  # fmt: skip


def test_enrollment_token_with_its_qr_image(platform: PlatformServer, desk: Any) -> None:
    login(desk, platform, "tan")
    desk.get_by_label("平台地址 Platform URL").fill("https://zwfw.example.gov.cn")
    desk.get_by_label("终端编号 Kiosk code").fill("gd07")
    desk.get_by_role("button", name="生成令牌与二维码 New token and QR").click()
    image = desk.get_by_role("img", name="开通二维码 Provisioning QR")
    src = image.get_attribute("src") or ""
    assert src.startswith("data:image/png;base64,")
    assert desk.evaluate("document.querySelector('.token img').naturalWidth") > 100
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-"],
        input=base64.b64decode(src.split(",", 1)[1]), capture_output=True, check=True,
    ).stdout.decode().strip()  # fmt: skip
    assert decoded.startswith("gov-kiosk://provision?url=https%3A%2F%2Fzwfw.example.gov.cn")
    assert decoded.endswith("&code=GD07")
    token = decoded.split("token=")[1].split("&")[0]
    assert token in desk.locator(".token").inner_text()
    # the token is a real one: a kiosk can enroll with it
    assert platform.platform.store.enroll(token, "ab" * 32, "GD07") is not None


def test_a_kiosk_revoked_on_the_console_stops_syncing(
    platform: PlatformServer, desk: Any, kiosk: Kiosk
) -> None:
    kiosk.submit()
    kiosk.sync()
    kid = kiosk_id_of(kiosk)
    login(desk, platform, "tan")
    desk.get_by_label(f"大厅 Hall of {kid}").fill("城关镇便民服务中心")
    desk.locator("table.kiosks").get_by_role("button", name="保存 Save").click()
    assert "已保存" in desk.get_by_role("status").inner_text()
    assert ConsoleDB(platform.platform.store).halls()[kid] == "城关镇便民服务中心"
    desk.get_by_label(f"吊销原因 Reason to revoke {kid}").fill("设备被盗 stolen")
    desk.get_by_role("button", name="吊销 Revoke").click()
    assert f"已吊销 Revoked: {kid}" in desk.get_by_role("status").inner_text()
    assert "已吊销 Revoked" in desk.locator("table.kiosks tbody tr").first.inner_text()
    assert platform.platform.store.kiosk_revoked_at(kid) is not None
    kiosk.submit()
    report = SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once()
    assert not report.ok and report.pushed == 0
    assert kiosk.outbox.stats()["queue_depth"] == 1  # kept, not sent
    audit = ConsoleDB(platform.platform.store).audit_rows(action="kiosk_revoked")
    assert audit[0]["actor"] == "tan" and audit[0]["target"] == kid
