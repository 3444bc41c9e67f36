"""Who is asking: a kiosk by its Ed25519 signature, an operator by an account's API token.

The two never mix: a kiosk's signature opens no operator route, and an API
token is not a kiosk. The console (central.console) has its own sessions.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Annotated

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import Header, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers

from central.console.db import Account, ConsoleDB
from central.console.security import may
from central.nonces import READ_ONLY, nonce_window
from central.platform import Platform
from protocol.signing import H_KIOSK, H_NONCE, H_SIGNATURE, H_TIMESTAMP, verify_signature


class AuthFailure(Exception):
    """A kiosk request that fails its signature check; answered 401 with ``error``."""

    def __init__(self, status: int, error: str) -> None:
        super().__init__(error)
        self.status = status
        self.error = error


def signed_kiosk_dependency(platform: Platform) -> Callable[[Request], Awaitable[str]]:
    """A FastAPI dependency that answers the asking kiosk's id, or raises AuthFailure.

    On SQLite a GET is checked on the event loop: its key is cached, its
    revocation read on the store's reader connection (never queued behind a
    commit), its nonce spent in memory (central.nonces). Any other request, and
    on PostgreSQL every request, is checked in the thread pool: a POST's nonce is
    committed to the database before it is answered, and a PostgreSQL read is a
    round trip that would stall the loop's other connections (the fleet bench's
    profile of two workers: 60 % of their time waiting on the loop for a reply).
    (All of it once ran on the loop, a committed nonce per GET: an fsync that
    stalled every other connection.) On SQLite a thread hop per GET would cost
    more than the check: on this two-core machine, under load, a hop is
    milliseconds."""
    store = platform.store

    async def signed_kiosk(request: Request) -> str:
        """Check the kiosk's signature, the timestamp window and the nonce.

        ``central.limits.RequestGate`` has already refused what the headers alone
        condemn and capped the body; the checks are repeated here so the route
        stays safe on its own."""
        body = await request.body()
        raw_path = request.scope.get("raw_path") or request.url.path.encode()
        path = raw_path.decode("latin-1")
        if request.scope.get("query_string"):
            path += "?" + request.scope["query_string"].decode("latin-1")
        if request.method in READ_ONLY and store.reads_on_loop:  # memory, no commit
            return _check(request.method, path, request.headers, body)
        return await run_in_threadpool(_check, request.method, path, request.headers, body)

    def _check(method: str, path: str, headers: Headers, body: bytes) -> str:
        kiosk_id = headers.get(H_KIOSK, "")
        nonce = headers.get(H_NONCE, "")
        signature = headers.get(H_SIGNATURE, "")
        try:
            timestamp = int(headers.get(H_TIMESTAMP, ""))
        except ValueError:
            raise AuthFailure(401, "bad_timestamp") from None
        public_hex = store.kiosk_public_key(kiosk_id) if kiosk_id else None
        if public_hex is None:
            raise AuthFailure(401, "unknown_kiosk")
        if store.kiosk_revoked_at(kiosk_id) is not None:
            raise AuthFailure(403, "kiosk_revoked")
        public_key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        if not verify_signature(public_key, method, path, timestamp, nonce, body, signature):
            raise AuthFailure(401, "bad_signature")
        if abs(time.time() - timestamp) > platform.window_seconds:
            raise AuthFailure(401, "clock_skew")
        nonces = nonce_window(store, platform.window_seconds)
        if not (8 <= len(nonce) <= 64) or not nonces.spend(kiosk_id, nonce, timestamp, method):
            raise AuthFailure(401, "replayed_nonce")
        return kiosk_id

    return signed_kiosk


def operator_dependency(platform: Platform) -> Callable[[Request, str], Account]:
    """A FastAPI dependency for the operator API: a console account's API token
    (``Authorization: Bearer gkp_...``, issued on the Accounts page or with
    ``kiosk platform user token``; the platform keeps only its hash, and revoking
    it or disabling the account ends it). The account's role decides: cases
    (``/applications``) for admins and reviewers, the fleet (``/kiosks``,
    ``/tokens``) for admins and technicians; counter clerks' cases are those of
    their hall, which the API does not scope, so their tokens open nothing here.
    Every payload opened and status changed is audited under the account.
    """
    db = ConsoleDB(platform.store)

    def operator(request: Request, authorization: Annotated[str, Header()] = "") -> Account:
        scheme, _, token = authorization.partition(" ")
        account = db.api_account(token.strip()) if scheme.lower() == "bearer" else None
        if account is None:
            raise HTTPException(status_code=401, detail="API token required")
        rest = request.url.path.removeprefix("/api/v1/operator")
        section = "cases" if rest.startswith("/applications") else "fleet"
        if account.role == "clerk" or not may(account, section):
            raise HTTPException(status_code=403, detail=f"role {account.role} may not")
        if rest.endswith("/payload") or (rest.endswith("/status") and request.method == "POST"):
            case_number = rest.split("/")[2] if rest.count("/") >= 3 else ""
            action = "case_opened" if rest.endswith("/payload") else "status_changed"
            address = request.client.host if request.client else ""
            db.audit(account, action, case_number, "operator API", address)
        return account

    return operator
