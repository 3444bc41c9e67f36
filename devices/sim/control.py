"""Control channels for a running simulator: stdin lines and a loopback socket.

Both feed one line at a time to the simulator's ``control(line) -> str`` and
print or send back its one-line answer, so a test, a script or a person at a
terminal can place a card, pull paper or inject a fault.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

Control = Callable[[str], str]


class ControlServer:
    """A line-per-command TCP server on 127.0.0.1 (never another interface)."""

    def __init__(self, control: Control, port: int = 0) -> None:
        self.control = control
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, name="sim-control", daemon=True)

    def start(self) -> ControlServer:
        self._thread.start()
        return self

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._client, args=(conn,), daemon=True).start()

    def _client(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rwb") as f:
            for raw in f:
                answer = self.control(raw.decode("utf-8", errors="replace"))
                f.write((answer + "\n").encode("utf-8"))
                f.flush()


def send_control(port: int, line: str, timeout: float = 5.0) -> str:
    """Send one command to a simulator's control socket and return its answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(line.rstrip("\n").encode("utf-8") + b"\n")
        with s.makefile("rb") as f:
            return f.readline().decode("utf-8").strip()
