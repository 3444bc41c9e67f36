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
from kiosk.backup import backup_now, open_recovered
from kiosk.errors import KioskError
from kiosk.i18n import translate
from kiosk.outbox import NewItem, Outbox
from kiosk.recovery_report import last_recovery
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


def test_the_kiosk_waits_for_the_disk_and_then_says_how_long_it_waited(
    small_disk: Path,
) -> None:
    """What ``kiosk run`` does (ui/app.py tries again every RETRY_SECONDS): the
    opener refuses while the disk is full, and the first open that works keeps a
    note of the wait for the technician's kiosk page and the heartbeat."""
    from kiosk.storage_wait import DatabaseOpener
    from kiosk.technician.info import kiosk_info
    from tests.reliability.conftest import kiosk_config

    db, ids = _kiosk_with_queue(small_disk / "data")
    fill(small_disk / "filler")
    opener = DatabaseOpener(db)
    for _ in range(2):
        with pytest.raises(KioskError):
            opener.open()
    assert opener.waiting
    (small_disk / "filler").unlink()
    storage = opener.open()
    try:
        assert not opener.waiting
        report = last_recovery(storage)
        assert report is not None and "at" not in report  # waited, restored nothing
        waited = report["waited"]
        assert isinstance(waited, dict) and waited["key"] in (
            "error.storage.full",
            "error.storage.unavailable",
        )
        assert waited["since"] <= waited["until"]
        cfg = kiosk_config(small_disk / "data")
        rows = {r.key: r.value for r in kiosk_info(cfg, storage, "zh")}
        assert translate(str(waited["key"]), "zh") in rows["tech.info.storage_wait"]
        assert {str(r["client_id"]) for r in storage.query("SELECT client_id FROM outbox")} == ids
    finally:
        storage.close()


def test_an_application_refused_by_a_full_disk_is_never_reported_lost(small_disk: Path) -> None:
    """The COMMIT fails with SQLITE_FULL: the resident is told, and the journal takes
    its line back, so the next start reports no loss."""
    db, ids = _kiosk_with_queue(small_disk / "data")
    storage = open_recovered(db)
    refused = 0
    try:
        outbox = Outbox(storage, "GD01")
        fill(small_disk / "filler")
        for _ in range(20):
            try:
                ids.add(outbox.enqueue(NewItem("application", b"s" * 4000, "S1", 1)).client_id)
            except KioskError as exc:
                assert exc.key == "error.storage.full", exc
                refused += 1
    finally:
        storage.close()
    assert refused > 0
    (small_disk / "filler").unlink()
    storage = open_recovered(db)
    try:
        assert last_recovery(storage) is None
        assert {str(r["client_id"]) for r in storage.query("SELECT client_id FROM outbox")} == ids
    finally:
        storage.close()
