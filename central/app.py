"""The reference platform's HTTP API (FastAPI), version 1, under ``/api/v1``.

The OpenAPI document is served at ``/api/v1/openapi.json`` (and printed by
``kiosk platform openapi``). Every kiosk request except enrollment is signed
(see ``protocol.signing``); every JSON answer carries ``"protocol"`` so the kiosk can
tell the platform from a captive portal that answers 200 to everything.
Endpoints are plain ``def``: FastAPI runs them in its thread pool, and the
store serialises writes, committing each batch before the answer is sent.
The request and answer models are ``protocol.models``, shared with the kiosk.
"""

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import Depends, FastAPI, Header, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from central.keys import PlatformKeys
from central.publish import catalog_document
from central.store import IncomingItem, PlatformStore, StoreError
from kiosk.assets import ASSETS_DIR
from protocol.models import (
    CaseResponse,
    CatalogResponse,
    EnrollRequest,
    EnrollResponse,
    Health,
    HeartbeatResponse,
    ProofRequest,
    ResolveRequest,
    ResolveResponse,
    StatusChangeOut,
    StatusResponse,
    StatusUpdate,
    SubmitItem,
    SubmitRequest,
    SubmitResponse,
    VerdictOut,
)
from protocol.sealing import SealError, open_sealed
from protocol.signing import (
    H_KIOSK,
    H_NONCE,
    H_SIGNATURE,
    H_TIMESTAMP,
    PROTOCOL,
    WINDOW_SECONDS,
    verify_signature,
)

log = logging.getLogger(__name__)

API_VERSION = "1.0.0"
DESCRIPTION = """Sync API between self-service kiosks and the central platform (version 1).

**Authentication.** Every request except `POST /api/v1/enroll` carries
`X-Kiosk-Id`, `X-Kiosk-Timestamp` (Unix seconds), `X-Kiosk-Nonce` (8-64 chars,
never reused) and `X-Kiosk-Signature`: base64 of the kiosk's Ed25519 signature
over `METHOD\\nPATH?QUERY\\nTIMESTAMP\\nNONCE\\nhex(sha256(body))`. The platform
answers 401 with `error` = `unknown_kiosk`, `bad_signature`, `clock_skew`
(outside +/-300 s; the kiosk corrects its clock from the `Date` header) or
`replayed_nonce`.

**Success** is a 2xx whose JSON body has `"protocol": "gov-kiosk-sync/1"`;
anything else (a captive portal's 200 page included) is a transient failure.

**Submissions** are idempotent on `client_id`: `accepted` (new, with the case
number), `duplicate` (same id and payload hash: counts as accepted), `conflict`
(same id, other hash), `rejected` (with a reason). A batch is committed before
the answer is sent.
"""
KINDS = ("application", "evaluation")
DEFAULT_CATALOG = ASSETS_DIR / "catalog" / "sample.json"


@dataclass
class Platform:
    """What the app needs: storage, keys, and a few knobs."""

    store: PlatformStore
    keys: PlatformKeys
    catalog_path: Path = DEFAULT_CATALOG
    window_seconds: int = WINDOW_SECONDS
    verify_payloads: bool = True
    kiosk_config: dict[str, Any] = field(default_factory=dict)


def _error(status: int, error: str, detail: str = "") -> JSONResponse:
    return JSONResponse(
        {"protocol": PROTOCOL, "error": error, "detail": detail}, status_code=status
    )


class AuthFailure(Exception):
    def __init__(self, status: int, error: str) -> None:
        super().__init__(error)
        self.status = status
        self.error = error


