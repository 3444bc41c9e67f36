"""A fault-injecting HTTP proxy of our own, between the kiosk and the platform.

Each request the proxy receives takes the next fault from a queue (or passes
through when the queue is empty). The faults are the ways a village network
and a captive portal fail:

- ``refuse()`` closes the listening socket: connection refused;
- ``reset``: forwarded (the platform commits!), then half the answer and a TCP RST;
- ``http500`` / ``http503``: an error without forwarding (503 with Retry-After);
- ``timeout``: forwarded, then silence longer than the kiosk's timeout;
- ``slow``: forwarded, the answer trickles back in small pieces;
- ``truncated``: forwarded, the JSON body cut in half with a matching length;
- ``misshapen``: forwarded, then JSON with the platform's protocol marker but not
  the answer's shape (a platform of another version, a proxy that rewrites);
- ``portal``: a captive portal's "200 OK" HTML login page, not forwarded.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections import Counter, deque

from protocol.signing import PROTOCOL

PORTAL_PAGE = (
    b"<html><head><title>WiFi login</title></head>"
    b"<body>Please log in to use the village network</body></html>"
)
FORWARDING = ("none", "reset", "timeout", "slow", "truncated", "misshapen")


def _read_message(sock: socket.socket, buf: bytes) -> tuple[bytes, bytes, bytes] | None:
    """(head, body, rest) of one HTTP message with Content-Length, or None at EOF."""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        rest += chunk
    return head + b"\r\n\r\n", rest[:length], rest[length:]


def _with_body(head: bytes, body: bytes) -> bytes:
    """The answer's head with another body, and the length to match."""
    lines = [
        line
        for line in head.decode("latin-1").split("\r\n")
        if line and not line.lower().startswith("content-length")
    ]
    return ("\r\n".join(lines) + f"\r\nContent-Length: {len(body)}\r\n\r\n").encode(
        "latin-1"
    ) + body


def _response(status: str, headers: list[tuple[str, str]], body: bytes) -> bytes:
    lines = [f"HTTP/1.1 {status}"] + [f"{k}: {v}" for k, v in headers]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class FaultProxy:
    def __init__(self, upstream_port: int, *, hang_seconds: float = 2.5) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.hang_seconds = hang_seconds
        self.faults: deque[str] = deque()
        self.seen: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._closing = False
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def inject(self, *faults: str) -> None:
        with self._lock:
            self.faults.extend(faults)

    def _next_fault(self) -> str:
        with self._lock:
            fault = self.faults.popleft() if self.faults else "none"
            self.seen[fault] += 1
            return fault

    # --- listening ----------------------------------------------------------------

    def start(self) -> FaultProxy:
        self.resume()
        return self

    def refuse(self) -> None:
        """Stop listening: the kiosk's connect() now fails with ECONNREFUSED."""
        if self._listener is not None:
            try:  # wakes the accept() thread and stops listening at once (Linux)
                self._listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._listener.close()
            self._listener = None

    def resume(self) -> None:
        if self._listener is not None:
            return
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        sock.listen(64)
        self._listener = sock
        threading.Thread(target=self._accept, args=(sock,), daemon=True).start()

    def stop(self) -> None:
        self._closing = True
        self.refuse()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    # --- one client connection --------------------------------------------------------

    def _serve(self, conn: socket.socket) -> None:
        buf = b""
        try:
            while not self._closing:
                message = _read_message(conn, buf)
                if message is None:
                    return
                head, body, buf = message
                fault = self._next_fault()
                if not self._handle(conn, fault, head + body):
                    return
        except OSError:
            return
        finally:
            conn.close()

    def _forward(self, request: bytes) -> tuple[bytes, bytes]:
        with socket.create_connection(self.upstream, timeout=30) as up:
            up.sendall(request)
            message = _read_message(up, b"")
        if message is None:
            raise OSError("upstream closed")
        return message[0], message[1]

    def _handle(self, conn: socket.socket, fault: str, request: bytes) -> bool:
        """Answer one request; False closes the client connection."""
        if fault == "http500":
            conn.sendall(_response("500 Internal Server Error", [], b"oops"))
            return True
        if fault == "http503":
            conn.sendall(_response("503 Service Unavailable", [("Retry-After", "1")], b"busy"))
            return True
        if fault == "portal":
            conn.sendall(_response("200 OK", [("Content-Type", "text/html")], PORTAL_PAGE))
            return True
        head, body = self._forward(request)
        answer = head + body
        if fault == "none":
            conn.sendall(answer)
            return True
        if fault == "reset":
            conn.sendall(answer[: len(head) + len(body) // 2])
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return False
        if fault == "timeout":
            time.sleep(self.hang_seconds)
            return False
        if fault == "slow":
            for i in range(0, len(answer), 256):
                conn.sendall(answer[i : i + 256])
                time.sleep(0.01)
            return True
        if fault == "truncated":
            conn.sendall(_with_body(head, body[: len(body) // 2]))
            return True
        if fault == "misshapen":
            conn.sendall(
                _with_body(head, json.dumps({"protocol": PROTOCOL, "results": "?"}).encode())
            )
            return True
        raise ValueError(f"unknown fault {fault}")
