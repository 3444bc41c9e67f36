"""What the platform reads of a request before it knows who is asking.

An ASGI middleware in front of every route, because FastAPI reads and parses a
route's JSON body *before* its dependencies run: the signature check alone
cannot stop a stranger's 300 MiB POST from being buffered and parsed. Here:

1. every request body is capped by endpoint (``BODY_LIMITS``, longest prefix
   wins, ``DEFAULT_LIMIT`` otherwise): a declared ``Content-Length`` over the
   cap is answered 413 at once, unread; a streamed (chunked) body is counted
   as it arrives and cut off with 413 the moment it passes the cap;
2. on the kiosk's signed routes, the headers are judged before one byte of
   the body is read: a missing or unknown kiosk id, a revoked kiosk (on a
   request with a body: a GET's is checked once, by auth), a timestamp
   outside the window, a malformed nonce or signature are refused here with
   the same codes as ``central.api.auth``, which then checks the
   signature over the (capped) body and spends the nonce.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import time
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

from central.platform import Platform
from protocol.models import MAX_KIOSK_ID
from protocol.signing import H_KIOSK, H_NONCE, H_SIGNATURE, H_TIMESTAMP, PROTOCOL

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

KIB = 1024
MIB = 1024 * KIB
# Longest matching prefix wins. The figures leave room over what a kiosk sends:
# a batch is at most ``[sync] batch_max_bytes`` (4 MB by default) of sealed
# bytes, base64 on the wire; a heartbeat carries up to 500 audit rows.
BODY_LIMITS: dict[str, int] = {
    "/api/v1/enroll": 4 * KIB,
    "/api/v1/submissions": 8 * MIB,
    "/api/v1/heartbeat": 1 * MIB,
    "/api/v1/identity/resolve": 4 * KIB,
    "/api/v1/cases/lookup": 8 * KIB,
    "/api/v1/proofs": 4 * KIB,
    "/api/v1/phone-drafts/claim": 8 * KIB,  # the kiosk's claim of a phone-started application
    "/api/v1/cases/rating": 8 * KIB,
    "/api/v1/statuses": 0,
    "/api/v1/catalog": 0,
    "/api/v1/operator": 64 * KIB,
    "/console/catalog/upload": 16 * MIB,  # a county's whole catalog (the sample: 0.7 MiB)
}
DEFAULT_LIMIT = 1 * MIB  # the phone pages and the console: forms, never uploads


class BodyTooLarge(HTTPException):
    """Raised inside the app's ``receive`` when a streamed body passes its cap.

    An HTTPException because FastAPI turns any other error met while reading a
    body into a 400; ``create_app`` answers it as 413 ``body_too_large``."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"limit {limit} bytes")
        self.limit = limit


def body_limit(path: str) -> int:
    best, limit = -1, DEFAULT_LIMIT
    for prefix, value in BODY_LIMITS.items():
        if (path == prefix or path.startswith(prefix.rstrip("/") + "/")) and len(prefix) > best:
            best, limit = len(prefix), value
    return limit


def _answer(status: int, error: str, detail: str = "") -> tuple[int, bytes]:
    body = {"protocol": PROTOCOL, "error": error, "detail": detail}
    return status, json.dumps(body).encode()


class RequestGate:
    """The middleware: caps bodies, and judges a signed route's headers before its body."""

    def __init__(self, app: ASGIApp, platform: Platform, signed_paths: Collection[str]) -> None:
        self.app = app
        self.platform = platform
        self.signed_paths = frozenset(signed_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        limit = body_limit(path)
        declared = headers.get("content-length", "")
        if declared and (not declared.isdigit() or int(declared) > limit):
            await self._refuse(send, *_answer(413, "body_too_large", f"limit {limit} bytes"))
            return
        if path in self.signed_paths:
            refusal = self._judge_headers(headers, str(scope.get("method", "")))
            if refusal is not None:
                await self._refuse(send, *refusal)
                return
        seen = 0
        started = False

        async def capped_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, capped_receive, watched_send)
        except BodyTooLarge:
            log.warning("refused a body over %d bytes on %s", limit, path)
            if not started:
                await self._refuse(send, *_answer(413, "body_too_large", f"limit {limit} bytes"))

    def _judge_headers(self, headers: dict[str, str], method: str) -> tuple[int, bytes] | None:
        """What ``central.api.auth`` would refuse without the body, refused now.

        A GET's revocation is left to ``central.api.auth`` alone: it has no body
        to spare, and reading the revocation twice was a database round trip on
        the event loop per GET (the fleet bench's profile, on PostgreSQL)."""
        kiosk_id = headers.get(H_KIOSK.lower(), "")
        if not kiosk_id or len(kiosk_id) > MAX_KIOSK_ID:
            return _answer(401, "unknown_kiosk")
        try:
            timestamp = int(headers.get(H_TIMESTAMP.lower(), ""))
        except ValueError:
            return _answer(401, "bad_timestamp")
        nonce = headers.get(H_NONCE.lower(), "")
        if not 8 <= len(nonce) <= 64:
            return _answer(401, "replayed_nonce")
        try:
            signature = base64.b64decode(headers.get(H_SIGNATURE.lower(), ""), validate=True)
        except (binascii.Error, ValueError):
            signature = b""
        if len(signature) != 64:
            return _answer(401, "bad_signature")
        store = self.platform.store
        if store.kiosk_public_key(kiosk_id) is None:
            return _answer(401, "unknown_kiosk")
        if method not in ("GET", "HEAD") and store.kiosk_revoked_at(kiosk_id) is not None:
            return _answer(403, "kiosk_revoked", "this kiosk was revoked by the platform")
        if abs(time.time() - timestamp) > self.platform.window_seconds:
            return _answer(401, "clock_skew")
        return None

    @staticmethod
    async def _refuse(send: Send, status: int, body: bytes) -> None:
        """Answer and close: the rest of the body is never read."""
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
