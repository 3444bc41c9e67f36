"""Submitting an application: validate, seal, one durable outbox write, then a receipt.

``ApplicationService.submit`` is the only way an application leaves the
resident's hands. Order matters and is the point of this module:

1. the identity is checked (check character, birth date, card not expired);
2. the service is looked up again: a form built from a stale catalog version
   is refused, because the platform would judge it against other rules;
3. every field is validated; required materials must be ticked;
4. the payload (identity and answers) is sealed to the platform's public key,
   bound to the client id, so the kiosk keeps no readable copy;
5. ``Outbox.enqueue`` writes it in ONE transaction with the tracking number.

Only when ``submit`` returns may a receipt be printed. Nothing is stored if
any step before 5 fails.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kiosk import enrollment
from kiosk.catalog.model import Service
from kiosk.config import Config
from kiosk.errors import KioskError, ValidationError
from kiosk.forms import FormErrors, validate_form
from kiosk.identity import Identity
from kiosk.outbox import NewItem, Outbox, iso, utcnow
from kiosk.services import ServiceSource
from kiosk.settings import get_setting
from kiosk.storage import Storage
from protocol.sealing import OneTimeKey, SealError, load_public_key, one_time_key, seal

log = logging.getLogger(__name__)

PLATFORM_KEY_SETTING = enrollment.SEAL_PUBLIC_KEY
PLATFORM_URL_SETTING = enrollment.URL
PAYLOAD_VERSION = 1


class FormInvalid(ValidationError):
    """Some fields are wrong; ``errors`` maps each to its message key."""

    key = "form.error.summary"

    def __init__(self, errors: FormErrors) -> None:
        super().__init__("form has errors", count=len(errors.errors))
        self.errors = errors


@dataclass(frozen=True)
class Submission:
    """What the receipt and the Submitted screen may show: nothing readable of the person."""

    client_id: str
    tracking_no: str
    service_code: str
    service_version: int
    masked_name: str
    created_at: dt.datetime
    promised_days: int  # 承诺办结时限 of the service version applied for


def platform_base_url(storage: Storage, config: Config) -> str:
    """Where the resident's phone follows a case: the public URL the platform gave
    at enrollment, else the enrolled platform, else the configured one, else ""
    (no QR: a code to a placeholder domain leads nowhere)."""
    url = (
        get_setting(storage, enrollment.PUBLIC_URL)
        or get_setting(storage, PLATFORM_URL_SETTING)
        or config.sync.url
    )
    return url.rstrip("/")


def case_url(base_url: str, client_id: str) -> str:
    """The case's page on the phone; "" when the kiosk knows no platform."""
    return f"{base_url.rstrip('/')}/cases/{client_id}" if base_url else ""


def platform_public_key(storage: Storage) -> bytes:
    raw = get_setting(storage, PLATFORM_KEY_SETTING)
    if not raw:
        raise KioskError("kiosk has no platform sealing key", key="error.submit.not_provisioned")
    try:
        key = bytes.fromhex(raw)
        load_public_key(key)
    except (ValueError, SealError) as exc:
        raise KioskError(
            "platform sealing key is malformed", key="error.submit.not_provisioned"
        ) from exc
    return key


def seal_json(
    storage: Storage,
    document: Mapping[str, Any],
    client_id: str,
    prepared: OneTimeKey | None = None,
) -> bytes:
    return seal_bound(storage, document, client_id, prepared)[0]


def seal_bound(
    storage: Storage,
    document: Mapping[str, Any],
    client_id: str,
    prepared: OneTimeKey | None = None,
) -> tuple[bytes, str]:
    """The sealed box and the hex of the platform key it was sealed to: the outbox
    keeps the item bound to that platform (kiosk.platforms), whatever a
    re-provisioning does between the seal and the sync."""
    raw = platform_public_key(storage)
    plaintext = json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")
    box = seal(plaintext, load_public_key(raw), associated=client_id.encode(), prepared=prepared)
    return box, raw.hex()


def prepare_seal(storage: Storage) -> OneTimeKey | None:
    """A one-time sealing key for the next submit, or None if not provisioned
    (the submit itself then says so)."""
    try:
        return one_time_key(load_public_key(platform_public_key(storage)))
    except KioskError:
        return None


def current_service(services: ServiceSource, spec: Service) -> Service:
    """Refuse a form whose service is gone or whose catalog version is outdated."""
    try:
        current = services.service(spec.code)
    except KioskError:
        current = None
    if current is None:
        raise ValidationError("service not in catalog", key="error.submit.unknown_service")
    if current.version != spec.version:
        raise ValidationError(
            "catalog changed since the form was opened", key="error.submit.stale_catalog"
        )
    return current


class ApplicationService:
    def __init__(
        self,
        storage: Storage,
        outbox: Outbox,
        config: Config,
        services: ServiceSource,
        admission: Callable[[], None] | None = None,
    ) -> None:
        self.storage = storage
        self.outbox = outbox
        self.config = config
        self.services = services
        # raises a KioskError when the kiosk cannot keep another application
        # (sync.admission: backlog too old, disk nearly full); the core does not import sync
        self.admission = admission

    def submit(
        self,
        spec: Service,
        identity: Identity | None,
        values: Mapping[str, str],
        ticked_materials: Sequence[str] = (),
        now: dt.datetime | None = None,
        prepared: OneTimeKey | None = None,
    ) -> Submission:
        """``prepared``: a one-time key made before the confirm tap (prepare_seal);
        the caller must not pass the same one twice."""
        if identity is None:
            raise ValidationError("no identity", key="error.submit.no_identity")
        if self.admission is not None:
            self.admission()
        identity.check()
        current = current_service(self.services, spec)
        if current.needs_online:
            raise ValidationError("service is online only", key="error.submit.online_only")
        cleaned, errors = validate_form(current.form, values, identity)
        if errors:
            raise FormInvalid(errors)
        ticked = set(ticked_materials)
        missing = [m.code for m in current.materials if m.required and m.code not in ticked]
        if missing:
            raise ValidationError(
                "required materials not ticked", key="error.submit.materials", count=len(missing)
            )
        now = now or utcnow()
        client_id = str(uuid.uuid4())
        payload = {
            "v": PAYLOAD_VERSION,
            "kind": "application",
            "client_id": client_id,
            "kiosk": self.config.kiosk.code,
            "service": {"code": current.code, "version": current.version},
            "submitted_at": iso(now),
            "applicant": {
                "name": identity.name,
                "id_number": identity.id_number,
                "source": identity.source.value,
            },
            "fields": cleaned,
            "materials": sorted(ticked & {m.code for m in current.materials}),
        }
        sealed, sealed_for = seal_bound(self.storage, payload, client_id, prepared)
        payload.clear()
        item = self.outbox.enqueue(
            NewItem(
                kind="application",
                sealed=sealed,
                service_code=current.code,
                service_version=current.version,
                masked_name=identity.masked_name,
                id_number=identity.id_number,
                client_id=client_id,
                sealed_for=sealed_for,
            ),
            now=now,
        )
        assert item.tracking_no is not None
        log.info("application %s queued for %s", item.tracking_no, current.code)
        return Submission(
            client_id=item.client_id,
            tracking_no=item.tracking_no,
            service_code=current.code,
            service_version=current.version,
            masked_name=item.masked_name,
            created_at=dt.datetime.fromisoformat(item.created_at),
            promised_days=current.promised_days,
        )
