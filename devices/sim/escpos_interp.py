"""An ESC/POS interpreter: turns the bytes a printer receives into receipts.

It understands what the kiosk sends (init, Chinese mode, GB18030 text, bold,
sizes, alignment, feeds, native QR via ``GS ( k``, cut) and skips other
well-formed commands by their known lengths, so the test of a receipt is
"what would the printer print", not "which bytes did we send".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

ESC, GS, FS, DLE, LF = 0x1B, 0x1D, 0x1C, 0x10, 0x0A

# Commands with a fixed number of parameter bytes (after the 2-byte command).
_ESC_FIXED = {
    ord("!"): 1, ord("-"): 1, ord("E"): 1, ord("G"): 1, ord("M"): 1, ord("a"): 1,
    ord("d"): 1, ord("J"): 1, ord("t"): 1, ord("{"): 1, ord("3"): 1, ord("2"): 0,
    ord("@"): 0, ord("V"): 1, ord("R"): 1, ord("c"): 2, ord("p"): 3, ord("$"): 2,
    ord(" "): 1, ord("="): 1, ord("U"): 1, ord("e"): 1,
}  # fmt: skip
_GS_FIXED = {
    ord("!"): 1, ord("B"): 1, ord("H"): 1, ord("f"): 1, ord("h"): 1, ord("w"): 1,
    ord("b"): 1, ord("L"): 2, ord("W"): 2, ord("a"): 1, ord("r"): 1, ord("I"): 1,
}  # fmt: skip
_FS_FIXED = {ord("&"): 0, ord("."): 0, ord("!"): 1, ord("-"): 1, ord("C"): 1, ord("W"): 1}


@dataclass
class Span:
    text: str
    bold: bool = False
    width: int = 1
    height: int = 1


@dataclass
class Line:
    spans: list[Span] = field(default_factory=list)
    align: str = "left"

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class QrBlock:
    payload: str
    module: int = 3
    ec: str = "L"
    align: str = "left"


@dataclass
class RasterBlock:
    """A raster bit image (GS v 0): what the kiosk prints for Uyghur lines, which
    no code page of the printer holds. ``data``: rows of ``width_bytes`` bytes,
    the most significant bit leftmost, 1 = a black dot."""

    width_bytes: int
    height: int
    data: bytes
    align: str = "left"

    def dots(self) -> int:
        """How many dots are black: a picture with no ink is a blank line."""
        return sum(bin(byte).count("1") for byte in self.data)


Block = Line | QrBlock | RasterBlock


@dataclass
class PrintedReceipt:
    blocks: list[Block] = field(default_factory=list)
    cut: bool = False
    unknown: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Line)]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def qr_payloads(self) -> list[str]:
        return [b.payload for b in self.blocks if isinstance(b, QrBlock)]

    @property
    def rasters(self) -> list[RasterBlock]:
        return [b for b in self.blocks if isinstance(b, RasterBlock)]


class EscPosInterpreter:
    """Feed bytes in any chunking; ``on_cut`` gets each finished receipt.

    ``on_status(n)`` answers DLE EOT n (real-time: answered even mid-job).
    """

    def __init__(
        self,
        encoding: str = "gb18030",
        on_cut: Callable[[PrintedReceipt], None] | None = None,
        on_status: Callable[[int], None] | None = None,
    ) -> None:
        self.encoding = encoding
        self.on_cut = on_cut or (lambda r: None)
        self.on_status = on_status or (lambda n: None)
        self._buf = bytearray()
        self._text = bytearray()
        self.receipt = PrintedReceipt()
        self._line = Line()
        self._reset_style()
        self._qr_data = b""
        self._qr_module = 3
        self._qr_ec = "L"
        self.drawer_pulses = 0  # ESC p: a cash drawer opened (a kiosk never sends one)

    def _reset_style(self) -> None:
        self.bold = False
        self.width = 1
        self.height = 1
        self.align = "left"

    # -- text ----------------------------------------------------------------------
    def _flush_text(self) -> None:
        if self._text:
            text = bytes(self._text).decode(self.encoding, errors="replace")
            self._text.clear()
            self._line.spans.append(Span(text, self.bold, self.width, self.height))

    def _newline(self) -> None:
        self._flush_text()
        self._line.align = self.align
        self.receipt.blocks.append(self._line)
        self._line = Line()

    def _style(self) -> None:
        self._flush_text()  # a style change applies to the text after it

    # -- parsing -------------------------------------------------------------------
    def feed(self, data: bytes) -> None:
        self._buf += data
        while self._buf:
            used = self._step()
            if used == 0:
                return  # an incomplete command: wait for more bytes
            del self._buf[:used]

    def _step(self) -> int:
        b = self._buf
        c = b[0]
        if c == LF:
            self._newline()
            return 1
        if c == DLE:
            if len(b) < 3:
                return 0
            if b[1] == 0x04:
                self.on_status(b[2])
                return 3
            return 2 if b[1] != 0x14 else min(len(b), 5)
        if c in (ESC, GS, FS):
            if len(b) < 2:
                return 0
            return self._command(c, b[1])
        if c < 0x20:  # CR, HT and other single control bytes
            return 1
        # Printable text: take a run up to the next control byte.
        end = 1
        while end < len(b) and b[end] >= 0x20:  # GB18030 trail bytes are all >= 0x30
            end += 1
        self._text += b[:end]
        return end

    def _command(self, prefix: int, cmd: int) -> int:
        b = self._buf
        if prefix == GS and cmd == ord("("):
            if len(b) < 5:
                return 0
            size = b[3] | (b[4] << 8)
            if len(b) < 5 + size:
                return 0
            fn = b[2]
            body = bytes(b[5 : 5 + size])
            if fn == ord("k"):
                self._qr(body)
            return 5 + size
        if prefix == GS and cmd == ord("V"):
            if len(b) < 3:
                return 0
            m = b[2]
            n = 4 if m in (65, 66, 97, 98, 103, 104) else 3
            if len(b) < n:
                return 0
            self._cut()
            return n
        if prefix == GS and cmd == ord("v"):  # raster image GS v 0 m xL xH yL yH
            if len(b) < 8:
                return 0
            size = (b[4] | b[5] << 8) * (b[6] | b[7] << 8)
            if len(b) < 8 + size:
                return 0
            self._flush_text()
            if self._line.spans:  # text before the picture ends its line
                self._newline()
            self.receipt.blocks.append(
                RasterBlock(
                    b[4] | b[5] << 8, b[6] | b[7] << 8, bytes(b[8 : 8 + size]), self.align
                )
            )
            return 8 + size
        table = {ESC: _ESC_FIXED, GS: _GS_FIXED, FS: _FS_FIXED}[prefix]
        if cmd not in table:
            self.receipt.unknown.append(f"{prefix:02X} {cmd:02X}")
            return 2
        n = 2 + table[cmd]
        if len(b) < n:
            return 0
        arg = b[2] if n > 2 else 0
        self._apply(prefix, cmd, arg, bytes(b[2:n]))
        return n

    def _apply(self, prefix: int, cmd: int, arg: int, params: bytes) -> None:
        ch = chr(cmd)
        if prefix == ESC:
            if ch == "@":
                self._flush_text()
                self._reset_style()
            elif ch == "E":
                self._style()
                self.bold = bool(arg & 1)
            elif ch == "!":
                self._style()
                self.bold = bool(arg & 0x08)
                self.height = 2 if arg & 0x10 else 1
                self.width = 2 if arg & 0x20 else 1
            elif ch == "a":
                self.align = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center",
                              50: "right"}.get(arg, "left")  # fmt: skip
            elif ch == "d":
                for _ in range(min(arg, 20)):
                    self._newline()
            elif ch == "p":
                self.drawer_pulses += 1
        elif prefix == GS and ch == "!":
            self._style()
            self.width = ((arg >> 4) & 0x07) + 1
            self.height = (arg & 0x07) + 1

    def _qr(self, body: bytes) -> None:
        if len(body) < 2 or body[0] != ord("1"):
            return  # cn 1 is QR; others (PDF417...) are not drawn
        fn = body[1]
        if fn == 67 and len(body) >= 3:  # module size
            self._qr_module = max(1, min(16, body[2]))
        elif fn == 69 and len(body) >= 3:  # error correction 48..51
            self._qr_ec = {48: "L", 49: "M", 50: "Q", 51: "H"}.get(body[2], "L")
        elif fn == 80:  # store: cn fn m data
            self._qr_data = body[3:]
        elif fn == 81:  # print the stored symbol
            self._flush_text()
            if self._line.spans:
                self._newline()
            payload = self._qr_data.decode("utf-8", errors="replace")
            self.receipt.blocks.append(QrBlock(payload, self._qr_module, self._qr_ec, self.align))

    def _cut(self) -> None:
        self._flush_text()
        if self._line.spans:
            self._newline()
        self.receipt.cut = True
        done, self.receipt = self.receipt, PrintedReceipt()
        self.on_cut(done)
