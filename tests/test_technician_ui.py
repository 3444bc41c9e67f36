"""Technician entry through the backends, as the corner gesture and PIN pad drive it."""

from __future__ import annotations

import time
from typing import Any

import pytest

from kiosk.storage import open_storage
from kiosk.technician import audit
from ui.backends import build_backends
from ui.technician import TechnicianAreas


@pytest.fixture
def backends(qapp: Any, config: Any) -> Any:
    storage = open_storage(config.database_path)
    b = build_backends(config, storage)
    b.areas["TechEntry"].guard.set_pin("246810")
    yield b
    b.close()
    storage.close()


def test_five_corner_taps_open_pin_pad_but_slow_taps_do_not(
    backends: Any, monkeypatch: Any
) -> None:
    backends.navigator.start()
    clock = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    for _ in range(5):
        clock[0] += 0.9  # 5 taps over 3.6 s: too slow
        backends.shell.cornerTap()  # what Main.qml's corner calls
    assert backends.navigator.screen == "Home"
    for _ in range(5):
        clock[0] += 0.5
        backends.shell.cornerTap()
    assert backends.navigator.screen == "TechnicianPin"


def test_pin_entry_pages_and_leave(backends: Any, tmp_path: Any) -> None:
    tech = TechnicianAreas.of(backends)
    shell, entry = tech.shell, tech.entry
    backends.navigator.start()
    backends.navigator.go("TechnicianPin")
    entry.enterPin("111111")
    assert not shell.active and "4" in entry.pinError
    backends.sessions.current.data["name"] = "someone"
    entry.enterPin("246810")
    assert shell.active and backends.navigator.screen == "Technician"
    assert backends.sessions.current.data == {}  # the resident's visit is gone
    labels = [row["label"] for row in tech.info.rows.rows()]
    assert "终端代码" in labels
    shell.setPage("logs")
    assert shell.page == "logs"
    shell.leave()
    assert not shell.active and backends.navigator.screen == "Attract"
    actions = [e.action for e in audit.recent(backends.storage)]
    assert actions[:3] == ["entry.left", "entry.ok", "entry.failed"]


def test_logs_export_zip(tmp_path: Any) -> None:
    import zipfile

    from kiosk.logs import setup_logging
    from kiosk.technician.logs import export_logs, recent_lines

    log_dir = tmp_path / "logs"
    setup_logging(log_dir, console=False)
    import logging

    logging.getLogger("kiosk.test").info("printer ok")
    for h in logging.getLogger().handlers:
        h.flush()
    assert any("printer ok" in line for line in recent_lines(log_dir))
    drive = tmp_path / "usb"
    drive.mkdir()
    target = export_logs(log_dir, drive, "GD01")
    assert zipfile.ZipFile(target).namelist() == ["kiosk.log"]
