"""python-escpos over our transport: every command collected as bytes of one job.

Kept apart from devices/printer.py so the heavy python-escpos import happens
on the first print, not when the kiosk starts.
"""

from __future__ import annotations

import re
from typing import Any

from escpos.constants import QR_ECLEVEL_H, QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q
from escpos.escpos import Escpos

from devices.escpos_style import StyleState

EC_LEVELS = {"L": QR_ECLEVEL_L, "M": QR_ECLEVEL_M, "Q": QR_ECLEVEL_Q, "H": QR_ECLEVEL_H}
# Every control character but the line feed the layout ends a line with.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


class JobBuilder(Escpos):
    """python-escpos with ``_raw`` collecting bytes into a job.

    Style commands that restate the printer's current style are left out
    (devices/escpos_style.py); with ``keep_redundant`` every command is kept,
    as python-escpos sends it.
    """

    def __init__(self, encoding: str, *, keep_redundant: bool = False) -> None:
        super().__init__(profile="default")
        self.encoding = encoding
        self.sent: list[bytes] = []
        self.style = None if keep_redundant else StyleState()

    def _raw(self, msg: bytes) -> None:
        piece = bytes(msg) if self.style is None else self.style.feed(bytes(msg))
        if piece:
            self.sent.append(piece)

    @property
    def pieces(self) -> list[bytes]:
        """The job so far, with any style commands still held back at its end."""
        if self.style is None or not self.style.pending:
            return list(self.sent)
        tail = StyleState()
        tail.known = dict(self.style.known)
        tail.pending = list(self.style.pending)
        return [*self.sent, tail.flush()]

    def open(self, *args: Any, **kwargs: Any) -> None:
        self.device = True

    def close(self) -> None:
        pass

    def chinese(self, text: str) -> None:
        """GB18030 text; python-escpos's code-page guesser knows no Chinese.

        The second guard after devices/receipt.py: no control byte of the text
        reaches the printer as a command (GB18030's bytes past the first are
        all 0x30 or more, so only the text's own controls could).
        """
        self._raw(_CONTROL.sub(" ", text).encode(self.encoding, errors="replace"))
