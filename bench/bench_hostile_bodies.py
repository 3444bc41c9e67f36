"""Six unsigned 300 MiB POSTs at once against the reference platform: its memory.

The platform runs in its own process (``kiosk platform serve``); six clients
each declare a 300 MiB body to ``/api/v1/submissions`` with no signature and
stream it in 1 MiB chunks until the platform answers or closes. Reported: the
platform's resident memory before (the baseline), its peak (VmHWM) and what it
answered. Before the request gate (issue 15, item 5) the platform buffered and
parsed every body: 61 -> 3,179 MiB. ``--repo DIR`` runs another checkout's
platform (to measure the tree before a change).

Usage: python bench/bench_hostile_bodies.py [--clients 6] [--mib 300] [--repo DIR]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CHUNK = b"x" * (1024 * 1024)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_platform(repo: Path, db: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "main.py", "platform", "--db", str(db), "serve", "--port", str(port)],
        cwd=repo,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(repo)},
    )
    for _ in range(600):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("platform did not start")


def memory_kib(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return fields


def hostile_post(port: int, mib: int, answers: list[str]) -> None:
    """Declare ``mib`` MiB, send it chunk by chunk until the platform stops listening."""
    sent = 0
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=120) as sock:
            head = (
                "POST /api/v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/json\r\n"
                f"Content-Length: {mib * len(CHUNK)}\r\n\r\n"
            )
            sock.sendall(head.encode())
            try:
                for _ in range(mib):
                    sock.sendall(CHUNK)
                    sent += 1
            except OSError:
                pass  # the platform answered and closed: the rest is never read
            answer = sock.recv(200).decode("latin-1", "replace").split("\r\n", 1)[0]
    except OSError as exc:
        answer = f"{type(exc).__name__}"
    answers.append(f"{answer} after {sent} MiB sent")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=6)
    ap.add_argument("--mib", type=int, default=300)
    ap.add_argument("--repo", type=Path, default=REPO)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        proc, port = start_platform(args.repo.resolve(), Path(tmp) / "platform" / "central.db")
        try:
            time.sleep(1.0)  # let the imports settle before the baseline
            before = memory_kib(proc.pid)
            answers: list[str] = []
            threads = [
                threading.Thread(target=hostile_post, args=(port, args.mib, answers))
                for _ in range(args.clients)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            after = memory_kib(proc.pid)
        finally:
            proc.terminate()
            proc.wait(10)
    peak_mib = after["VmHWM"] / 1024
    emit(
        "hostile_bodies",
        "platform peak RSS under six unsigned 300 MiB POSTs",
        peak_mib,
        "MiB",
        "platform RSS before",
        before["VmRSS"] / 1024,
        target="peak within 32 MiB of the idle RSS",
        met=peak_mib - before["VmRSS"] / 1024 < 32,
        rss_after_mib=round(after["VmRSS"] / 1024, 1),
        answers=sorted(answers),
        clients=args.clients,
        mib_each=args.mib,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
