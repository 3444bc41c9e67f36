"""The routes a kiosk calls, each signed (protocol.signing) except enrollment."""
# No ``from __future__ import annotations``: FastAPI resolves the route
# annotations at run time, and ``Kiosk`` is local to ``kiosk_router``.

import base64
import binascii
import hashlib
import hmac
import logging
from typing import Annotated, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import APIRouter, Depends, Header, Request, Response
from starlette.concurrency import run_in_threadpool

from central.api.auth import signed_kiosk_dependency
from central.platform import Platform, error_response, now_iso
from central.publish import Published, published, published_if_current
from central.store import IncomingItem
from kiosk.privacy import mask_id_number
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
    SubmitItem,
    SubmitRequest,
    SubmitResponse,
    VerdictOut,
)
from protocol.sealing import SealError, open_sealed, sealed_to
from protocol.signing import H_CATALOG_ETAG, H_CATALOG_SPREAD

log = logging.getLogger(__name__)

KINDS = ("application", "evaluation")


def kiosk_router(platform: Platform) -> APIRouter:
    router = APIRouter(prefix="/api/v1")
    store = platform.store
    keys = platform.keys
    Kiosk = Annotated[str, Depends(signed_kiosk_dependency(platform))]

    @router.post("/enroll", response_model=EnrollResponse)
    def enroll(req: EnrollRequest) -> Any:
        try:
            Ed25519PublicKey.from_public_bytes(bytes.fromhex(req.public_key))
        except ValueError:
            return error_response(400, "bad_public_key")
        kiosk_id = store.enroll(req.token.strip(), req.public_key, req.code)
        if kiosk_id is None:
            return error_response(403, "bad_token", "token unknown, used or expired")
        log.info("enrolled kiosk %s (%s)", kiosk_id, req.code)
        return EnrollResponse(
            kiosk_id=kiosk_id,
            seal_public_key=keys.seal_public_hex,
            signing_public_key=keys.signing_public_hex,
            seal_key_signature=keys.seal_key_signature,
            config=platform.kiosk_settings(),
            server_time=now_iso(),
            public_url=platform.public_url,
        )

    @router.post("/submissions", response_model=SubmitResponse)
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
            reason = _check_item(platform, it, sealed)
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
                    received_at=v.received_at,
                )
                for v in verdicts
            ]
        )

    # /statuses and /catalog are answered on the event loop: what they read is in
    # memory or on the store's reader connection, never behind a commit, and a
    # thread hop costs more than the answer (central.api.auth)
    @router.get("/statuses", response_model=StatusResponse)
    async def statuses(
        kiosk_id: Kiosk,
        response: Response,
        since: int = 0,
        limit: int = 500,
        omit_received: bool = False,
    ) -> Any:
        limit = max(1, min(limit, 1000))

        def read() -> tuple[list[dict[str, Any]], int, bool, Published]:
            page = store.status_changes(kiosk_id, since, limit, omit_received=omit_received)
            return *page, published(platform)

        if store.reads_on_loop:
            changes, cursor, more = store.status_changes(
                kiosk_id, since, limit, omit_received=omit_received
            )
            current = await _published(platform)
        else:  # round trips to PostgreSQL: one hop to the thread pool for both
            changes, cursor, more, current = await run_in_threadpool(read)
        # which catalog is current, and over how long to spread fetching a new one
        # (sync.engine: a kiosk whose copy is current skips the catalog request)
        response.headers[H_CATALOG_ETAG] = current.etag
        response.headers[H_CATALOG_SPREAD] = str(current.spread_seconds)
        return StatusResponse(
            changes=[StatusChangeOut(**c) for c in changes], cursor=cursor, more=more
        )

    @router.get("/catalog", response_model=CatalogResponse)
    async def catalog(
        _kiosk: Kiosk, request: Request, if_none_match: Annotated[str, Header()] = ""
    ) -> Any:
        # serialised and compressed once per version (central.publish): a 304 and
        # a 200 alike cost a dictionary lookup, not the 161 KB document
        current = await _published(platform)
        gzipped = "gzip" in request.headers.get("accept-encoding", "").lower()
        etag = current.etag_gzip if gzipped else current.etag
        headers = {"ETag": etag, "X-Catalog-Version": current.version, "Vary": "Accept-Encoding"}
        if current.matches(if_none_match):
            return Response(status_code=304, headers=headers)
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        body = current.gzipped if gzipped else current.body
        return Response(body, media_type="application/json", headers=headers)

    @router.post("/identity/resolve", response_model=ResolveResponse)
    def resolve(req: ResolveRequest, kiosk_id: Kiosk) -> Any:
        identity = store.resolve_phone_code(req.code)
        # an identity code works once (the use is the proof check's evidence too)
        if identity is None or not store.spend_phone_code(req.code, kiosk_id):
            return error_response(404, "unknown_code", "the code is unknown, used or expired")
        return ResolveResponse(identity=identity)

    @router.post("/cases/lookup", response_model=CaseResponse)
    def case_lookup(req: ResolveRequest, kiosk_id: Kiosk) -> Any:
        code = req.code.rsplit("/", 1)[-1]  # a phone QR may carry the case URL
        # its own cases by number; any case only by the client id the resident holds
        found = store.case_for_kiosk(code, kiosk_id)
        if found is None:
            return error_response(404, "unknown_case", "no such case")
        return CaseResponse(case=found)

    @router.post(
        "/proofs",
        response_class=Response,
        responses={200: {"content": {"application/pdf": {}}}},
    )
    def proof(req: ProofRequest, kiosk_id: Kiosk) -> Response:
        from central.proofs import render_proof

        evidence = _proof_evidence(platform, req, kiosk_id)
        if not evidence:
            log.warning("proof refused to kiosk %s: no evidence the resident is there", kiosk_id)
            return error_response(
                403,
                "proof_not_allowed",
                "a proof needs the phone code the resident presented here, "
                "or the client id of the resident's case",
            )
        masked = mask_id_number(req.id_number)
        id_hash = _id_hash(platform, req.id_number)
        store.log_proof(kiosk_id, req.proof_type, id_hash, masked, evidence)
        log.info("proof %s to kiosk %s for %s (%s)", req.proof_type, kiosk_id, masked, evidence)
        pdf = render_proof(req.id_number, req.name, req.proof_type)
        return Response(pdf, media_type="application/pdf")

    @router.post(
        "/certificates",
        response_class=Response,
        responses={200: {"content": {"application/pdf": {}}}},
    )
    def certificate(req: ResolveRequest, kiosk_id: Kiosk) -> Response:
        """A case's certificate PDF, for the kiosk that took the application (it prints
        it on A4 for the resident who asks there with the receipt or the card)."""
        from central.certificates import certificate_for_kiosk

        client_id = req.code.rsplit("/", 1)[-1]
        pdf = certificate_for_kiosk(platform, client_id, kiosk_id)
        if pdf is None:
            return error_response(404, "no_certificate", "no certificate for this kiosk's case")
        log.info("certificate of %s sent to kiosk %s", client_id[:8], kiosk_id)
        return Response(pdf, media_type="application/pdf")

    @router.post("/heartbeat", response_model=HeartbeatResponse)
    def heartbeat(health: Health, kiosk_id: Kiosk) -> Any:
        store.record_health(kiosk_id, health.model_dump(exclude={"audit"}))
        if health.audit:
            store.record_audit(kiosk_id, [row.model_dump() for row in health.audit])
        return HeartbeatResponse(
            config=platform.kiosk_settings(),
            announcements=store.announcements(),
            server_time=now_iso(),
        )

    return router


