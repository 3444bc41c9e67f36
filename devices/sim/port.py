"""The simulator's end of a serial line: a pty master or a loopback TCP port.

The driver opens the other end with ``serial.serial_for_url`` exactly as it
would a USB adapter: a pty path (or a stable symlink to it) or
``socket://127.0.0.1:PORT``. One thread blocks in ``select`` on the line and
a wake-up pipe, so an idle simulator uses no CPU. ``unplug``/``replug``
imitate pulling the cable: the pty is closed (the driver's next read fails)
and a new one is put behind the same symlink.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import socket
import threading
import time
import tty
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

Handler = Callable[[bytes], None]


class SimPort:
    def __init__(
        self,
        *,
        tcp: bool = False,
        host: str = "127.0.0.1",
        tcp_port: int = 0,
        link: Path | None = None,
        baudrate: int = 0,
    ) -> None:
        self.tcp = tcp
        self.host = host
        self.tcp_port = tcp_port
        self.link = link
        self.baudrate = baudrate  # 0 = as fast as the pty goes
        self._handler: Handler = lambda data: None
        self._master: int | None = None
        self._slave: int | None = None
        self._server: socket.socket | None = None
        self._client: socket.socket | None = None
        self._wake_r, self._wake_w = os.pipe()
        self._stop = threading.Event()
        self._write_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.pty_path = ""

    # -- set-up --------------------------------------------------------------------
    @property
    def url(self) -> str:
        if self.tcp:
            return f"socket://{self.host}:{self.tcp_port}"
        return str(self.link) if self.link else self.pty_path

    def _open_pty(self) -> None:
        master, slave = os.openpty()
        tty.setraw(slave)  # no echo, no CR/LF translation: bytes are bytes
        tty.setraw(master)
        self._master, self._slave = master, slave
        self.pty_path = os.ttyname(slave)
        if self.link:
            tmp = self.link.with_name(self.link.name + ".new")
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            tmp.symlink_to(self.pty_path)
            tmp.replace(self.link)

    def start(self, handler: Handler) -> SimPort:
        self._handler = handler
        if self.tcp:
            server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            server.bind((self.host, self.tcp_port))
            server.listen(1)
            self.tcp_port = server.getsockname()[1]
            self._server = server
        else:
            self._open_pty()
        self._thread = threading.Thread(target=self._run, name="sim-port", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        self._wake()
        if self._thread and self._thread is not threading.current_thread():
            self._thread.join(2.0)
        self._close_line()
        if self._server:
            self._server.close()
            self._server = None
        for fd in (self._wake_r, self._wake_w):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        # A second close must not close whatever the kernel has since handed
        # these numbers to (the next test's pty, a serial port).
        self._wake_r = self._wake_w = -1
        if self.link:
            with contextlib.suppress(FileNotFoundError):
                self.link.unlink()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self._wake_w, b"x")

    def _close_line(self) -> None:
        with self._write_lock:
            for fd in (self._master, self._slave):
                if fd is not None:
                    with contextlib.suppress(OSError):
                        os.close(fd)
            self._master = self._slave = None
            if self._client:
                with contextlib.suppress(OSError):
                    self._client.close()
                self._client = None

    def unplug(self) -> None:
        """Pull the cable: the driver's reads and writes fail from now on.

        The link goes too, as a pulled USB adapter's /dev/ttyUSB0 does: the
        kernel hands the freed /dev/pts number to the next pty opened by any
        process, and a driver reopening a stale path would open that one,
        flush it and read its bytes (a benchmark lost 448 of a card reply's
        bytes to a tour whose unplugged scanner's manager kept reopening).
        """
        self._close_line()
        if self.link:
            with contextlib.suppress(FileNotFoundError):
                self.link.unlink()
        self._wake()

    def replug(self) -> None:
        """Plug back in; a pty gets a new /dev/pts path behind the same link."""
        if not self.tcp:
            self._open_pty()
        self._wake()

    @property
    def plugged(self) -> bool:
        return self._master is not None or self.tcp

    # -- I/O -------------------------------------------------------------------------
    def send(self, data: bytes, *, paced: bool = True, stop_after: int | None = None) -> int:
        """Write bytes, at the line speed when ``baudrate`` is set; returns bytes sent.

        ``stop_after`` sends only that many bytes (a partial frame).
        """
        if stop_after is not None:
            data = data[:stop_after]
        if not (paced and self.baudrate):
            return len(data) if self._write(data) else 0
        # The line has a clock: byte k is due k*10/baud after the first, whatever
        # the simulator's thread was doing. Sleeping a fixed delay after each
        # chunk instead adds every oversleep of a loaded machine to the line
        # time (13 chunks took a whole second under load 11, and a benchmark's
        # 1 s read timed out at 840 of 1,288 bytes); a real UART never slows down.
        chunk = 64
        started = time.monotonic()
        sent = 0
        while sent < len(data):
            due = sent * 10 / self.baudrate - (time.monotonic() - started)
            if due > 0 and self._stop.wait(due):
                return sent
            # Behind the clock: what the line would have carried by now goes at once.
            owed = int((time.monotonic() - started) * self.baudrate / 10) - sent
            part = data[sent : sent + max(chunk, owed)]
            if not self._write(part):
                return sent
            sent += len(part)
        # The last byte leaves the line one byte time after it started.
        rest = len(data) * 10 / self.baudrate - (time.monotonic() - started)
        if rest > 0:
            self._stop.wait(rest)
        return sent

    def _write(self, data: bytes) -> bool:
        with self._write_lock:
            try:
                if self.tcp:
                    if self._client is None:
                        return False
                    self._client.sendall(data)
                    return True
                if self._master is None:
                    return False
                view = memoryview(data)
                while view:
                    n = os.write(self._master, view)
                    view = view[n:]
                return True
            except OSError:
                return False

    def _run(self) -> None:
        while not self._stop.is_set():
            fds: list[int] = [self._wake_r]
            line: int | None = None
            if self.tcp:
                if self._client is not None:
                    line = self._client.fileno()
                elif self._server is not None:
                    fds.append(self._server.fileno())
            elif self._master is not None:
                line = self._master
            if line is not None:
                fds.append(line)
            try:
                ready, _, _ = select.select(fds, [], [])
            except (OSError, ValueError):
                if self._stop.wait(0.05):
                    return
                continue
            if self._wake_r in ready:
                with contextlib.suppress(OSError):
                    os.read(self._wake_r, 4096)
            if self._server is not None and self._server.fileno() in ready:
                try:
                    client, _ = self._server.accept()
                except OSError:
                    continue
                client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self._client = client
                continue
            if line is not None and line in ready:
                try:
                    if self.tcp and self._client is not None:
                        data = self._client.recv(4096)
                        if not data:
                            self._client.close()
                            self._client = None
                            continue
                    else:
                        data = os.read(line, 4096)
                except OSError:
                    # EIO on a pty master: no one has the other end open. Wait
                    # for a wake-up instead of spinning.
                    if self.tcp:
                        self._client = None
                    elif self._stop.wait(0.1):
                        return
                    continue
                try:
                    self._handler(data)
                except Exception:
                    log.exception("simulator handler failed")
