"""Typed device errors, one class per failure a technician can act on.

Each carries a message key (translated in assets/i18n/*/devices.json) so the
UI and the CLI can say what went wrong in words; ``detail`` is for logs and
never holds a resident's name or ID number.
"""

from __future__ import annotations

from typing import Any

from kiosk.errors import DeviceError as DeviceError


class DeviceNotFound(DeviceError):
    """The port cannot be opened: unplugged, wrong path, nobody listening."""

    key = "error.device.not_found"


class DeviceIOError(DeviceError):
    """The port was open and then failed (unplugged mid-read, I/O error)."""

    key = "error.device.io"


class DeviceTimeout(DeviceError):
    """The device did not answer within the timeout."""

    key = "error.device.timeout"


class BadFrame(DeviceError):
    """A reply whose preamble, length or checksum is wrong."""

    key = "error.device.bad_frame"


class ChecksumError(BadFrame):
    key = "error.device.checksum"


class CardError(DeviceError):
    """The reader answered with a status word other than success.

    ``sw3`` is the reader's status byte; subclasses name the common ones.
    """

    key = "error.card.status"

    def __init__(self, detail: str = "", *, sw3: int = 0, key: str | None = None, **p: Any) -> None:
        super().__init__(detail, key=key, sw3=f"{sw3:02X}", **p)
        self.sw3 = sw3


class NoCard(CardError):
    key = "error.card.no_card"


class CardSelectFailed(CardError):
    key = "error.card.select_failed"


class CardReadFailed(CardError):
    key = "error.card.read_failed"


class ReaderChecksumError(CardError):
    """The reader says our frame's checksum was wrong (SW3 10)."""

    key = "error.card.reader_checksum"


class ReaderLengthError(CardError):
    key = "error.card.reader_length"


class ReaderCommandError(CardError):
    key = "error.card.reader_command"


class ReaderSelfTestFailed(CardError):
    key = "error.card.self_test"


class CardDataError(DeviceError):
    """The card's text block cannot be understood (bad dates, bad encoding)."""

    key = "error.card.data"


class PrinterError(DeviceError):
    key = "error.printer"


class PrinterOffline(PrinterError):
    key = "error.printer.offline"


class PaperOut(PrinterError):
    key = "error.printer.paper_out"


class CoverOpen(PrinterError):
    key = "error.printer.cover_open"


class PrintIncomplete(PrinterError):
    """A print that started and did not finish: the receipt may be cut short."""

    key = "error.printer.incomplete"

    def __init__(
        self, detail: str = "", *, sent: int = 0, total: int = 0, cause: str = "", **p: Any
    ) -> None:
        super().__init__(detail, sent=sent, total=total, cause=cause, **p)
        self.sent = sent
        self.total = total
        self.cause = cause


class ScanError(DeviceError):
    key = "error.scanner"


class ScanTooLong(ScanError):
    key = "error.scanner.too_long"


class ScanUndecodable(ScanError):
    key = "error.scanner.undecodable"


class NoA4Printer(DeviceError):
    key = "error.a4.none"


class A4PrintFailed(DeviceError):
    key = "error.a4.failed"
