"""What the platform knows of one case beyond the kiosk API: its service from the
catalog, its applicant (opened from the sealed payload), its timeline.

The phone pages, the certificates and the notices read cases through here, so
the one place that opens a payload for a resident-facing purpose is this
module (the operator's ``open_payload`` is the other, and it is audited by the
console). Nothing returned here is logged.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from central.platform import Platform, open_payload
from central.store import StoreError
from kiosk.catalog.files import parse_catalog
from kiosk.catalog.model import Catalog, Service
from kiosk.errors import ValidationError
from kiosk.privacy import mask_name

log = logging.getLogger(__name__)

_catalog_lock = threading.Lock()
_catalog_cache: dict[Path, tuple[float, Catalog | None]] = {}


def platform_catalog(platform: Platform) -> Catalog | None:
    """The platform's catalog (read again only when its file changes), or None
    when the file is missing or refused (``central.publish`` logs why)."""
    path = platform.catalog_path
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        return None
    with _catalog_lock:
        cached = _catalog_cache.get(path)
        if cached is not None and cached[0] == mtime:
            return cached[1]
        try:
            catalog: Catalog | None = parse_catalog(path.read_bytes(), str(path))
        except (OSError, ValidationError):
            catalog = None
        _catalog_cache[path] = (mtime, catalog)
        return catalog


def service_of(platform: Platform, code: str) -> Service | None:
    catalog = platform_catalog(platform)
    if catalog is None:
        return None
    for service in catalog.services:
        if service.code == code:
            return service
    return None


@dataclass(frozen=True)
class Applicant:
    """The applicant as the sealed payload names them; kept in memory only."""

    name: str = ""
    id_number: str = ""
    phone: str = ""

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)


def applicant_of(platform: Platform, case_number: str) -> Applicant:
    """Open the case's payload for its applicant; an empty Applicant when it cannot."""
    try:
        payload = open_payload(platform, case_number)
    except StoreError:
        return Applicant()
    if not isinstance(payload, dict):
        return Applicant()
    person = payload.get("applicant") or {}
    fields = payload.get("fields") or {}
    phone = ""
    if isinstance(fields, dict):
        for key in ("phone", "mobile", "contact_phone", "telephone"):
            if isinstance(fields.get(key), str) and fields[key]:
                phone = fields[key]
                break
    return Applicant(
        name=str(person.get("name", "")) if isinstance(person, dict) else "",
        id_number=str(person.get("id_number", "")) if isinstance(person, dict) else "",
        phone=phone,
    )


@dataclass(frozen=True)
class CaseRow:
    """One application as the phone page shows it (no personal data but the mask)."""

    case_number: str
    client_id: str
    kiosk_id: str
    service_code: str
    tracking_no: str
    status: str
    received_at: str


def case_by_client_id(platform: Platform, client_id: str) -> CaseRow | None:
    rows = platform.store.query(
        "SELECT case_number, client_id, kiosk_id, service_code, tracking_no, status, received_at "
        "FROM applications WHERE client_id = :client AND kind = 'application'",
        {"client": client_id},
    )
    return CaseRow(*(str(v or "") for v in rows[0])) if rows else None


def case_by_number(platform: Platform, case_number: str) -> CaseRow | None:
    rows = platform.store.query(
        "SELECT case_number, client_id, kiosk_id, service_code, tracking_no, status, received_at "
        "FROM applications WHERE case_number = :case AND kind = 'application'",
        {"case": case_number},
    )
    return CaseRow(*(str(v or "") for v in rows[0])) if rows else None


@dataclass(frozen=True)
class Step:
    status: str
    at: str
    note: str


def timeline(platform: Platform, client_id: str) -> list[Step]:
    """The case's status events in order, each with its note (a rejection's reason)."""
    rows = platform.store.query(
        "SELECT status, at, note FROM status_events WHERE client_id = :client ORDER BY seq",
        {"client": client_id},
    )
    return [Step(str(r[0]), str(r[1]), str(r[2] or "")) for r in rows]


def local_time(iso: str) -> str:
    """A stored UTC time as the resident's wall clock (China Standard Time) shows it."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d %H:%M")


def as_dict(row: CaseRow) -> dict[str, Any]:
    return {
        "case_number": row.case_number,
        "client_id": row.client_id,
        "service_code": row.service_code,
        "tracking_no": row.tracking_no,
        "status": row.status,
    }
