"""The kiosk's HTTP client for the platform protocol (``/api/v1``).

What counts as success is narrow on purpose: a 2xx whose body is JSON carrying
the protocol marker. A captive portal's "200 OK" login page, a truncated body
or a proxy's error page are all transient failures, never "accepted". The
clock offset is learned only from answers that are really the platform's.

One module because every request goes through one signing, one clock correction
and one check of what counts as the platform's answer.
"""

from __future__ import annotations

import base64
import email.utils
import json
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel

from kiosk.errors import SyncError
from kiosk.outbox import ClaimedItem, StatusChange, Verdict
from protocol import models as m
from protocol.signing import H_CATALOG_ETAG, H_CATALOG_SPREAD, PROTOCOL, sign_headers

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)

API = "/api/v1"
# No answer of the protocol comes near this (a county's whole catalog is well
# under a megabyte); a kiosk with a few GB must not buffer whatever a broken
# proxy or a hostile network sends it.
MAX_ANSWER_BYTES = 32 * 1024 * 1024


class TransientError(SyncError):
    """Try again later: network down, server error, captive portal, garbled answer."""

    key = "error.sync.unreachable"

    def __init__(
        self,
        detail: str = "",
        *,
        key: str | None = None,
        retry_after: float | None = None,
        connection_level: bool = False,
    ) -> None:
        super().__init__(detail, key=key)
        self.retry_after = retry_after
        self.connection_level = connection_level


class AuthError(SyncError):
    key = "error.protocol.signing"


class EnrollmentError(SyncError):
    key = "error.sync.token"


class KioskRevoked(SyncError):
    """The platform's operator revoked this kiosk (403 ``kiosk_revoked``): stop
    syncing, keep every item, and tell the technician; only a new enrollment
    lifts it."""

    key = "error.sync.revoked"


class RequestRefused(SyncError):
    """The platform refused the request itself (4xx): resending it unchanged won't help."""

    key = "error.sync.protocol"

    def __init__(self, detail: str = "", *, status: int = 400) -> None:
        super().__init__(detail)
        self.status = status


