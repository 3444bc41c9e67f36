"""Tour of the resident's screens in Uyghur (mirrored, right to left) and in
traditional Chinese, walked by taps from the attract screen's language buttons.

``walk`` is also what tests/journey/test_languages_touch.py runs: it stops at
each screen, so a test checks every screen and the tour takes its picture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtQuick import QQuickItem

from kiosk.catalog.model import Service
from kiosk.catalog.store import CatalogStore
from kiosk.i18n import language_name, translate
from ui.journey import JourneyAreas
from ui.testing.screen import Screen, _own_text, is_control
from ui.tour import TourStep, qml_warnings_stop, screen, settle
from ui.tours.journey import ANSWERS, CATALOG_SERVICE, demo_identity, journey, paper_of

LANGUAGES = ("ug", "zh-Hant")
# The screens the walk stops at, in order.
STOPS = (
    "home", "search", "guide", "identify", "identified", "form", "materials", "review",
    "submitted", "evaluate",
)


def service(b: Any) -> Service:
    store = CatalogStore(b.storage)
    try:
        return store.service(CATALOG_SERVICE)
    finally:
        store.close()


def walk(b: Any, s: Screen, lang: str, *, stand_in: bool = True) -> Iterator[str]:
    """From the attract screen to a rating, in ``lang``, by taps; yields each
    screen's name once it shows. ``stand_in``: the tour's throwaway database
    and instant printer (ui/tours/journey.py); a test passes False and gets the
    kiosk's own, with the printer simulator."""

    def t(key: str, **params: Any) -> str:
        return translate(key, lang, **params)

    j = journey(b) if stand_in else JourneyAreas.of(b)
    found = service(b)
    s.tap(language_name(lang))  # the attract screen's language button starts the visit
    s.wait_for(t("home.title"))
    yield "home"
    s.tap(t("home.tile.search"))
    s.type_text(CATALOG_SERVICE)
    s.wait_for(found.name(lang))
    yield "search"
    s.tap(found.name(lang))
    s.wait_for(t("catalog.guide.apply"))
    yield "guide"
    s.tap(t("catalog.guide.apply"))
    s.wait_for(t("identify.title"))
    yield "identify"
    j.identify.acceptCard(demo_identity())  # the card laid on the reader
    s.wait_for(demo_identity().masked_name)
    yield "identified"
    s.tap(t("identify.continue"))
    s.wait_for(t("form.title"))
    yield "form"
    field = {f.id: f for f in found.form}
    s.tap(field["phone"].label(lang))
    s.type_text(ANSWERS["phone"])
    insured = next(o for o in field["insured_type"].options if o.value == ANSWERS["insured_type"])
    s.tap(insured.label(lang))
    s.tap(field["agree"].label(lang))
    s.tap(t("form.next"))
    s.wait_for(t("materials.title"))
    yield "materials"
    for material in j.apply.materials.rows():
        if material["mandatory"]:
            s.tap(material["name"])
    s.tap(t("materials.next"))
    s.wait_for(t("review.title"))
    yield "review"
    s.tap(t("review.submit"))
    s.wait_for(t("submitted.title"))
    yield "submitted"
    s.tap(t("submitted.evaluate"))
    s.tap(t("evaluate.level.2"))
    s.tap(t("evaluate.reason.long_wait"))
    yield "evaluate"


def outside_window(s: Screen) -> list[str]:
    """The words and controls on the glass that stick out of the window's sides
    (what a mirrored layout pushes off); scrolled-away rows are not on the glass."""
    width = s.window.contentItem().width()
    out = []
    for item in s.items():
        if not (_own_text(item).strip() or is_control(item)) or not s.on_glass(item):
            continue
        rect = item.mapRectToScene(item.boundingRect())
        if rect.left() < -1 or rect.right() > width + 1:
            out.append(f"{_label(item)!r} at x {rect.left():.0f}..{rect.right():.0f}")
    return out


def _label(item: QQuickItem) -> str:
    return _own_text(item) or item.metaObject().className()


def _attract(b: Any) -> None:
    """The attract screen with its language buttons (the walk starts there)."""


def _walk_and_capture(lang: str) -> Callable[[Any, Path], None]:
    """After the attract picture: one visit in ``lang``, a picture at each screen
    (``<orientation>/languages-<lang>-<n>-<screen>.png``), one walk for all of them."""

    def after(b: Any, out_dir: Path) -> None:
        s = screen()
        orientation = "portrait" if s.window.width() < s.window.height() else "landscape"
        for n, stop in enumerate(walk(b, s, lang), start=1):
            with qml_warnings_stop(f"languages-{lang}-{stop}"):
                settle(60)
            s.grab(str(out_dir / orientation / f"languages-{lang}-{n:02d}-{stop}.png"))

    return after


STEPS: list[TourStep] = [
    TourStep(f"languages-{lang}", _attract, _walk_and_capture(lang)) for lang in LANGUAGES
]


def extras(b: Any, out_dir: Path) -> list[Path]:
    """The receipt as printed and page 1 of the A4 copy, in Uyghur and zh-Hant."""
    saved: list[Path] = []
    for lang in LANGUAGES:
        b.shell.endSession("tour")
        walker = walk(b, screen(), lang)
        for shown in walker:
            if shown == "submitted":
                break
        saved += paper_of(journey(b), lang, out_dir)
    b.shell.endSession("tour")
    return saved
