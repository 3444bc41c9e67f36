"""Write the sample county's service list: the workbook a county keeps, its form files,
and ``sample.json`` (the same list read back through ``kiosk catalog import-sheet``).

    .venv/bin/python assets/catalog/build_sheet.py

The data is in ``county/`` (one module a department); the workbook has the
national field names as headers (``kiosk.catalog.sheet``), so it is also the
example of what a county hands the vendor. ``sample.json`` is not written
by hand: it is the sheet imported, so the demo, the tests and the platform
seed exactly what a county's import would give.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE / "county"), str(HERE.parent.parent)]

import budongchan  # noqa: E402
import canlian  # noqa: E402
import dangan  # noqa: E402
import gjj  # noqa: E402
import gongan  # noqa: E402
import jiaojing  # noqa: E402
import jiaoyu  # noqa: E402
import minzheng  # noqa: E402
import nongye  # noqa: E402
import renshe  # noqa: E402
import shichang  # noqa: E402
import shuiwu  # noqa: E402
import sifa  # noqa: E402
import tuiyi  # noqa: E402
import weijian  # noqa: E402
import xiangzhen  # noqa: E402
import yibao  # noqa: E402
import zhujian  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Alignment, Font, PatternFill  # noqa: E402

from kiosk.catalog.sheet import (  # noqa: E402
    DEPARTMENT_COLUMNS,
    EVENT_COLUMNS,
    FEE_COLUMNS,
    INFO_COLUMNS,
    MATERIAL_COLUMNS,
    SERVICE_COLUMNS,
    SHEETS,
    read_sheet_catalog,
)

SHEET = HERE / "county.xlsx"
UYGHUR = HERE / "sample.ug.json"  # the translator's file: the sheet's Uyghur columns
FORMS = HERE / "forms"
SAMPLE = HERE / "sample.json"
VERSION = 1  # the list's version (清单版本): raise it when the list changes
PUBLISHED = "2026-12-01"
REGION = "示例县 Sample County"

DEPARTMENTS = [
    ("gongan", "县公安局", "Public Security Bureau"),
    ("jiaojing", "县公安局交通管理大队", "Traffic Police Brigade"),
    ("renshe", "县人力资源和社会保障局", "Human Resources and Social Security Bureau"),
    ("yibao", "县医疗保障局", "Healthcare Security Administration"),
    ("gjj", "县住房公积金管理中心", "Housing Provident Fund Centre"),
    ("minzheng", "县民政局", "Civil Affairs Bureau"),
    ("canlian", "县残疾人联合会", "Disabled Persons' Federation"),
    ("tuiyi", "县退役军人事务局", "Veterans Affairs Bureau"),
    ("shuiwu", "县税务局", "Taxation Bureau"),
    ("budongchan", "县不动产登记中心", "Real Estate Registration Centre"),
    ("zhujian", "县住房和城乡建设局", "Housing and Urban-Rural Development Bureau"),
    ("shichang", "县市场监督管理局", "Market Regulation Administration"),
    ("nongye", "县农业农村局", "Agriculture and Rural Affairs Bureau"),
    ("weijian", "县卫生健康局", "Health Bureau"),
    ("jiaoyu", "县教育局", "Education Bureau"),
    ("sifa", "县司法局", "Justice Bureau"),
    ("dangan", "县档案馆", "County Archives"),
    ("xiangzhen", "乡镇（街道）便民服务中心", "Township service centre"),
]
LIFE_EVENTS = [
    ("birth", "出生", "Birth", ""), ("school", "上学", "School", ""), ("work", "就业", "Work", ""),
    ("family", "婚育", "Marriage and children", ""), ("housing", "住房", "Housing", ""),
    ("medical", "就医", "Medical care", ""), ("elderly", "养老", "Old age", ""),
    ("disability", "残疾人服务", "Disability services", ""),
    ("death", "身后事", "After a death", ""),
    ("business", "开办企业", "Starting a business", ""), ("farming", "农业生产", "Farming", ""),
    ("travel", "出行", "Travel", ""), ("moving", "迁居", "Moving home", ""),
    ("driving", "驾车", "Driving", ""), ("veterans", "退役", "Leaving the army", ""),
]  # fmt: skip
SYNONYMS = [
    ["医保", "医疗保险"], ["公积金", "住房公积金"], ["社保", "社会保险"], ["社保卡", "社会保障卡"],
    ["低保", "最低生活保障"], ["身份证", "居民身份证"], ["户口", "户籍"], ["个税", "个人所得税"],
    ["残疾证", "残疾人证"], ["营业执照", "执照"], ["养老金", "养老保险待遇"], ["驾照", "驾驶证"],
    ["车检", "机动车检验"], ["落户", "户口登记"],
]  # fmt: skip
MODULES = [
    gongan, jiaojing, renshe, yibao, gjj, minzheng, canlian, tuiyi, shuiwu, budongchan, zhujian,
    shichang, nongye, weijian, jiaoyu, sifa, dangan, xiangzhen,
]  # fmt: skip
YES_NO = {True: "是", False: "否"}


def services() -> list[dict[str, Any]]:
    return [s for module in MODULES for s in module.SERVICES]


def _uyghur() -> dict[str, Any]:
    data = json.loads(UYGHUR.read_text(encoding="utf-8")) if UYGHUR.exists() else {}
    return {part: data.get(part, {}) for part in ("services", "departments", "life_events")}


def _service_row(
    s: dict[str, Any], form: str, deps: dict[str, str], ug: dict[str, Any]
) -> dict[str, Any]:
    return {
        "事项编码": s["code"],
        "事项名称": s["name"],
        "事项名称（英文）": s["name_en"],
        "事项名称（维吾尔文）": ug["services"].get(s["code"], {}).get("name_ug", ""),
        "实施主体": deps[s["dep"]],
        "事项类型": s["kind"],
        "服务对象": s["who"],
        "事项版本": s["version"],
        "事项简介": s["summary"],
        "事项简介（英文）": s["summary_en"],
        "事项简介（维吾尔文）": ug["services"].get(s["code"], {}).get("summary_ug", ""),
        # no legal limit beside a promise is 无 (户口 moves); 0 with no promise is 即办
        "法定办结时限": s["legal"] or ("无" if s["promised"] else "即办"),
        "承诺办结时限": s["promised"] if s["promised"] else "即办",
        "是否收费": YES_NO[any(f["amount"] > 0 for f in s["fees"])],
        "是否网办": YES_NO[s["web"]],
        "是否掌上办": YES_NO[s["app"]],
        "是否自助办": YES_NO[s["kiosk"]],
        "是否窗口办": YES_NO[s["counter"]],
        "是否需联网": YES_NO[s["online"]],
        "身份核验": s["ident"],
        "办理地点": s["where"][0],
        "办理地点（英文）": s["where"][1],
        "主题": s["themes"],
        "关键词": s["kw"],
        "申请表单": form,
        "终端服务说明": s["help"][0],
        "终端服务说明（英文）": s["help"][1],
    }


def _write(ws: Any, headers: list[str], rows: list[dict[str, Any]], widths: dict[str, int]) -> None:
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        ws.append([row.get(h, "") for h in headers])
    for i, h in enumerate(headers, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = widths.get(h, 14)
    ws.freeze_panes = "C2"


STAMP = b"2026-12-01T00:00:00Z"


def _fix_dates(path: Path) -> None:
    """The same list gives the same bytes: openpyxl stamps each zip entry with the time."""
    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in entries:
            if info.filename == "docProps/core.xml":  # and the file with the time it is saved
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + STAMP, data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 12, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed, data)


def build() -> None:
    deps = {d[0]: d[1] for d in DEPARTMENTS}
    ug = _uyghur()
    book = Workbook()
    book.properties.creator = "示例县政务服务管理办公室"
    book.properties.created = book.properties.modified = dt.datetime(2026, 12, 1)
    info = book.active
    info.title = SHEETS["info"]
    _write(info, [c.header for c in INFO_COLUMNS], [
        {"项目": "清单版本", "内容": VERSION}, {"项目": "发布日期", "内容": PUBLISHED},
        {"项目": "行政区划", "内容": REGION},
    ], {"内容": 30})  # fmt: skip
    _write(book.create_sheet(SHEETS["departments"]), [c.header for c in DEPARTMENT_COLUMNS],
           [{"部门编码": i, "部门名称": zh, "部门名称（英文）": en,
             "部门名称（维吾尔文）": ug["departments"].get(i, "")} for i, zh, en in DEPARTMENTS],
           {"部门名称": 28, "部门名称（英文）": 40})
    _write(book.create_sheet(SHEETS["life_events"]), [c.header for c in EVENT_COLUMNS],
           [{"主题编码": i, "主题名称": zh, "主题名称（英文）": en,
             "主题名称（维吾尔文）": ug["life_events"].get(i, ""), "图标": g}
            for i, zh, en, g in LIFE_EVENTS], {})
    FORMS.mkdir(exist_ok=True)
    for old in FORMS.glob("*.json"):
        old.unlink()
    service_rows, material_rows, fee_rows = [], [], []
    for s in services():
        form = ""
        if s["form"]:
            form = f"forms/{s['code']}.json"
            document = {"service": s["code"], "name": s["name"], "fields": s["form"]}
            (HERE / form).write_text(
                json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
        service_rows.append(_service_row(s, form, deps, ug))
        for m in s["materials"]:
            material_rows.append({
                "事项编码": s["code"], "材料名称": m["name"], "材料名称（英文）": m["name_en"],
                "材料形式": m["form"], "份数": m["n"], "材料必要性": m["needed"],
                "情形说明": m["cond"][0], "情形说明（英文）": m["cond"][1],
                "备注": m["notes"][0], "备注（英文）": m["notes"][1], "材料编码": m["code"],
            })  # fmt: skip
        for f in s["fees"]:
            fee_rows.append({
                "事项编码": s["code"], "收费项目": f["item"], "收费项目（英文）": f["item_en"],
                "收费标准（元）": f["amount"], "收费依据": f["basis"][0],
                "收费依据（英文）": f["basis"][1],
            })  # fmt: skip
    _write(book.create_sheet(SHEETS["services"]), [c.header for c in SERVICE_COLUMNS],
           service_rows, {"事项名称": 26, "事项简介": 40, "办理地点": 30, "终端服务说明": 40})
    _write(book.create_sheet(SHEETS["materials"]), [c.header for c in MATERIAL_COLUMNS],
           material_rows, {"材料名称": 30, "情形说明": 24})
    _write(book.create_sheet(SHEETS["fees"]), [c.header for c in FEE_COLUMNS], fee_rows,
           {"收费项目": 24, "收费依据": 30})
    synonyms = book.create_sheet(SHEETS["synonyms"])
    synonyms.append(["同义词"])
    for group in SYNONYMS:
        synonyms.append(group)
    book.save(SHEET)
    _fix_dates(SHEET)
    catalog = read_sheet_catalog(SHEET)
    document = catalog.model_dump(mode="json", exclude_none=True)
    SAMPLE.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    at_kiosk = sum(1 for s in catalog.services if s.at_kiosk and s.form)
    print(
        f"{SHEET.name}: {len(catalog.services)} services, {len(catalog.departments)} departments,"
        f" {at_kiosk} with a form at the kiosk; {SAMPLE.name} written"
    )


if __name__ == "__main__":
    build()
