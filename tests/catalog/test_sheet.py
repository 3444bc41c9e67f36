"""A county's service list from a spreadsheet (issue 21): the sample county list,
a broken sheet refused with every problem by sheet, row and column, the CSV
form with a county's own column names, and the platform publishing it."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from kiosk.catalog.files import SAMPLE_CATALOG, load_catalog_file
from kiosk.catalog.model import Catalog
from kiosk.catalog.sheet import SHEETS, SheetInvalid, load_mapping, read_sheet_catalog
from kiosk.catalog.store import CatalogStore
from kiosk.storage import open_storage
from tests.conftest import REPO

SHEET = REPO / "assets" / "catalog" / "county.xlsx"

# What residents come to a township hall for (issue 21, item 2): each is a service
# of the sample list, found by a word of its name.
REQUESTED = [
    "户口迁移（迁入）", "户口迁移（迁出）", "出生登记", "居民身份证换领", "居民身份证补领",
    "临时居民身份证申领", "居住证申领", "驾驶证有效期满换证", "驾驶证遗失补证", "驾驶证审验",
    "机动车检验预约（年检预约）", "交通违法处理（电子监控）", "社会保障卡申领",
    "社会保障卡补领换领",
    "社会保障卡挂失", "城乡居民基本养老保险参保登记", "城乡居民社会保险费缴纳",
    "职工养老保险关系转移接续", "养老保险待遇资格认证", "城乡居民基本医疗保险参保登记",
    "基本医疗保险关系转移接续", "异地就医备案", "住房公积金提取（租房）",
    "住房公积金个人住房贷款申请", "住房公积金缴存证明打印", "不动产登记信息查询证明打印",
    "个体工商户设立登记", "营业执照自助打印", "老年人优待证办理", "高龄津贴申领", "残疾人证新办",
    "困难残疾人生活补贴申请", "重度残疾人护理补贴申请", "最低生活保障申请", "临时救助申请",
    "婚姻登记预约", "出生医学证明首次签发", "义务教育阶段入学登记", "农村宅基地和建房申请",
    "耕地地力保护补贴申报",
]  # fmt: skip


@pytest.fixture(scope="module")
def county() -> Catalog:
    return read_sheet_catalog(SHEET)


def test_the_sample_county_list_is_a_real_halls_catalog(county: Catalog) -> None:
    assert len(county.services) >= 200
    assert len(county.departments) >= 15
    assert {s.department for s in county.services} == {d.id for d in county.departments}
    taken = [s for s in county.services if s.at_kiosk]
    assert len(taken) >= 60 and all(s.form for s in taken)  # the kiosk takes each of them
    for s in county.services:
        if not s.at_kiosk:  # every other one says what the kiosk does for it, and where to go
            assert s.kiosk_help_zh and s.kiosk_help_en, s.code
    names = {s.name_zh for s in county.services}
    assert [n for n in REQUESTED if n not in names] == []


def test_the_sheet_is_the_same_catalog_as_the_json_the_kiosks_seed(county: Catalog) -> None:
    # sample.json is written by assets/catalog/build_sheet.py from the sheet: same
    # model, same version, so the demo, the tests and the platform seed the county list
    assert county == load_catalog_file(SAMPLE_CATALOG)
    assert county.version == 1 and county.region.startswith("示例县")


def test_time_limits_follow_the_law_and_say_where_it_is_silent(county: Catalog) -> None:
    by_name = {s.name_zh: s for s in county.services}
    assert by_name["居民身份证换领"].legal_days == 60  # 居民身份证法: sixty days
    assert by_name["住房公积金提取（离职）"].legal_days == 3  # 住房公积金管理条例: three days
    assert by_name["工伤认定申请"].legal_days == 60  # 工伤保险条例: sixty days
    move = by_name["户口迁移（迁入）"]
    assert move.legal_days == 0 and move.promised_days > 0  # the law sets none
    from kiosk.catalog.guide import guide_view

    assert guide_view(move, None, "zh")["legal"] == "法律未规定（以承诺时限为准）"
    assert "未规定办结时限" in move.summary_zh
    fee = by_name["驾驶证有效期满换证"].fees[0]
    assert "省" in fee.basis_zh  # a fee the province sets says so


# ---- a broken sheet --------------------------------------------------------------------


def _break(path: Path) -> dict[str, tuple[int, str]]:
    """Break the sample sheet in eight places; returns each break's (row, header)."""
    book = load_workbook(SHEET)
    where: dict[str, tuple[int, str]] = {}

    def cell(sheet: str, code: str, header: str, value: Any, key: str, nth: int = 0) -> None:
        ws = book[sheet]
        headers = [c.value for c in ws[1]]
        rows = [r for r in ws.iter_rows(min_row=2) if r[0].value == code]
        row = rows[nth]
        row[headers.index(header)].value = value
        where[key] = (row[0].row, header)

    cell("事项", "GA0101", "事项名称", None, "empty name")
    cell("事项", "GA0102", "事项类型", "行政审批", "unknown type")
    cell("事项", "GA0201", "法定办结时限", "两个月", "bad days")
    cell("事项", "RS0101", "实施主体", "县人事局", "unknown department")
    cell("事项", "YB0201", "申请表单", "forms/NOPE.json", "missing form")
    cell("事项", "GA0103", "是否收费", "否", "fee mismatch")
    cell("申请材料", "GA0101", "情形说明", "", "condition", nth=3)
    cell("收费", "GA0101", "收费标准（元）", "二十元", "bad amount")
    book.save(path)
    if not (path.parent / "forms").exists():  # the form files beside it, as a county keeps them
        (path.parent / "forms").symlink_to(SHEET.parent / "forms")
    return where


