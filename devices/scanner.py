"""QR / barcode scanner: framing by suffix plus an inter-character gap.

A scanner types a code and ends it with a suffix (CR or CR LF). A QR payload
may itself contain CR or LF, so a suffix only ends a code when the line then
stays quiet for ``gap`` seconds; bytes arriving sooner mean the "suffix" was
part of the payload. Codes longer than ``max_length`` are dropped whole and
reported; bytes that are not UTF-8 are reported, never guessed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from devices.errors import DeviceError, DeviceTimeout, ScanError, ScanTooLong, ScanUndecodable
from devices.transport import Transport

log = logging.getLogger(__name__)

SUFFIXES = {"CR": b"\r", "LF": b"\n", "CRLF": b"\r\n", "TAB": b"\t", "NONE": b""}


def suffix_bytes(name: str) -> bytes:
    try:
        return SUFFIXES[name.upper()]
    except KeyError as exc:
        raise ScanError(f"unknown scanner suffix {name!r}", key="error.scanner.suffix") from exc


ScanResult = str | ScanError


class ScanFramer:
    """Pure framing state machine; time is passed in so tests control it.

    ``feed(data, now)`` takes bytes as they arrive; ``poll(now)`` is called
    when the line has been quiet and returns any code the quiet completed.
    ``stale`` drops an unterminated fragment after that long with no suffix.
    """

    def __init__(
        self, suffix: bytes = b"\r", gap: float = 0.05, max_length: int = 4096, stale: float = 1.0
    ) -> None:
        self.suffix = suffix
        self.gap = gap
        self.max_length = max_length
        self.stale = max(stale, gap)
        self._buf = bytearray()
        self._last = 0.0
        self._overflow = False

    @property
    def pending(self) -> bool:
        return bool(self._buf) or self._overflow

    def deadline(self) -> float | None:
        """When poll() next has something to decide, or None if idle."""
        if not self.pending:
            return None
        if self._complete():
            return self._last + self.gap
        return self._last + self.stale

    def _complete(self) -> bool:
        return not self.suffix or self._buf.endswith(self.suffix)

    def feed(self, data: bytes, now: float) -> list[ScanResult]:
        out: list[ScanResult] = []
        if not data:
            return out
        if self.pending and now - self._last >= self.gap:
            out.extend(self.poll(now))
        self._last = now
        keep = max(len(self.suffix), 1)
        if self._overflow:  # keep only enough to see the suffix that ends it
            self._buf = bytearray((bytes(self._buf) + data)[-keep:])
            return out
        self._buf += data
        if len(self._buf) > self.max_length + len(self.suffix):
            self._overflow = True
            self._buf = self._buf[-keep:]
        return out

    def poll(self, now: float) -> list[ScanResult]:
        if not self.pending:
            return []
        quiet = now - self._last
        if self._complete() and quiet >= self.gap:
            return [self._finish()]
        if quiet >= self.stale:
            self._buf.clear()
            overflow, self._overflow = self._overflow, False
            if overflow:
                return [ScanTooLong("code longer than the bound", limit=self.max_length)]
            return [ScanError("code without suffix dropped", key="error.scanner.incomplete")]
        return []

    def _finish(self) -> ScanResult:
        raw = bytes(self._buf[: len(self._buf) - len(self.suffix)] if self.suffix else self._buf)
        self._buf.clear()
        if self._overflow:
            self._overflow = False
            return ScanTooLong("code longer than the bound", limit=self.max_length)
        if not raw:
            return ScanError("empty code", key="error.scanner.empty")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            err = ScanUndecodable(f"code is not UTF-8 at byte {exc.start}", position=exc.start)
            err.__cause__ = exc
            return err


class Scanner:
    """Reads codes from a Transport in the caller's (worker) thread."""

    def __init__(
        self,
        transport: Transport,
        *,
        suffix: str = "CR",
        gap_ms: int = 50,
        max_length: int = 4096,
        trigger: bytes = b"",
    ) -> None:
        self.transport = transport
        self.trigger_bytes = trigger
        self.framer = ScanFramer(suffix_bytes(suffix), gap_ms / 1000.0, max_length)

    def trigger(self) -> None:
        """Host-triggered scanners start a scan when sent their trigger bytes."""
        if self.trigger_bytes:
            self.transport.write(self.trigger_bytes)

    def pump(self, clock: Callable[[], float], wait: float) -> list[ScanResult]:
        """Read what arrives within ``wait`` seconds (less if a gap is due)."""
        now = clock()
        due = self.framer.deadline()
        timeout = wait if due is None else max(0.0, min(wait, due - now))
        data = self.transport.read_some(4096, timeout)
        now = clock()
        if data:
            return self.framer.feed(data, now)
        return self.framer.poll(now)

    def read_code(self, timeout: float, stop: threading.Event | None = None) -> str:
        """Wait for one code; raise the ScanError the framer reports, or DeviceTimeout."""
        self.trigger()
        end = time.monotonic() + timeout
        while time.monotonic() < end and not (stop and stop.is_set()):
            for result in self.pump(time.monotonic, min(0.5, end - time.monotonic())):
                if isinstance(result, DeviceError):
                    raise result
                return result
        raise DeviceTimeout("no code scanned in time", port=self.transport.url)