async def _published(platform: Platform) -> Published:
    """The published catalog; made in the thread pool when it must be made again (a
    bump, a new file: reading and checking the document takes a second), and
    always looked up there on PostgreSQL (its version is a round trip away)."""
    current = published_if_current(platform) if platform.store.reads_on_loop else None
    return current if current is not None else await run_in_threadpool(published, platform)


def _proof_evidence(platform: Platform, req: ProofRequest, kiosk_id: str) -> str:
    """What vouches that the resident whose ID number is asked for is at this kiosk,
    from ``req.evidence``: ``phone_code`` (the identity QR resolved by this very
    kiosk, for this ID number) or ``case`` (the client id, or case URL, of a case
    whose applicant has this ID number: the resident's receipt or phone holds it).
    "" when nothing does."""
    from central.cases import applicant_of

    store = platform.store
    wanted = req.id_number.strip().upper()
    code = req.evidence.strip()
    if code and store.phone_code_used_by(code, kiosk_id):
        identity = store.resolve_phone_code(code) or {}
        if str(identity.get("id_number", "")).upper() == wanted:
            return "phone_code"
    client_id = code.rsplit("/", 1)[-1]
    if client_id and store.case_kiosk(client_id):
        found = store.case_summary(client_id)
        if found and applicant_of(platform, str(found["case_number"])).id_number.upper() == wanted:
            return "case"
    return ""


def _id_hash(platform: Platform, id_number: str) -> str:
    """A keyed hash of the ID number for the proof log, keyed by the platform's signing
    key (a file, never in the database), so the log alone gives no number back."""
    key = hashlib.sha256(b"gov-kiosk proof log\n" + platform.keys.signing.private_bytes_raw())
    return hmac.new(key.digest(), id_number.upper().encode(), hashlib.sha256).hexdigest()


def _check_item(platform: Platform, it: SubmitItem, sealed: bytes) -> str:
    if it.kind not in KINDS:
        return f"unknown kind {it.kind!r}"
    if hashlib.sha256(sealed).hexdigest() != it.payload_hash:
        return "payload hash does not match the sealed payload"
    if platform.verify_payloads:
        # a version 2 box names its key: a prefix comparison, opened when an operator
        # reads it (protocol/sealing.py); a version 1 box is opened now, as before
        fits = sealed_to(sealed, platform.keys.seal_public_raw)
        if fits is None:
            try:
                open_sealed(sealed, platform.keys.seal, it.client_id.encode())
                fits = True
            except SealError:
                fits = False
        if not fits:
            return "sealed payload cannot be opened with the platform key"
    return ""
