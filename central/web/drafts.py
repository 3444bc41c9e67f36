"""Applications started on the phone and finished at the kiosk (手机办件).

The phone fills the service's form from the platform's catalog and the kiosk's
own rules (``kiosk.forms.validate_form``: one implementation for both doors).
The answers are kept sealed to the platform's key under a "continue at the
kiosk" code; the phone shows that code as a QR, the kiosk's scanner reads it,
the kiosk claims the answers over its signed API, prefills its form, reads the
ID card (which must carry the ID number declared on the phone) and submits the
application as its own: printing, the card read and the paper signature are
the steps only the kiosk can do.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from central.platform import Platform
from central.store import sql
from kiosk.catalog.kinds import Channel, FieldType, PrefillSource
from kiosk.catalog.model import Service
from kiosk.forms import FormErrors, validate_form
from protocol.sealing import SealError, open_sealed, seal

log = logging.getLogger(__name__)

VALID_HOURS = 72
PREFIX = "KC"  # what a kiosk scan recognises: <platform>/continue/KC...


DRAFT_ROW = (
    "SELECT service_code, service_version, sealed, expires_at, claimed_by "
    "FROM phone_drafts WHERE code = :code"
)


def startable(service: Service) -> bool:
    """A service the phone may start: offered in the app and finished at the kiosk."""
    return (
        Channel.APP in service.channels
        and Channel.KIOSK in service.channels
        and bool(service.form)
        and not service.needs_online
    )


def phone_fields(service: Service) -> list[Any]:
    """The fields the phone asks: all of the form (the card-bound ones are declared
    here and checked against the card at the kiosk)."""
    return list(service.form)


def check_answers(service: Service, values: Mapping[str, str]) -> tuple[dict[str, str], FormErrors]:
    """The kiosk's own validation, field by field; the ID number must be declared."""
    cleaned, errors = validate_form(service.form, values)
    if not declared_id_number(service, cleaned) and not errors:
        errors.errors["id_number"] = ("form.error.required", {})
    return cleaned, errors


def declared_id_number(service: Service, values: Mapping[str, str]) -> str:
    for spec in service.form:
        if spec.type is FieldType.ID_NUMBER and spec.prefill is PrefillSource.ID_NUMBER:
            return str(values.get(spec.id, ""))
    return ""


@dataclass(frozen=True)
class Draft:
    code: str
    service_code: str
    service_version: int
    created_at: str
    expires_at: str
    claimed_at: str


def create_draft(platform: Platform, service: Service, cleaned: Mapping[str, str]) -> str:
    code = PREFIX + secrets.token_urlsafe(12)
    now = dt.datetime.now(dt.UTC)
    box = seal(
        json.dumps(dict(cleaned), ensure_ascii=False).encode(),
        platform.keys.seal.public_key(),
        code.encode(),
    )
    with platform.store.transaction() as conn:
        conn.execute(
            sql(
                "INSERT INTO phone_drafts(code, service_code, service_version, sealed, "
                "created_at, expires_at) VALUES (:code, :service, :version, :sealed, :at, :until)"
            ),
            {"code": code, "service": service.code, "version": service.version, "sealed": box,
             "at": now.isoformat(timespec="seconds"),
             "until": (now + dt.timedelta(hours=VALID_HOURS)).isoformat(timespec="seconds")},
        )  # fmt: skip
    log.info("phone draft started for %s", service.code)
    return code


def draft(platform: Platform, code: str) -> Draft | None:
    rows = platform.store.query(
        "SELECT code, service_code, service_version, created_at, expires_at, claimed_at "
        "FROM phone_drafts WHERE code = :code",
        {"code": code},
    )
    if not rows:
        return None
    r = rows[0]
    return Draft(str(r[0]), str(r[1]), int(r[2]), str(r[3]), str(r[4]), str(r[5] or ""))


def claim_draft(platform: Platform, code: str, kiosk_id: str) -> dict[str, Any] | None:
    """What the kiosk needs to continue: the service and the declared answers.
    None when the code is unknown, expired, or already claimed by another kiosk."""
    now = dt.datetime.now(dt.UTC)
    with platform.store.transaction() as conn:
        row = conn.execute(sql(DRAFT_ROW + platform.store.for_update), {"code": code}).fetchone()
        if row is None or dt.datetime.fromisoformat(row[3]) < now:
            return None
        if row[4] and row[4] != kiosk_id:
            return None
        conn.execute(
            sql(
                "UPDATE phone_drafts SET claimed_at = COALESCE(claimed_at, :at), "
                "claimed_by = :kiosk WHERE code = :code"
            ),
            {"at": now.isoformat(timespec="seconds"), "kiosk": kiosk_id, "code": code},
        )
    try:
        answers = json.loads(open_sealed(bytes(row[2]), platform.keys.seal, code.encode()))
    except (SealError, ValueError):
        return None
    return {"service_code": str(row[0]), "service_version": int(row[1]), "answers": answers}
