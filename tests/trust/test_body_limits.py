"""Bodies and fields the platform refuses (issue 15, item 5), over a real socket.

Each hostile request is written by hand on a raw loopback socket, so the test
sees exactly what the platform does before the body arrives: the headers are
sent, the body is not, and the answer must come anyway (a platform that waits
for the body would leave the read to time out, and the test fails).
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import time
import uuid

from central.server import PlatformServer
from kiosk.settings import get_setting
from protocol.signing import sign_headers
from sync.keys import KIOSK_ID, load_or_create_signing_key
from tests.sync.conftest import Kiosk

MIB = 1024 * 1024


def _answer(sock: socket.socket) -> tuple[int, dict[str, object]]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, json.loads(rest[:length] or b"{}")


def _headers_only(port: int, path: str, length: int, extra: dict[str, str]) -> tuple[int, dict]:
    """Declare a body of ``length`` bytes and send none of it."""
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    lines += [f"Content-Length: {length}"] + [f"{k}: {v}" for k, v in extra.items()]
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        return _answer(sock)


def _chunked(port: int, path: str, total: int, extra: dict[str, str]) -> tuple[int, dict, int]:
    """Stream ``total`` bytes chunked (no length declared) until the platform answers."""
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    lines += ["Transfer-Encoding: chunked"] + [f"{k}: {v}" for k, v in extra.items()]
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        piece = b" " * (256 * 1024)
        try:
            while sent < total:
                sock.sendall(b"%x\r\n" % len(piece) + piece + b"\r\n")
                sent += len(piece)
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # answered and closed mid-body: what we want
        status, body = _answer(sock)
    return status, body, sent


def _signed(kiosk: Kiosk, path: str, body: bytes) -> dict[str, str]:
    key = load_or_create_signing_key(kiosk.config.data_dir)
    kiosk_id = get_setting(kiosk.storage, KIOSK_ID)
    return sign_headers(key, kiosk_id, "POST", path, body, int(time.time()))


def _post(
    platform: PlatformServer, path: str, body: bytes, headers: dict[str, str]
) -> tuple[int, dict]:
    import requests

    resp = requests.post(
        platform.url + path,
        data=body,
        headers={**headers, "Content-Type": "application/json"},
        timeout=60,
    )
    return resp.status_code, resp.json()


def test_unsigned_requests_are_refused_from_their_headers_before_the_body(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    port = platform.port
    # no signature at all, a plausible 2 MiB batch declared: refused, body never read
    status, body = _headers_only(port, "/api/v1/submissions", 2 * MIB, {})
    assert (status, body["error"]) == (401, "unknown_kiosk")
    kiosk_id = get_setting(kiosk.storage, KIOSK_ID)
    stale = {
        "X-Kiosk-Id": kiosk_id,
        "X-Kiosk-Timestamp": str(int(time.time()) - 3600),
        "X-Kiosk-Nonce": "n" * 16,
        "X-Kiosk-Signature": base64.b64encode(b"s" * 64).decode(),
    }
    assert _headers_only(port, "/api/v1/heartbeat", 64 * 1024, stale)[1]["error"] == "clock_skew"
    junk = {**stale, "X-Kiosk-Timestamp": str(int(time.time())), "X-Kiosk-Signature": "!!"}
    assert _headers_only(port, "/api/v1/heartbeat", 64 * 1024, junk)[1]["error"] == "bad_signature"
    # a known kiosk's signature is still checked over the body it covers
    good = {**junk, "X-Kiosk-Signature": base64.b64encode(b"s" * 64).decode()}
    assert _post(platform, "/api/v1/heartbeat", b"{}", good) == (
        401, {"protocol": "gov-kiosk-sync/1", "error": "bad_signature", "detail": ""}
    )  # fmt: skip


def test_every_body_is_capped_by_endpoint_declared_or_streamed(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    port = platform.port
    # declared: a 300 MiB "batch" from a signed kiosk, a 1 MiB enrollment
    path = "/api/v1/submissions"
    status, body = _headers_only(port, path, 300 * MIB, _signed(kiosk, path, b""))
    assert (status, body["error"]) == (413, "body_too_large")
    assert _headers_only(port, "/api/v1/enroll", MIB, {})[0] == 413
    # streamed with no length: cut off soon after the cap, never read whole
    status, body, sent = _chunked(port, "/api/v1/enroll", 64 * MIB, {})
    assert (status, body["error"]) == (413, "body_too_large")
    assert sent < 64 * MIB
    assert platform.platform.store.kiosks()[0]["code"] == "GD01"  # nothing else enrolled


def test_every_field_is_capped_and_nothing_oversized_is_stored(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    store = platform.platform.store
    # a signed item whose sealed payload is 2 MiB: under the body cap, over the field's
    box = b"\x01" + bytes(2 * MIB)
    client_id = str(uuid.uuid4())
    item = {"client_id": client_id, "kind": "application", "sealed": base64.b64encode(box).decode(),
            "payload_hash": hashlib.sha256(box).hexdigest()}  # fmt: skip
    data = json.dumps({"items": [item]}).encode()
    status, body = _post(
        platform, "/api/v1/submissions", data, _signed(kiosk, "/api/v1/submissions", data)
    )
    assert (status, body["error"]) == (422, "invalid_request")
    assert client_id not in store.count_by_client_id()
    # a heartbeat of 40 MB: refused whole; one with a 100 KB device state: refused by its field
    big = json.dumps({"devices": {"printer": "x" * 40_000_000}}).encode()
    assert (
        _post(platform, "/api/v1/heartbeat", big, _signed(kiosk, "/api/v1/heartbeat", big))[0]
        == 413
    )
    wide = json.dumps({"devices": {"printer": "x" * 100_000}}).encode()
    status, body = _post(
        platform, "/api/v1/heartbeat", wide, _signed(kiosk, "/api/v1/heartbeat", wide)
    )
    assert (status, body["error"]) == (422, "invalid_request")
    assert store.kiosks()[0]["health"] == {}
    # an enrollment code of 1,000 characters: refused, nothing enrolled
    token = store.create_token()
    enroll = json.dumps({"token": token, "public_key": "ab" * 32, "code": "A" * 1000}).encode()
    assert _post(platform, "/api/v1/enroll", enroll, {})[0] == 422
    assert len(store.kiosks()) == 1
