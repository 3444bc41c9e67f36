"""A4 printing: without CUPS the PDF is kept and the state says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from devices.a4 import A4Printer
from devices.errors import NoA4Printer
from devices.manager import DeviceManager
from kiosk.config import DevicesSection


def test_no_cups_keeps_the_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # a machine without CUPS installed
    pdf = tmp_path / "copy.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    printer = A4Printer("")
    assert printer.status().state == "no_printer"
    with pytest.raises(NoA4Printer) as info:
        printer.print_pdf(pdf)
    assert info.value.params["path"] == str(pdf) and pdf.exists()

    manager = DeviceManager(DevicesSection())
    manager.start()
    try:
        assert manager.states()["a4"]["state"] == "no_printer"
        with pytest.raises(NoA4Printer):
            manager.print_a4(pdf).result(5)
    finally:
        manager.stop()


def test_unknown_queue_is_no_printer() -> None:
    st = A4Printer("no-such-queue-here").status()
    assert st.state == "no_printer" and st.reason
