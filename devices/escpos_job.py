"""python-escpos over our transport: every command collected as bytes of one job.

Kept apart from devices/printer.py so the heavy python-escpos import happens
on the first print, not when the kiosk starts.
"""

from __future__ import annotations

from typing import Any

from escpos.constants import QR_ECLEVEL_H, QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q
from escpos.escpos import Escpos

EC_LEVELS = {"L": QR_ECLEVEL_L, "M": QR_ECLEVEL_M, "Q": QR_ECLEVEL_Q, "H": QR_ECLEVEL_H}


class JobBuilder(Escpos):
    """python-escpos with ``_raw`` collecting bytes into a job."""

    def __init__(self, encoding: str) -> None:
        super().__init__(profile="default")
        self.encoding = encoding
        self.pieces: list[bytes] = []

    def _raw(self, msg: bytes) -> None:
        self.pieces.append(bytes(msg))

    def open(self, *args: Any, **kwargs: Any) -> None:
        self.device = True

    def close(self) -> None:
        pass

    def chinese(self, text: str) -> None:
        """GB18030 text; python-escpos's code-page guesser knows no Chinese."""
        self._raw(text.encode(self.encoding, errors="replace"))
