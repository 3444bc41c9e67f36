"""Online backups of the kiosk database, and the truth about it at start-up.

Backups use SQLite's online backup API, so they are consistent while the kiosk
keeps writing; each is created 0600, fsynced, renamed into place and its
folder fsynced, so a power cut leaves either the old set or the new one.

At start-up (``open_recovered``) the database is judged before it is opened:

- It cannot be read or written (a full disk, an I/O error, a lock): that says
  nothing about the data. Nothing is moved; ``StorageFull`` or
  ``StorageUnavailable`` is raised and the caller waits and tries again.
- It fails the integrity check, or is missing while backups or confirmed
  applications say there was one: the rows still on disk are read page by page
  (``kiosk.salvage``), the newest good backup is copied beside it, the rows the
  backup lacks (applications, evaluations, settings such as the enrollment,
  audit rows) are put back into the copy, and only when all of that has been
  written and fsynced is the broken file moved aside (never deleted) and the
  copy renamed into its place. A disk too full for that leaves everything as
  it was, and says so.
- It is sound but lacks applications the confirmed journal lists (a bit
  flipped in the WAL silently ends replay): they are read back from the WAL's
  later frames where their sealed bytes still match their hash, and the rest
  are reported by tracking number.

Every case leaves a report (``storage.recovery``) for the technician's kiosk
page and the heartbeat, listing exactly what could not be saved; and the
tracking numbers' high-water mark comes from the journal, outside the
database, so no restore hands out a number twice.

One module because the backups and the start-up judgement share the rules of
the file set (which files belong, their order, modes and fsyncs), and a restore
is a backup read back. What is not about the file set is elsewhere: the report
and the start-up wait in ``kiosk.recovery_report``, telling a damaged file's rows
apart and putting them back in ``kiosk.salvaged_rows`` (its pages are read by
``kiosk.salvage``), the journal in ``kiosk.journal``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.errors import StorageError, StorageFull, StorageUnavailable
from kiosk.fsutil import fsync_dir, private_dir, replace_durably, touch_private
from kiosk.journal import Confirmed, ConfirmedJournal, JournalRead, journal_path
from kiosk.recovery_report import (
    NOT_RESTORED,
    RecoveryReport,
    now_iso,
    remember_recovery,
)
from kiosk.salvaged_rows import columns, merge, put_back, raise_sequence, salvage
from kiosk.storage import Storage, backup_dir_for, failure_kind, open_storage, typed_error

log = logging.getLogger(__name__)

LAST_BACKUP_SETTING = "storage.last_backup_at"
# The journal is rewritten at start-up once it holds this many entries, most of
# them accepted by the platform (each start reads it whole).
COMPACT_AFTER = 2000


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def backup_now(storage: Storage, backup_dir: Path, keep: int = 3) -> Path:
    """Write a consistent 0600 copy next to the data, then keep only the newest ``keep``."""
    private_dir(backup_dir)
    target = backup_dir / f"kiosk-{_stamp()}.db"
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    touch_private(partial)
    try:
        dest = sqlite3.connect(partial)
        try:
            with storage.read_lock():
                storage.conn.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
            dest.execute("PRAGMA secure_delete=ON")
            dest.execute(
                f"DELETE FROM settings WHERE key IN ({','.join('?' * len(NOT_RESTORED))})",  # noqa: S608 (placeholders only)
                tuple(NOT_RESTORED),
            )
            dest.commit()
        finally:
            dest.close()
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        replace_durably(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise typed_error(exc, "backup failed") from exc
    with storage.transaction() as conn:
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (LAST_BACKUP_SETTING, now_iso()),
        )
    for old in sorted(backup_dir.glob("kiosk-*.db"))[:-keep]:
        old.unlink(missing_ok=True)
    log.info("backup written: %s", target.name)
    return target


def strip_backups(db_path: Path, keys: Iterable[str] = ("outbox.id_hash_key",)) -> int:
    """Delete ``keys`` from the settings of every backup already written (secure_delete,
    then VACUUM, so no freed page keeps them); returns how many backups changed."""
    changed = 0
    names = tuple(keys)
    for path in sorted(backup_dir_for(Path(db_path)).glob("kiosk-*.db")):
        try:
            conn = sqlite3.connect(path)
            try:
                conn.execute("PRAGMA secure_delete=ON")
                cur = conn.execute(
                    f"DELETE FROM settings WHERE key IN ({','.join('?' * len(names))})",  # noqa: S608
                    names,
                )
                conn.commit()
                if cur.rowcount:
                    conn.execute("VACUUM")
                    changed += 1
            finally:
                conn.close()
        except sqlite3.Error as exc:
            log.warning("backup %s not stripped: %s", path.name, exc)
    return changed


def latest_backup(backup_dir: Path) -> Path | None:
    for candidate in sorted(backup_dir.glob("kiosk-*.db"), reverse=True):
        if _probe(candidate)[0] == "ok":
            return candidate
    return None


def _probe(path: Path) -> tuple[str, str]:
    """'ok', 'corrupt', 'full' or 'unavailable', with SQLite's words.

    Only SQLite saying CORRUPT or NOTADB, or an integrity check that finds
    damage, makes a file corrupt; a failure it cannot explain is taken as
    "unavailable": waiting costs minutes, a wrong restore loses applications.
    """
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        kind = failure_kind(exc)
        return ("corrupt" if kind == "corrupt" else "full" if kind == "full" else "unavailable"), (
            f"{type(exc).__name__}: {exc}"
        )
    if rows and rows[0][0] == "ok":
        return "ok", ""
    return "corrupt", "integrity check: " + "; ".join(str(r[0]) for r in rows[:3])


def _raise_unusable(db_path: Path, kind: str, detail: str) -> None:
    cls = StorageFull if kind == "full" else StorageUnavailable
    # Not logged here: the caller waits and tries again, and logs once per kind.
    raise cls(f"database {db_path.name} cannot be checked now: {detail}; nothing was moved")


def _lost(storage: Storage, confirmed: list[Confirmed]) -> tuple[list[str], int]:
    present = {str(r["client_id"]) for r in storage.query("SELECT client_id FROM outbox")}
    missing = [c for c in confirmed if c.client_id not in present]
    return (
        sorted({c.tracking_no for c in missing if c.kind == "a"}),
        len({c.client_id for c in missing if c.kind == "e"}),
    )


def _missing_ids(storage: Storage, confirmed: list[Confirmed]) -> set[str]:
    present = {str(r["client_id"]) for r in storage.query("SELECT client_id FROM outbox")}
    return {c.client_id for c in confirmed} - present


# --- the three cases ----------------------------------------------------------


@dataclass
class _Outcome:
    report: RecoveryReport | None = None
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # to put back after opening
    # journal entries the report names (lost or uncertain): voided once it is kept
    reported: list[str] = field(default_factory=list)
    journal: JournalRead | None = None  # read once per start-up


def _parts(path: Path) -> list[Path]:
    return [Path(str(path) + suffix) for suffix in ("", "-wal", "-shm")]


def _restore(
    db_path: Path,
    backup: Path | None,
    broken: Path | None,
    reason: str,
    journal: ConfirmedJournal,
    read: JournalRead,
) -> _Outcome:
    """Build the restored file beside the broken one; swap only when it is complete."""
    restoring = db_path.with_name(db_path.name + ".restoring")
    for part in _parts(restoring):
        part.unlink(missing_ok=True)
    try:
        touch_private(restoring)
        if backup is not None:
            with open(backup, "rb") as src, open(restoring, "r+b") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
                dst.flush()
                os.fsync(dst.fileno())
        storage = open_storage(restoring)
        try:
            outbox_cols = columns(storage.conn, "outbox")
            found = salvage(broken, outbox_cols, columns(storage.conn, "audit"))
            added, settings = merge(storage, found, outbox_cols)
            marks = read.high_water or {}
            raise_sequence(storage, marks)
            # Without a journal (a kiosk older than it), what the broken file
            # still showed is the best list of what was confirmed.
            seen = [
                (c, str(r["kind"]), str(r.get("tracking_no") or ""))
                for c, r in found.outbox.items()
            ]
            seen += [(c, kind, number) for c, (kind, number) in found.bad_hash.items()]
            confirmed = read.entries or [
                Confirmed(c, "a" if kind == "application" else "e", "", 0, number)
                for c, kind, number in seen
            ]
            gone = _missing_ids(storage, confirmed)
            uncertain = [c for c in read.entries if c.client_id in read.uncertain & gone]
            missing, missing_evals = _lost(storage, [c for c in confirmed if c not in uncertain])
            salvaged = [found.outbox[c] for c in added]
            with storage.read_lock():
                storage.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            storage.close()
        with open(restoring, "rb+") as handle:
            os.fsync(handle.fileno())
    except (OSError, sqlite3.Error, StorageError) as exc:
        for part in _parts(restoring):
            part.unlink(missing_ok=True)
        error = exc if isinstance(exc, StorageError) else typed_error(exc, "restore failed")
        log.error("database restore not possible now (%s): nothing was moved", error.detail)
        raise error from exc
    moved = db_path.with_name(f"{db_path.name}.corrupt-{_stamp()}")
    if broken is not None and broken == db_path:
        for part, target in zip(_parts(db_path), _parts(moved), strict=True):
            if part.exists():
                part.replace(target)
    elif broken is not None:
        moved = broken
    replace_durably(restoring, db_path)
    fsync_dir(db_path.parent)
    report = RecoveryReport(
        at=now_iso(),
        moved_to=str(moved) if broken is not None else "",
        restored_from=str(backup or ""),
        reason=reason,
        missing_tracking_numbers=missing,
        uncertain_tracking_numbers=[c.tracking_no for c in uncertain if c.tracking_no],
        unreadable=broken is not None and not found.records,
        salvaged_tracking_numbers=sorted(
            str(r["tracking_no"]) for r in salvaged if r.get("tracking_no")
        ),
        salvaged_evaluations=sum(1 for r in salvaged if r["kind"] == "evaluation"),
        missing_evaluations=missing_evals,
        salvaged_settings=settings,
        tracking_high_water=marks,
        journal_damaged_lines=read.damaged_lines,
    )
    log.error(
        "database was broken (%s): moved to %s, restored %s, %d applications salvaged, "
        "%d confirmed applications could not be saved",
        reason,
        moved.name if broken is not None else "-",
        backup.name if backup else "nothing (fresh database)",
        len(report.salvaged_tracking_numbers),
        len(missing),
    )
    reported = [c.client_id for c in read.entries if c.client_id in gone]
    return _Outcome(report, reported=reported)


def _check_journal(db_path: Path, journal: ConfirmedJournal, read: JournalRead) -> _Outcome:
    """A sound file: does it hold every application the journal says was confirmed?"""
    if not read.entries:
        return _Outcome()
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
        try:
            present = {str(r[0]) for r in conn.execute("SELECT client_id FROM outbox")}
            outbox_cols = columns(conn, "outbox")
            audit_cols = columns(conn, "audit")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if failure_kind(exc) in ("full", "unavailable"):
            _raise_unusable(db_path, failure_kind(exc), str(exc))
        return _Outcome()  # no outbox table yet: a database older than the journal
    missing = [c for c in read.entries if c.client_id not in present]
    if not missing:
        return _Outcome()
    found = salvage(db_path, outbox_cols, audit_cols)
    if all(c.client_id in read.uncertain and c.client_id not in found.outbox for c in missing):
        # the usual power cut: the journal's fsync done, the COMMIT never; no receipt
        journal.void_durably([c.client_id for c in missing])
        log.warning(
            "journalled %s is not in the database: cut off before its COMMIT, never confirmed",
            ", ".join(c.tracking_no or c.client_id for c in missing),
        )
        return _Outcome()
    evidence = db_path.with_name(f"{db_path.name}.lost-{_stamp()}")
    try:
        for part, target in zip(_parts(db_path), _parts(evidence), strict=True):
            if part.exists() and not part.name.endswith("-shm"):
                touch_private(target)
                shutil.copyfile(part, target)
    except OSError as exc:
        log.error("could not keep a copy of the database that lost rows: %s", exc)
        evidence = Path("")
    wanted = {c.client_id for c in missing}
    rows = {k: v for k, v in found.outbox.items() if k in wanted}
    unsaved = [c for c in missing if c.client_id not in rows]
    lost = [c for c in unsaved if c.client_id not in read.uncertain]
    uncertain = [c for c in unsaved if c.client_id in read.uncertain]
    report = RecoveryReport(
        at=now_iso(),
        moved_to=str(evidence) if str(evidence) else "",
        restored_from="",
        reason=f"{len(missing)} confirmed items missing from a sound database (journal check)",
        missing_tracking_numbers=sorted({c.tracking_no for c in lost if c.kind == "a"}),
        kind="loss_detected",
        salvaged_tracking_numbers=sorted(
            str(r["tracking_no"]) for r in rows.values() if r.get("tracking_no")
        ),
        salvaged_evaluations=sum(1 for r in rows.values() if r["kind"] == "evaluation"),
        missing_evaluations=len({c.client_id for c in lost if c.kind == "e"}),
        journal_damaged_lines=read.damaged_lines,
        uncertain_tracking_numbers=[c.tracking_no for c in uncertain if c.tracking_no],
    )
    log.error(
        "database lost %d confirmed items without a sign of damage: %d read back from the WAL, "
        "%d could not be saved (%s)",
        len(missing),
        len(rows),
        len(lost),
        ", ".join(report.missing_tracking_numbers) or "no applications",
    )
    return _Outcome(report, rows, [c.client_id for c in unsaved])


def check_and_recover(db_path: Path, backup_dir: Path) -> RecoveryReport | None:
    """Run before opening the database. Returns a report when it had to recover.

    Raises StorageFull or StorageUnavailable, having moved nothing, when the
    file cannot be judged or the restore cannot be written now.
    """
    return _check(Path(db_path), backup_dir).report


def _check(db_path: Path, backup_dir: Path) -> _Outcome:
    journal = ConfirmedJournal(journal_path(db_path.parent))
    read = journal.read()
    outcome = _judge(db_path, backup_dir, journal, read)
    outcome.journal = read
    return outcome


def _judge(
    db_path: Path, backup_dir: Path, journal: ConfirmedJournal, read: JournalRead
) -> _Outcome:
    if not db_path.exists() or db_path.stat().st_size == 0:
        backup = latest_backup(backup_dir) if backup_dir.exists() else None
        aside = sorted(db_path.parent.glob(f"{db_path.name}.corrupt-*[0-9]"))
        if backup is None and not aside and not read.entries:
            return _Outcome()  # a first start
        reason = "database file missing" if not db_path.exists() else "database file empty"
        db_path.unlink(missing_ok=True)
        return _restore(db_path, backup, aside[-1] if aside else None, reason, journal, read)
    kind, detail = _probe(db_path)
    if kind in ("full", "unavailable"):
        _raise_unusable(db_path, kind, detail)
    if kind == "corrupt":
        backup = latest_backup(backup_dir) if backup_dir.exists() else None
        return _restore(db_path, backup, db_path, detail, journal, read)
    return _check_journal(db_path, journal, read)


def apply_high_water(storage: Storage, marks: dict[str, int] | None = None) -> None:
    """Raise the tracking counters to the journal's marks (a restored file may be older)."""
    if str(storage.path) == ":memory:":
        return
    if marks is None:
        marks = ConfirmedJournal(journal_path(storage.path.parent)).high_water()
    raise_sequence(storage, marks)