@dataclass(frozen=True)
class Enrollment:
    kiosk_id: str
    seal_public_key: str
    signing_public_key: str
    config: dict[str, Any]
    public_url: str = ""  # where the residents' phones reach the platform
    seal_key_signature: str = ""  # the signing key's word for the sealing key


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class PlatformClient:
    """One kiosk's signed conversation with the platform, over a kept-alive session."""

    def __init__(
        self,
        url: str,
        *,
        kiosk_id: str = "",
        key: Ed25519PrivateKey | None = None,
        timeout: float = 15.0,
        ca_bundle: str = "",
        clock_offset: float = 0.0,
    ) -> None:
        self.url = url.rstrip("/")
        self.kiosk_id = kiosk_id
        self.key = key
        self.timeout = timeout
        # TLS verification stays on; a private CA is given as a bundle path.
        self.verify: bool | str = ca_bundle or True
        self.clock_offset = clock_offset
        # (ETag, spread seconds) of the platform's current catalog, from the last
        # /statuses answer; None until then, or from a platform that does not say
        self.catalog_advert: tuple[str, int] | None = None
        # requests costs 0.1 s to import: loaded with the first client, not
        # before the kiosk's first frame.
        import requests

        self.session = requests.Session()
        self.session.headers["User-Agent"] = "gov-kiosk-sync/1"

    def close(self) -> None:
        self.session.close()

    def now(self) -> float:
        """The platform's idea of the time: local clock plus the learned offset."""
        return time.time() + self.clock_offset

    # --- transport --------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,  # JSON-able, or bytes already encoded (submission_body)
        *,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        signed: bool = True,
        raw: bool = False,
    ) -> requests.Response:
        """Send one request; retried once if the platform says our clock is off."""
        for attempt in (1, 2):
            try:
                return self._send(method, path, body, params, headers, signed, raw)
            except AuthError as exc:
                if attempt == 1 and "clock_skew" in exc.detail:
                    log.warning("platform refused our clock; offset now %.1f s", self.clock_offset)
                    continue
                raise
        raise AssertionError("unreachable")

    def _send(
        self,
        method: str,
        path: str,
        body: Any,
        params: dict[str, Any] | None,
        headers: dict[str, str] | None,
        signed: bool,
        raw: bool,
    ) -> requests.Response:
        import requests

        data = b"" if body is None else body if isinstance(body, bytes) else _encode(body)
        req = requests.Request(
            method, self.url + API + path, data=data or None, params=params, headers=headers or {}
        )
        prepared = self.session.prepare_request(req)
        if body is not None:
            prepared.headers["Content-Type"] = "application/json"
        if signed:
            if not self.key or not self.kiosk_id:
                raise SyncError("kiosk is not enrolled", key="error.sync.not_enrolled")
            prepared.headers.update(
                sign_headers(
                    self.key, self.kiosk_id, method, prepared.path_url, data, int(self.now())
                )
            )
        try:
            resp = self.session.send(
                prepared, timeout=self.timeout, verify=self.verify, stream=True
            )
            content = _read_capped(resp)  # read it all now: a reset mid-body must fail here
        except requests.exceptions.SSLError as exc:
            raise TransientError(f"TLS: {exc}", connection_level=True) from exc
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise TransientError(f"{type(exc).__name__}: {exc}", connection_level=True) from exc
        except requests.RequestException as exc:
            raise TransientError(f"{type(exc).__name__}: {exc}") from exc
        status = resp.status_code
        if raw and status == 200:
            return resp
        if status == 304:
            return resp
        payload = self._protocol_json(resp, content)
        if payload is not None:
            self._learn_clock(resp)
        if 200 <= status < 300:
            if payload is None:
                raise TransientError(
                    f"HTTP {status} without the platform's JSON (captive portal?)",
                    key="error.sync.protocol",
                )
            return resp
        error = str(payload.get("error", "")) if payload else ""
        if status in (429, 502, 503, 504) or status >= 500:
            raise TransientError(
                f"HTTP {status} {error}",
                key="error.sync.server",
                retry_after=_retry_after(resp.headers.get("Retry-After")),
            )
        if status == 401 and payload is not None:
            raise AuthError(f"HTTP 401 {error}")
        if status == 403 and error == "kiosk_revoked":
            raise KioskRevoked("the platform revoked this kiosk")
        if status == 403 and error == "bad_token":
            raise EnrollmentError("the enrollment token is wrong, used or expired")
        if payload is None:
            # Not the platform talking (a proxy or portal page): not the item's fault.
            raise TransientError(f"HTTP {status} from something else", key="error.sync.protocol")
        raise RequestRefused(f"HTTP {status} {error}", status=status)

    @staticmethod
    def _protocol_json(resp: requests.Response, content: bytes) -> dict[str, Any] | None:
        if "application/json" not in resp.headers.get("Content-Type", ""):
            return None
        try:
            data = json.loads(content)
        except (ValueError, RecursionError):  # a hostile "[[[[..." nests too deep
            return None
        if isinstance(data, dict) and data.get("protocol") == PROTOCOL:
            return data
        return None

    def _learn_clock(self, resp: requests.Response) -> None:
        date = resp.headers.get("Date")
        if not date:
            return
        try:
            server = email.utils.parsedate_to_datetime(date).timestamp()
        except (TypeError, ValueError):
            return
        offset = server - time.time()
        # The Date header has one-second resolution: ignore jitter below 2 s.
        if abs(offset - self.clock_offset) > 2.0:
            log.info("clock offset learned from the platform: %.0f s", offset)
            self.clock_offset = offset

    def _json(self, resp: requests.Response) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(resp.content)
        except (ValueError, RecursionError) as exc:  # checked in _send; kept for raw paths
            raise TransientError("garbled answer", key="error.sync.protocol") from exc
        return data

    @staticmethod
    def _answer(resp: requests.Response, model: type[M], what: str) -> M:
        """The answer read with the platform's own model (``protocol.models``)."""
        try:
            return model.model_validate_json(resp.content)
        except (ValueError, RecursionError) as exc:  # pydantic's ValidationError is one
            raise TransientError(f"{what} answer malformed", key="error.sync.protocol") from exc

    # --- the protocol ---------------------------------------------------------

    def enroll(self, token: str, public_key_hex: str, code: str, app_version: str) -> Enrollment:
        # requests are built with the models' fields, unvalidated: the platform judges them
        body = m.EnrollRequest.model_construct(
            token=token, public_key=public_key_hex, code=code, app_version=app_version
        )
        resp = self.request("POST", "/enroll", body.model_dump(), signed=False)
        answer = self._answer(resp, m.EnrollResponse, "enrollment")
        return Enrollment(
            kiosk_id=answer.kiosk_id,
            seal_public_key=answer.seal_public_key,
            signing_public_key=answer.signing_public_key,
            config=dict(answer.config),
            public_url=answer.public_url,
            seal_key_signature=answer.seal_key_signature,
        )

    def submit(self, items: list[ClaimedItem]) -> list[Verdict]:
        return self.submission_verdicts(self.post_submission(self.submission_body(items)))

    # The three parts of a submission, for sync.push: the request body built and
    # the answer read on the caller's thread, the exchange on the wire's thread,
    # which then only waits on the socket. Built on the wire's thread, the body
    # (and, after it, the answer) waited on the GIL behind the verdicts being
    # written: a 500-item body took 12 ms instead of 4 (issue 19's drain).

    def submission_body(self, items: list[ClaimedItem]) -> bytes:
        # plain dicts under m.SubmitItem's field names (a test validates what is sent
        # against m.SubmitRequest): model_construct and model_dump of each item were
        # a tenth of a 500-item drain's time (issue 19), and the platform judges them
        body = {
            "items": [
                {
                    "client_id": it.client_id,
                    "kind": it.kind,
                    "payload_hash": it.payload_hash,
                    "sealed": base64.b64encode(it.sealed).decode(),
                    "tracking_no": it.tracking_no or "",
                    "service_code": it.service_code,
                    "service_version": str(it.service_version or ""),  # a str on the wire
                    "created_at": it.created_at,
                }
                for it in items
            ]
        }
        return _encode(body)

    def post_submission(self, body: bytes) -> requests.Response:
        return self.request("POST", "/submissions", body)

    def submission_verdicts(self, resp: requests.Response) -> list[Verdict]:
        answer = self._answer(resp, m.SubmitResponse, "submission")
        return [
            Verdict(
                client_id=r.client_id,
                verdict=r.verdict,
                case_number=r.case_number,
                reason=r.reason,
                received_at=r.received_at,
            )
            for r in answer.results
        ]

    def statuses(
        self, since: int, limit: int = 500, *, omit_received: bool = True
    ) -> tuple[list[StatusChange], int, bool]:
        # "received" came with each verdict (Outbox.record_verdicts); a platform
        # older than that parameter ignores it and sends those events as before
        params: dict[str, Any] = {"since": since, "limit": limit}
        if omit_received:
            params["omit_received"] = "true"
        resp = self.request("GET", "/statuses", params=params)
        answer = self._answer(resp, m.StatusResponse, "status")
        self.catalog_advert = _catalog_advert(resp)
        changes = [
            StatusChange(
                client_id=c.client_id,
                status=c.status,
                at=c.at,
                case_number=c.case_number,
                note=c.note,
            )
            for c in answer.changes
        ]
        return changes, answer.cursor, answer.more

    def catalog(self, etag: str = "") -> tuple[str, str, dict[str, Any]] | None:
        """(version, etag, document), or None when our copy is current (304)."""
        headers = {"If-None-Match": etag} if etag else {}
        resp = self.request("GET", "/catalog", headers=headers)
        if resp.status_code == 304:
            return None
        answer = self._answer(resp, m.CatalogResponse, "catalog")
        return answer.version, resp.headers.get("ETag", ""), dict(answer.catalog)

    def heartbeat(self, health: dict[str, Any]) -> dict[str, Any]:
        return self._json(self.request("POST", "/heartbeat", health))

    def resolve_phone_code(self, code: str) -> dict[str, Any] | None:
        try:
            data = self._json(self.request("POST", "/identity/resolve", {"code": code}))
        except RequestRefused as exc:
            if exc.status == 404:
                return None
            raise
        identity = data.get("identity")
        return dict(identity) if isinstance(identity, dict) else None  # checked by the gateway

    def lookup_case(self, code: str) -> dict[str, Any] | None:
        try:
            data = self._json(self.request("POST", "/cases/lookup", {"code": code}))
        except RequestRefused as exc:
            if exc.status == 404:
                return None
            raise
        case = data.get("case")
        return dict(case) if isinstance(case, dict) else None

    def claim_phone_draft(self, code: str) -> dict[str, Any] | None:
        """An application started on the phone: its service and declared answers,
        or None when the code is unknown, expired or taken by another kiosk."""
        try:
            data = self._json(self.request("POST", "/phone-drafts/claim", {"code": code}))
        except RequestRefused as exc:
            if exc.status == 404:
                return None
            raise
        return data  # checked by the gateway

    def case_rating(self, client_id: str) -> dict[str, Any] | None:
        """The 好差评 of one of this kiosk's cases, given here or on the phone; None if none."""
        try:
            data = self._json(self.request("POST", "/cases/rating", {"code": client_id}))
        except RequestRefused as exc:
            if exc.status == 404:
                return None
            raise
        rating = data.get("rating")
        return dict(rating) if isinstance(rating, dict) else None

    def certificate(self, client_id: str) -> bytes | None:
        """The certificate PDF of one of this kiosk's cases, or None when the platform
        has none for it (not issued yet, or not this kiosk's case)."""
        try:
            resp = self.request("POST", "/certificates", {"code": client_id}, raw=True)
        except RequestRefused as exc:
            if exc.status == 404:
                return None
            raise
        if "application/pdf" not in resp.headers.get(
            "Content-Type", ""
        ) or not resp.content.startswith(b"%PDF"):
            raise TransientError("certificate is not a PDF", key="error.sync.protocol")
        return resp.content

    def proof(self, id_number: str, name: str, proof_type: str, evidence: str = "") -> bytes:
        """A proof PDF; ``evidence``: the phone code the resident presented here, or
        their case's client id (the platform refuses a proof without it, 403)."""
        resp = self.request(
            "POST",
            "/proofs",
            {"id_number": id_number, "name": name, "proof_type": proof_type, "evidence": evidence},
            raw=True,
        )
        if "application/pdf" not in resp.headers.get(
            "Content-Type", ""
        ) or not resp.content.startswith(b"%PDF"):
            raise TransientError("proof is not a PDF", key="error.sync.protocol")
        return resp.content


