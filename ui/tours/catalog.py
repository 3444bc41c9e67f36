"""Tour of the catalog screens: browse, search (keyboard up), guide; both languages."""

from __future__ import annotations

from typing import Any

from ui.tour import TourStep, settle


def _catalog(b: Any) -> Any:
    return b.wired.catalog


def _browse(tab: str, group: str = "", *, en: bool = False, elderly: bool = False) -> Any:
    def setup(b: Any) -> None:
        b.navigator.start()
        if en:
            b.i18n.toggle()
        if elderly:
            b.style.toggleElderly()
        b.navigator.go("Browse")
        browse = _catalog(b).browse
        browse.setTab(tab)
        if group:
            browse.selectGroup(group)

    return setup


def _search(typed: str, *, en: bool = False) -> Any:
    def setup(b: Any) -> None:
        b.navigator.start()
        if en:
            b.i18n.toggle()
        b.navigator.go("Search")
        settle(60)  # the field takes focus and the keyboard slides up
        _catalog(b).search.typeForTour(typed)
        settle(600)  # the pinyin engine looks candidates up off the GUI thread

    return setup


def _guide(code: str, *, en: bool = False, elderly: bool = False) -> Any:
    def setup(b: Any) -> None:
        b.navigator.start()
        if en:
            b.i18n.toggle()
        if elderly:
            b.style.toggleElderly()
        b.navigator.go("Search")
        _catalog(b).guide.openService(code)

    return setup


STEPS: list[TourStep] = [
    TourStep("catalog-browse-department-zh", _browse("department", "gongan")),
    TourStep("catalog-browse-event-en", _browse("event", "elderly", en=True)),
    TourStep("catalog-browse-az-elderly-zh", _browse("az", "S", elderly=True)),
    TourStep(
        "catalog-browse-department-elderly-en",
        _browse("department", "renshe", en=True, elderly=True),
    ),
    TourStep("catalog-search-pinyin-zh", _search("shenfenzheng")),
    TourStep("catalog-search-initials-zh", _search("gjj")),
    TourStep("catalog-search-en", _search("id card", en=True)),
    TourStep("catalog-guide-zh", _guide("GA0101")),
    TourStep("catalog-guide-en", _guide("GA0101", en=True)),
    TourStep("catalog-guide-elderly-zh", _guide("MZ0301", elderly=True)),
    TourStep("catalog-guide-elderly-en", _guide("MZ0301", en=True, elderly=True)),
    TourStep("catalog-guide-online-proof-zh", _guide("RS0101")),
    TourStep("catalog-guide-counter-en", _guide("MZ0101", en=True)),
]
