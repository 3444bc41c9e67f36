"""What the Browse screen binds to (QML name ``Browse``): tabs, their groups, a group's services."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.catalog.store import ServiceSummary
from ui.catalog.shelf import CatalogShelf, ServiceListModel
from ui.models import RowsModel

TABS = ("department", "event", "az")
FIRST_TAB = TABS[0]


class GroupListModel(RowsModel):
    """A tab's groups (departments, life events or letters) with how many services each holds."""

    ROLES = ("groupId", "nameZh", "nameEn", "nameUg", "serviceCount")

    def ids(self) -> list[str]:
        return [str(r["groupId"]) for r in self._rows]


class BrowseArea(QObject):
    """The chosen tab and group; the groups and the group's services are list models."""

    tabChanged = Signal()
    groupChanged = Signal()

    def __init__(self, shelf: CatalogShelf) -> None:
        super().__init__()
        self._shelf = shelf
        self._tab = FIRST_TAB
        self._group = ""
        self.groupsModel = GroupListModel(self)
        self.browseModel = ServiceListModel(self)
        shelf.reloaded.connect(self._rebuild_groups)
        shelf.visitEnded.connect(self.reset)
        self._rebuild_groups()

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
        store = self._shelf.store
        groups: list[dict[str, Any]] = []
        if self._tab == "department":
            for d in store.departments():
                n = len(store.services_by_department(d.id))
                groups.append(_group(d.id, d.name_zh, d.name_en, d.name_ug, n))
        elif self._tab == "event":
            for e in store.life_events():
                n = len(store.services_by_life_event(e.id))
                groups.append(_group(e.id, e.name_zh, e.name_en, e.name_ug, n))
        else:
            letters: dict[str, int] = {}
            for s in store.all_services_az():
                letter = store.az_letter(s)
                letters[letter] = letters.get(letter, 0) + 1
            groups = [_group(k, k, k, k, n) for k, n in letters.items()]
        self.groupsModel.set_rows([g for g in groups if g["serviceCount"]])
        ids = self.groupsModel.ids()
        self._group = ""
        self.selectGroup(ids[0] if ids else "")

    @Property(QObject, constant=True)
    def groups(self) -> QObject:
        return self.groupsModel

    def _get_group(self) -> str:
        return self._group

    group = Property(str, _get_group, notify=groupChanged)

    @Slot(str)
    def selectGroup(self, group_id: str) -> None:
        store = self._shelf.store
        self._group = group_id
        if not group_id:
            rows: list[ServiceSummary] = []
        elif self._tab == "department":
            rows = store.services_by_department(group_id)
        elif self._tab == "event":
            rows = store.services_by_life_event(group_id)
        else:
            rows = [s for s in store.all_services_az() if store.az_letter(s) == group_id]
        self.browseModel.set_rows([self._shelf.row(s) for s in rows])
        self.groupChanged.emit()

    @Property(QObject, constant=True)
    def browse(self) -> QObject:
        return self.browseModel

    def reset(self) -> None:
        """Back to the first tab and its first group for the next resident."""
        if self._tab != FIRST_TAB:
            self._tab = FIRST_TAB
            self.tabChanged.emit()
            self._rebuild_groups()
        else:
            ids = self.groupsModel.ids()
            if ids:
                self.selectGroup(ids[0])


def _group(group_id: str, zh: str, en: str, ug: str, count: int) -> dict[str, Any]:
    return {"groupId": group_id, "nameZh": zh, "nameEn": en, "nameUg": ug, "serviceCount": count}