def _read_capped(resp: requests.Response) -> bytes:
    """The whole body, or TransientError as soon as it passes MAX_ANSWER_BYTES.

    requests reads a body whole; streamed, it is read in chunks and stopped at
    the cap (and refused at once when Content-Length already says so). The
    bytes are then handed back to the response, so ``resp.content`` works.
    """
    declared = resp.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_ANSWER_BYTES:
        resp.close()
        raise TransientError(
            f"answer of {declared} bytes is over the {MAX_ANSWER_BYTES} byte limit",
            key="error.sync.protocol",
        )
    body = bytearray()
    for chunk in resp.iter_content(64 * 1024):
        body += chunk
        if len(body) > MAX_ANSWER_BYTES:
            resp.close()
            raise TransientError(
                f"answer over the {MAX_ANSWER_BYTES} byte limit", key="error.sync.protocol"
            )
    resp._content = bytes(body)  # what requests itself sets once a body is read
    return resp._content


def _catalog_advert(resp: requests.Response) -> tuple[str, int] | None:
    """The catalog the platform says is current (``X-Catalog-ETag``) and the spread."""
    etag = resp.headers.get(H_CATALOG_ETAG, "")
    if not etag:
        return None
    try:
        spread = max(0, min(int(resp.headers.get(H_CATALOG_SPREAD, "0")), 3600))
    except ValueError:
        spread = 0
    return etag, spread


def _encode(body: Any) -> bytes:
    return json.dumps(body, separators=(",", ":")).encode()
