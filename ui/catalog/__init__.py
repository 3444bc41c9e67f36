"""The catalog's screens: one small QObject per screen area over one shared shelf.

``Browse`` (tabs, groups, a group's services), ``Search`` (the query and its
results) and ``Guide`` (the service read, its guide and QR, Apply) are what
the Browse, Search and Guide screens bind to; lists are models with roles.
They share only the ``CatalogShelf`` (ui/catalog/shelf.py): the store, a list
row per service, and the signals for a re-read catalog and a visit's end, so
each area forgets its part of the visit on the attract screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject

from kiosk.catalog.store import CatalogStore
from ui.catalog.browse import BrowseArea
from ui.catalog.guide import GuideArea
from ui.catalog.search import SearchArea
from ui.catalog.shelf import CatalogShelf

NAMES = ("Browse", "Search", "Guide")


@dataclass(frozen=True)
class CatalogAreas:
    """The catalog's areas, typed, and the shelf they share."""

    shelf: CatalogShelf
    browse: BrowseArea
    search: SearchArea
    guide: GuideArea

    @property
    def store(self) -> CatalogStore:
        return self.shelf.store

    def by_name(self) -> dict[str, QObject]:
        """The objects under their QML names (NAMES order)."""
        return dict(zip(NAMES, (self.browse, self.search, self.guide), strict=True))


def build_catalog(backends: Any, store: CatalogStore) -> CatalogAreas:
    """The shelf over ``store``, then an area per screen over it."""
    shelf = CatalogShelf(backends, store)
    return CatalogAreas(
        shelf=shelf,
        browse=BrowseArea(shelf),
        search=SearchArea(backends, shelf),
        guide=GuideArea(backends, shelf),
    )
