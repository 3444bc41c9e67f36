"""What a start-up's recovery found, kept for the technician's kiosk page and the heartbeat.

``kiosk.backup.open_recovered`` writes the report (``storage.recovery``) and
the start-up's wait for its disk (``storage.wait``) as settings; neither is ever
carried over by a backup or a salvage, nor is the ID hash key older kiosks kept
in the database.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field

from kiosk.storage import Storage

RECOVERY_SETTING = "storage.recovery"
WAIT_SETTING = "storage.wait"
# Settings a backup or a salvage never carries over: the report itself, and the
# ID hash key that older kiosks kept in the database (it lives in a file now).
NOT_RESTORED = frozenset({RECOVERY_SETTING, WAIT_SETTING, "outbox.id_hash_key"})


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class RecoveryReport:
    at: str
    moved_to: str
    restored_from: str  # "" when no backup existed and a fresh database was started
    reason: str
    # Confirmed applications that could not be saved, by tracking number.
    missing_tracking_numbers: list[str] = field(default_factory=list)
    unreadable: bool = False  # not one row could be read from the broken file
    kind: str = "restored"  # restored | loss_detected
    salvaged_tracking_numbers: list[str] = field(default_factory=list)
    salvaged_evaluations: int = 0
    missing_evaluations: int = 0  # confirmed evaluations that could not be saved
    salvaged_settings: list[str] = field(default_factory=list)  # keys (enrollment...)
    tracking_high_water: dict[str, int] = field(default_factory=dict)
    journal_damaged_lines: int = 0
    # Journalled, missing, and without a COMMIT mark: a power cut between the
    # journal's fsync and the COMMIT, so most likely never confirmed (no receipt).
    uncertain_tracking_numbers: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def remember_recovery(storage: Storage, report: RecoveryReport) -> None:
    """Keep the report where the technician page and the heartbeat read it."""
    with storage.transaction() as conn:
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (RECOVERY_SETTING, report.to_json()),
        )


def remember_wait(storage: Storage, since: str, until: str, key: str, detail: str) -> None:
    """The kiosk waited at start-up for its database (a full disk, an I/O error)."""
    with storage.transaction() as conn:
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (
                WAIT_SETTING,
                json.dumps({"since": since, "until": until, "key": key, "detail": detail[:300]}),
            ),
        )


def last_recovery(storage: Storage) -> dict[str, object] | None:
    """The last recovery report, with the last start-up wait under ``waited`` (the
    heartbeat's ``recovery`` field carries both)."""
    rows = storage.query(
        "SELECT key, value FROM settings WHERE key IN (?, ?)", (RECOVERY_SETTING, WAIT_SETTING)
    )
    values = {str(r["key"]): json.loads(str(r["value"])) for r in rows}
    report = values.get(RECOVERY_SETTING)
    if WAIT_SETTING in values:
        report = {**(report or {}), "waited": values[WAIT_SETTING]}
    return report
