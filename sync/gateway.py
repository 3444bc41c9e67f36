"""The journey's ``kiosk.platform.PlatformGateway`` over the signed platform client.

Online-only requests (phone QR identity, proofs, a case from the phone) go
straight to the platform with a short timeout; a transport failure becomes the
journey's ``error.platform.offline``, an unknown code its own message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.config import Config
from kiosk.errors import SyncError
from kiosk.identity import Identity, IdentitySource
from kiosk.platform import DRAFT, PhoneCase, is_draft_code
from kiosk.storage import Storage

if TYPE_CHECKING:
    from sync.client import PlatformClient
# sync.client and sync.engine load with the first request, not with the kiosk's
# areas (the protocol's pydantic models are most of sync's import: sync.report)

log = logging.getLogger(__name__)


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def identity_from_platform(data: dict[str, Any]) -> Identity:
    return Identity(
        name=str(data.get("name", "")),
        id_number=str(data.get("id_number", "")),
        source=IdentitySource.PHONE_QR,
        sex=str(data.get("sex", "")),
        nation_code=str(data.get("nation_code", "")),
        birth_date=_date(data.get("birth_date")),
        address=str(data.get("address", "")),
    )


class HttpGateway:
    """Implements ``PlatformGateway``; ``online_fn`` may come from the SyncService."""

    def __init__(
        self,
        client: PlatformClient,
        online_fn: Callable[[], bool] | None = None,
    ) -> None:
        self.client = client
        self._online_fn = online_fn
        self._last_ok = 0.0
        self._lock = threading.Lock()  # one request at a time on the session
        # the phone code each resident presented, by the identity it resolved to: a
        # proof for that person carries it as evidence (the platform issues proofs
        # only to a kiosk that shows the resident is there). Kept a few minutes.
        # keyed by a salted hash: no ID number is kept here.
        self._presented: dict[str, tuple[str, float]] = {}
        self._salt = secrets.token_bytes(16)

    @classmethod
    def from_settings(
        cls, storage: Storage, config: Config, online_fn: Callable[[], bool] | None = None
    ) -> HttpGateway:
        from sync.engine import SyncEngine

        engine = SyncEngine.from_settings(storage, config)
        engine.client.timeout = min(engine.client.timeout, 8.0)
        return cls(engine.client, online_fn)

    def online(self) -> bool:
        if self._online_fn is not None:
            return self._online_fn()
        return time.monotonic() - self._last_ok < 300

    def _call(self, fn: Callable[[], Any]) -> Any:
        from sync.client import TransientError

        with self._lock:
            try:
                result = fn()
            except TransientError as exc:
                raise SyncError(exc.detail, key="error.platform.offline") from exc
            self._last_ok = time.monotonic()
            return result

    def resolve_phone_qr(self, code: str) -> Identity:
        data = self._call(lambda: self.client.resolve_phone_code(code))
        if data is None:
            raise SyncError("phone code unknown or expired", key="error.sync.qr_unknown")
        identity = identity_from_platform(data)
        now = time.monotonic()
        self._presented = {k: v for k, v in self._presented.items() if now - v[1] < 600}
        self._presented[self._who(identity)] = (code, now)
        return identity

    def _who(self, identity: Identity) -> str:
        return hashlib.sha256(self._salt + identity.id_number.upper().encode()).hexdigest()

    def fetch_proof(self, service_code: str, identity: Identity) -> bytes:
        from sync.client import RequestRefused

        evidence = self._presented.get(self._who(identity), ("", 0.0))[0]
        try:
            pdf: bytes = self._call(
                lambda: self.client.proof(
                    identity.id_number, identity.name, service_code, evidence=evidence
                )
            )
        except RequestRefused as exc:
            if exc.status == 403:
                raise SyncError(
                    "the platform wants the resident's phone code", key="error.proof.not_allowed"
                ) from exc
            raise
        return pdf

    def fetch_phone_case(self, code: str) -> PhoneCase:
        if is_draft_code(code):
            return self._claim_draft(code)
        case = self._call(lambda: self.client.lookup_case(code))
        if case is None:
            raise SyncError("no such case", key="error.sync.case_unknown")
        return PhoneCase(
            case_id=str(case.get("case_number", "")),
            service_code=str(case.get("service_code", "")),
            tracking_no=str(case.get("tracking_no") or ""),
            status=str(case.get("status", "")),
            client_id=str(case.get("client_id") or "")[:64],
        )

    def fetch_certificate(self, client_id: str) -> bytes:
        pdf: bytes | None = self._call(lambda: self.client.certificate(client_id))
        if pdf is None:
            raise SyncError("no certificate for this case", key="error.sync.no_certificate")
        return pdf

    def case_rating(self, client_id: str) -> tuple[int, str] | None:
        """(level, channel) of the case's rating, if it was rated (on the phone, say)."""
        data = self._call(lambda: self.client.case_rating(client_id))
        if not data:
            return None
        try:
            return int(data.get("level", 0)), str(data.get("channel", ""))[:16]
        except (TypeError, ValueError):
            return None

    def _claim_draft(self, code: str) -> PhoneCase:
        """An application started on the phone: its service and declared answers."""
        data = self._call(lambda: self.client.claim_phone_draft(code))
        answers = data.get("answers") if isinstance(data, dict) else None
        if not isinstance(data, dict) or not isinstance(answers, dict):
            raise SyncError("phone draft unknown or used", key="error.sync.draft_unknown")
        try:
            version = int(data.get("service_version", 0))
        except (TypeError, ValueError):
            version = 0
        return PhoneCase(
            case_id="",
            service_code=str(data.get("service_code", ""))[:64],
            tracking_no="",
            status=DRAFT,
            answers=tuple((str(k)[:64], str(v)[:4096]) for k, v in answers.items()),
            service_version=version,
        )


class EnrolledGateway:
    """A ``PlatformGateway`` that follows enrollment: offline until the kiosk is
    enrolled, then an ``HttpGateway`` built from the stored settings (rebuilt if
    the kiosk is provisioned again). The UI can hand it out before enrollment."""

    def __init__(
        self, storage: Storage, config: Config, online_fn: Callable[[], bool] | None = None
    ) -> None:
        self.storage = storage
        self.config = config
        self.online_fn = online_fn
        self._gateway: HttpGateway | None = None
        self._key: tuple[str, str] = ("", "")
        self._lock = threading.Lock()

    def _current(self) -> HttpGateway:
        from kiosk.settings import get_setting
        from sync import keys

        key = (get_setting(self.storage, keys.URL), get_setting(self.storage, keys.KIOSK_ID))
        with self._lock:
            if self._gateway is None or key != self._key:
                try:
                    self._gateway = HttpGateway.from_settings(
                        self.storage, self.config, self.online_fn
                    )
                except SyncError as exc:
                    raise SyncError(exc.detail, key="error.platform.offline") from exc
                self._key = key
            return self._gateway

    def online(self) -> bool:
        if self.online_fn is not None:
            return self.online_fn()
        try:
            return self._current().online()
        except SyncError:
            return False

    def resolve_phone_qr(self, code: str) -> Identity:
        return self._current().resolve_phone_qr(code)

    def fetch_proof(self, service_code: str, identity: Identity) -> bytes:
        return self._current().fetch_proof(service_code, identity)

    def fetch_phone_case(self, code: str) -> PhoneCase:
        return self._current().fetch_phone_case(code)

    def fetch_certificate(self, client_id: str) -> bytes:
        return self._current().fetch_certificate(client_id)

    def case_rating(self, client_id: str) -> tuple[int, str] | None:
        return self._current().case_rating(client_id)
