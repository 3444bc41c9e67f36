"""Receipt printer driver: python-escpos commands over our transport.

python-escpos builds every command through one ``_raw(bytes)``; we give it a
class whose ``_raw`` appends to a job buffer, so the library's exact bytes for
styles, native QR (``GS ( k``) and cut are used, while the transport stays
ours (python-escpos's serial class opens only device paths). Chinese text is
encoded as GB18030 by us, not by the library's code-page guesser; a line in
Uyghur (Arabic script), which no code page of the printer holds, is printed as
a raster image of the shaped, right-to-left line (kiosk/rtl.py). A job is
sent in chunks with a real-time status check (``DLE EOT``) between them, so
paper running out half-way is reported as an incomplete print.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

from devices.errors import (
    BadFrame,
    CoverOpen,
    DeviceError,
    PaperOut,
    PrinterError,
    PrinterOffline,
    PrintIncomplete,
)
from devices.receipt import (
    Cut,
    Feed,
    Heading,
    KeyValue,
    QrCode,
    Receipt,
    Separator,
    TextLine,
)
from devices.transport import Transport
from kiosk.rtl import has_arabic

log = logging.getLogger(__name__)

DLE_EOT = b"\x10\x04"
FS_CHINESE_ON = b"\x1c\x26"
ESC_INIT = b"\x1b\x40"
CHUNK = 256  # bytes between status checks: ~0.27 s at 9600 baud


@dataclass(frozen=True)
class PrinterStatus:
    """What DLE EOT 1, 2 and 4 say, as plain flags."""

    offline: bool = False
    cover_open: bool = False
    paper_end_stop: bool = False
    error: bool = False
    near_end: bool = False
    paper_out: bool = False

    @property
    def state(self) -> str:
        """The single word the device list shows (worst first)."""
        if self.paper_out or self.paper_end_stop:
            return "paper_out"
        if self.cover_open:
            return "cover_open"
        if self.offline or self.error:
            return "offline"
        if self.near_end:
            return "paper_near_end"
        return "ok"

    @property
    def can_print(self) -> bool:
        return self.state in ("ok", "paper_near_end")

    def raise_if_cannot_print(self) -> None:
        state = self.state
        if state == "paper_out":
            raise PaperOut("printer reports paper out")
        if state == "cover_open":
            raise CoverOpen("printer cover is open")
        if state == "offline":
            raise PrinterOffline("printer is offline or in error")

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "state": self.state}


def parse_status(n: int, data: bytes) -> dict[str, bool]:
    """Decode the one-byte answer to DLE EOT n; BadFrame if it is not a status byte.

    Every real-time status byte has bit 0 = 0, bit 1 = 1, bit 4 = 1, bit 7 = 0;
    anything else is line noise or a reply to something else.
    """
    if len(data) != 1:
        raise BadFrame(f"status reply is {len(data)} bytes, not 1")
    b = data[0]
    if b & 0x93 != 0x12:
        raise BadFrame(f"0x{b:02X} is not a DLE EOT status byte")
    if n == 1:
        return {"offline": bool(b & 0x08)}
    if n == 2:
        return {
            "cover_open": bool(b & 0x04),
            "paper_end_stop": bool(b & 0x20),
            "error": bool(b & 0x40),
        }
    if n == 4:
        return {"near_end": bool(b & 0x0C), "paper_out": bool(b & 0x60)}
    raise BadFrame(f"DLE EOT {n} is not a status query this driver uses")


def render(receipt: Receipt, encoding: str = "gb18030", width_chars: int = 32) -> bytes:
    """The ESC/POS bytes of a receipt (init, Chinese mode, elements, cut)."""
    return b"".join(render_commands(receipt, encoding, width_chars))


def render_commands(
    receipt: Receipt,
    encoding: str = "gb18030",
    width_chars: int = 32,
    *,
    keep_redundant: bool = False,
) -> list[bytes]:
    """The receipt as whole ESC/POS commands, so a job is never split inside one.

    Style commands that change nothing are left out unless ``keep_redundant``
    (devices/escpos_style.py): at 9600 baud they were a ninth of the receipt.
    """
    # python-escpos costs half a second to import (capabilities YAML, barcode
    # fonts): loaded on the first print, not on the kiosk's start.
    from devices.escpos_job import EC_LEVELS, JobBuilder

    p = JobBuilder(encoding, keep_redundant=keep_redundant)
    p._raw(ESC_INIT + FS_CHINESE_ON)
    has_cut = False
    dots = width_chars * 12  # the 12-dot half-width cell: 32 characters on 384 dots
    for el in receipt.elements:
        if isinstance(el, Heading | TextLine | KeyValue) and has_arabic(_words(el)):
            _raster_line(p, el, dots)
        elif isinstance(el, Heading):
            p.set(align=el.align, bold=True, double_width=True, double_height=True)
            p.chinese(el.text + "\n")
            p.set(align="left", bold=False, normal_textsize=True)
        elif isinstance(el, TextLine):
            if el.width == 1 and el.height == 1:
                p.set(align=el.align, bold=el.bold, normal_textsize=True)
            else:
                p.set(
                    align=el.align,
                    bold=el.bold,
                    custom_size=True,
                    width=max(1, min(8, el.width)),
                    height=max(1, min(8, el.height)),
                )
            p.chinese(el.text + "\n")
            p.set(align="left", bold=False, normal_textsize=True)
        elif isinstance(el, KeyValue):
            p.set(bold=True)
            p.chinese(el.label + ": ")
            p.set(bold=False)
            p.chinese(el.value + "\n")
        elif isinstance(el, Separator):
            p.chinese((el.char or "-")[0] * width_chars + "\n")
        elif isinstance(el, QrCode):
            p.set(align=el.align)
            p.qr(el.payload, ec=EC_LEVELS[el.ec], size=max(1, min(16, el.size)), native=True)
            p.chinese("\n")
            p.set(align="left")
        elif isinstance(el, Feed):
            p.ln(max(0, el.lines))
        elif isinstance(el, Cut):
            p.cut(mode="PART" if el.partial else "FULL")
            has_cut = True
    if not has_cut:
        p.cut()
    return p.pieces


def _words(el: Heading | TextLine | KeyValue) -> str:
    return f"{el.label}: {el.value}" if isinstance(el, KeyValue) else el.text


def _raster_line(p: Any, el: Heading | TextLine | KeyValue, dots: int) -> None:
    """A Uyghur line as GS v 0 raster rows: shaped, right to left, wrapped to the paper."""
    from PIL import ImageOps

    from kiosk.rtl import lines_image

    heading = isinstance(el, Heading)
    bold = heading or isinstance(el, KeyValue) or (isinstance(el, TextLine) and el.bold)
    # A line starts on the right: "left" (the start of a line) becomes right, and back.
    flip = {"left": "right", "right": "left", "center": "center"}
    align = "right" if isinstance(el, KeyValue) else flip[el.align]
    size = 34 if heading else 22
    # python-escpos checks an image against the paper's width in dots (and prints a
    # note to stdout when its profile does not know it): tell it ours.
    profile = dict(p.profile.profile_data)
    profile["media"] = {**profile.get("media", {}), "width": {"pixels": dots}}
    p.profile.profile_data = profile
    # Only the inked columns are sent, placed by the printer's own alignment
    # (ESC a applies to raster images): a short line costs a fraction of the paper's width.
    img = lines_image(_words(el), dots, size, align=align, bold=bold)
    box = ImageOps.invert(img.convert("L")).getbbox()
    if box is not None:
        left = box[0] // 8 * 8
        right = min(dots, -(-box[2] // 8) * 8)
        img = img.crop((left, 0, right, img.height))
    p.set(align=align, bold=False, normal_textsize=True)
    p.image(img, impl="bitImageRaster")
    p.set(align="left")


def _chunks(commands: list[bytes]) -> list[bytes]:
    chunks: list[bytes] = []
    current = bytearray()
    for cmd in commands:
        if current and len(current) + len(cmd) > CHUNK:
            chunks.append(bytes(current))
            current.clear()
        current += cmd
    if current:
        chunks.append(bytes(current))
    return chunks


class ReceiptPrinter:
    """Status queries and chunked printing over a Transport."""

    def __init__(
        self,
        transport: Transport,
        *,
        encoding: str = "gb18030",
        width_chars: int = 32,
        timeout: float = 1.0,
    ) -> None:
        self.transport = transport
        self.encoding = encoding
        self.width_chars = width_chars
        self.timeout = timeout

    def query(self, n: int) -> dict[str, bool]:
        with self.transport.lock:
            self.transport.write(DLE_EOT + bytes((n,)))
            return parse_status(n, self.transport.read(1, self.timeout))

    def status(self) -> PrinterStatus:
        flags: dict[str, bool] = {}
        for n in (1, 2, 4):
            flags.update(self.query(n))
        return PrinterStatus(**flags)

    def print(self, receipt: Receipt) -> PrinterStatus:
        """Print or raise: PaperOut/CoverOpen/PrinterOffline before any byte is
        sent, PrintIncomplete if the printer stops part-way."""
        return self.print_commands(render_commands(receipt, self.encoding, self.width_chars))

    def print_commands(self, commands: list[bytes]) -> PrinterStatus:
        """Send whole commands in chunks of about CHUNK bytes with a status check
        between chunks; a status query inside a command's data would be taken as
        data (a QR payload, a text run), so chunks end only between commands."""
        total = sum(len(c) for c in commands)
        job = _chunks(commands)
        status = self.status()
        status.raise_if_cannot_print()
        sent = 0
        try:
            for chunk in job:
                self.transport.write(chunk)
                sent += len(chunk)
                status = self.status()
                if not status.can_print:
                    break
        except DeviceError as exc:
            raise PrintIncomplete(
                f"print stopped after {sent} of {total} bytes: {exc.detail}",
                sent=sent,
                total=total,
                cause=exc.key,
            ) from exc
        if not status.can_print:
            try:
                status.raise_if_cannot_print()
            except PrinterError as exc:
                raise PrintIncomplete(
                    f"print stopped after {sent} of {total} bytes: {status.state}",
                    sent=sent,
                    total=total,
                    cause=exc.key,
                ) from exc
        log.info("printed receipt of %d bytes", total)
        return status
