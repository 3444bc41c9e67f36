"""PDFs for the A4 printer: private, deleted once printed, pruned after a day."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from kiosk import a4_spool


def test_spooled_pdf_is_private_and_goes_once_printed(tmp_path: Path) -> None:
    folder = tmp_path / "a4"
    pdf = a4_spool.spool(folder, "proof-", b"%PDF-1.4 proof of residence")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.parent == folder
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    a4_spool.printed(pdf)
    assert not pdf.exists()
    a4_spool.printed(pdf)  # twice (two callbacks) is harmless


def test_unprinted_pdfs_wait_a_day_for_the_staff_then_go(tmp_path: Path) -> None:
    folder = tmp_path / "a4"
    old = a4_spool.spool(folder, "case-", b"%PDF old")
    day_ago = time.time() - a4_spool.KEEP_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    fresh = a4_spool.spool(folder, "case-", b"%PDF fresh")  # spooling prunes first
    assert not old.exists() and fresh.exists()
    assert a4_spool.prune(folder) == 0
    assert a4_spool.prune(folder, now=time.time() + a4_spool.KEEP_SECONDS + 1) == 1
    assert list(folder.iterdir()) == []
    assert a4_spool.prune(tmp_path / "never-made") == 0
