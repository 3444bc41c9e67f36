"""A code scanner: sends the codes it is given, each with a suffix, paced."""

from __future__ import annotations

import threading
import time
from typing import Any

from devices.errors import ScanError
from devices.scanner import suffix_bytes
from devices.sim.base import PortSimulator
from devices.sim.commands import one_line


class ScannerSimulator(PortSimulator):
    def __init__(self, port: Any, *, suffix: str = "CR", char_ms: float = 0.0) -> None:
        self.port = port
        self.suffix = suffix_bytes(suffix)
        self.char_ms = char_ms
        self.received = bytearray()  # what the host sent (trigger bytes)
        self.triggered = threading.Event()

    def _on_bytes(self, data: bytes) -> None:
        self.received += data
        self.triggered.set()

    def control(self, line: str) -> str:
        """``scan TEXT`` (escapes like \\r, \\n, \\xNN), ``raw HEX``, ``suffix X``,
        ``pace MS``; any other line is sent as a code."""
        text = line.rstrip("\r\n")
        word, _, rest = text.partition(" ")
        try:
            if word == "help" and not rest:
                return "error commands: " + one_line("scanner")
            if word == "raw":
                self.port.send(bytes.fromhex(rest))
                return "ok sent raw"
            if word == "suffix":
                self.suffix = suffix_bytes(rest.strip())
                return f"ok suffix {rest.strip()}"
            if word == "pace":
                self.char_ms = float(rest)
                return f"ok pace {self.char_ms} ms"
            code = rest if word == "scan" else text
            if not code:
                return ""
            raw = code.encode("utf-8").decode("unicode_escape").encode("latin-1")
            self.scan(raw)
            return f"ok scanned {len(raw)} bytes"
        except (ValueError, UnicodeError, ScanError) as exc:
            return f"error {exc}"

    def scan(
        self, code: str | bytes, *, suffix: bytes | None = None, char_ms: float | None = None
    ) -> None:
        """Send one code the way a scanner types it: bytes, then the suffix."""
        raw = code.encode("utf-8") if isinstance(code, str) else code
        raw += self.suffix if suffix is None else suffix
        delay = (self.char_ms if char_ms is None else char_ms) / 1000.0
        if delay <= 0:
            self.port.send(raw)
            return
        for i in range(len(raw)):
            self.port.send(raw[i : i + 1], paced=False)
            time.sleep(delay)
