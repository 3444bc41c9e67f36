"""Tour steps of the technician pages."""

from __future__ import annotations

from typing import Any

from ui.tour import TourStep

TOUR_PIN = "246810"


def _tech(b: Any) -> Any:
    tech = b.areas["Technician"]
    if not tech.guard.is_set():
        tech.guard.set_pin(TOUR_PIN)
    return tech


def _corner(b: Any) -> None:
    tech = _tech(b)
    b.navigator.start()
    for _ in range(5):
        tech.cornerTap()


def _pin_wrong(b: Any) -> None:
    _corner(b)
    _tech(b).enterPin("000000")


def _page(page: str, lang: str) -> TourStep:
    def setup(b: Any) -> None:
        tech = _tech(b)
        _corner(b)
        tech.guard._save(tech.guard._state().__class__())  # tour: start from a clean count
        tech.enterPin(TOUR_PIN)
        tech.setPage(page)
        if lang == "en":
            b.i18n.toggle()
            tech.refresh()

    return TourStep(f"technician-{page}-{lang}", setup)


STEPS: list[TourStep] = [
    TourStep("technician-pin-zh", _corner),
    TourStep("technician-pin-wrong-zh", _pin_wrong),
    *[_page(page, lang) for page in ("kiosk", "logs") for lang in ("zh", "en")],
]
