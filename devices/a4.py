"""A4 documents: print a PDF through CUPS ``lp`` when there is a printer.

Rendering the PDF is the journey's work; this module only hands it to CUPS.
Without ``lp`` or without a queue the PDF is kept and the state says
"no A4 printer", so the resident can be told to collect the copy at a counter.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from devices.errors import A4PrintFailed, NoA4Printer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class A4Status:
    state: str  # "ok" or "no_printer"
    queue: str = ""
    reason: str = ""


class A4Printer:
    def __init__(self, queue: str = "", *, timeout: float = 20.0) -> None:
        self.queue = queue
        self.timeout = timeout

    def _queues(self) -> list[str]:
        lpstat = shutil.which("lpstat")
        if not lpstat:
            return []
        try:
            out = subprocess.run(
                [lpstat, "-e"], capture_output=True, text=True, timeout=self.timeout, check=False
            ).stdout
        except (OSError, subprocess.TimeoutExpired):
            return []
        return [line.split()[0] for line in out.splitlines() if line.strip()]

    def status(self) -> A4Status:
        if not shutil.which("lp"):
            return A4Status("no_printer", reason="CUPS lp not installed")
        queues = self._queues()
        if self.queue and self.queue not in queues:
            return A4Status("no_printer", self.queue, reason=f"queue {self.queue} not found")
        if not self.queue and not queues:
            return A4Status("no_printer", reason="no CUPS queue")
        return A4Status("ok", self.queue or queues[0])

    def print_pdf(self, pdf: Path, copies: int = 1) -> str:
        """Send the PDF to CUPS and return the job id; NoA4Printer keeps the PDF."""
        status = self.status()
        if status.state != "ok":
            raise NoA4Printer(f"no A4 printer ({status.reason}); PDF kept", path=str(pdf))
        lp = shutil.which("lp") or "lp"
        cmd = [lp, "-d", status.queue, "-n", str(max(1, copies)), str(pdf)]
        try:
            done = subprocess.run(
                cmd, capture_output=True, text=True, timeout=self.timeout, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise A4PrintFailed(f"lp failed: {exc}", path=str(pdf)) from exc
        if done.returncode != 0:
            raise A4PrintFailed(f"lp exited {done.returncode}: {done.stderr.strip()}")
        log.info("A4 job sent to %s", status.queue)
        return done.stdout.strip()
