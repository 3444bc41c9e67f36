"""The receipt as a document: what to print, not how.

The journey builds a ``Receipt`` from elements (headings, lines, a QR
payload...) and hands it to ``ReceiptPrinter.print``; the printer turns it into
ESC/POS. Keeping the document separate lets tests check a receipt's content
without a printer and lets the same document be rendered to a picture.

Every string an element holds is plain text: control characters are replaced
by a space when the element is made. A service name comes from the catalog
and a note from a resident; ESC/POS commands are control bytes in the same
stream as the text, so a name holding ``GS ( k`` printed an attacker's QR
code, ``GS V`` cut the paper and ``ESC p`` opened the cash drawer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from kiosk.receipts import ReceiptContent

Align = Literal["left", "center", "right"]

# C0 controls (ESC, GS, FS, DLE, CR, LF...), DEL and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """``text`` with every control character replaced by a space: it prints as words."""
    return _CONTROL.sub(" ", text)


def _plain_fields(element: object, *names: str) -> None:
    """Clean a frozen element's text fields in place (its ``__post_init__``)."""
    for name in names:
        value = getattr(element, name)
        if isinstance(value, str) and _CONTROL.search(value):
            object.__setattr__(element, name, plain(value))


@dataclass(frozen=True)
class Heading:
    """Large bold text (double width and height), centred by default."""

    text: str
    align: Align = "center"

    def __post_init__(self) -> None:
        _plain_fields(self, "text")


@dataclass(frozen=True)
class TextLine:
    text: str
    bold: bool = False
    width: int = 1  # 1..8 character width multiplier
    height: int = 1  # 1..8 character height multiplier
    align: Align = "left"

    def __post_init__(self) -> None:
        _plain_fields(self, "text")


@dataclass(frozen=True)
class KeyValue:
    """A "label: value" line, the label bold."""

    label: str
    value: str

    def __post_init__(self) -> None:
        _plain_fields(self, "label", "value")


@dataclass(frozen=True)
class Separator:
    char: str = "-"

    def __post_init__(self) -> None:
        _plain_fields(self, "char")


@dataclass(frozen=True)
class QrCode:
    """A native printer QR (GS ( k), never a raster image."""

    payload: str
    size: int = 6  # module size in dots, 1..16
    ec: Literal["L", "M", "Q", "H"] = "M"
    align: Align = "center"

    def __post_init__(self) -> None:
        _plain_fields(self, "payload")


@dataclass(frozen=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True)
class Cut:
    partial: bool = False


Element = Heading | TextLine | KeyValue | Separator | QrCode | Feed | Cut


@dataclass
class Receipt:
    """An ordered list of elements; ``cut`` is added by the printer if missing."""

    elements: list[Element] = field(default_factory=list)

    def heading(self, text: str) -> Receipt:
        self.elements.append(Heading(text))
        return self

    def line(self, text: str = "", *, bold: bool = False, align: Align = "left") -> Receipt:
        self.elements.append(TextLine(text, bold=bold, align=align))
        return self

    def kv(self, label: str, value: str) -> Receipt:
        self.elements.append(KeyValue(label, value))
        return self

    def separator(self, char: str = "-") -> Receipt:
        self.elements.append(Separator(char))
        return self

    def qr(self, payload: str, size: int = 6) -> Receipt:
        self.elements.append(QrCode(payload, size=size))
        return self

    def feed(self, lines: int = 1) -> Receipt:
        self.elements.append(Feed(lines))
        return self

    def cut(self) -> Receipt:
        self.elements.append(Cut())
        return self

    def text(self) -> str:
        """The receipt's visible text, one element per line (for tests, previews)."""
        out: list[str] = []
        for el in self.elements:
            if isinstance(el, Heading | TextLine):
                out.append(el.text)
            elif isinstance(el, KeyValue):
                out.append(f"{el.label}: {el.value}")
        return "\n".join(out)


def printer_test_page() -> Receipt:
    """The technician's test page: Chinese text, sizes, a native QR, a cut."""
    return (
        Receipt()
        .heading("政务服务自助终端")
        .line("打印机测试页 Printer test", bold=True, align="center")
        .separator()
        .kv("中文", "身份证·社保·不动产")
        .kv("GB18030", "䶮 龘 · 长期")
        .line("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")
        .separator()
        .qr("https://gov.example.cn/case/TEST-0001")
        .line("扫码查看办理进度", align="center")
        .feed(2)
        .cut()
    )


def sample_receipt() -> Receipt:
    """What a resident's receipt looks like (the journey fills in real values)."""
    return (
        Receipt()
        .heading("办理回执")
        .line("政务服务自助终端 DEMO01", align="center")
        .separator()
        .kv("事项", "城乡居民基本养老保险参保登记")
        .kv("申请人", "王*明")
        .kv("证件号", "440106********1239")
        .kv("回执号", "DEMO01-20261125-0007")
        .kv("提交时间", "2026-11-25 10:32")
        .kv("承诺时限", "5 个工作日")
        .separator()
        .qr("https://gov.example.cn/c/DEMO01-20261125-0007")
        .line("手机扫码查看进度、补充材料", bold=True, align="center")
        .line("请妥善保管本回执", align="center")
        .feed(1)
        .cut()
    )


def document_from_content(content: ReceiptContent) -> Receipt:
    """What a receipt says (kiosk.receipts) laid out for the printer: one layout
    for the journey's receipts and the technician's reprints."""
    doc = Receipt().heading(content.title).separator()
    for label, value in content.lines:
        doc.kv(label, value)
    doc.separator()
    for note in content.notes:
        doc.line(note)
    if content.qr_url:  # no platform known: the caption says where to ask instead
        doc.qr(content.qr_url)
    doc.line(content.qr_caption, align="center")
    if content.footer:
        doc.line(content.footer, align="center")
    return doc.feed(2).cut()
