"""The Catalog backend driven the way the Browse, Search and Guide screens drive it."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")

from kiosk.catalog.store import ensure_sample_catalog  # noqa: E402
from kiosk.storage import open_storage  # noqa: E402
from ui.backends import build_backends  # noqa: E402


@pytest.fixture
def backends(qapp: Any, config: Any) -> Any:
    storage = open_storage(config.database_path)
    ensure_sample_catalog(storage)  # as the platform's first catalog would
    b = build_backends(config, storage)
    yield b
    b.close()
    storage.close()


def test_a_kiosk_with_a_catalog_is_browsable(backends: Any) -> None:
    cat = backends.areas["Catalog"]
    assert cat.version == 1
    assert cat.tab == "department" and cat.group == "gongan"
    assert "GA0101" in cat.browseModel.codes()
    cat.setTab("event")
    assert cat.groups[0]["id"] == "birth"
    cat.selectGroup("elderly")
    assert "MZ0301" in cat.browseModel.codes()
    cat.setTab("az")
    letters = [g["id"] for g in cat.groups]
    assert letters == sorted(letters)
    cat.selectGroup("G")
    assert "MZ0301" in cat.browseModel.codes()  # 高龄津贴申领: G


def test_results_follow_each_keystroke(backends: Any) -> None:
    cat = backends.areas["Catalog"]
    seen = []
    for i in range(1, 4):
        cat.setQuery("sfz"[:i])
        seen.append(cat.resultsModel.rowCount())
    assert all(seen)
    assert set(cat.resultsModel.codes()[:5]) == {"GA0101", "GA0102", "GA0103", "GA0104", "GA0105"}
    cat.setQuery("shen fen zh")  # pinyin still being composed on the keyboard
    assert cat.resultsModel.codes()[0].startswith("GA01")
    assert cat.resultsModel.rows()[0]["nameEn"]


def test_guide_apply_language_and_session_end(backends: Any) -> None:
    cat = backends.areas["Catalog"]
    backends.navigator.start()
    cat.openService("MZ0301")
    assert backends.navigator.screen == "Guide"
    assert cat.selectedCode == "MZ0301" and cat.selectedVersion == 1
    assert cat.selected_service().field("name").prefill.value == "name"
    assert cat.guide["name"] == "高龄津贴申领"
    assert cat.guideQr == "" and cat.guideUrl == ""  # not enrolled: no QR to nowhere
    from kiosk import enrollment
    from kiosk.settings import set_setting

    set_setting(backends.storage, enrollment.URL, "https://zwfw.county.example/")
    cat.openService("MZ0301")
    assert cat.guideQr.startswith("data:image/png;base64,")
    assert cat.guideUrl == "https://zwfw.county.example/guide/MZ0301"
    backends.i18n.toggle()
    assert cat.guide["name"] == "Apply for the old-age allowance"
    cat.apply()  # the journey takes over: who is applying?
    assert backends.navigator.screen == "Identify"
    cat.setQuery("gaoling")
    backends.shell.endSession("finish")
    assert cat.query == "" and cat.selectedCode == "" and cat.guide == {}
    assert cat.resultsModel.rowCount() == 0
