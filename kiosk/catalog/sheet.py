"""A county's service list (政务服务事项实施清单) read from a spreadsheet into the catalog.

Counties keep their list as a workbook with the national field names as
headers; a kiosk vendor's first job in a new county is importing it. This
module reads such a workbook (``.xlsx`` through openpyxl, or ``.csv`` files),
turns it into the catalog document ``kiosk.catalog.model`` reads, and checks
it with the same model, so a sheet-imported catalog is the same catalog, with
the same versioning, as one imported from JSON.

Sheets (their names and every header may be renamed by a mapping file):

* ``清单信息``: two columns (项目, 内容), rows 清单版本, 发布日期, 行政区划;
* ``部门``: 部门编码, 部门名称, 部门名称（英文）;
* ``主题``: 主题编码, 主题名称, 主题名称（英文）, 图标 (life events; optional sheet);
* ``事项``: one service a row (``SERVICE_COLUMNS``);
* ``申请材料``: one material a row, keyed by 事项编码, in the order the guide lists them;
* ``收费``: one fee a row, keyed by 事项编码 (optional sheet: no fees);
* ``同义词``: one group a row, a word a cell (optional sheet).

A service's form is a JSON schema file (``{"fields": [...]}``, each field as
``FormField``) named in the 申请表单 column, relative to the workbook. A CSV
list is the 事项 sheet; the other sheets are files beside it named
``<stem>.<sheet>.csv`` (``county.申请材料.csv``), in UTF-8 or, as Excel saves
them in China, GB18030.

Nothing is half-imported: every problem of every sheet is collected, each
named by sheet, row and column, and raised as one ``SheetInvalid``; only a
sheet without problems becomes a ``Catalog``. English columns may be left
empty: the Chinese text stands in for it, as ``pick`` does on screen.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from pydantic import ValidationError as PydanticError

from kiosk.catalog.kinds import Category, Channel, IdentityRequirement, MaterialForm, ServiceType
from kiosk.catalog.model import Catalog
from kiosk.catalog.problems import REFERENCES, problems_of, raw_reference_problems
from kiosk.errors import ValidationError

__all__ = [
    "SHEETS",
    "SERVICE_COLUMNS",
    "SheetMapping",
    "SheetInvalid",
    "SheetProblem",
    "load_mapping",
    "read_sheet_catalog",
]

# Our name of each sheet -> its national (default) title.
SHEETS = {
    "info": "清单信息",
    "departments": "部门",
    "life_events": "主题",
    "services": "事项",
    "materials": "申请材料",
    "fees": "收费",
    "synonyms": "同义词",
}
OPTIONAL_SHEETS = {"life_events", "fees", "synonyms"}

# Values of the closed columns, in the words of the national list.
SERVICE_TYPES = {
    "行政许可": ServiceType.LICENSE,
    "行政给付": ServiceType.PAYMENT,
    "行政确认": ServiceType.CONFIRMATION,
    "行政征收": ServiceType.COLLECTION,
    "行政奖励": ServiceType.REWARD,
    "行政裁决": ServiceType.RULING,
    "行政处罚": ServiceType.PENALTY,
    "其他行政权力": ServiceType.OTHER_POWER,
    "公共服务": ServiceType.PUBLIC_SERVICE,
}
CATEGORIES = {"自然人": Category.PERSONAL, "个人": Category.PERSONAL, "法人": Category.LEGAL}
IDENTITIES = {
    "读身份证": IdentityRequirement.CARD,
    "读身份证或手工录入": IdentityRequirement.CARD_OR_MANUAL,
    "无需": IdentityRequirement.NONE,
}
MATERIAL_FORMS = {
    "原件": MaterialForm.ORIGINAL,
    "复印件": MaterialForm.COPY,
    "原件及复印件": MaterialForm.ORIGINAL_AND_COPY,
    "电子证照": MaterialForm.ELECTRONIC,
}
NEEDED = {"必要": True, "必须": True, "是": True, "按情形": False, "非必要": False, "否": False}
YES = {"是", "y", "yes", "1", "√", "true"}
NO = {"否", "n", "no", "0", "×", "false", ""}
ON_THE_SPOT = {"即办", "当场办结", "即时办结", "0"}
NO_LIMIT = {"无", "未规定", "法律未规定"}  # 法定 only: read as 0 beside a promise
_DAYS = re.compile(r"(\d+)\s*(个工作日|工作日|日|天)?")
_SPLIT = re.compile(r"[、;；\n]+")


@dataclass(frozen=True)
class Column:
    header: str  # the national field name, as the sheet's header
    key: str  # where its value goes
    required: bool = False


SERVICE_COLUMNS = (
    Column("事项编码", "code", True),
    Column("事项名称", "name_zh", True),
    Column("事项名称（英文）", "name_en"),
    Column("事项名称（维吾尔文）", "name_ug"),
    Column("实施主体", "department", True),
    Column("事项类型", "service_type", True),
    Column("服务对象", "categories"),
    Column("事项版本", "version"),
    Column("事项简介", "summary_zh", True),
    Column("事项简介（英文）", "summary_en"),
    Column("事项简介（维吾尔文）", "summary_ug"),
    Column("法定办结时限", "legal_days", True),
    Column("承诺办结时限", "promised_days", True),
    Column("是否收费", "charged", True),
    Column("是否网办", "web", True),
    Column("是否掌上办", "app"),
    Column("是否自助办", "kiosk", True),
    Column("是否窗口办", "counter", True),
    Column("是否需联网", "needs_online"),
    Column("身份核验", "identity"),
    Column("办理地点", "where_zh"),
    Column("办理地点（英文）", "where_en"),
    Column("主题", "life_events"),
    Column("关键词", "keywords"),
    Column("申请表单", "form"),
    Column("终端服务说明", "kiosk_help_zh"),
    Column("终端服务说明（英文）", "kiosk_help_en"),
)
MATERIAL_COLUMNS = (
    Column("事项编码", "service", True),
    Column("材料名称", "name_zh", True),
    Column("材料名称（英文）", "name_en"),
    Column("材料形式", "form"),
    Column("份数", "count"),
    Column("材料必要性", "required"),
    Column("情形说明", "condition_zh"),
    Column("情形说明（英文）", "condition_en"),
    Column("备注", "notes_zh"),
    Column("备注（英文）", "notes_en"),
    Column("材料编码", "code"),
)
FEE_COLUMNS = (
    Column("事项编码", "service", True),
    Column("收费项目", "item_zh", True),
    Column("收费项目（英文）", "item_en"),
    Column("收费标准（元）", "amount_yuan", True),
    Column("收费依据", "basis_zh"),
    Column("收费依据（英文）", "basis_en"),
)
DEPARTMENT_COLUMNS = (
    Column("部门编码", "id", True),
    Column("部门名称", "name_zh", True),
    Column("部门名称（英文）", "name_en"),
    Column("部门名称（维吾尔文）", "name_ug"),
)
EVENT_COLUMNS = (
    Column("主题编码", "id", True),
    Column("主题名称", "name_zh", True),
    Column("主题名称（英文）", "name_en"),
    Column("主题名称（维吾尔文）", "name_ug"),
    Column("图标", "glyph"),
)
INFO_COLUMNS = (Column("项目", "item", True), Column("内容", "value"))
INFO_ITEMS = {"清单版本": "version", "发布日期": "published", "行政区划": "region"}
COLUMNS = {
    "info": INFO_COLUMNS,
    "departments": DEPARTMENT_COLUMNS,
    "life_events": EVENT_COLUMNS,
    "services": SERVICE_COLUMNS,
    "materials": MATERIAL_COLUMNS,
    "fees": FEE_COLUMNS,
}
# a model field -> the column (its key) it is made from, where the names differ
_SERVICE_FIELD_COLUMN = {"channels": "kiosk", "fees": "charged", "materials": "code"}


@dataclass(frozen=True, order=True)
class SheetProblem:
    """One problem, where the county's clerk finds it: sheet, row (1-based as on
    screen, 0 for the sheet itself), column header (and its letter)."""

    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = self.sheet + (f" row {self.row}" if self.row else "")
        return f"{where}, column {self.column}: {self.message}" if self.column else (
            f"{where}: {self.message}"
        )


class SheetInvalid(ValidationError):
    """A service list that cannot be imported: every problem, by sheet, row and column."""

    key = "error.catalog.sheet"

    def __init__(self, problems: list[SheetProblem]) -> None:
        self.problems = sorted(set(problems))
        self.messages = [str(p) for p in self.problems]
        first = self.problems[0]
        super().__init__(
            "; ".join(self.messages),
            field=f"{first.sheet}!{first.row}",
            count=len(self.problems),
            sheet=first.sheet,
            row=first.row,
            column=first.column,
        )


@dataclass
class SheetMapping:
    """A county's local names: sheets, headers and values (``load_mapping``)."""

    sheets: dict[str, str] = field(default_factory=dict)  # national title -> local title
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet -> national -> local
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # header -> local -> national

    def sheet(self, name: str) -> str:
        return self.sheets.get(SHEETS[name], SHEETS[name])

    def header(self, name: str, national: str) -> str:
        return self.columns.get(SHEETS[name], {}).get(national, national)


