"""A full disk at start-up is not a broken database (issue 15, item 1).

The data dir sits on a small tmpfs the test mounts; a filler file takes every
byte left (ENOSPC, so SQLite answers SQLITE_FULL or an I/O error). Nothing is
mocked: the kiosk's own start-up (``open_recovered``) meets the real full
filesystem. Before the fix it judged the healthy file corrupt, moved it
aside, failed the restore with a bare OSError, and once space returned
started on an empty database: the queue and the enrollment gone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import enrollment
from kiosk.backup import backup_now, last_recovery, open_recovered
from kiosk.errors import KioskError
from kiosk.i18n import translate
from kiosk.outbox import NewItem, Outbox
from kiosk.settings import get_setting, set_setting
from kiosk.storage import backup_dir_for
from tests.reliability.smalldisk import fill, mounted_tmpfs

QUEUED = 300


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    yield from mounted_tmpfs(tmp_path / "small", 24)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _kiosk_with_queue(data: Path) -> tuple[Path, set[str]]:
    db = data / "kiosk.db"
    storage = open_recovered(db)
    set_setting(storage, enrollment.URL, "https://platform.example.test")
    set_setting(storage, enrollment.KIOSK_ID, "kiosk-42")
    outbox = Outbox(storage, "GD01")
    backup_now(storage, backup_dir_for(db))
    ids = {
        outbox.enqueue(NewItem("application", b"s" * 200, "S1", 1)).client_id for _ in range(QUEUED)
    }
    storage.close()
    return db, ids


def _assert_typed(exc: KioskError) -> None:
    assert exc.key in ("error.storage.full", "error.storage.unavailable"), exc.key
    for lang in ("zh", "en"):
        assert translate(exc.key, lang) != exc.key


def test_full_disk_at_start_up_waits_moves_nothing_and_keeps_queue_and_enrollment(
    small_disk: Path,
) -> None:
    db, ids = _kiosk_with_queue(small_disk / "data")
    before = _digest(db)
    fill(small_disk / "filler")

    for _ in range(3):  # the kiosk tries again and again while the disk stays full
        with pytest.raises(KioskError) as waited:
            open_recovered(db).close()
        _assert_typed(waited.value)
    assert db.exists() and _digest(db) == before  # never moved, never rewritten
    assert not list(db.parent.glob("kiosk.db.corrupt-*"))
    assert not list(db.parent.glob("kiosk.db.restoring*"))

    (small_disk / "filler").unlink()  # space returns
    storage = open_recovered(db)
    try:
        assert last_recovery(storage) is None  # nothing was restored: nothing was wrong
        rows = {str(r["client_id"]) for r in storage.query("SELECT client_id FROM outbox")}
        assert rows == ids
        assert get_setting(storage, enrollment.KIOSK_ID) == "kiosk-42"
        assert storage.integrity_ok()
    finally:
        storage.close()


def test_a_damaged_file_on_a_full_disk_is_left_in_place_until_the_restore_fits(
    small_disk: Path,
) -> None:
    """The file really is damaged, but the disk has no room for the restore: nothing is
    moved (no empty database beside the old one), and the next start restores it."""
    db, ids = _kiosk_with_queue(small_disk / "data")
    data = bytearray(db.read_bytes())
    data[:100] = bytes(100)  # the header zeroed
    db.write_bytes(bytes(data))
    damaged = _digest(db)
    fill(small_disk / "filler")

    with pytest.raises(KioskError) as waited:
        open_recovered(db).close()
    _assert_typed(waited.value)
    assert _digest(db) == damaged
    assert not list(db.parent.glob("kiosk.db.corrupt-*"))
    assert not list(db.parent.glob("kiosk.db.restoring*"))

    (small_disk / "filler").unlink()
    storage = open_recovered(db)
    try:
        report = last_recovery(storage)
        assert report is not None and report["restored_from"]
        assert report["missing_tracking_numbers"] == []
        rows = {str(r["client_id"]) for r in storage.query("SELECT client_id FROM outbox")}
        assert rows == ids  # the backup had none: every one was read back from the file
        assert get_setting(storage, enrollment.KIOSK_ID) == "kiosk-42"
    finally:
        storage.close()


def test_sqlite_full_in_the_outbox_claim_is_a_typed_error(small_disk: Path) -> None:
    db, _ids = _kiosk_with_queue(small_disk / "data")
    storage = open_recovered(db)
    try:
        outbox = Outbox(storage, "GD01")
        with storage.read_lock():
            storage.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the WAL must grow
        fill(small_disk / "filler")
        with pytest.raises(KioskError) as full:
            outbox.claim_batch(200, 10_000_000)
        assert full.value.key == "error.storage.full", full.value
        assert translate(full.value.key, "zh") != full.value.key
        (small_disk / "filler").unlink()
        assert len(outbox.claim_batch(200, 10_000_000)) == 200
    finally:
        storage.close()