def _compact(storage: Storage, journal: ConfirmedJournal, read: JournalRead) -> None:
    """Keep the journal small: an item the platform has accepted is held there, so its
    line is dropped; the high-water marks stay, one line per day."""
    if len(read.entries) < COMPACT_AFTER:
        return
    accepted = {
        str(r["client_id"])
        for r in storage.query("SELECT client_id FROM outbox WHERE state = 'accepted'")
    }
    if len(accepted & {e.client_id for e in read.entries}) < COMPACT_AFTER // 2:
        return
    try:
        kept = journal.compact(read, keep=lambda e: e.client_id not in accepted)
    except OSError as exc:
        log.warning("confirmed journal not compacted: %s", exc)
        return
    log.info("confirmed journal compacted: %d of %d entries kept", kept, len(read.entries))


def open_recovered(path: Path) -> Storage:
    """Start-up's open: judge the file, restore or salvage if it lost anything,
    migrate, raise the tracking counters to the journal's high-water mark, and
    keep the recovery report for the technician page and the heartbeat."""
    db_path = Path(path)
    private_dir(db_path.parent)
    outcome = _check(db_path, backup_dir_for(db_path))
    storage = open_storage(db_path)
    try:
        if outcome.rows:
            put_back(storage, outcome.rows)
        apply_high_water(storage, (outcome.journal.high_water if outcome.journal else None) or {})
        if outcome.report is not None:
            remember_recovery(storage, outcome.report)
        if outcome.reported:  # named in the kept report: the next start must not again
            journal = ConfirmedJournal(journal_path(db_path.parent))
            try:
                journal.void_durably(outcome.reported)
            except OSError as exc:
                log.error("confirmed journal: reported losses not taken back: %s", exc)
            finally:
                journal.close()
        elif outcome.journal is not None:
            journal = ConfirmedJournal(journal_path(db_path.parent))
            _compact(storage, journal, outcome.journal)
            journal.close()
    except BaseException:
        storage.close()
        raise
    return storage
