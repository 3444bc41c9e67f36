"""The technician's pages in Uyghur: the corner stays top right, every page opens
by its tab, and nothing of the mirrored pages lies outside the window."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")

from kiosk.i18n import language_name, translate  # noqa: E402
from tests.technician.test_touch_pages import (  # noqa: E402, F401 - the fixtures
    PAGE_SAYS,
    PIN,
    corner_taps,
    screen,
    tech_app,
)
from ui.tours.languages import outside_window  # noqa: E402


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_every_technician_page_in_uyghur_stays_inside_the_window(
    tech_app: Any, screen: Any, size: tuple[int, int]  # noqa: F811
) -> None:
    s = screen
    tech_app.window.resize(*size)
    try:
        s.tap(language_name("ug"))
        s.wait_for(translate("home.title", "ug"))
        corner_taps(s)  # the corner is the top right in every language
        s.wait_for(translate("tech.pin.title", "ug"))
        for digit in PIN:
            s.tap(digit)
        s.tap(translate("tech.pin.enter", "ug"))
        s.wait_for(translate("tech.title", "ug"))
        for page, says in PAGE_SAYS.items():
            s.tap(translate(f"tech.page.{page}", "ug"))
            s.wait_for(translate(says, "ug"))
            assert not outside_window(s), f"{page}: off the window: {outside_window(s)}"
        s.tap(translate("tech.leave", "ug"))
    finally:
        tech_app.window.resize(1080, 1920)
