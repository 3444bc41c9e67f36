"""``kiosk tour`` saves every phone page at a phone's size into ``tour/phone/``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image


def test_phone_tour_saves_each_page_at_phone_width(tmp_path: Path, browser: Any) -> None:
    from app.phone_tour import WIDTH, phone_tour

    saved = phone_tour(tmp_path, browser)  # the session's browser: one Playwright a process
    names = [p.name.split("-", 1)[1] for p in saved]
    for page in ("guide.png", "case-received.png", "case-certificate-ready.png",
                 "continue-at-the-kiosk.png", "identity-code.png", "demo-inbox.png",
                 "proof-sign-in.png", "start-form-errors.png"):  # fmt: skip
        assert page in names
    for path in saved:
        assert path.parent == tmp_path / "phone"
        with Image.open(path) as image:
            assert image.width == WIDTH and image.height >= 600
