"""What the technician's pages list, decided in kiosk/technician/pages.py (no Qt needed)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from kiosk.config import Config
from kiosk.technician import pages


def test_device_rows_translate_reasons_and_warn_about_paper() -> None:
    section = Config().devices
    section.printer.port, section.printer.baudrate = "/dev/ttyS1", 19200
    states = {
        "printer": {"state": "paper_near_end", "ok": True, "reason": ""},
        "idcard": {"state": "error", "ok": False, "reason": "error.device.timeout"},
        "scanner": {"state": "missing", "ok": False, "reason": "no such file"},
    }
    rows = {r.device: r for r in pages.device_rows(section, states, "en")}
    assert list(rows) == ["idcard", "printer", "scanner"]  # the serial roles, in order
    printer = rows["printer"]
    assert (printer.port, printer.baud, printer.ok) == ("/dev/ttyS1", 19200, True)
    assert printer.warning and printer.warning != "tech.devices.paper_low"
    assert rows["idcard"].reason != "error.device.timeout"  # a key is said in words
    assert rows["scanner"].reason == "no such file"  # plain words stay as they are
    assert pages.device_rows(section, {}, "zh")[0].status == "unknown"


def test_a_test_scan_shows_its_start_only_and_a_card_is_masked() -> None:
    assert pages.scan_preview("ABC-123") == "ABC-123"
    long = "GOVID:" + "x" * 60
    assert pages.scan_preview(long) == long[: pages.SCAN_PREVIEW_CHARS] + "…"
    card = SimpleNamespace(masked_name="张*", masked_id_number="1101**********002X")
    assert pages.card_preview(card) == "张* 1101**********002X"  # type: ignore[arg-type]


def test_sync_rows_say_the_oldest_items_age_in_hours() -> None:
    snapshot = {"enrolled": True, "queue_depth": 3, "oldest_pending_age_seconds": 5400,
                "last_success_at": "", "quarantined": 1}  # fmt: skip
    now = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
    rows = {r.key: r.value for r in pages.sync_rows(snapshot, False, "en", now=now)}
    assert rows["tech.sync.queue"] == "3" and rows["tech.sync.quarantined"] == "1"
    assert rows["tech.sync.oldest"].endswith("(1.5 h)") and rows["tech.sync.last"] == "-"
    assert rows["tech.sync.enrolled"] != rows["tech.sync.online"]  # yes / no


def test_probe_text_says_why_when_not_ok() -> None:
    assert pages.probe_text("ok", "", "zh") == "ok"
    said = pages.probe_text("missing", "error.device.timeout", "en")
    assert said.startswith("missing: ") and "error.device" not in said


def test_a_reprint_names_the_service_in_the_pages_language_or_by_its_code() -> None:
    from kiosk.technician.reprint import service_names

    class Store:
        def service(self, code: str) -> Any:
            if code == "GONE":
                raise LookupError(code)
            return SimpleNamespace(name_zh="居住证申领", name_en="Residence permit")

    assert service_names(Store(), "en")("HJ-001") == "Residence permit"
    assert service_names(Store(), "zh")("HJ-001") == "居住证申领"
    assert service_names(Store(), "en")("GONE") == "GONE"  # withdrawn since: the code will do
    assert service_names(None, "zh")("HJ-001") == "HJ-001"
