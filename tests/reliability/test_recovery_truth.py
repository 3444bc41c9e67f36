"""Recovery tells the truth (issue 15, item 2).

Real SQLite files damaged the way cheap storage damages them: the header
zeroed, the file cut short, one bit flipped in the WAL after a crash. Before
the fix a zeroed header or a cut file lost the 10 confirmed applications the
backup did not hold while the report said "0 not in the backup", the next
application reused tracking number ...-0011, and a flipped WAL bit dropped
rows with integrity "ok" and no report at all.
"""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

from kiosk.backup import backup_now, open_recovered
from kiosk.journal import ConfirmedJournal, journal_path
from kiosk.outbox import NewItem, Outbox
from kiosk.recovery_report import last_recovery
from kiosk.storage import backup_dir_for

BEFORE_BACKUP = 10
AFTER_BACKUP = 10


def _queue(outbox: Outbox, n: int) -> list[tuple[str, str]]:
    out = []
    for i in range(n):
        item = outbox.enqueue(NewItem("application", bytes([i % 251]) * 900, "S1", 1))
        out.append((item.client_id, str(item.tracking_no)))
    return out


def _kiosk(db: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    storage = open_recovered(db)
    outbox = Outbox(storage, "GD01")
    early = _queue(outbox, BEFORE_BACKUP)
    backup_now(storage, backup_dir_for(db))
    late = _queue(outbox, AFTER_BACKUP)  # confirmed, receipts printed, not in the backup
    with storage.read_lock():
        storage.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    storage.close()
    return early, late


def _outbox_rows(db: Path) -> dict[str, str]:
    storage = open_recovered(db)
    try:
        return {
            str(r["client_id"]): str(r["tracking_no"])
            for r in storage.query("SELECT client_id, tracking_no FROM outbox")
        }
    finally:
        storage.close()


def _next_tracking_no(db: Path) -> str:
    storage = open_recovered(db)
    try:
        return str(
            Outbox(storage, "GD01").enqueue(NewItem("application", b"n", "S1", 1)).tracking_no
        )
    finally:
        storage.close()


def test_zeroed_header_every_confirmed_application_is_read_back(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    early, late = _kiosk(db)
    data = bytearray(db.read_bytes())
    data[:100] = bytes(100)
    db.write_bytes(bytes(data))

    storage = open_recovered(db)
    try:
        report = last_recovery(storage)
    finally:
        storage.close()
    assert set(_outbox_rows(db)) == {c for c, _ in early + late}
    numbers = {n for _, n in early + late}
    assert _next_tracking_no(db) not in numbers
    assert report is not None and report["restored_from"]
    assert report["salvaged_tracking_numbers"] == sorted(n for _, n in late)
    assert report["missing_tracking_numbers"] == []


def test_file_cut_short_reports_exactly_what_could_not_be_saved(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    early, late = _kiosk(db)
    data = db.read_bytes()
    db.write_bytes(data[: len(data) * 2 // 5])  # a torn copy: the tail of the file is gone

    storage = open_recovered(db)
    try:
        report = last_recovery(storage)
    finally:
        storage.close()
    assert report is not None
    kept = _outbox_rows(db)
    confirmed = dict(early + late)
    lost = sorted(n for c, n in confirmed.items() if c not in kept)
    assert lost, "the cut should cost some applications, or the test shows nothing"
    # the report lists exactly the confirmed applications that are not there now
    assert report["missing_tracking_numbers"] == lost
    assert set(report["salvaged_tracking_numbers"]) | set(lost) >= {n for _, n in late}
    assert set(report["salvaged_tracking_numbers"]).isdisjoint(lost)
    # and no tracking number is ever handed out twice
    assert report["tracking_high_water"]
    assert _next_tracking_no(db) not in set(confirmed.values())


def test_restore_never_reuses_a_tracking_number_even_without_salvage(tmp_path: Path) -> None:
    """The whole file is garbage: the backup holds 10, the journal knows 20 were given."""
    db = tmp_path / "kiosk.db"
    early, late = _kiosk(db)
    db.write_bytes(b"\xa5" * db.stat().st_size)
    storage = open_recovered(db)
    try:
        report = last_recovery(storage)
    finally:
        storage.close()
    assert report is not None and report["unreadable"]
    assert report["missing_tracking_numbers"] == sorted(n for _, n in late)
    given = {n for _, n in early + late}
    assert _next_tracking_no(db) not in given
    assert _next_tracking_no(db).endswith(f"-{BEFORE_BACKUP + AFTER_BACKUP + 2:04d}")


def _wal_frames(wal: bytes) -> tuple[int, int]:
    (page_size,) = struct.unpack(">I", wal[8:12])
    return page_size, (len(wal) - 32) // (24 + page_size)


def test_a_bit_flipped_in_the_wal_after_a_crash_is_detected_and_reported(tmp_path: Path) -> None:
    live = tmp_path / "live"
    live.mkdir()
    storage = open_recovered(live / "kiosk.db")
    outbox = Outbox(storage, "GD01")
    confirmed = dict(_queue(outbox, 50))
    # The power is cut now: the database and its WAL as they are on the disk
    # (SQLite never checkpointed), copied while the kiosk still has them open.
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in ("kiosk.db", "kiosk.db-wal", "confirmed.journal", "id_hash.key"):
        if (live / name).exists():  # the journal and the key file are the fix's
            shutil.copyfile(live / name, crashed / name)
    storage.close()
    wal_path = crashed / "kiosk.db-wal"
    wal = bytearray(wal_path.read_bytes())
    page_size, frames = _wal_frames(bytes(wal))
    frame = frames * 2 // 3  # a frame two thirds of the way in
    wal[32 + frame * (24 + page_size) + 24 + page_size // 2] ^= 0x10
    wal_path.write_bytes(bytes(wal))

    storage = open_recovered(crashed / "kiosk.db")
    try:
        assert storage.integrity_ok()  # SQLite sees nothing wrong
        report = last_recovery(storage)
        kept = {str(r["client_id"]) for r in storage.query("SELECT client_id FROM outbox")}
    finally:
        storage.close()
    lost = sorted(n for c, n in confirmed.items() if c not in kept)
    assert report is not None, f"{50 - len(kept)} confirmed applications lost, unreported"
    assert report["kind"] == "loss_detected"
    dropped = int(str(report["reason"]).split()[0])
    assert dropped > 0
    assert report["missing_tracking_numbers"] == lost
    assert len(report["salvaged_tracking_numbers"]) + len(lost) == dropped
    assert Path(str(report["moved_to"])).exists()  # the evidence is kept
    journal = ConfirmedJournal(journal_path(crashed))
    assert {e.client_id for e in journal.read().entries} == set(confirmed)