def load_mapping(path: Path | None) -> SheetMapping:
    """Read a mapping file (TOML)::

        [sheets]            # national sheet title = the county's
        "事项" = "实施清单"
        [columns."事项"]     # national header = the county's
        "法定办结时限" = "法定时限（工作日）"
        [values."事项类型"]  # the county's value = the national one
        "确认类" = "行政确认"
    """
    if path is None:
        return SheetMapping()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError(
            f"{path}: cannot read the mapping: {exc}", key="error.catalog.mapping", file=str(path)
        ) from exc

    def table(value: Any) -> dict[str, Any]:
        return value if isinstance(value, dict) else {}

    def strings(value: Any) -> dict[str, str]:
        return {str(k): str(v) for k, v in table(value).items() if isinstance(v, str)}

    return SheetMapping(
        sheets=strings(data.get("sheets")),
        columns={str(k): strings(v) for k, v in table(data.get("columns")).items()},
        values={str(k): strings(v) for k, v in table(data.get("values")).items()},
    )


# ---- reading the cells ------------------------------------------------------------------

Rows = list[tuple[int, list[Any]]]  # (row number on screen, cells), header row excluded


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _read_xlsx(path: Path) -> dict[str, list[list[Any]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, ValueError ... on a bad file
        raise ValidationError(
            f"{path}: not a readable workbook: {exc}", key="error.catalog.read", file=str(path)
        ) from exc
    try:
        return {
            ws.title.strip(): [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
            for ws in book.worksheets
        }
    finally:
        book.close()


def _read_csv_file(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # gb18030 decodes nearly anything; kept for the type checker
        raise ValidationError(f"{path}: unknown encoding", key="error.catalog.read", file=str(path))
    return [[_cell(v) for v in row] for row in csv.reader(text.splitlines())]


def _read_csv(path: Path, mapping: SheetMapping) -> dict[str, list[list[Any]]]:
    """The given file is the services sheet; ``<stem>.<sheet>.csv`` beside it the others."""
    try:
        sheets = {mapping.sheet("services"): _read_csv_file(path)}
        for name in SHEETS:
            title = mapping.sheet(name)
            other = path.with_name(f"{path.stem}.{title}.csv")
            if name != "services" and other.exists():
                sheets[title] = _read_csv_file(other)
    except OSError as exc:
        raise ValidationError(
            f"{path}: cannot read: {exc}", key="error.catalog.read", file=str(path)
        ) from exc
    return sheets


class _Reader:
    """Collects the problems of every cell while the document is built."""

    def __init__(self, mapping: SheetMapping) -> None:
        self.mapping = mapping
        self.problems: list[SheetProblem] = []
        self.structure: list[SheetProblem] = []  # a sheet or a column missing
        self.letters: dict[tuple[str, str], str] = {}  # (sheet, header) -> column letter

    def problem(self, sheet: str, row: int, header: str, message: str) -> None:
        letter = self.letters.get((sheet, header), "")
        column = f"{letter} ({header})" if letter else header
        self.problems.append(SheetProblem(sheet, row, column, message))

    def table(
        self, sheets: Mapping[str, list[list[Any]]], name: str
    ) -> tuple[str, list[tuple[int, dict[str, Any]]]]:
        """(sheet title, [(row, {key: value})]) of one sheet, by its headers."""
        title = self.mapping.sheet(name)
        rows = sheets.get(title)
        if rows is None:
            if name not in OPTIONAL_SHEETS:
                self.structure.append(SheetProblem(title, 0, "", "sheet is missing"))
            return title, []
        header = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else [])]
        positions: dict[str, int] = {}
        for i, h in enumerate(header):
            if h:
                self.letters[(title, h)] = get_column_letter(i + 1)
                if h in positions:
                    self.problem(title, 1, h, "header appears twice")
                positions.setdefault(h, i)
        wanted: dict[str, tuple[int, str]] = {}
        for col in COLUMNS[name]:
            local = self.mapping.header(name, col.header)
            if local in positions:
                wanted[col.key] = (positions[local], local)
            elif col.required:
                self.structure.append(SheetProblem(title, 1, local, "column is missing"))
        out = []
        for number, cells in enumerate(rows[1:], start=2):
            if all(c is None or c == "" for c in cells):
                continue
            values: dict[str, Any] = {}
            for key, (pos, local) in wanted.items():
                value = cells[pos] if pos < len(cells) else None
                values[key] = self.mapping.values.get(local, {}).get(str(value), value)
                values["@" + key] = local  # the header, to name the cell in a problem
            out.append((number, values))
        return title, out


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value).strip()


def _words(value: Any) -> list[str]:
    return [w.strip() for w in _SPLIT.split(_text(value)) if w.strip()]


@dataclass
class _Cells:
    """The cells of one row, each parsed once; a bad cell is a problem, not an exception."""

    reader: _Reader
    sheet: str
    row: int
    values: dict[str, Any]

    def header(self, key: str) -> str:
        return str(self.values.get("@" + key, key))

    def bad(self, key: str, message: str) -> None:
        self.reader.problem(self.sheet, self.row, self.header(key), message)

    def text(self, key: str, required: bool = False) -> str:
        value = _text(self.values.get(key))
        if required and not value:
            self.bad(key, "must not be empty")
        return value

    def pick(self, key: str, table: Mapping[str, Any], default: Any = None) -> Any:
        value = self.text(key)
        if not value:
            if default is None:
                self.bad(key, "must not be empty")
            return default
        if value not in table:
            self.bad(key, f"must be one of {'、'.join(table)}, not {value!r}")
            return None
        return table[value]

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.text(key).lower()
        if key not in self.values or not value:
            return default
        if value in YES:
            return True
        if value not in NO:
            self.bad(key, f"must be 是 or 否, not {value!r}")
        return False

    def count(self, key: str, default: int) -> int | None:
        value = self.values.get(key)
        if value is None or value == "":
            return default
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        if isinstance(value, str) and value.isdigit() and int(value) >= 1:
            return int(value)
        self.bad(key, f"must be a whole number of at least 1, not {value!r}")
        return None

    def days(self, key: str) -> int | None:
        value = self.values.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        text = _text(value)
        if text in ON_THE_SPOT or (key == "legal_days" and text in NO_LIMIT):
            return 0
        match = _DAYS.fullmatch(text)
        if match:
            return int(match.group(1))
        self.bad(key, f"must be working days (a number, or 即办), not {text!r}" if text
                 else "must not be empty")
        return None

    def amount(self, key: str) -> float | None:
        value = self.values.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
            return float(value)
        text = _text(value).removesuffix("元")
        try:
            amount = float(text)
        except ValueError:
            amount = -1.0
        if amount >= 0:
            return amount
        self.bad(key, f"must be an amount in yuan, not {_text(value)!r}" if text
                 else "must not be empty")
        return None


def _rows(reader: _Reader, sheets: Mapping[str, list[list[Any]]], name: str) -> list[_Cells]:
    title, rows = reader.table(sheets, name)
    return [_Cells(reader, title, number, values) for number, values in rows]


# ---- building the document ----------------------------------------------------------------


@dataclass
class _Origin:
    """Where each part of the document came from, to name a model's complaint by cell."""

    services: list[_Cells] = field(default_factory=list)
    materials: dict[str, list[_Cells]] = field(default_factory=dict)
    fees: dict[str, list[_Cells]] = field(default_factory=dict)
    departments: list[_Cells] = field(default_factory=list)
    events: list[_Cells] = field(default_factory=list)
    forms: dict[str, Path] = field(default_factory=dict)


def _en(cells: _Cells, zh: str, key: str) -> str:
    return cells.text(key) or zh


def _info(reader: _Reader, sheets: Mapping[str, list[list[Any]]], version: int | None) -> dict[
    str, Any
]:
    out: dict[str, Any] = {}
    title = reader.mapping.sheet("info")
    rows = _rows(reader, sheets, "info") if title in sheets or version is None else []
    for cells in rows:
        item = cells.text("item")
        key = INFO_ITEMS.get(item)
        if key is None:
            continue
        if key == "version":
            v = cells.values.get("value")
            if isinstance(v, int) and not isinstance(v, bool) and v >= 1:
                out["version"] = v
            elif isinstance(v, str) and v.isdigit() and int(v) >= 1:
                out["version"] = int(v)
            else:
                cells.bad("value", f"清单版本 must be a whole number of at least 1, not {v!r}")
        else:
            out[key] = cells.text("value")
    if version is not None:
        out["version"] = version
    elif "version" not in out and title in sheets:
        reader.problem(title, 0, "", "清单版本 is missing")
    return out


def _form(cells: _Cells, base: Path, origin: _Origin, code: str) -> list[Any]:
    name = cells.text("form")
    if not name:
        return []
    path = (base / name).resolve()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        cells.bad("form", f"form file {name} cannot be read")
        return []
    except ValueError as exc:
        cells.bad("form", f"form file {name} is not valid JSON: {exc}")
        return []
    fields = data.get("fields") if isinstance(data, dict) else None
    if not isinstance(fields, list) or not fields:
        cells.bad("form", f"form file {name} has no \"fields\" list")
        return []
    origin.forms[code] = Path(name)
    return fields


def _service(
    cells: _Cells, deps: Mapping[str, str], events: Mapping[str, str], base: Path, origin: _Origin
) -> dict[str, Any]:
    code = cells.text("code", True)
    name_zh = cells.text("name_zh", True)
    summary = cells.text("summary_zh", True)
    dep = cells.text("department", True)
    if dep and dep not in deps:
        cells.bad("department", f"unknown department {dep!r} (not in the 部门 sheet)")
    channels = [
        c
        for c, key, default in (
            (Channel.KIOSK, "kiosk", False),
            (Channel.WEB, "web", False),
            (Channel.APP, "app", False),
            (Channel.COUNTER, "counter", False),
        )
        if cells.flag(key, default)
    ]
    if not channels:
        cells.bad("kiosk", "needs at least one channel (自助办, 网办, 掌上办 or 窗口办)")
    categories = []
    for word in _words(cells.values.get("categories")):
        if word in CATEGORIES:
            categories.append(CATEGORIES[word])
        else:
            cells.bad("categories", f"must be 自然人 or 法人, not {word!r}")
    life_events = []
    for word in _words(cells.values.get("life_events")):
        if word in events:
            life_events.append(events[word])
        else:
            cells.bad("life_events", f"unknown theme {word!r} (not in the 主题 sheet)")
    doc: dict[str, Any] = {
        "code": code,
        "version": cells.count("version", 1),
        "name_zh": name_zh,
        "name_en": _en(cells, name_zh, "name_en"),
        "department": deps.get(dep, dep),
        "service_type": cells.pick("service_type", SERVICE_TYPES),
        "summary_zh": summary,
        "summary_en": _en(cells, summary, "summary_en"),
        "name_ug": cells.text("name_ug"),  # Uyghur: the Chinese is shown where it is empty
        "summary_ug": cells.text("summary_ug"),
        "categories": list(dict.fromkeys(categories)),
        "life_events": life_events,
        "legal_days": cells.days("legal_days"),
        "promised_days": cells.days("promised_days"),
        "channels": channels,
        "needs_online": cells.flag("needs_online"),
        "identity": cells.pick("identity", IDENTITIES, IdentityRequirement.CARD),
        "where_zh": cells.text("where_zh"),
        "where_en": _en(cells, cells.text("where_zh"), "where_en"),
        "keywords": _words(cells.values.get("keywords")),
        "kiosk_help_zh": cells.text("kiosk_help_zh"),
        "kiosk_help_en": _en(cells, cells.text("kiosk_help_zh"), "kiosk_help_en"),
        "form": _form(cells, base, origin, code),
    }
    if Channel.KIOSK in channels and not cells.text("form"):
        cells.bad("form", "a service done at the kiosk (是否自助办 是) needs its form file")
    if Channel.KIOSK not in channels and "kiosk_help_zh" in cells.values:
        if not doc["kiosk_help_zh"]:
            cells.bad("kiosk_help_zh", "say what the kiosk can do for a service it does not take")
    return doc


def _material(cells: _Cells) -> dict[str, Any]:
    name = cells.text("name_zh", True)
    required = cells.pick("required", NEEDED, True)
    condition = cells.text("condition_zh")
    if required is False and not condition:
        cells.bad("condition_zh", "a material needed only in some cases says in which (情形说明)")
    notes = cells.text("notes_zh")
    return {
        "name_zh": name,
        "name_en": _en(cells, name, "name_en"),
        "form": cells.pick("form", MATERIAL_FORMS, MaterialForm.ORIGINAL),
        "count": cells.count("count", 1),
        "required": required,
        "condition_zh": condition,
        "condition_en": _en(cells, condition, "condition_en") if condition else "",
        "notes_zh": notes,
        "notes_en": _en(cells, notes, "notes_en") if notes else "",
        "code": cells.text("code"),
    }


def _fee(cells: _Cells) -> dict[str, Any]:
    item = cells.text("item_zh", True)
    basis = cells.text("basis_zh")
    return {
        "item_zh": item,
        "item_en": _en(cells, item, "item_en"),
        "amount_yuan": cells.amount("amount_yuan"),
        "basis_zh": basis,
        "basis_en": _en(cells, basis, "basis_en") if basis else "",
    }


def _keyed(
    rows: Iterable[_Cells], build: Callable[[_Cells], dict[str, Any]], codes: set[str]
) -> dict[str, list[tuple[_Cells, dict[str, Any]]]]:
    out: dict[str, list[tuple[_Cells, dict[str, Any]]]] = {}
    for cells in rows:
        code = cells.text("service", True)
        if code and code not in codes:
            cells.bad("service", f"no service {code!r} in the 事项 sheet")
        out.setdefault(code, []).append((cells, build(cells)))
    return out


def build_document(
    sheets: Mapping[str, list[list[Any]]],
    base: Path,
    mapping: SheetMapping | None = None,
    version: int | None = None,
) -> tuple[dict[str, Any], _Origin, _Reader]:
    """The catalog document of a workbook's sheets, where it came from, and its cell problems."""
    reader = _Reader(mapping or SheetMapping())
    origin = _Origin()
    doc = _info(reader, sheets, version)
    deps: dict[str, str] = {}  # a department by its id or its name -> its id
    departments = []
    for cells in _rows(reader, sheets, "departments"):
        dep_id, name = cells.text("id", True), cells.text("name_zh", True)
        deps[dep_id] = deps[name] = dep_id
        departments.append(
            {"id": dep_id, "name_zh": name, "name_en": _en(cells, name, "name_en"),
             "name_ug": cells.text("name_ug")}
        )
        origin.departments.append(cells)
    events: dict[str, str] = {}
    life_events = []
    for cells in _rows(reader, sheets, "life_events"):
        ev_id, name = cells.text("id", True), cells.text("name_zh", True)
        events[ev_id] = events[name] = ev_id
        life_events.append(
            {"id": ev_id, "name_zh": name, "name_en": _en(cells, name, "name_en"),
             "name_ug": cells.text("name_ug"), "glyph": cells.text("glyph")}
        )
        origin.events.append(cells)
    services: list[dict[str, Any]] = []
    first_row: dict[str, int] = {}
    for cells in _rows(reader, sheets, "services"):
        service = _service(cells, deps, events, base, origin)
        code = service["code"]
        if code in first_row:
            cells.bad("code", f"事项编码 {code} is also on row {first_row[code]}")
        elif code:
            first_row[code] = cells.row
            origin.services.append(cells)
            services.append(service)
    codes = set(first_row)
    materials = _keyed(_rows(reader, sheets, "materials"), _material, codes)
    fees = _keyed(_rows(reader, sheets, "fees"), _fee, codes)
    for service, cells in zip(services, origin.services, strict=True):
        code = service["code"]
        origin.materials[code] = [c for c, _ in materials.get(code, [])]
        origin.fees[code] = [c for c, _ in fees.get(code, [])]
        service["materials"] = [m for _, m in materials.get(code, [])]
        service["fees"] = [f for _, f in fees.get(code, [])]
        charged = cells.flag("charged")
        if charged and not service["fees"]:
            cells.bad("charged", "是否收费 is 是 but the 收费 sheet has no fee for this service")
        elif not charged and any(f["amount_yuan"] for f in service["fees"]):
            cells.bad("charged", "是否收费 is 否 but the 收费 sheet lists a fee for this service")
    synonyms = []
    synonym_title = reader.mapping.sheet("synonyms")
    for number, cells_ in enumerate(sheets.get(synonym_title, [])[1:], start=2):
        words = [_text(c) for c in cells_ if _text(c)]
        if len(words) == 1:
            reader.problem(synonym_title, number, "", "a group of synonyms needs two words or more")
        elif words:
            synonyms.append(words)
    doc.update(
        departments=departments, life_events=life_events, services=services, synonyms=synonyms
    )
    return doc, origin, reader


# ---- the model's complaints, by cell -------------------------------------------------------

_PART = re.compile(r"(materials|fees|form)\[(\d+)\](?:\.(\w+))?")
_TOP = re.compile(r"(services|departments|life_events)\[(\d+)\](?:\.(\w+))?(.*)")


def _locate(
    reader: _Reader, origin: _Origin, code: str, path: str, message: str
) -> SheetProblem | None:
    by_code = {c.text("code"): c for c in origin.services}
    cells: _Cells | None = by_code.get(code) if code else None
    rest = path
    if cells is None:
        match = _TOP.fullmatch(path)
        if match is None:
            reader.problem(reader.mapping.sheet("info"), 0, "", f"{path}: {message}")
            return None
        part, index, key, tail = match.group(1), int(match.group(2)), match.group(3), match.group(4)
        rows = {"services": origin.services, "departments": origin.departments,
                "life_events": origin.events}[part]
        if index >= len(rows):
            return None
        if part != "services":
            rows[index].bad(key or "id", message)
            return None
        cells, rest = rows[index], (key or "") + tail
    part_match = _PART.match(rest)
    if part_match:
        part, index, key = part_match.group(1), int(part_match.group(2)), part_match.group(3)
        if part == "form":
            form = origin.forms.get(cells.text("code"), Path("form"))
            cells.bad("form", f"{form}: {rest}: {message}")
            return None
        rows = (origin.materials if part == "materials" else origin.fees).get(
            cells.text("code"), []
        )
        if index < len(rows):
            rows[index].bad(key or "name_zh", message)
            return None
    key = rest.split(".")[0].split("[")[0]
    cells.bad(_SERVICE_FIELD_COLUMN.get(key, key), message)
    return None


def read_sheet_catalog(
    path: Path, mapping: SheetMapping | None = None, version: int | None = None
) -> Catalog:
    """The catalog of a county's service list (``.xlsx`` or ``.csv``); raises
    ``SheetInvalid`` with every problem, so nothing is ever half-imported.

    ``version``: the catalog's version when the list does not say (or to override it).
    """
    mapping = mapping or SheetMapping()
    if path.suffix.lower() == ".csv":
        sheets = _read_csv(path, mapping)
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        if not path.exists():
            raise ValidationError(
                f"{path}: no such file", key="error.catalog.read", file=str(path)
            )
        sheets = _read_xlsx(path)
    else:
        raise ValidationError(
            f"{path}: a service list is an .xlsx workbook or a .csv file",
            key="error.catalog.sheet_kind",
            file=str(path),
        )
    doc, origin, reader = build_document(sheets, path.parent, mapping, version)
    if reader.structure:  # every row would miss the same cell: name the columns only
        raise SheetInvalid(reader.structure)
    catalog: Catalog | None = None
    try:
        catalog = Catalog.model_validate(doc)
    except PydanticError as exc:
        found = problems_of(exc, doc)
        if not any(e["type"] == REFERENCES for e in exc.errors()):
            found += raw_reference_problems(doc)
        cell_problems = {(p.sheet, p.row, p.column) for p in reader.problems}
        before = len(reader.problems)
        for code, where, message in found:
            _locate(reader, origin, code, where, message)
        # a cell already reported (an empty name, a bad number) is not reported twice
        extra = reader.problems[before:]
        reader.problems[before:] = [
            p for p in extra if (p.sheet, p.row, p.column) not in cell_problems
        ]
    if reader.problems or catalog is None:
        raise SheetInvalid(reader.problems or [SheetProblem(path.name, 0, "", "cannot be read")])
    return catalog
