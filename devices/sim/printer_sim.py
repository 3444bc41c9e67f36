"""A receipt printer that interprets the ESC/POS it receives.

Every cut ends a receipt: it is kept (text, QR payloads) and, with an output
folder, drawn to a PNG. Real-time status (``DLE EOT``) is answered at once,
even mid-job, from the paper/cover/offline flags a test or the control
channel sets. ``fail_after(n)`` runs the paper out after n more print bytes,
so a print that stops part-way can be tested.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from devices.sim.base import PortSimulator
from devices.sim.commands import one_line
from devices.sim.escpos_interp import EscPosInterpreter, PrintedReceipt
from devices.sim.receipt_png import save_receipt_png

log = logging.getLogger(__name__)


class PrinterSimulator(PortSimulator):
    def __init__(
        self, port: Any, *, out_dir: Path | None = None, encoding: str = "gb18030"
    ) -> None:
        self.port = port
        self.out_dir = out_dir
        self.receipts: list[PrintedReceipt] = []
        self.pngs: list[Path] = []
        self.paper = "ok"  # ok | near_end | out
        self.cover_open = False
        self.offline = False
        self.bytes_received = 0
        self._fail_after: int | None = None
        self._lock = threading.Lock()
        self.printed = threading.Condition(self._lock)
        self._drawing = threading.Lock()
        self._drawn = 0  # receipts whose picture is done (or failed)
        # Called (on the simulator's thread) after each cut, e.g. to say where the PNG is.
        self.on_receipt: Callable[[PrintedReceipt, Path | None], None] | None = None
        self.interp = EscPosInterpreter(encoding, on_cut=self._on_cut, on_status=self._on_status)

    # -- control -------------------------------------------------------------------
    def set_paper(self, state: str) -> None:
        if state not in ("ok", "near_end", "out"):
            raise ValueError("paper is ok, near_end or out")
        self.paper = state

    def fail_after(self, n: int | None) -> None:
        """Run out of paper after n more bytes of print data (None: never)."""
        self._fail_after = n

    def wait_for_receipt(self, count: int = 1, timeout: float = 5.0) -> bool:
        """Until ``count`` receipts are cut (and, with an output folder, drawn)."""
        with self.printed:
            return self.printed.wait_for(
                lambda: len(self.receipts) >= count
                and (self.out_dir is None or self._drawn >= count),
                timeout,
            )

    def control(self, line: str) -> str:
        words = line.strip().lower().split()
        if not words:
            return ""
        try:
            if words[0] == "paper" and len(words) == 2:
                self.set_paper(words[1].replace("-", "_"))
                return f"ok paper {self.paper}"
            if words[0] == "cover" and len(words) == 2:
                self.cover_open = words[1] == "open"
                return f"ok cover {'open' if self.cover_open else 'closed'}"
            if words[0] == "offline" and len(words) == 2:
                self.offline = words[1] in ("on", "yes", "true")
                return f"ok offline {self.offline}"
            if words[0] == "fail_after" and len(words) == 2:
                self.fail_after(int(words[1]))
                return f"ok paper runs out after {words[1]} bytes"
            if words[0] == "status":
                return (
                    f"ok paper={self.paper} cover={'open' if self.cover_open else 'closed'} "
                    f"offline={self.offline} receipts={len(self.receipts)} url={self.url}"
                )
        except ValueError as exc:
            return f"error {exc}"
        return "error commands: " + one_line("printer")

    # -- protocol --------------------------------------------------------------------
    def status_byte(self, n: int) -> int:
        b = 0x12
        if n == 1:
            b |= 0x08 if (self.offline or self.cover_open or self.paper == "out") else 0
        elif n == 2:
            b |= 0x04 if self.cover_open else 0
            b |= 0x20 if self.paper == "out" else 0
            b |= 0x40 if self.offline else 0
        elif n == 4:
            b |= 0x0C if self.paper in ("near_end", "out") else 0
            b |= 0x60 if self.paper == "out" else 0
        return b

    def _on_status(self, n: int) -> None:
        self.port.send(bytes((self.status_byte(n),)), paced=False)

    def _printing(self) -> bool:
        return self.paper != "out" and not self.cover_open and not self.offline

    def _on_bytes(self, data: bytes) -> None:
        # Real-time status queries are answered even when printing has stopped;
        # the interpreter sees everything but print data is dropped then.
        self.bytes_received += len(data)
        if self._fail_after is not None:
            if len(data) > self._fail_after:
                keep = self._fail_after
                self._fail_after = None
                self.interp.feed(data[:keep])
                self.paper = "out"
                self._status_only(data[keep:])
                return
            self._fail_after -= len(data)
        if self._printing():
            self.interp.feed(data)
        else:
            self._status_only(data)

    def _status_only(self, data: bytes) -> None:
        i = data.find(b"\x10\x04")
        while i >= 0 and i + 2 < len(data):
            self._on_status(data[i + 2])
            i = data.find(b"\x10\x04", i + 3)

    def _on_cut(self, receipt: PrintedReceipt) -> None:
        """A real printer answers its next status query right after the cut: the
        receipt is kept at once and its picture drawn on another thread (on a
        loaded machine the drawing took seconds, and the kiosk's status query
        after the job timed out as if the printer had failed)."""
        with self.printed:
            self.receipts.append(receipt)
            number = len(self.receipts)
            if self.out_dir is None:
                self.printed.notify_all()
        log.info("simulated printer cut a receipt (%d lines)", len(receipt.lines))
        if self.out_dir is None:
            if self.on_receipt is not None:
                self.on_receipt(receipt, None)
            return
        png = self.out_dir / f"receipt-{number:03d}.png"
        threading.Thread(
            target=self._draw, args=(receipt, png), name="printer-sim-png", daemon=True
        ).start()

    def _draw(self, receipt: PrintedReceipt, png: Path) -> None:
        with self._drawing:  # one picture at a time, in the order of the cuts
            drawn: Path | None = png
            try:
                save_receipt_png(receipt, png)
            except OSError:
                log.exception("cannot save receipt PNG")
                drawn = None
            with self.printed:
                self._drawn += 1
                if drawn is not None:
                    self.pngs.append(drawn)
                self.printed.notify_all()
            if self.on_receipt is not None:
                self.on_receipt(receipt, drawn)
