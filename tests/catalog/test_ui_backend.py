"""The Browse, Search and Guide areas driven the way their screens drive them."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

pytest.importorskip("PySide6")

from kiosk.catalog.store import ensure_sample_catalog  # noqa: E402
from kiosk.storage import open_storage  # noqa: E402
from ui.backends import build_backends  # noqa: E402
from ui.catalog import NAMES  # noqa: E402


@pytest.fixture
def backends(qapp: Any, config: Any) -> Any:
    storage = open_storage(config.database_path)
    ensure_sample_catalog(storage)  # as the platform's first catalog would
    b = build_backends(config, storage)
    yield b
    b.close()
    storage.close()


def test_a_kiosk_with_a_catalog_is_browsable(backends: Any) -> None:
    browse = backends.areas["Browse"]
    assert backends.wired.catalog.shelf.version == 1
    assert browse.tab == "department" and browse.group == "gongan"
    assert "GA0101" in browse.browseModel.codes()
    browse.setTab("event")
    assert browse.groupsModel.ids()[0] == "birth"
    assert all(g["serviceCount"] for g in browse.groupsModel.rows())
    browse.selectGroup("elderly")
    assert "MZ0301" in browse.browseModel.codes()
    browse.setTab("az")
    letters = browse.groupsModel.ids()
    assert letters == sorted(letters)
    browse.selectGroup("G")
    assert "MZ0301" in browse.browseModel.codes()  # 高龄津贴申领: G


def test_results_follow_each_keystroke(backends: Any) -> None:
    search = backends.areas["Search"]
    seen = []
    for i in range(1, 4):
        search.setQuery("sfz"[:i])
        seen.append(search.resultsModel.rowCount())
    assert all(seen)
    codes = search.resultsModel.codes()
    assert set(codes[:5]) == {"GA0101", "GA0102", "GA0103", "GA0104", "GA0105"}
    search.setQuery("shen fen zh")  # pinyin still being composed on the keyboard
    assert search.resultsModel.codes()[0].startswith("GA01")
    assert search.resultsModel.rows()[0]["nameEn"]


def test_guide_apply_language_and_session_end(backends: Any) -> None:
    browse, search, guide = (backends.areas[n] for n in NAMES)
    backends.navigator.start()
    guide.openService("MZ0301")
    assert backends.navigator.screen == "Guide"
    assert guide.selectedCode == "MZ0301" and guide.selectedVersion == 1
    assert guide.selected_service().field("name").prefill.value == "name"
    assert guide.guide["name"] == "高龄津贴申领"
    assert guide.guideQr == "" and guide.guideUrl == ""  # not enrolled: no QR to nowhere
    from kiosk import enrollment
    from kiosk.settings import set_setting

    set_setting(backends.storage, enrollment.URL, "https://zwfw.county.example/")
    guide.openService("MZ0301")
    assert guide.guideQr.startswith("data:image/png;base64,")
    assert guide.guideUrl == "https://zwfw.county.example/guide/MZ0301"
    backends.i18n.toggle()
    assert guide.guide["name"] == "Apply for the old-age allowance"
    guide.apply()  # the journey takes over: who is applying?
    assert backends.navigator.screen == "Identify"
    browse.setTab("az")
    search.setQuery("gaoling")
    backends.shell.endSession("finish")  # the next resident sees nothing of this one
    assert search.query == "" and search.resultsModel.rowCount() == 0
    assert guide.selectedCode == "" and guide.guide == {} and guide.guideQr == ""
    assert browse.tab == "department" and browse.group == "gongan"


def test_every_catalog_property_has_a_signal_of_its_own(backends: Any) -> None:
    """Small objects, one notify signal per property; lists are models with roles."""
    from PySide6.QtCore import QAbstractListModel, QObject

    for name in NAMES:
        area = backends.areas[name]
        meta = area.metaObject()
        notifies: Counter[str] = Counter()
        for i in range(QObject.staticMetaObject.propertyCount(), meta.propertyCount()):
            prop = meta.property(i)
            if prop.isConstant():
                value = area.property(prop.name())
                assert isinstance(value, QAbstractListModel), f"{name}.{prop.name()}"
                assert value.roleNames(), f"{name}.{prop.name()} has no roles"
                continue
            assert prop.typeName() != "QVariantList", f"{name}.{prop.name()} is a plain list"
            assert prop.hasNotifySignal(), f"{name}.{prop.name()} has no notify signal"
            notifies[bytes(prop.notifySignal().name()).decode()] += 1
        assert all(count == 1 for count in notifies.values()), (name, notifies)


def test_a_newer_catalog_from_a_sync_shows_from_the_next_visit(backends: Any) -> None:
    # A sync that brings a newer catalog (Sync.catalogUpdated) is read on the
    # attract screen, never under a resident's finger in the middle of a visit.
    from kiosk.catalog.files import SAMPLE_CATALOG, load_catalog_file

    browse = backends.areas["Browse"]
    navigator = backends.navigator
    navigator.start()
    navigator.go("Home")
    first = browse.groupsModel.rows()[0]
    assert first["groupId"] == "gongan" and first["nameZh"] != "公安局（新名称）"
    catalog = load_catalog_file(SAMPLE_CATALOG)
    renamed = [
        d.model_copy(update={"name_zh": "公安局（新名称）"}) if d.id == "gongan" else d
        for d in catalog.departments
    ]
    newer = catalog.model_copy(update={"version": catalog.version + 1, "departments": renamed})
    backends.wired.catalog.store.import_catalog(newer)
    backends.wired.sync.catalogUpdated.emit()  # what a cycle's report says
    assert browse.groupsModel.rows()[0]["nameZh"] != "公安局（新名称）"  # this visit: as it was
    navigator.go("Attract")
    assert browse.groupsModel.rows()[0]["nameZh"] == "公安局（新名称）"
    assert backends.wired.catalog.shelf.version == catalog.version + 1
    backends.wired.sync.catalogUpdated.emit()  # on the attract screen: read at once
