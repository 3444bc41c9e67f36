"""The reference platform's HTTP app: one FastAPI app, one router per audience.

``central.api.kiosk`` (signed kiosks) and ``central.api.operator`` (the
operator's token) under ``/api/v1``; the OpenAPI document at
``/api/v1/openapi.json`` (and ``kiosk platform openapi``). Every JSON answer
carries ``"protocol"`` so the kiosk can tell the platform from a captive portal
that answers 200 to everything. Endpoints are plain ``def``: FastAPI runs them
in its thread pool, and the store serialises writes, committing each batch
before the answer is sent. The request and answer models are
``protocol.models``, shared with the kiosk.
"""

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from central.api.auth import AuthFailure
from central.api.kiosk import kiosk_router
from central.api.operator import operator_router
from central.console import console_router
from central.limits import BodyTooLarge, RequestGate
from central.platform import DEFAULT_CATALOG, Platform, error_response, open_payload
from central.web import phone_router

__all__ = ["DEFAULT_CATALOG", "Platform", "create_app", "open_payload"]

API_VERSION = "1.0.0"
DESCRIPTION = """Sync API between self-service kiosks and the central platform (version 1).

**Authentication.** Every request except `POST /api/v1/enroll` carries
`X-Kiosk-Id`, `X-Kiosk-Timestamp` (Unix seconds), `X-Kiosk-Nonce` (8-64 chars,
never reused) and `X-Kiosk-Signature`: base64 of the kiosk's Ed25519 signature
over `METHOD\\nPATH?QUERY\\nTIMESTAMP\\nNONCE\\nhex(sha256(body))`. The platform
answers 401 with `error` = `unknown_kiosk`, `bad_signature`, `clock_skew`
(outside +/-300 s; the kiosk corrects its clock from the `Date` header) or
`replayed_nonce`, and 403 `kiosk_revoked` to a kiosk the operator revoked
(`kiosk platform kiosk revoke ID`). What the headers already condemn is refused
before the body is read.

**Limits.** Every body is capped by endpoint (declared `Content-Length` or
streamed): 413 `body_too_large`. Every field has a bound (see the schemas).

**Success** is a 2xx whose JSON body has `"protocol": "gov-kiosk-sync/1"`;
anything else (a captive portal's 200 page included) is a transient failure.

**Submissions** are idempotent on `client_id`: `accepted` (new, with the case
number), `duplicate` (same id and payload hash: counts as accepted), `conflict`
(same id, other hash), `rejected` (with a reason). A batch is committed before
the answer is sent.
"""


def create_app(platform: Platform) -> FastAPI:
    app = FastAPI(
        title="Government-service kiosk platform",
        version=API_VERSION,
        description=DESCRIPTION,
        # the API's docs are public in demo mode only (kiosk platform openapi prints them)
        openapi_url="/api/v1/openapi.json" if platform.demo else None,
        docs_url="/api/v1/docs" if platform.demo else None,
        redoc_url=None,
    )

    @app.exception_handler(RequestValidationError)
    def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_request", str(exc.errors()[:3])[:500])

    @app.exception_handler(BodyTooLarge)
    def _too_large(_request: Request, exc: BodyTooLarge) -> JSONResponse:
        answer = error_response(413, "body_too_large", exc.detail)
        answer.headers["Connection"] = "close"  # the rest of the body is never read
        return answer

    @app.exception_handler(AuthFailure)
    def _auth_failure(_request: Request, exc: AuthFailure) -> JSONResponse:
        return error_response(exc.status, exc.error)

    kiosk = kiosk_router(platform)
    app.include_router(kiosk)
    app.include_router(operator_router(platform))
    phone = phone_router(platform)  # the resident's pages behind every QR
    app.include_router(phone)
    app.include_router(console_router(platform))
    # bodies capped by endpoint, a signed route's headers judged before its body
    signed = {getattr(r, "path", "") for r in kiosk.routes} - {"/api/v1/enroll"}
    signed |= {p for r in phone.routes if (p := getattr(r, "path", "")).startswith("/api/v1/")}
    app.add_middleware(RequestGate, platform=platform, signed_paths=signed)
    return app
