"""The rows a damaged database file still holds, and putting them into the restored copy.

``kiosk.salvage`` reads the file page by page; this module tells an outbox row,
a setting, an audit row and a tracking counter apart by their shape, keeps the
most advanced copy of each outbox row whose sealed bytes still match their hash
(a copy with a flipped bit is never sent as it is), and adds to the restored
database only what it lacks. The tracking counters only ever grow.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.recovery_report import NOT_RESTORED
from kiosk.salvage import read_records
from kiosk.storage import Storage
from protocol.sealing import payload_hash

log = logging.getLogger(__name__)

_STATE_RANK = {"pending": 0, "sending": 1, "quarantined": 2, "accepted": 3}


@dataclass
class Salvage:
    outbox: dict[str, dict[str, Any]] = field(default_factory=dict)  # by client id
    # client id -> (kind, tracking number) of rows whose every copy is damaged
    bad_hash: dict[str, tuple[str, str]] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    audit: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    sequence: dict[str, int] = field(default_factory=dict)
    records: int = 0


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")]


def salvage(path: Path | None, outbox_cols: list[str], audit_cols: list[str]) -> Salvage:
    found = Salvage()
    if path is None:
        return found
    kind_at, state_at = outbox_cols.index("kind"), outbox_cols.index("state")
    sealed_at, hash_at = outbox_cols.index("sealed"), outbox_cols.index("payload_hash")
    for record in read_records(path):
        found.records += 1
        values = record.values
        if _is_outbox(values, kind_at, state_at, len(outbox_cols)):
            _keep_outbox(found, dict(zip(outbox_cols, values, strict=False)), sealed_at, hash_at)
        elif _is_setting(values):
            found.settings.setdefault(str(values[0]), str(values[1]))
        elif len(values) == 2 and isinstance(values[0], str) and isinstance(values[1], int):
            if len(values[0]) == 8 and values[0].isdigit():
                found.sequence[values[0]] = max(found.sequence.get(values[0], 0), values[1])
        elif len(values) == len(audit_cols) and _is_audit(values):
            found.audit[record.rowid] = values[1:]
    for client_id in set(found.bad_hash) & set(found.outbox):
        del found.bad_hash[client_id]
    return found


def _is_outbox(values: tuple[Any, ...], kind_at: int, state_at: int, width: int) -> bool:
    return (
        state_at < len(values) <= width
        and isinstance(values[0], str)
        and len(values[0]) == 36
        and values[kind_at] in ("application", "evaluation")
        and values[state_at] in _STATE_RANK
    )


def _keep_outbox(found: Salvage, row: dict[str, Any], sealed_at: int, hash_at: int) -> None:
    client_id = str(row["client_id"])
    sealed = row.get("sealed")
    if isinstance(sealed, bytes) and payload_hash(sealed) != row.get("payload_hash"):
        # a flipped bit in this copy: never sent as it is
        found.bad_hash[client_id] = (str(row["kind"]), str(row.get("tracking_no") or ""))
        return
    old = found.outbox.get(client_id)
    if old is None or (_STATE_RANK[str(row["state"])], int(row.get("attempts") or 0)) > (
        _STATE_RANK[str(old["state"])],
        int(old.get("attempts") or 0),
    ):
        if old is not None and old.get("sealed") is not None and row.get("sealed") is None:
            row = {**row, "sealed": old["sealed"]}
        found.outbox[client_id] = row


def _is_setting(values: tuple[Any, ...]) -> bool:
    return (
        len(values) == 2
        and isinstance(values[0], str)
        and isinstance(values[1], str)
        and "." in values[0]
        and values[0] not in NOT_RESTORED
    )


def _is_audit(values: tuple[Any, ...]) -> bool:
    return values[0] is None and all(isinstance(v, str) for v in values[1:5])


def merge(storage: Storage, found: Salvage, outbox_cols: list[str]) -> tuple[set[str], list[str]]:
    """Put into the restored database what it lacks; returns (client ids added, setting keys)."""
    present = {str(r["client_id"]) for r in storage.query("SELECT client_id FROM outbox")}
    keys = {str(r["key"]) for r in storage.query("SELECT key FROM settings")}
    audit_ids = {int(str(r["id"])) for r in storage.query("SELECT id FROM audit")}
    added: set[str] = set()
    settings: list[str] = []
    with storage.transaction() as conn:
        for client_id, row in found.outbox.items():
            if client_id in present:
                continue
            cols = [c for c in outbox_cols if c in row]
            try:
                conn.execute(
                    # column names from PRAGMA table_info, values as parameters
                    f"INSERT INTO outbox ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",  # noqa: S608
                    [row[c] for c in cols],
                )
            except sqlite3.IntegrityError as exc:
                log.warning(
                    "salvaged row %s not kept: %s", row.get("tracking_no") or client_id, exc
                )
                continue
            added.add(client_id)
        for key, value in found.settings.items():
            if key not in keys:
                conn.execute("INSERT INTO settings(key, value) VALUES (?, ?)", (key, value))
                settings.append(key)
        for rowid, values in found.audit.items():
            if rowid not in audit_ids:
                conn.execute(
                    "INSERT INTO audit(id, at, actor, action, detail, synced) VALUES (?,?,?,?,?,?)",
                    (rowid, *values[:5]),
                )
    raise_sequence(storage, found.sequence)
    return added, sorted(settings)


def raise_sequence(storage: Storage, marks: dict[str, int]) -> None:
    """Never below a number already given: the per-day counters only grow."""
    if not marks:
        return
    with storage.transaction() as conn:
        conn.executemany(
            "INSERT INTO tracking_sequence(day, last) VALUES (?, ?) "
            "ON CONFLICT(day) DO UPDATE SET last = max(last, excluded.last)",
            list(marks.items()),
        )


def put_back(storage: Storage, rows: dict[str, dict[str, Any]]) -> None:
    cols = columns(storage.conn, "outbox")
    merge(storage, Salvage(outbox=rows), cols)
