"""A broken database at start-up: moved aside, last backup restored, what it still
holds read back, losses reported."""

import sqlite3
from pathlib import Path

from kiosk.backup import backup_now, open_recovered
from kiosk.outbox import NewItem, Outbox
from kiosk.recovery_report import last_recovery
from kiosk.storage import backup_dir_for


def _queue(outbox: Outbox, n: int) -> list[str]:
    return [
        str(outbox.enqueue(NewItem("application", b"s" * 64, "S1", "1")).tracking_no)
        for _ in range(n)
    ]


def test_corrupt_file_is_replaced_by_backup_and_missing_applications_reported(
    tmp_path: Path,
) -> None:
    db = tmp_path / "kiosk.db"
    storage = open_recovered(db)
    outbox = Outbox(storage, "GD01")
    before = _queue(outbox, 3)
    backup_now(storage, backup_dir_for(db))
    after = _queue(outbox, 2)
    storage.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    storage.close()
    # A torn write on a cheap SD card: one index page is garbage. The table
    # itself is still readable, so the report can list what the backup lacks.
    (root,) = (
        sqlite3.connect(db)
        .execute("SELECT rootpage FROM sqlite_master WHERE name = 'outbox_state'")
        .fetchone()
    )
    data = bytearray(db.read_bytes())
    page = 4096
    data[(root - 1) * page : root * page] = b"\xa5" * page
    db.write_bytes(bytes(data))

    storage = open_recovered(db)
    assert storage.integrity_ok()
    report = last_recovery(storage)
    assert report is not None
    assert report["restored_from"]
    assert Path(str(report["moved_to"])).exists()
    restored = {
        i.tracking_no
        for i in (Outbox(storage, "GD01").by_tracking_no(n) for n in before)
        if i is not None
    }
    assert restored == set(before)
    assert not report["unreadable"]
    # the table pages were sound: the two the backup lacked are read back from them
    assert report["salvaged_tracking_numbers"] == sorted(after)
    assert report["missing_tracking_numbers"] == []
    outbox = Outbox(storage, "GD01")
    assert all(outbox.by_tracking_no(n) is not None for n in after)


def test_garbage_file_without_backup_starts_fresh_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    db.write_bytes(b"this is not a database" * 100)
    storage = open_recovered(db)
    report = last_recovery(storage)
    assert report is not None and report["restored_from"] == "" and report["unreadable"]
    assert storage.integrity_ok()


def test_healthy_file_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    open_recovered(db).close()
    storage = open_recovered(db)
    assert last_recovery(storage) is None
    assert not list(tmp_path.glob("*.corrupt-*"))
