"""The audit trail: every technician entry, failure and change.

Rows are synced to the platform with the heartbeat (``unsynced``/``mark_synced``),
so an operator can see who opened a kiosk and what they changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.storage import Storage


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    action: str
    detail: str


def record(storage: Storage, action: str, detail: str = "", actor: str = "technician") -> None:
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with storage.transaction() as conn:
        conn.execute(
            "INSERT INTO audit(at, actor, action, detail) VALUES (?, ?, ?, ?)",
            (at, actor, action, detail),
        )


def recent(storage: Storage, limit: int = 50) -> list[AuditEntry]:
    rows = storage.query(
        "SELECT id, at, actor, action, detail FROM audit ORDER BY id DESC LIMIT ?", (limit,)
    )
    return [
        AuditEntry(
            int(str(r["id"])), str(r["at"]), str(r["actor"]), str(r["action"]), str(r["detail"])
        )
        for r in rows
    ]


def unsynced(storage: Storage, limit: int = 500) -> list[AuditEntry]:
    rows = storage.query(
        "SELECT id, at, actor, action, detail FROM audit WHERE synced = 0 ORDER BY id LIMIT ?",
        (limit,),
    )
    return [
        AuditEntry(
            int(str(r["id"])), str(r["at"]), str(r["actor"]), str(r["action"]), str(r["detail"])
        )
        for r in rows
    ]


def mark_synced(storage: Storage, ids: list[int]) -> None:
    with storage.transaction() as conn:
        conn.executemany("UPDATE audit SET synced = 1 WHERE id = ?", [(i,) for i in ids])