def test_a_broken_sheet_is_refused_with_every_problem_by_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    where = _break(path)
    with pytest.raises(SheetInvalid) as info:
        read_sheet_catalog(path)
    found = {(p.sheet, p.row, p.column.split(" (")[-1].rstrip(")")) for p in info.value.problems}
    sheets = {"condition": "申请材料", "bad amount": "收费"}
    for key, (row, header) in where.items():
        assert (sheets.get(key, "事项"), row, header) in found, (key, info.value.messages)
    assert len(info.value.problems) == len(where)  # each once, nothing made up
    text = "\n".join(info.value.messages)
    assert "unknown department '县人事局'" in text and "forms/NOPE.json cannot be read" in text
    assert "must be one of 行政许可" in text and "(法定办结时限): must be working days" in text


def _kiosk(cfg: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_RUNTIME_DIR=str(cfg.parent / "run"))
    result = subprocess.run(
        [sys.executable, "main.py", "--config", str(cfg), *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    (tmp_path / "run").mkdir()
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    return path


def test_import_sheet_imports_the_list_and_a_broken_one_changes_nothing(
    cfg: Path, tmp_path: Path
) -> None:
    done = _kiosk(cfg, "catalog", "import-sheet", str(SHEET))
    assert done.returncode == 0, done.stderr
    assert "205 services in 18 departments" in done.stdout
    assert "catalog version 1 imported (was none): 205 services" in done.stdout
    broken = tmp_path / "broken.xlsx"
    where = _break(broken)
    refused = _kiosk(cfg, "catalog", "import-sheet", str(broken), "--version", "2")
    assert refused.returncode == 1
    assert f"refused, {len(where)} problem(s); nothing imported" in refused.stdout
    row, header = where["bad days"]
    assert f"事项 row {row}, column L ({header}): must be working days" in refused.stdout
    info = json.loads(_kiosk(cfg, "catalog", "info").stdout)
    assert (info["version"], info["services"]) == ("1", 205)  # the current catalog kept
    search = json.loads(_kiosk(cfg, "catalog", "search", "hkqy", "--json").stdout)
    assert search["results"][0]["name_zh"].startswith("户口迁移")


# ---- a county's own column names, as CSV --------------------------------------------------

LOCAL = {"事项": "实施清单", "申请材料": "材料清单"}
LOCAL_HEADERS = {"事项名称": "服务事项名称", "法定办结时限": "法定时限（工作日）"}


def test_a_csv_list_with_the_countys_own_names_reads_through_a_mapping(
    tmp_path: Path, county: Catalog
) -> None:
    book = load_workbook(SHEET, read_only=True)
    for ws in book.worksheets:
        title = LOCAL.get(ws.title, ws.title)
        name = "list.csv" if ws.title == SHEETS["services"] else f"list.{title}.csv"
        with open(tmp_path / name, "w", encoding="gb18030", newline="") as out:
            writer = csv.writer(out)  # what Excel saves in China: GB18030
            for i, row in enumerate(ws.iter_rows(values_only=True)):
                cells = ["" if v is None else v for v in row]
                if i == 0 and ws.title == SHEETS["services"]:
                    cells = [LOCAL_HEADERS.get(str(v), v) for v in cells]
                writer.writerow(cells)
    book.close()
    (tmp_path / "forms").symlink_to(SHEET.parent / "forms")
    mapping = tmp_path / "county.toml"
    mapping.write_text(
        '[sheets]\n"事项" = "实施清单"\n"申请材料" = "材料清单"\n'
        '[columns."事项"]\n"事项名称" = "服务事项名称"\n"法定办结时限" = "法定时限（工作日）"\n',
        encoding="utf-8",
    )
    assert read_sheet_catalog(tmp_path / "list.csv", load_mapping(mapping)) == county
    with pytest.raises(SheetInvalid) as info:  # without the mapping: the columns are missing
        read_sheet_catalog(tmp_path / "list.csv")
    # only the missing columns: not one "must not be empty" per row besides
    assert info.value.messages == [
        "事项 row 1, column 事项名称: column is missing",
        "事项 row 1, column 法定办结时限: column is missing",
        "申请材料: sheet is missing",
    ]


# ---- the platform publishes it -------------------------------------------------------------


def test_a_sheet_imported_catalog_is_published_by_the_platform_to_a_kiosk(
    cfg: Path, tmp_path: Path, county: Catalog
) -> None:
    from central.server import PlatformServer, open_platform

    document = tmp_path / "county.json"
    written = _kiosk(cfg, "catalog", "import-sheet", str(SHEET), "--check", "--json", str(document))
    assert written.returncode == 0, written.stderr
    server = PlatformServer(open_platform(tmp_path / "platform" / "central.db", document)).start()
    try:
        token = server.platform.store.create_token()
        assert _kiosk(cfg, "provision", "--url", server.url, "--token", token).returncode == 0
        synced = _kiosk(cfg, "sync", "--once")
        assert synced.returncode == 0, synced.stdout + synced.stderr
    finally:
        server.stop()
        server.platform.store.close()
    storage = open_storage(tmp_path / "data" / "kiosk.db")
    store = CatalogStore(storage)
    try:
        assert store.count() == len(county.services) and store.version() == county.version
        assert store.service("GA0205") == county.service("GA0205")  # with its form, as sent
    finally:
        store.close()
        storage.close()


def test_a_countys_own_values_read_through_the_mapping(tmp_path: Path, county: Catalog) -> None:
    book = load_workbook(SHEET)
    ws = book["事项"]
    headers = [c.value for c in ws[1]]
    kind = headers.index("事项类型")
    for row in ws.iter_rows(min_row=2):
        if row[kind].value == "行政确认":
            row[kind].value = "确认类"  # the county's own word for it
    path = tmp_path / "local.xlsx"
    book.save(path)
    (tmp_path / "forms").symlink_to(SHEET.parent / "forms")
    with pytest.raises(SheetInvalid) as info:
        read_sheet_catalog(path)
    assert all("not '确认类'" in m for m in info.value.messages)
    mapping = tmp_path / "values.toml"
    mapping.write_text('[values."事项类型"]\n"确认类" = "行政确认"\n', encoding="utf-8")
    again = read_sheet_catalog(path, load_mapping(mapping), version=7)
    assert again.version == 7 and again.services == county.services


def test_a_service_changed_without_raising_its_version_is_named_by_its_cell(
    cfg: Path, tmp_path: Path
) -> None:
    assert _kiosk(cfg, "catalog", "import-sheet", str(SHEET)).returncode == 0
    book = load_workbook(SHEET)
    materials = book["申请材料"]
    first = next(r for r in materials.iter_rows(min_row=2) if r[0].value == "GA0205")
    first[1].value = "居民身份证（原件）"  # the clerk edits a material of 户口迁移（迁入）
    path = tmp_path / "v2.xlsx"
    book.save(path)
    (tmp_path / "forms").symlink_to(SHEET.parent / "forms")
    refused = _kiosk(cfg, "catalog", "import-sheet", str(path), "--version", "2")
    assert refused.returncode == 1
    services = book["事项"]
    row = next(r[0].row for r in services.iter_rows(min_row=2) if r[0].value == "GA0205")
    assert f"事项 row {row}, column H (事项版本): the service changed" in refused.stdout
    assert "raise it to 2" in refused.stdout and "refused, 1 problem(s)" in refused.stdout
    headers = [c.value for c in services[1]]
    services.cell(row, headers.index("事项版本") + 1).value = 2
    book.save(path)
    done = _kiosk(cfg, "catalog", "import-sheet", str(path), "--version", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 changed" in done.stdout
    shown = json.loads(_kiosk(cfg, "catalog", "show", "GA0205").stdout)
    assert shown["version"] == 2 and shown["materials"][0]["name_zh"] == "居民身份证（原件）"
    old = json.loads(_kiosk(cfg, "catalog", "show", "GA0205", "--version", "1").stdout)
    assert old["materials"][0]["name_zh"] == "居民身份证"  # kept for applications in progress


def test_a_title_above_the_headers_is_read_past(tmp_path: Path, county: Catalog) -> None:
    book = load_workbook(SHEET)
    ws = book["事项"]
    ws.insert_rows(1, 2)  # as counties print it: the list's title, then its date
    ws.cell(1, 1).value = "示例县政务服务事项实施清单（2026年版）"
    ws.cell(2, 1).value = "发布日期：2026年12月1日"
    name = ws.cell(12, 2).value  # a service's name, on row 10 before the title rows
    ws.cell(12, 2).value = None
    path = tmp_path / "titled.xlsx"
    book.save(path)
    (tmp_path / "forms").symlink_to(SHEET.parent / "forms")
    with pytest.raises(SheetInvalid) as info:
        read_sheet_catalog(path)
    assert info.value.messages == ["事项 row 12, column B (事项名称): must not be empty"]
    ws.cell(12, 2).value = name
    book.save(path)
    assert read_sheet_catalog(path) == county
