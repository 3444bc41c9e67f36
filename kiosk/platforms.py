"""The platforms this kiosk was enrolled with, and which queued items belong to each.

A sealed box can be opened by one platform only: the one whose sealing key it
was sealed to (``outbox.sealed_for``). Re-provisioning the kiosk to another
platform must therefore never hand it the items still queued for the first
one (it would answer "cannot be opened" and they would be quarantined, or a
hostile platform would answer "accepted" and they would be lost). Each
enrollment is recorded here; the one not retired is the current platform, and
the sync engine sends every other platform's items to that platform
(``sync.engine``), or the technician exports them still sealed.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from kiosk.enrollment import SEAL_PUBLIC_KEY
from kiosk.settings import get_setting
from kiosk.storage import Storage


@dataclass(frozen=True)
class PlatformRecord:
    seal_key: str  # hex of the raw X25519 key the items were sealed to
    url: str
    kiosk_id: str
    signing_key: str  # hex of the Ed25519 key pinned at enrollment
    ca_bundle: str  # the certificate pinned at provisioning, or the configured CA bundle
    enrolled_at: str
    retired_at: str | None


def record_enrollment(
    conn: sqlite3.Connection,
    *,
    seal_key: str,
    url: str,
    kiosk_id: str,
    signing_key: str,
    ca_bundle: str,
    now: dt.datetime | None = None,
) -> None:
    """Inside enrollment's transaction: this platform is current, every other one retired."""
    at = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    conn.execute(
        "UPDATE platforms SET retired_at = ? WHERE seal_key != ? AND retired_at IS NULL",
        (at, seal_key),
    )
    conn.execute(
        """INSERT INTO platforms(seal_key, url, kiosk_id, signing_key, ca_bundle, enrolled_at)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(seal_key) DO UPDATE SET url = excluded.url,
               kiosk_id = excluded.kiosk_id, signing_key = excluded.signing_key,
               ca_bundle = excluded.ca_bundle, retired_at = NULL""",
        (seal_key, url, kiosk_id, signing_key, ca_bundle, at),
    )


def _record(row: dict[str, object]) -> PlatformRecord:
    retired = row["retired_at"]
    return PlatformRecord(
        seal_key=str(row["seal_key"]),
        url=str(row["url"]),
        kiosk_id=str(row["kiosk_id"]),
        signing_key=str(row["signing_key"]),
        ca_bundle=str(row["ca_bundle"]),
        enrolled_at=str(row["enrolled_at"]),
        retired_at=str(retired) if retired else None,
    )


def current_seal_key(storage: Storage) -> str:
    return get_setting(storage, SEAL_PUBLIC_KEY)


def known(storage: Storage) -> list[PlatformRecord]:
    rows = storage.query("SELECT * FROM platforms ORDER BY enrolled_at")
    return [_record(r) for r in rows]


def waiting_for_current(storage: Storage) -> int:
    """Items queued for the platform the kiosk is enrolled with now."""
    rows = storage.query(
        "SELECT count(*) AS n FROM outbox "
        "WHERE state IN ('pending', 'sending') AND sealed_for = ?",
        (current_seal_key(storage),),
    )
    return int(str(rows[0]["n"])) if rows else 0


@dataclass(frozen=True)
class Waiting:
    """Items queued for an earlier platform: where they go, and whether they can."""

    url: str  # "" when the kiosk knows no platform for their key
    count: int
    sendable: bool  # False: only a sealed export gets them there


def waiting_elsewhere(storage: Storage) -> list[Waiting]:
    """Items sealed for another key than the current platform's, by their platform."""
    current = current_seal_key(storage)
    rows = storage.query(
        """SELECT o.sealed_for AS key, count(*) AS n, p.url AS url
            FROM outbox o LEFT JOIN platforms p ON p.seal_key = o.sealed_for
            WHERE o.state IN ('pending', 'sending') AND o.sealed_for != ?
            GROUP BY o.sealed_for""",
        (current,),
    )
    sendable = {p.seal_key for p in sendable_elsewhere(storage)}
    return [
        Waiting(str(r["url"] or ""), int(str(r["n"])), str(r["key"]) in sendable) for r in rows
    ]


def sendable_elsewhere(storage: Storage) -> list[PlatformRecord]:
    """Retired platforms that still have items, each to be sent its own.

    Not one at the current platform's address: a platform that changed its
    sealing key under the same URL cannot open the old boxes either; those
    wait for a sealed export.
    """
    current_url = (get_setting(storage, "platform.url") or "").rstrip("/")
    rows = storage.query(
        """SELECT * FROM platforms p WHERE retired_at IS NOT NULL AND url != ?
            AND EXISTS (SELECT 1 FROM outbox o WHERE o.sealed_for = p.seal_key
                        AND o.state IN ('pending', 'sending'))
            ORDER BY enrolled_at""",
        (current_url,),
    )
    return [_record(r) for r in rows]
