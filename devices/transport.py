"""The tiny transport every driver speaks through: write bytes, read bytes.

Ports are opened with ``serial.serial_for_url`` so a config value can be a
device path, a pty path, ``socket://host:port`` or ``loop://``. Every read has
an explicit deadline; every failure becomes a typed DeviceError so the device
manager can turn "unplugged" into a state instead of a crash.
"""

from __future__ import annotations

import logging
import os
import threading
import time

import serial

from devices.errors import DeviceIOError, DeviceNotFound, DeviceTimeout

log = logging.getLogger(__name__)


# Blocking-read slice: short enough to notice close() and deadlines, long
# enough that an idle reader wakes only 50 times a second.
_TICK = 0.02


def _reason(exc: Exception) -> str:
    """pyserial repeats the port twice in its messages; keep the OS's words."""
    code = exc.errno if isinstance(exc, OSError) else None
    if code is None and exc.args and isinstance(exc.args[0], int):
        code = exc.args[0]
    return os.strerror(code) if code else str(exc)


class Transport:
    """One serial-like port, opened lazily, with deadline-based reads.

    Thread-safe for one reader and one writer; ``lock`` lets a driver hold the
    port across a command and its reply.
    """

    def __init__(self, url: str, baudrate: int = 9600, timeout: float = 1.0) -> None:
        self.url = url
        self.baudrate = baudrate
        self.timeout = timeout
        self.lock = threading.RLock()
        self._port: serial.SerialBase | None = None

    def __repr__(self) -> str:
        return f"Transport({self.url!r}, {self.baudrate})"

    @property
    def is_open(self) -> bool:
        return self._port is not None and bool(self._port.is_open)

    def open(self) -> None:
        if self.is_open:
            return
        if not self.url:
            raise DeviceNotFound("no port configured", port="")
        try:
            # A short per-call timeout: reads loop until their own deadline,
            # so close() from another thread is noticed quickly.
            port = serial.serial_for_url(
                self.url, baudrate=self.baudrate, timeout=_TICK, write_timeout=self.timeout
            )
        except (serial.SerialException, OSError, ValueError) as exc:
            raise DeviceNotFound(f"cannot open {self.url}: {_reason(exc)}", port=self.url) from exc
        self._port = port
        log.info("opened %s at %d baud", self.url, self.baudrate)

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            try:
                port.close()
            except (serial.SerialException, OSError):
                pass

    def _require(self) -> serial.SerialBase:
        if self._port is None:
            self.open()
        assert self._port is not None
        return self._port

    def write(self, data: bytes) -> None:
        port = self._require()
        try:
            port.write(data)
            port.flush()
        except serial.SerialTimeoutException as exc:
            raise DeviceTimeout(f"write to {self.url} timed out", port=self.url) from exc
        except (serial.SerialException, OSError, TypeError, AttributeError) as exc:
            self.close()
            raise DeviceIOError(f"write to {self.url} failed: {exc}", port=self.url) from exc

    def read(self, n: int, timeout: float | None = None) -> bytes:
        """Read exactly ``n`` bytes or raise DeviceTimeout at the deadline."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        buf = bytearray()
        while len(buf) < n:
            chunk = self.read_some(n - len(buf), max(0.0, deadline - time.monotonic()))
            buf += chunk
            if len(buf) < n and time.monotonic() >= deadline:
                raise DeviceTimeout(
                    f"{self.url}: got {len(buf)} of {n} bytes", port=self.url, got=len(buf)
                )
        return bytes(buf)

    def read_some(self, n: int, timeout: float) -> bytes:
        """Read up to ``n`` bytes, waiting at most ``timeout``; b'' on timeout."""
        port = self._require()
        deadline = time.monotonic() + timeout
        try:
            while True:
                waiting = port.in_waiting
                if waiting:
                    return bytes(port.read(min(n, waiting)))
                if time.monotonic() >= deadline:
                    return b""
                data = bytes(port.read(1))  # blocks at most the port's 20 ms
                if data:
                    more = port.in_waiting
                    if more and n > 1:
                        data += bytes(port.read(min(n - 1, more)))
                    return data
        except (serial.SerialException, OSError, TypeError, AttributeError) as exc:
            # pyserial raises SerialException("device reports readiness to read
            # but returned no data") when the other end of a pty goes away.
            self.close()
            raise DeviceIOError(f"read from {self.url} failed: {exc}", port=self.url) from exc

    def drain(self) -> None:
        """Drop stale input (a half frame from before a fault)."""
        port = self._require()
        try:
            port.reset_input_buffer()
        except (serial.SerialException, OSError) as exc:
            self.close()
            raise DeviceIOError(f"{self.url}: {exc}", port=self.url) from exc
