"""A restore from backup is not only on the technician page: the heartbeat carries it,
so the platform's operators see which applications the kiosk could not keep."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from central.server import PlatformServer, open_platform
from kiosk.backup import backup_now, open_recovered
from kiosk.outbox import NewItem, Outbox
from kiosk.storage import backup_dir_for
from sync.engine import SyncEngine
from sync.enroll import enroll
from tests.reliability.conftest import kiosk_config


def _break_an_index(db: Path) -> None:
    """A torn write on a cheap SD card: one index page of the outbox is garbage."""
    conn = sqlite3.connect(db)
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'outbox_state'"
    ).fetchone()
    conn.close()
    data = bytearray(db.read_bytes())
    data[(root - 1) * 4096 : root * 4096] = b"\xa5" * 4096
    db.write_bytes(bytes(data))


def test_heartbeat_reports_the_recovery_and_what_the_backup_lacked(tmp_path: Path) -> None:
    server = PlatformServer(open_platform(tmp_path / "platform.db")).start()
    try:
        cfg = kiosk_config(tmp_path / "kiosk")
        db = cfg.database_path
        storage = open_recovered(db)
        enroll(storage, cfg, server.url, server.platform.store.create_token())
        outbox = Outbox(storage, cfg.kiosk.code)
        backup_now(storage, backup_dir_for(db))
        lost = [
            str(outbox.enqueue(NewItem("application", b"s" * 64, "S1", "1")).tracking_no)
            for _ in range(2)
        ]
        storage.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        storage.close()
        _break_an_index(db)

        storage = open_recovered(db)
        try:
            engine = SyncEngine.from_settings(storage, cfg)
            report = engine.run_once(heartbeat=True)
            assert report.ok and report.heartbeat, report
        finally:
            storage.close()
        (kiosk,) = server.platform.store.kiosks()
        recovery = kiosk["health"]["recovery"]
        # read back from the damaged file's sound table pages, and said so
        assert recovery["salvaged_tracking_numbers"] == sorted(lost)
        assert recovery["missing_tracking_numbers"] == []
        assert recovery["restored_from"] and recovery["reason"]
    finally:
        server.stop()
        server.platform.store.close()


def test_heartbeat_without_recovery_says_none(tmp_path: Path) -> None:
    server = PlatformServer(open_platform(tmp_path / "platform.db")).start()
    try:
        cfg = kiosk_config(tmp_path / "kiosk")
        storage = open_recovered(cfg.database_path)
        try:
            enroll(storage, cfg, server.url, server.platform.store.create_token())
            assert SyncEngine.from_settings(storage, cfg).run_once(heartbeat=True).ok
        finally:
            storage.close()
        (kiosk,) = server.platform.store.kiosks()
        assert kiosk["health"]["recovery"] is None
    finally:
        server.stop()
        server.platform.store.close()


def test_heartbeat_says_the_kiosk_waited_for_its_disk(tmp_path: Path) -> None:
    """The wait at start-up (kiosk.storage_wait) reaches the operators with the first
    heartbeat the kiosk can send once its database opens again."""
    from kiosk.recovery_report import remember_wait

    server = PlatformServer(open_platform(tmp_path / "platform.db")).start()
    try:
        cfg = kiosk_config(tmp_path / "kiosk")
        storage = open_recovered(cfg.database_path)
        try:
            enroll(storage, cfg, server.url, server.platform.store.create_token())
            remember_wait(
                storage,
                "2026-12-01T02:00:00+00:00",
                "2026-12-01T02:40:00+00:00",
                "error.storage.full",
                "database or disk is full",
            )
            assert SyncEngine.from_settings(storage, cfg).run_once(heartbeat=True).ok
        finally:
            storage.close()
        (kiosk,) = server.platform.store.kiosks()
        waited = kiosk["health"]["recovery"]["waited"]
        assert waited["key"] == "error.storage.full"
        assert waited["until"] == "2026-12-01T02:40:00+00:00"
    finally:
        server.stop()
        server.platform.store.close()
