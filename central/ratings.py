"""好差评 of a case, once, from whichever channel the resident uses first.

A rating given on the phone page is kept here at once; a rating given at the
kiosk arrives as a sealed ``evaluation`` item through the sync API and is read
into the same table (``ingest_kiosk_ratings``, a cursor over the evaluations
received). The first rating of a case wins, whichever door it came through;
the phone page shows it, and the kiosk is told on its case lookup.
The rules (levels, reasons, comment) are the kiosk's own: ``kiosk.evaluations.check``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from central.platform import Platform
from central.store import now_iso, sql
from kiosk.errors import ValidationError
from kiosk.evaluations import Evaluation, check
from protocol.sealing import SealError, open_sealed, seal

log = logging.getLogger(__name__)

CURSOR_KEY = "ratings.evaluation_cursor"


@dataclass(frozen=True)
class Rating:
    application_id: str
    level: int
    reasons: tuple[str, ...]
    channel: str  # "phone" or "kiosk"
    at: str


def rating_of(platform: Platform, application_id: str) -> Rating | None:
    ingest_kiosk_ratings(platform)
    rows = platform.store.query(
        "SELECT application_id, level, reasons, channel, at FROM ratings "
        "WHERE application_id = :app",
        {"app": application_id},
    )
    if not rows:
        return None
    r = rows[0]
    return Rating(str(r[0]), int(r[1]), tuple(json.loads(r[2])), str(r[3]), str(r[4]))


def _insert(platform: Platform, application_id: str, ev: Evaluation, channel: str) -> bool:
    sealed = (
        seal(ev.comment.encode(), platform.keys.seal.public_key(), application_id.encode())
        if ev.comment
        else None
    )
    with platform.store.transaction() as conn:
        cur = conn.execute(
            sql(
                "INSERT INTO ratings(application_id, level, reasons, comment_sealed, channel, at) "
                "VALUES (:app, :level, :reasons, :sealed, :channel, :at) ON CONFLICT DO NOTHING"
            ),
            {"app": application_id, "level": ev.level, "reasons": json.dumps(list(ev.reasons)),
             "sealed": sealed, "channel": channel, "at": now_iso()},
        )  # fmt: skip
        return cur.rowcount == 1


def rate_from_phone(platform: Platform, application_id: str, evaluation: Evaluation) -> bool:
    """Keep the phone's rating; False when the case was rated already (on either side).
    Raises ``ValidationError`` (``evaluate.error.*``) for a rating the rules refuse."""
    ingest_kiosk_ratings(platform)
    ev = check(evaluation)
    return _insert(platform, application_id, ev, "phone")


def ingest_kiosk_ratings(platform: Platform) -> int:
    """Read the kiosks' evaluations received since the last call; returns how many
    rated a case for the first time."""
    store = platform.store
    cursor = int(store.get_meta(CURSOR_KEY, "0") or 0)
    rows = store.query(
        "SELECT id, client_id, sealed FROM applications "
        "WHERE kind = 'evaluation' AND id > :cursor ORDER BY id LIMIT 500",
        {"cursor": cursor},
    )
    added = 0
    for row_id, client_id, sealed in rows:
        cursor = int(row_id)
        try:
            plain = open_sealed(bytes(sealed), platform.keys.seal, str(client_id).encode())
            doc = json.loads(plain)
        except (SealError, ValueError):
            continue
        app_id = str(doc.get("application_id") or "") if isinstance(doc, dict) else ""
        if not app_id:
            continue  # a rating of the hall, not of a case
        try:
            ev = check(
                Evaluation(
                    level=int(doc.get("level", 0)),
                    reasons=tuple(str(r) for r in doc.get("reasons", [])),
                    comment=str(doc.get("comment", "")),
                )
            )
        except (ValidationError, ValueError, TypeError):
            log.warning("evaluation %s skipped: not a rating the rules take", row_id)
            continue
        if _insert(platform, app_id, ev, "kiosk"):
            added += 1
    if rows:
        store.set_meta(CURSOR_KEY, str(cursor))
    return added
