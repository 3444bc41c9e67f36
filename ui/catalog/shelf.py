"""What the Browse, Search and Guide areas share: the store, its list rows, the visit's end.

Each area keeps only its own state; this piece holds what would otherwise be
read three times (the departments' names, a list row per service) and says
once when the catalog was re-read and when a visit ended, so a sync's newer
catalog and the attract screen's reset reach every area the same way.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.catalog.store import CatalogStore, ServiceSummary
from kiosk.i18n import translate
from ui.models import RowsModel
from ui.navigator import ATTRACT


class ServiceListModel(RowsModel):
    """Rows of services; every language is a role, so a language switch needs no reload."""

    ROLES = (
        "code", "needsOnline", "atKiosk",
        "nameZh", "nameEn", "nameUg",
        "departmentZh", "departmentEn", "departmentUg",
        "promisedZh", "promisedEn", "promisedUg",
    )  # fmt: skip

    def codes(self) -> list[str]:
        return [str(r["code"]) for r in self._rows]


@cache
def _days(days: int, lang: str) -> str:
    if days == 0:
        return translate("catalog.days.onthespot", lang)
    return translate("catalog.days.working", lang, days=days)


class CatalogShelf(QObject):
    """The store with its rows; ``reloaded`` after a re-read, ``visitEnded`` on the
    attract screen (privacy: the next resident sees nothing of the previous one)."""

    reloaded = Signal()
    visitEnded = Signal()

    def __init__(self, backends: Any, store: CatalogStore) -> None:
        super().__init__()
        self.store = store
        self._navigator = backends.navigator
        self._departments: dict[str, tuple[str, str, str]] = {}
        # A list row per service code, made once per catalog: a keystroke
        # shows up to SEARCH_LIMIT of them and most were shown a key before.
        self._row_cache: dict[str, dict[str, Any]] = {}
        self._stale = False
        backends.navigator.screenChanged.connect(self._on_screen)
        self._read()

    @Slot()
    def newer_in_store(self) -> None:
        """A sync brought a newer catalog: re-read it now on the attract screen,
        else when this visit ends, so a resident's lists do not change under
        their finger (and the guide they read stays the one they chose)."""
        if self._navigator.screen == ATTRACT:
            self.reload()
        else:
            self._stale = True

    @property
    def version(self) -> int:
        return self.store.version()

    @Slot()
    def reload(self) -> None:
        """Re-read the store (after a sync brought a newer catalog); the areas follow."""
        self._read()
        self.reloaded.emit()

    def _read(self) -> None:
        self._row_cache.clear()
        self._departments = {
            d.id: (d.name_zh, d.name_en, d.name_ug) for d in self.store.departments()
        }

    def _on_screen(self) -> None:
        if self._navigator.screen == ATTRACT:
            self.visitEnded.emit()
            if self._stale:
                self._stale = False
                self.reload()

    def row(self, s: ServiceSummary) -> dict[str, Any]:
        """The list row of ``s`` (every language), made once per version."""
        row = self._row_cache.get(s.code)
        if row is None or row["version"] != s.version:
            row = self._row_cache[s.code] = self._make_row(s)
        return row

    def _make_row(self, s: ServiceSummary) -> dict[str, Any]:
        dep = self._departments.get(s.department, ("", "", ""))
        return {
            "version": s.version,
            "code": s.code,
            "nameZh": s.name_zh,
            "nameEn": s.name_en,
            "departmentZh": dep[0],
            "departmentEn": dep[1],
            "needsOnline": s.needs_online,
            "atKiosk": s.at_kiosk,
            "promisedZh": _days(s.promised_days, "zh"),
            "promisedEn": _days(s.promised_days, "en"),
            "nameUg": s.name_ug,
            "departmentUg": dep[2],
            "promisedUg": _days(s.promised_days, "ug"),
        }
