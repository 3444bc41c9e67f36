"""Run one simulator from the command line (``kiosk sim idcard|printer|scanner``).

It prints the URL to connect to, keeps a stable link to the pty under the
runtime directory (so ``kiosk devices ...`` finds it when no port is
configured), takes line commands on stdin and, with ``--control``, on a
loopback socket. It stops on Ctrl-C or ``quit``, not at the end of stdin, so
it can run in the background with stdin closed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, TextIO

from devices.sim.control import ControlServer
from devices.sim.port import SimPort

log = logging.getLogger(__name__)


def sim_dir() -> Path:
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    path = Path(base) / f"gov-kiosk-sim-{os.getuid()}"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def sim_link(device: str) -> Path:
    """Where a running simulator keeps a stable link to its pty."""
    return sim_dir() / device


def running_sim_url(device: str) -> str:
    """The URL of a running simulator of that device, or '' if none."""
    link = sim_link(device)
    tcp = sim_dir() / f"{device}.tcp"
    if link.is_symlink() and link.exists():
        return str(link)
    if tcp.is_file():
        return tcp.read_text(encoding="utf-8").strip()
    return ""


def make_port(device: str, tcp: int | None, baudrate: int) -> SimPort:
    if tcp is not None:
        return SimPort(tcp=True, tcp_port=tcp, baudrate=baudrate)
    return SimPort(link=sim_link(device), baudrate=baudrate)


def run_simulator(
    device: str,
    sim: Any,
    *,
    control_port: int | None,
    out: TextIO = sys.stdout,
    stdin: TextIO = sys.stdin,
    extra: str = "",
) -> int:
    sim.start()
    tcp_file = sim_dir() / f"{device}.tcp"
    if sim.port.tcp:
        tcp_file.write_text(sim.url, encoding="utf-8")
    server = ControlServer(sim.control, control_port).start() if control_port is not None else None
    print(f"{device} simulator: connect to {sim.url}", file=out)
    if not sim.port.tcp:
        print(f"  (pty {sim.port.pty_path}; stable link {sim.port.link})", file=out)
    print(f"  try: kiosk devices {_hint(device)} --port {sim.url}", file=out)
    if server:
        print(f"  control socket: 127.0.0.1:{server.port} (one command per line)", file=out)
    if extra:
        print(extra, file=out)
    print("  commands on stdin: " + sim.control("help").removeprefix("error commands: "), file=out)
    out.flush()
    stop = threading.Event()

    def read_stdin() -> None:
        for line in stdin:
            if line.strip() in ("quit", "exit"):
                stop.set()
                return
            answer = sim.control(line)
            if answer:
                print(answer, file=out)
                out.flush()

    threading.Thread(target=read_stdin, name="sim-stdin", daemon=True).start()
    try:
        while not stop.wait(3600):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        if server:
            server.close()
        sim.close()
        with contextlib.suppress(FileNotFoundError):
            tcp_file.unlink()
    return 0


def _hint(device: str) -> str:
    return {"idcard": "read idcard", "printer": "test-print", "scanner": "scan"}[device]
