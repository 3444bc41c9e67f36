"""What the Browse, Search and Guide screens bind to (QML name ``Catalog``).

Python decides: the browse tabs and groups, the search results for every
keystroke (pinyin pre-edit included, so results move while the resident is
still choosing a hanzi candidate), the guide's lines in the current language,
and the QR data URL. The journey engineer reads ``selectedCode`` /
``selectedVersion`` (or ``selected_service()``) when the resident taps Apply.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from PySide6.QtCore import (
    Property,
    QObject,
    Signal,
    Slot,
)

from kiosk.catalog.guide import guide_url, guide_view, qr_data_url
from kiosk.catalog.model import Service
from kiosk.catalog.store import CatalogStore, ServiceSummary
from kiosk.enrollment import read_enrollment
from kiosk.errors import KioskError
from kiosk.i18n import translate
from ui.models import RowsModel

log = logging.getLogger(__name__)

TABS = ("department", "event", "az")
APPLY_SCREEN = "Identify"
SEARCH_SCREEN = "Search"
SEARCH_LIMIT = 30

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


class CatalogBackend(QObject):
    tabChanged = Signal()
    groupsChanged = Signal()
    groupChanged = Signal()
    queryChanged = Signal()
    selectionChanged = Signal()
    guideChanged = Signal()
    catalogChanged = Signal()
    # The tour (and only the tour) types on the virtual keyboard through QML.
    typeOnKeyboard = Signal(str)

    def __init__(self, backends: Any, store: CatalogStore) -> None:
        super().__init__()
        self._b = backends
        self.store = store
        self._tab = "department"
        self._group = ""
        self._query = ""
        self._code = ""
        self._service: Service | None = None
        self._guide: dict[str, Any] = {}
        self._qr = ""
        self._departments: dict[str, tuple[str, str]] = {}
        self._groups: list[dict[str, Any]] = []
        # A list row per service code, made once per catalog: a keystroke
        # shows up to SEARCH_LIMIT of them and most were shown a key before.
        self._row_cache: dict[str, dict[str, Any]] = {}
        self.browseModel = ServiceListModel(self)
        self.resultsModel = ServiceListModel(self)
        backends.i18n.languageChanged.connect(self._rebuild_guide)
        backends.navigator.screenChanged.connect(self._on_screen)
        self.reload()

    # ---- catalog ------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Re-read the store (after a sync brought a newer catalog)."""
        self._row_cache.clear()
        self._departments = {
            d.id: (d.name_zh, d.name_en, d.name_ug) for d in self.store.departments()
        }
        self._rebuild_groups()
        self._search()
        self.catalogChanged.emit()

    @Property(int, notify=catalogChanged)
    def version(self) -> int:
        return self.store.version()

    def _row(self, s: ServiceSummary) -> dict[str, Any]:
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

    # ---- browse -------------------------------------------------------------------------

    def _get_tab(self) -> str:
        return self._tab

    tab = Property(str, _get_tab, notify=tabChanged)

    @Slot(str)
    def setTab(self, tab: str) -> None:
        if tab not in TABS or tab == self._tab:
            return
        self._tab = tab
        self.tabChanged.emit()
        self._rebuild_groups()

    def _rebuild_groups(self) -> None:
        groups: list[dict[str, Any]] = []
        if self._tab == "department":
            for d in self.store.departments():
                n = len(self.store.services_by_department(d.id))
                groups.append(
                    {"id": d.id, "nameZh": d.name_zh, "nameEn": d.name_en, "nameUg": d.name_ug,
                     "count": n}
                )
        elif self._tab == "event":
            for e in self.store.life_events():
                n = len(self.store.services_by_life_event(e.id))
                groups.append(
                    {"id": e.id, "nameZh": e.name_zh, "nameEn": e.name_en, "nameUg": e.name_ug,
                     "count": n}
                )
        else:
            letters: dict[str, int] = {}
            for s in self.store.all_services_az():
                letter = self.store.az_letter(s)
                letters[letter] = letters.get(letter, 0) + 1
            groups = [
                {"id": k, "nameZh": k, "nameEn": k, "nameUg": k, "count": n}
                for k, n in letters.items()
            ]
        self._groups = [g for g in groups if g["count"]]
        self.groupsChanged.emit()
        first = self._groups[0]["id"] if self._groups else ""
        self._group = ""
        self.selectGroup(first)

    @Property("QVariantList", notify=groupsChanged)
    def groups(self) -> list[dict[str, Any]]:
        return self._groups

    def _get_group(self) -> str:
        return self._group

    group = Property(str, _get_group, notify=groupChanged)

    @Slot(str)
    def selectGroup(self, group_id: str) -> None:
        self._group = group_id
        if not group_id:
            rows: list[ServiceSummary] = []
        elif self._tab == "department":
            rows = self.store.services_by_department(group_id)
        elif self._tab == "event":
            rows = self.store.services_by_life_event(group_id)
        else:
            rows = [s for s in self.store.all_services_az() if self.store.az_letter(s) == group_id]
        self.browseModel.set_rows([self._row(s) for s in rows])
        self.groupChanged.emit()

    @Property(QObject, constant=True)
    def browse(self) -> QObject:
        return self.browseModel

    # ---- search -------------------------------------------------------------------------

    def _get_query(self) -> str:
        return self._query

    query = Property(str, _get_query, notify=queryChanged)

    @Slot(str)
    def setQuery(self, text: str) -> None:
        """Called by the field on every key (committed text plus pinyin pre-edit)."""
        if text == self._query:
            return
        self._query = text
        self.queryChanged.emit()
        self._search()

    def _search(self) -> None:
        hits = self.store.search(self._query, SEARCH_LIMIT) if self._query.strip() else []
        self.resultsModel.set_rows([self._row(h.service) for h in hits])

    @Property(QObject, constant=True)
    def results(self) -> QObject:
        return self.resultsModel

    @Slot(str)
    def typeForTour(self, text: str) -> None:
        """Ask the screen to type ``text`` key by key on the virtual keyboard."""
        self.typeOnKeyboard.emit(text)

    # ---- guide --------------------------------------------------------------------------

    def _get_code(self) -> str:
        return self._code

    selectedCode = Property(str, _get_code, notify=selectionChanged)

    @Property(int, notify=selectionChanged)
    def selectedVersion(self) -> int:
        return self._service.version if self._service else 0

    def selected_service(self) -> Service | None:
        """The exact version the resident read; the form is built from this one."""
        return self._service

    @Slot(str)
    def select(self, code: str) -> None:
        try:
            self._service = self.store.service(code) if code else None
        except KioskError as exc:
            log.warning("cannot open service %s: %s", code, exc.detail)
            self._service = None
        self._code = self._service.code if self._service else ""
        self.selectionChanged.emit()
        url = self._guide_url()
        self._qr = qr_data_url(url) if url else ""
        self._rebuild_guide()

    @Slot(str)
    def openService(self, code: str) -> None:
        self.select(code)
        if self._service is not None:
            self._b.navigator.go("Guide")

    def _rebuild_guide(self) -> None:
        if self._service is None:
            self._guide = {}
        else:
            dep = next(
                (d for d in self.store.departments() if d.id == self._service.department), None
            )
            self._guide = guide_view(self._service, dep, self._b.i18n.language)
        self.guideChanged.emit()

    @Property("QVariantMap", notify=guideChanged)
    def guide(self) -> dict[str, Any]:
        return self._guide

    @Property(str, notify=selectionChanged)
    def guideQr(self) -> str:
        return self._qr

    @Property(str, notify=selectionChanged)
    def guideUrl(self) -> str:
        return self._guide_url()

    def _guide_url(self) -> str:
        """The enrolled platform's guide page (at its public URL), else the configured
        one, else none."""
        if not self._code:
            return ""
        platform = read_enrollment(self._b.storage).phone_url or self._b.config.sync.url
        return guide_url(self._code, platform)

    @Slot()
    def apply(self) -> None:
        """The resident wants to do it: the journey takes over from the identify screen."""
        if self._service is not None and self._service.at_kiosk:
            self._b.navigator.go(APPLY_SCREEN)

    # ---- session ------------------------------------------------------------------------

    def _on_screen(self) -> None:
        screen = self._b.navigator.screen
        if screen == "Attract":
            self.reset()
        elif screen != SEARCH_SCREEN and self._query:
            # A search screen opens empty (its field too); the next one is made
            # ahead while another shows (KeptScreen.qml): not over the old rows.
            self.setQuery("")

    def reset(self) -> None:
        """Forget the visit: query, selection, tab."""
        self.setQuery("")
        self.select("")
        if self._tab != "department":
            self._tab = "department"
            self.tabChanged.emit()
            self._rebuild_groups()
        elif self._groups:
            self.selectGroup(self._groups[0]["id"])
