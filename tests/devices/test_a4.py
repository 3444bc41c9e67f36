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


def test_with_a_queue_the_job_goes_to_cups_and_our_copy_can_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stand-in for CUPS's two commands: ``lpstat -e`` lists the queue, ``lp`` copies
    the file into its own spool (as cupsd does) and prints the request id."""
    from kiosk import a4_spool

    bin_dir, cups_spool = tmp_path / "bin", tmp_path / "cups-spool"
    bin_dir.mkdir()
    cups_spool.mkdir()
    (bin_dir / "lpstat").write_text("#!/bin/sh\necho hall-a4\n")
    (bin_dir / "lp").write_text(
        f'#!/bin/sh\nfor f; do :; done\ncp "$f" {cups_spool}/d00001-001\n'
        'echo "request id is hall-a4-1 (1 file(s))"\n'
    )
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    pdf = a4_spool.spool(tmp_path / "a4", "proof-", b"%PDF-1.4 proof\n%%EOF\n")
    printer = A4Printer("hall-a4")
    assert printer.status().state == "ok"
    assert "hall-a4-1" in printer.print_pdf(pdf)
    a4_spool.printed(pdf)  # what the journey does once the job is sent
    assert not pdf.exists()
    assert (cups_spool / "d00001-001").read_bytes().startswith(b"%PDF-1.4 proof")
