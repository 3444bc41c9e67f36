"""Online backups of the kiosk database, and recovery from a broken file at start-up.

Backups use SQLite's online backup API, so they are consistent while the kiosk
keeps writing. At start-up the database is checked; a file that fails the
check is moved aside (never deleted: a technician or the platform may still
salvage it), the newest good backup takes its place, and a recovery report
says which applications the backup does not hold, so none is lost silently.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kiosk.storage import Storage, backup_dir_for, open_storage

log = logging.getLogger(__name__)

RECOVERY_SETTING = "storage.recovery"
LAST_BACKUP_SETTING = "storage.last_backup_at"


@dataclass
class RecoveryReport:
    at: str
    moved_to: str
    restored_from: str  # "" when no backup existed and a fresh database was started
    reason: str
    missing_tracking_numbers: list[str] = field(default_factory=list)
    unreadable: bool = False  # the broken file could not even be read for the list

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def backup_now(storage: Storage, backup_dir: Path, keep: int = 3) -> Path:
    """Write a consistent copy next to the data, then keep only the newest ``keep``."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    target = backup_dir / f"kiosk-{_stamp()}.db"
    partial = target.with_suffix(".partial")
    dest = sqlite3.connect(partial)
    try:
        with storage.read_lock():
            storage.conn.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    partial.replace(target)
    with storage.transaction() as conn:
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (LAST_BACKUP_SETTING, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
        )
    for old in sorted(backup_dir.glob("kiosk-*.db"))[:-keep]:
        old.unlink(missing_ok=True)
    log.info("backup written: %s", target.name)
    return target


def latest_backup(backup_dir: Path) -> Path | None:
    for candidate in sorted(backup_dir.glob("kiosk-*.db"), reverse=True):
        if _integrity_ok(candidate):
            return candidate
    return None


def _integrity_ok(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("PRAGMA integrity_check").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return bool(row and row[0] == "ok")


def _tracking_numbers(path: Path) -> set[str] | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute(
                "SELECT tracking_no FROM outbox WHERE tracking_no IS NOT NULL"
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return {str(r[0]) for r in rows}


def check_and_recover(db_path: Path, backup_dir: Path) -> RecoveryReport | None:
    """Run before opening the database. Returns a report when it had to recover."""
    if not db_path.exists() or _integrity_ok(db_path):
        return None
    reason = "integrity check failed"
    moved = db_path.with_name(f"{db_path.name}.corrupt-{_stamp()}")
    broken_numbers = _tracking_numbers(db_path)
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(db_path) + suffix)
        if part.exists():
            part.replace(Path(str(moved) + suffix))
    backup = latest_backup(backup_dir)
    if backup is not None:
        shutil.copyfile(backup, db_path)
    backup_numbers = _tracking_numbers(backup) if backup else set()
    missing = sorted((broken_numbers or set()) - (backup_numbers or set()))
    report = RecoveryReport(
        at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        moved_to=str(moved),
        restored_from=str(backup or ""),
        reason=reason,
        missing_tracking_numbers=missing,
        unreadable=broken_numbers is None,
    )
    log.error(
        "database was broken: moved to %s, restored %s, %d applications not in the backup",
        moved.name,
        backup.name if backup else "nothing (fresh database)",
        len(missing),
    )
    return report


def remember_recovery(storage: Storage, report: RecoveryReport) -> None:
    """Keep the report where the technician page and the heartbeat read it."""
    with storage.transaction() as conn:
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (RECOVERY_SETTING, report.to_json()),
        )


def last_recovery(storage: Storage) -> dict[str, object] | None:
    rows = storage.query("SELECT value FROM settings WHERE key = ?", (RECOVERY_SETTING,))
    return json.loads(str(rows[0]["value"])) if rows else None


def open_recovered(path: Path) -> Storage:
    """Start-up's open: check the file, restore the newest good backup if it is
    broken, migrate, and keep the recovery report for the technician page."""
    report = check_and_recover(Path(path), backup_dir_for(Path(path)))
    storage = open_storage(path)
    if report is not None:
        remember_recovery(storage, report)
    return storage
