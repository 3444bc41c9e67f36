"""Progress of a resident's cases from the local outbox index, offline or not.

The kiosk shows the last state it knows: the outbox row's sync state and the
platform status the sync engine last pulled, with the time of the last
successful sync, so an offline kiosk says honestly how old its answer is.
Lookups by ID card use the outbox's keyed hash; the number is never stored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kiosk.errors import ValidationError
from kiosk.outbox import Outbox, OutboxItem
from kiosk.settings import get_setting
from kiosk.storage import Storage

LAST_SYNC_SETTING = "sync.last_success_at"
_TRACKING = re.compile(r"[A-Z0-9]{1,16}-\d{8}-\d{4,6}")
_CASE_URL = re.compile(r"/cases/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b")


@dataclass(frozen=True)
class CaseView:
    tracking_no: str
    service_code: str
    masked_name: str
    created_at: str
    state: str  # outbox sync state: pending, sending, accepted, quarantined
    status: str  # platform status as last pulled
    status_at: str | None
    case_number: str
    client_id: str = ""  # what the platform knows the case by (its certificate too)

    @property
    def has_certificate(self) -> bool:
        """The platform issued the case's certificate: the kiosk can print it."""
        return self.status == "certificate_ready"

    @property
    def status_key(self) -> str:
        if self.state in ("pending", "sending"):
            return "progress.status.waiting_sync"
        if self.state == "quarantined":
            return "progress.status.problem"
        return f"progress.status.{self.status or 'submitted'}"


def _view(item: OutboxItem) -> CaseView:
    return CaseView(
        tracking_no=item.tracking_no or "",
        service_code=item.service_code,
        masked_name=item.masked_name,
        created_at=item.created_at,
        state=item.state,
        status=item.status,
        status_at=item.status_at,
        case_number=item.case_number,
        client_id=item.client_id,
    )


def tracking_from_text(text: str) -> str:
    """A tracking number typed, or scanned from the receipt's QR (its URL or the number)."""
    text = text.strip().upper()
    if len(text) > 512:
        raise ValidationError("too long", key="progress.error.format")
    match = _TRACKING.search(text)
    if not match:
        raise ValidationError("not a tracking number", key="progress.error.format")
    return match.group(0)


class ProgressQuery:
    def __init__(self, storage: Storage, outbox: Outbox) -> None:
        self.storage = storage
        self.outbox = outbox

    def last_sync(self) -> dt.datetime | None:
        value = get_setting(self.storage, LAST_SYNC_SETTING)
        try:
            return dt.datetime.fromisoformat(value) if value else None
        except ValueError:
            return None

    def by_tracking_no(self, text: str) -> CaseView | None:
        item = self.outbox.by_tracking_no(tracking_from_text(text))
        return _view(item) if item else None

    def by_client_id(self, client_id: str) -> CaseView | None:
        item = self.outbox.get(client_id.strip().lower())
        return _view(item) if item and item.kind == "application" else None

    def lookup(self, text: str) -> CaseView | None:
        """Typed tracking number, or the receipt's QR URL (which carries the client id)."""
        if len(text) > 512:
            raise ValidationError("too long", key="progress.error.format")
        match = _CASE_URL.search(text.strip().lower())
        if match:
            return self.by_client_id(match.group(1))
        return self.by_tracking_no(text)

    def by_id_number(self, id_number: str) -> list[CaseView]:
        return [_view(i) for i in self.outbox.by_id_number(id_number)]
