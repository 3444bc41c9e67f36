"""The console's pictures for the tour (``tour/console/``): every page, not blank."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image

from app.console_tour import console_tour


def test_console_tour_saves_every_page(tmp_path: Path, browser: Any) -> None:
    saved = console_tour(tmp_path, browser)  # the session's chromium (tests/browser.py)
    names = [p.stem.split("-", 1)[1] for p in saved]
    assert names == ["login", "cases-queue", "case-in-words", "case-status-changed",
                     "clerk-hall-queue", "fleet-alerts", "fleet-enrollment-qr",
                     "catalog-problems", "audit", "accounts"]  # fmt: skip
    for path in saved:
        assert path.parent == tmp_path / "console"
        img = Image.open(path)
        assert img.size[0] == 1280 and img.size[1] >= 800
        assert len(img.getcolors(1 << 20) or []) > 50, f"{path.name} is blank"
