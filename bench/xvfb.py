"""An Xvfb display for the benchmarks that run the real ``kiosk run`` in an X window."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def xvfb_display() -> Iterator[str | None]:
    """Yields ":N" (Xvfb picks a free number and says when it is ready), or None
    when Xvfb is not installed or will not start."""
    if shutil.which("Xvfb") is None:
        yield None
        return
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1080x1920x24",
         "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write_fd,),
        start_new_session=True,
    )  # fmt: skip
    os.close(write_fd)
    number = b""
    deadline = time.monotonic() + 20
    os.set_blocking(read_fd, False)
    try:
        while time.monotonic() < deadline and proc.poll() is None and b"\n" not in number:
            try:
                chunk = os.read(read_fd, 16)
            except BlockingIOError:
                time.sleep(0.02)
                continue
            if not chunk:
                break
            number += chunk
    finally:
        os.close(read_fd)
    try:
        yield ":" + number.decode().strip() if number.strip().isdigit() else None
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(10)
