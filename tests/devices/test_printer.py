"""The receipt printer driver against the ESC/POS-interpreting simulator."""

from __future__ import annotations

from typing import Any

import pytest
from PIL import Image

from devices import errors
from devices.printer import ReceiptPrinter, parse_status, render
from devices.receipt import Receipt, printer_test_page
from devices.sim.printer_sim import PrinterSimulator
from tests.devices.conftest import TIMEOUT


def printer(sim: PrinterSimulator, transport_for: Any) -> ReceiptPrinter:
    return ReceiptPrinter(transport_for(sim.url), timeout=TIMEOUT)


def sample() -> Receipt:
    return (
        Receipt()
        .heading("办理回执")
        .kv("事项", "居民身份证换领")
        .kv("回执号", "DEMO01-20261125-0007")
        .line("申请人：张*三", bold=True)
        .separator()
        .qr("https://gov.example.cn/case/DEMO01-20261125-0007?c=Ab3")
        .line("请用手机扫码查看进度", align="center")
    )


def test_receipt_is_printed_as_interpreted(
    printer_sim: PrinterSimulator, transport_for: Any
) -> None:
    status = printer(printer_sim, transport_for).print(sample())
    assert status.state == "ok"
    assert printer_sim.wait_for_receipt(1, 5.0)
    got = printer_sim.receipts[0]
    assert got.cut
    assert got.lines[:5] == [
        "办理回执",
        "事项: 居民身份证换领",
        "回执号: DEMO01-20261125-0007",
        "申请人：张*三",
        "-" * 32,
    ]
    assert "请用手机扫码查看进度" in got.lines
    assert got.qr_payloads == ["https://gov.example.cn/case/DEMO01-20261125-0007?c=Ab3"]
    assert got.unknown == []  # no raster image, nothing the printer would not know
    heading = got.blocks[0]
    assert heading.spans[0].bold and heading.spans[0].width == 2 and heading.spans[0].height == 2  # type: ignore[union-attr]
    png = printer_sim.pngs[0]
    img = Image.open(png)
    assert img.width == 768 and img.height > 600


def test_job_uses_native_qr_and_gb18030() -> None:
    job = render(sample())
    assert b"\x1d(k" in job  # GS ( k
    assert b"\x1dv0" not in job  # never the raster image
    assert "居民身份证换领".encode("gb18030") in job
    assert job.startswith(b"\x1b@\x1c&")
    assert b"\x1dV" in job  # cut


def test_paper_out_before_print_sends_nothing(
    printer_sim: PrinterSimulator, transport_for: Any
) -> None:
    printer_sim.set_paper("out")
    p = printer(printer_sim, transport_for)
    assert p.status().state == "paper_out"
    received = printer_sim.bytes_received
    with pytest.raises(errors.PaperOut):
        p.print(sample())
    assert printer_sim.bytes_received - received == 9  # only the three status queries
    assert printer_sim.receipts == []


def test_paper_out_during_print_is_reported_incomplete(
    printer_sim: PrinterSimulator, transport_for: Any
) -> None:
    printer_sim.fail_after(120)
    with pytest.raises(errors.PrintIncomplete) as info:
        printer(printer_sim, transport_for).print(printer_test_page())
    exc = info.value
    assert 0 < exc.sent < exc.total
    assert exc.cause == "error.printer.paper_out"
    assert printer_sim.receipts == []  # never cut


def test_cover_open_and_near_end(printer_sim: PrinterSimulator, transport_for: Any) -> None:
    p = printer(printer_sim, transport_for)
    printer_sim.cover_open = True
    with pytest.raises(errors.CoverOpen):
        p.print(sample())
    printer_sim.cover_open = False
    printer_sim.set_paper("near_end")
    assert p.print(sample()).state == "paper_near_end"  # still prints
    assert printer_sim.wait_for_receipt(1, 5.0)


def test_status_bytes() -> None:
    assert parse_status(4, b"\x12") == {"near_end": False, "paper_out": False}
    assert parse_status(4, b"\x7e") == {"near_end": True, "paper_out": True}
    assert parse_status(2, b"\x16")["cover_open"] is True
    assert parse_status(1, b"\x1a") == {"offline": True}
    for bad in (b"", b"\x00", b"\xff", b"\x12\x12"):
        with pytest.raises(errors.BadFrame):
            parse_status(4, bad)