def create_app(platform: Platform) -> FastAPI:
    app = FastAPI(
        title="Government-service kiosk platform",
        version=API_VERSION,
        description=DESCRIPTION,
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    store = platform.store
    keys = platform.keys

    @app.exception_handler(RequestValidationError)
    def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "invalid_request", str(exc.errors()[:3])[:500])

    @app.exception_handler(AuthFailure)
    def _auth_failure(_request: Request, exc: AuthFailure) -> JSONResponse:
        return _error(exc.status, exc.error)

    async def signed_kiosk(request: Request) -> str:
        """Check the kiosk's signature, the timestamp window and the nonce."""
        body = await request.body()
        kiosk_id = request.headers.get(H_KIOSK, "")
        nonce = request.headers.get(H_NONCE, "")
        signature = request.headers.get(H_SIGNATURE, "")
        try:
            timestamp = int(request.headers.get(H_TIMESTAMP, ""))
        except ValueError:
            raise AuthFailure(401, "bad_timestamp") from None
        public_hex = store.kiosk_public_key(kiosk_id) if kiosk_id else None
        if public_hex is None:
            raise AuthFailure(401, "unknown_kiosk")
        raw_path = request.scope.get("raw_path") or request.url.path.encode()
        path = raw_path.decode("latin-1")
        if request.scope.get("query_string"):
            path += "?" + request.scope["query_string"].decode("latin-1")
        public_key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        if not verify_signature(
            public_key, request.method, path, timestamp, nonce, body, signature
        ):
            raise AuthFailure(401, "bad_signature")
        if abs(time.time() - timestamp) > platform.window_seconds:
            raise AuthFailure(401, "clock_skew")
        if not (8 <= len(nonce) <= 64) or not store.use_nonce(
            kiosk_id, nonce, timestamp, platform.window_seconds
        ):
            raise AuthFailure(401, "replayed_nonce")
        return kiosk_id

    Kiosk = Annotated[str, Depends(signed_kiosk)]

    def operator(authorization: Annotated[str, Header()] = "") -> None:
        if not hmac.compare_digest(
            authorization.encode(), f"Bearer {keys.operator_token}".encode()
        ):
            raise HTTPException(status_code=401, detail="operator token required")

    # --- kiosk endpoints --------------------------------------------------------

    @app.post("/api/v1/enroll", response_model=EnrollResponse)
    def enroll(req: EnrollRequest) -> Any:
        try:
            Ed25519PublicKey.from_public_bytes(bytes.fromhex(req.public_key))
        except ValueError:
            return _error(400, "bad_public_key")
        kiosk_id = store.enroll(req.token.strip(), req.public_key, req.code)
        if kiosk_id is None:
            return _error(403, "bad_token", "token unknown, used or expired")
        log.info("enrolled kiosk %s (%s)", kiosk_id, req.code)
        return EnrollResponse(
            kiosk_id=kiosk_id,
            seal_public_key=keys.seal_public_hex,
            signing_public_key=keys.signing_public_hex,
            config=_kiosk_config(),
            server_time=_now(),
        )

    @app.post("/api/v1/submissions", response_model=SubmitResponse)
    def submit(req: SubmitRequest, kiosk_id: Kiosk) -> Any:
        items: list[IncomingItem] = []
        rejected: dict[str, str] = {}
        seen: set[str] = set()
        for it in req.items:
            if it.client_id in seen:
                continue  # the same item twice in one batch gets one verdict
            seen.add(it.client_id)
            try:
                sealed = base64.b64decode(it.sealed, validate=True)
            except (binascii.Error, ValueError):
                sealed = b""
                rejected[it.client_id] = "sealed payload is not base64"
            reason = _check_item(it, sealed)
            if reason and it.client_id not in rejected:
                rejected[it.client_id] = reason
            items.append(
                IncomingItem(
                    client_id=it.client_id,
                    kind=it.kind,
                    payload_hash=it.payload_hash,
                    sealed=sealed,
                    tracking_no=it.tracking_no,
                    service_code=it.service_code,
                    service_version=it.service_version,
                    created_at=it.created_at,
                )
            )
        verdicts = store.submit(kiosk_id, items, rejected)  # committed before we answer
        return SubmitResponse(
            results=[
                VerdictOut(
                    client_id=v.client_id,
                    verdict=v.verdict,
                    case_number=v.case_number,
                    reason=v.reason,
                )
                for v in verdicts
            ]
        )

    def _check_item(it: SubmitItem, sealed: bytes) -> str:
        if it.kind not in KINDS:
            return f"unknown kind {it.kind!r}"
        if hashlib.sha256(sealed).hexdigest() != it.payload_hash:
            return "payload hash does not match the sealed payload"
        if platform.verify_payloads:
            try:
                open_sealed(sealed, keys.seal, it.client_id.encode())
            except SealError:
                return "sealed payload cannot be opened with the platform key"
        return ""

    @app.get("/api/v1/statuses", response_model=StatusResponse)
    def statuses(kiosk_id: Kiosk, since: int = 0, limit: int = 500) -> Any:
        limit = max(1, min(limit, 1000))
        changes, cursor = store.status_changes(kiosk_id, since, limit + 1)
        more = len(changes) > limit
        if more:
            changes = changes[:limit]
            cursor = int(changes[-1]["seq"])
        return StatusResponse(
            changes=[StatusChangeOut(**c) for c in changes], cursor=cursor, more=more
        )

    @app.get("/api/v1/catalog", response_model=CatalogResponse)
    def catalog(_kiosk: Kiosk, if_none_match: Annotated[str, Header()] = "") -> Any:
        version, etag, document = _catalog()
        if if_none_match and if_none_match == etag:
            return Response(status_code=304, headers={"ETag": etag})
        body = CatalogResponse(version=version, catalog=document).model_dump()
        return JSONResponse(body, headers={"ETag": etag, "X-Catalog-Version": version})

    @app.post("/api/v1/identity/resolve", response_model=ResolveResponse)
    def resolve(req: ResolveRequest, _kiosk: Kiosk) -> Any:
        identity = store.resolve_phone_code(req.code)
        if identity is None:
            return _error(404, "unknown_code", "the code is unknown or has expired")
        return ResolveResponse(identity=identity)

    @app.post("/api/v1/cases/lookup", response_model=CaseResponse)
    def case_lookup(req: ResolveRequest, _kiosk: Kiosk) -> Any:
        code = req.code.rsplit("/", 1)[-1]  # a phone QR may carry the case URL
        found = store.case_summary(code)
        if found is None:
            return _error(404, "unknown_case", "no such case")
        return CaseResponse(case=found)

    @app.post(
        "/api/v1/proofs",
        response_class=Response,
        responses={200: {"content": {"application/pdf": {}}}},
    )
    def proof(req: ProofRequest, _kiosk: Kiosk) -> Response:
        from central.proofs import render_proof

        pdf = render_proof(req.id_number, req.name, req.proof_type)
        return Response(pdf, media_type="application/pdf")

    @app.post("/api/v1/heartbeat", response_model=HeartbeatResponse)
    def heartbeat(health: Health, kiosk_id: Kiosk) -> Any:
        store.record_health(kiosk_id, health.model_dump(exclude={"audit"}))
        if health.audit:
            store.record_audit(kiosk_id, [row.model_dump() for row in health.audit])
        return HeartbeatResponse(
            config=_kiosk_config(), announcements=store.announcements(), server_time=_now()
        )

    # --- operator endpoints -----------------------------------------------------

    @app.get("/api/v1/operator/applications", dependencies=[Depends(operator)])
    def op_list(status: str = "", limit: int = 100) -> dict[str, Any]:
        return {"protocol": PROTOCOL, "applications": store.applications(status, limit)}

    @app.post(
        "/api/v1/operator/applications/{case_number}/status", dependencies=[Depends(operator)]
    )
    def op_status(case_number: str, update: StatusUpdate) -> Any:
        try:
            return {
                "protocol": PROTOCOL,
                **store.set_status(case_number, update.status, update.note),
            }
        except StoreError as exc:
            return _error(409, "bad_transition", str(exc))

    @app.get(
        "/api/v1/operator/applications/{case_number}/payload", dependencies=[Depends(operator)]
    )
    def op_payload(case_number: str) -> Any:
        try:
            return {"protocol": PROTOCOL, "payload": open_payload(platform, case_number)}
        except StoreError as exc:
            return _error(404, "no_case", str(exc))

    @app.post("/api/v1/operator/tokens", dependencies=[Depends(operator)])
    def op_token() -> dict[str, Any]:
        return {"protocol": PROTOCOL, "token": store.create_token()}

    @app.get("/api/v1/operator/kiosks", dependencies=[Depends(operator)])
    def op_kiosks() -> dict[str, Any]:
        return {"protocol": PROTOCOL, "kiosks": store.kiosks()}

    def _kiosk_config() -> dict[str, Any]:
        extra = json.loads(store.get_meta("kiosk_config", "{}"))
        return {**platform.kiosk_config, **extra}

    def _catalog() -> tuple[str, str, dict[str, Any]]:
        return catalog_document(platform)

    return app


def open_payload(platform: Platform, case_number: str) -> Any:
    """The operator reads an application: open its sealed payload with the private key."""
    found = platform.store.sealed_of(case_number)
    if found is None:
        raise StoreError(f"no case {case_number}")
    client_id, sealed = found
    try:
        plain = open_sealed(sealed, platform.keys.seal, client_id.encode())
    except SealError as exc:
        raise StoreError(f"{case_number} cannot be opened") from exc
    try:
        return json.loads(plain)
    except ValueError:
        return plain.decode("utf-8", "replace")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
