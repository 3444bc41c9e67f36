"""The SQLite store: search tiers, browse, versions and atomic replacement."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalog.files import parse_catalog
from kiosk.catalog.model import Catalog
from kiosk.catalog.search import TIER_EXACT
from kiosk.catalog.store import CatalogNotNewer, CatalogStore, ensure_sample_catalog
from kiosk.storage import Storage
from tests.conftest import REPO

# 换领, 补领, 临时, 异地受理 and 首次申领: the five names that hold 居民身份证
ID_CARD = {"GA0101", "GA0102", "GA0103", "GA0104", "GA0105"}


def codes(store: CatalogStore, q: str, limit: int = 20) -> list[str]:
    return [h.service.code for h in store.search(q, limit)]


def test_initials_put_id_card_services_first(store: CatalogStore) -> None:
    assert set(codes(store, "sfz")[:5]) == ID_CARD


@pytest.mark.parametrize(
    "query", ["身份证", "shenfenzheng", "shen fen zheng", "ShenFenZheng", "ID card", "id card"]
)
def test_hanzi_pinyin_and_english_find_the_same_services(store: CatalogStore, query: str) -> None:
    assert set(codes(store, query)[:5]) == ID_CARD


def test_synonyms(store: CatalogStore) -> None:
    assert "YB0102" in codes(store, "医保")  # 城乡居民基本医疗保险参保登记
    assert "YB0102" in codes(store, "yibao")
    assert "RS0102" in codes(store, "社保")  # 社会保险参保证明打印
    assert "MZ0201" in codes(store, "低保")  # 最低生活保障申请
    assert set(codes(store, "公积金")) >= {"GJ0101", "GJ0201", "GJ0301"}


def test_ranking_exact_then_prefix_then_initials(store: CatalogStore) -> None:
    hits = store.search("结婚登记")
    assert hits[0].service.code == "MZ0101" and hits[0].tier == TIER_EXACT
    tiers = [h.tier for h in store.search("jh")]
    assert tiers == sorted(tiers)
    assert codes(store, "jiehun")[0] == "MZ0101"  # prefix of the pinyin name


def test_every_keystroke_gives_an_answer(store: CatalogStore) -> None:
    typed = "gaolingjintie"
    for i in range(1, len(typed) + 1):
        hits = codes(store, typed[:i])
        assert hits, typed[:i]
    assert codes(store, "gaolingjintie")[0] == "MZ0301"
    assert codes(store, "gljt")[0] == "MZ0301"


def test_description_and_materials_rank_last(store: CatalogStore) -> None:
    hits = store.search("出生医学证明")
    assert hits[0].service.code == "WJ0101"  # the name contains it
    assert "GA0201" in [h.service.code for h in hits]  # a material of birth registration


def test_nothing_and_odd_input(store: CatalogStore) -> None:
    assert store.search("") == []
    assert store.search("   ") == []
    assert store.search('"*)(') == []
    assert store.search("qqqqqq") == []
    assert len(store.search("s", limit=3)) == 3


def test_browse(store: CatalogStore, sample: Catalog) -> None:
    deps = store.departments()
    assert [d.id for d in deps] == [d.id for d in sample.departments]
    gongan = store.services_by_department("gongan")
    assert ID_CARD <= {s.code for s in gongan}
    elderly = {s.code for s in store.services_by_life_event("elderly")}
    assert "MZ0301" in elderly and "RS0302" in elderly
    az = store.all_services_az()
    assert len(az) == len(sample.services)
    letters = [store.az_letter(s) for s in az]
    assert letters == sorted(letters)
    assert [e.id for e in store.life_events()][0] == "birth"


def test_newer_catalog_replaces_and_old_versions_stay_readable(
    store: CatalogStore, sample_dict: dict[str, Any]
) -> None:
    doc = copy.deepcopy(sample_dict)
    doc["version"] = 2
    ga = doc["services"][0]
    ga["version"] = 2
    ga["form"] = ga["form"][:3]
    doc["services"] = [s for s in doc["services"] if s["code"] != "JY0201"]
    result = store.import_catalog(Catalog.from_dict(doc), etag='"v2"')
    assert (result.version, result.previous, result.removed, result.changed) == (2, 1, 1, 1)
    assert store.version() == 2 and store.etag() == '"v2"'
    assert len(store.service("GA0101").form) == 3
    assert len(store.service("GA0101", version=1).form) == 10  # an application in progress
    assert "JY0201" not in codes(store, "学籍证明")


def test_older_or_equal_version_is_refused_unless_forced(
    store: CatalogStore, sample: Catalog
) -> None:
    with pytest.raises(CatalogNotNewer):
        store.import_catalog(sample)
    assert store.import_catalog(sample, force=True).version == 1


def test_failed_import_keeps_the_current_catalog(
    store: CatalogStore, storage: Storage, sample_dict: dict[str, Any]
) -> None:
    doc = copy.deepcopy(sample_dict)
    doc["version"] = 5
    doc["services"].append(copy.deepcopy(doc["services"][0]))
    doc["services"][-1]["code"] = "NEW1"
    catalog = Catalog.from_dict(doc)
    # Break the write half-way: a trigger refuses the last service's row.
    storage.conn.execute(
        "CREATE TEMP TRIGGER boom BEFORE INSERT ON catalog_services WHEN NEW.code = 'NEW1'"
        " BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
    )
    with pytest.raises(Exception, match="disk trouble"):
        store.import_catalog(catalog)
    assert store.version() == 1
    assert set(codes(store, "sfz")[:5]) == ID_CARD
    assert store.count() == len(sample_dict["services"])


def test_seed_only_when_empty(storage: Storage) -> None:
    assert ensure_sample_catalog(storage) is not None
    assert ensure_sample_catalog(storage) is None


def _kiosk(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    return subprocess.run(
        [sys.executable, "main.py", "--config", str(cfg), "catalog", *args],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_cli_search_json_and_import_refusal(tmp_path: Path, sample_dict: dict[str, Any]) -> None:
    empty = _kiosk(tmp_path, "search", "sfz", "--json")  # a kiosk in service seeds no sample
    assert empty.returncode == 0 and json.loads(empty.stdout)["results"] == []
    sample = REPO / "assets" / "catalog" / "sample.json"
    assert _kiosk(tmp_path, "import", str(sample)).returncode == 0
    out = _kiosk(tmp_path, "search", "sfz", "--json", "--limit", "5")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert {r["code"] for r in data["results"][:5]} == ID_CARD
    bad = copy.deepcopy(sample_dict)
    bad["version"] = 9
    bad["services"][3]["channels"] = ["fax"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    out = _kiosk(tmp_path, "import", str(path))
    assert out.returncode == 1
    assert f"service {bad['services'][3]['code']}: channels[0]" in out.stdout
    info = json.loads(_kiosk(tmp_path, "info").stdout)
    assert info["version"] == "1"
    parse_catalog(json.dumps(sample_dict))  # the good one still parses


def test_search_reads_the_committed_catalog_while_an_import_writes(
    store: CatalogStore, storage: Storage, sample: Catalog
) -> None:
    with storage.transaction() as conn:
        conn.execute("DELETE FROM catalog_services")
        conn.execute("DELETE FROM catalog_fts")
        assert set(codes(store, "sfz")[:5]) == ID_CARD  # not blocked, old snapshot
        assert store.count() == len(sample.services)
    assert codes(store, "sfz") == []


def test_in_memory_storage_works_with_one_connection(sample: Catalog) -> None:
    from kiosk.storage import open_storage

    mem = open_storage(":memory:")
    st = CatalogStore(mem)
    st.import_catalog(sample)
    assert set(codes(st, "sfz")[:5]) == ID_CARD
    st.close()
    mem.close()


def test_a_service_code_finds_its_service(store: Any) -> None:
    # the README promised it; typed as on a leaflet, in either case
    for typed in ("YB0102", "yb0102", "YB01"):
        assert store.search(typed)[0].service.code.startswith("YB01"), typed


def test_a_zh_hant_reader_searches_in_traditional_characters_and_words(
    store: CatalogStore,
) -> None:
    """身份證 and 戶籍證明列印 (Taiwan's 列印 for 打印) find what 身份证 and
    户籍证明打印 find; the names come back simplified, shown converted (kiosk.i18n)."""
    from kiosk.i18n import to_traditional

    for traditional, simplified in (("身份證", "身份证"), ("戶籍證明列印", "户籍证明打印")):
        got = [h.service.code for h in store.search(traditional)]
        assert got and got == [h.service.code for h in store.search(simplified)], traditional
    assert to_traditional("户籍证明打印") == "戶籍證明列印"
    assert to_traditional("扫描二维码") == "掃描 QR 碼"


def test_pypinyin_is_unloaded_after_an_import_and_loaded_again_by_the_next(
    tmp_path: Path,
) -> None:
    """Its dictionaries (about 50 MB) are not kept between catalog imports, and
    an import after the unloading indexes the pinyin as the first did."""
    script = f"""
import sys
from kiosk.catalog.files import SAMPLE_CATALOG, load_catalog_file
from kiosk.catalog.store import CatalogStore
from kiosk.storage import open_storage

storage = open_storage({str(tmp_path / "kiosk.db")!r})
store = CatalogStore(storage)
catalog = load_catalog_file(SAMPLE_CATALOG)
for round in range(2):
    store.import_catalog(catalog, force=True)
    assert "pypinyin" not in sys.modules, round
    found = {{h.service.code for h in store.search("shenfenzheng", 10)}}
    assert set({sorted(ID_CARD)!r}) <= found, found
    assert "pypinyin" not in sys.modules  # a pinyin query needs no dictionary
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
