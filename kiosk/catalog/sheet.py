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

One module because it is one reading pass, sheet by sheet, whose problems must
all be gathered before anything is imported; the words of the list and its
cells are already sheet_format.py and sheet_cells.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticError

from kiosk.catalog.kinds import Channel, IdentityRequirement, MaterialForm
from kiosk.catalog.model import Catalog, Service
from kiosk.catalog.problems import REFERENCES, problems_of, raw_reference_problems
from kiosk.catalog.sheet_cells import (
    Cells,
    Reader,
    cell_text,
    read_csv,
    read_xlsx,
    rows_of,
    words,
)
from kiosk.catalog.sheet_format import (
    CATEGORIES,
    DEPARTMENT_COLUMNS,
    EVENT_COLUMNS,
    FEE_COLUMNS,
    IDENTITIES,
    INFO_COLUMNS,
    INFO_ITEMS,
    MATERIAL_COLUMNS,
    MATERIAL_FORMS,
    NEEDED,
    SERVICE_COLUMNS,
    SERVICE_TYPES,
    SHEETS,
    SheetInvalid,
    SheetMapping,
    SheetProblem,
    load_mapping,
)
from kiosk.errors import ValidationError

__all__ = [
    "DEPARTMENT_COLUMNS",
    "EVENT_COLUMNS",
    "FEE_COLUMNS",
    "INFO_COLUMNS",
    "MATERIAL_COLUMNS",
    "SERVICE_COLUMNS",
    "SHEETS",
    "SheetInvalid",
    "SheetMapping",
    "SheetProblem",
    "load_mapping",
    "read_sheet_catalog",
]

# a model field -> the column (its key) it is made from, where the names differ
_SERVICE_FIELD_COLUMN = {"channels": "kiosk", "fees": "charged", "materials": "code"}

# ---- building the document ----------------------------------------------------------------


@dataclass
class _Origin:
    """Where each part of the document came from, to name a model's complaint by cell."""

    services: list[Cells] = field(default_factory=list)
    materials: dict[str, list[Cells]] = field(default_factory=dict)
    fees: dict[str, list[Cells]] = field(default_factory=dict)
    departments: list[Cells] = field(default_factory=list)
    events: list[Cells] = field(default_factory=list)
    forms: dict[str, Path] = field(default_factory=dict)


def _en(cells: Cells, zh: str, key: str) -> str:
    return cells.text(key) or zh


def _info(reader: Reader, sheets: Mapping[str, list[list[Any]]], version: int | None) -> dict[
    str, Any
]:
    out: dict[str, Any] = {}
    title = reader.mapping.sheet("info")
    rows = rows_of(reader, sheets, "info") if title in sheets or version is None else []
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


def _form(cells: Cells, base: Path, origin: _Origin, code: str) -> list[Any]:
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
    cells: Cells, deps: Mapping[str, str], events: Mapping[str, str], base: Path, origin: _Origin
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
    for word in words(cells.values.get("categories")):
        if word in CATEGORIES:
            categories.append(CATEGORIES[word])
        else:
            cells.bad("categories", f"must be 自然人 or 法人, not {word!r}")
    life_events = []
    for word in words(cells.values.get("life_events")):
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
        "keywords": words(cells.values.get("keywords")),
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


def _material(cells: Cells) -> dict[str, Any]:
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


def _fee(cells: Cells) -> dict[str, Any]:
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
    rows: Iterable[Cells], build: Callable[[Cells], dict[str, Any]], codes: set[str]
) -> dict[str, list[tuple[Cells, dict[str, Any]]]]:
    out: dict[str, list[tuple[Cells, dict[str, Any]]]] = {}
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
) -> tuple[dict[str, Any], _Origin, Reader]:
    """The catalog document of a workbook's sheets, where it came from, and its cell problems."""
    reader = Reader(mapping or SheetMapping())
    origin = _Origin()
    doc = _info(reader, sheets, version)
    deps: dict[str, str] = {}  # a department by its id or its name -> its id
    departments = []
    for cells in rows_of(reader, sheets, "departments"):
        dep_id, name = cells.text("id", True), cells.text("name_zh", True)
        deps[dep_id] = deps[name] = dep_id
        departments.append(
            {"id": dep_id, "name_zh": name, "name_en": _en(cells, name, "name_en"),
             "name_ug": cells.text("name_ug")}
        )
        origin.departments.append(cells)
    events: dict[str, str] = {}
    life_events = []
    for cells in rows_of(reader, sheets, "life_events"):
        ev_id, name = cells.text("id", True), cells.text("name_zh", True)
        events[ev_id] = events[name] = ev_id
        life_events.append(
            {"id": ev_id, "name_zh": name, "name_en": _en(cells, name, "name_en"),
             "name_ug": cells.text("name_ug"), "glyph": cells.text("glyph")}
        )
        origin.events.append(cells)
    services: list[dict[str, Any]] = []
    first_row: dict[str, int] = {}
    for cells in rows_of(reader, sheets, "services"):
        service = _service(cells, deps, events, base, origin)
        code = service["code"]
        if code in first_row:
            cells.bad("code", f"事项编码 {code} is also on row {first_row[code]}")
        elif code:
            first_row[code] = cells.row
            origin.services.append(cells)
            services.append(service)
    codes = set(first_row)
    materials = _keyed(rows_of(reader, sheets, "materials"), _material, codes)
    fees = _keyed(rows_of(reader, sheets, "fees"), _fee, codes)
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
        group = [cell_text(c) for c in cells_ if cell_text(c)]
        if len(group) == 1:
            reader.problem(synonym_title, number, "", "a group of synonyms needs two words or more")
        elif group:
            synonyms.append(group)
    doc.update(
        departments=departments, life_events=life_events, services=services, synonyms=synonyms
    )
    return doc, origin, reader


# ---- the model's complaints, by cell -------------------------------------------------------

_PART = re.compile(r"(materials|fees|form)\[(\d+)\](?:\.(\w+))?")
_TOP = re.compile(r"(services|departments|life_events)\[(\d+)\](?:\.(\w+))?(.*)")


def _locate(
    reader: Reader, origin: _Origin, code: str, path: str, message: str
) -> SheetProblem | None:
    by_code = {c.text("code"): c for c in origin.services}
    cells: Cells | None = by_code.get(code) if code else None
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
    path: Path,
    mapping: SheetMapping | None = None,
    version: int | None = None,
    stored: Callable[[str, int], Service | None] | None = None,
) -> Catalog:
    """The catalog of a county's service list (``.xlsx`` or ``.csv``); raises
    ``SheetInvalid`` with every problem, so nothing is ever half-imported.

    ``version``: the catalog's version when the list does not say (or to override it).
    ``stored``: the kiosk's copy of a service at a version, if it has one. A kiosk
    keeps every version it imported (applications in progress refer to them) and
    never rewrites one, so a service edited in the sheet without raising its
    事项版本 would silently stay as it was: that is a problem at its 事项版本 cell.
    """
    mapping = mapping or SheetMapping()
    if path.suffix.lower() == ".csv":
        sheets = read_csv(path, mapping)
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        if not path.exists():
            raise ValidationError(
                f"{path}: no such file", key="error.catalog.read", file=str(path)
            )
        sheets = read_xlsx(path)
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
    if catalog is not None and stored is not None:
        for service, cells in zip(catalog.services, origin.services, strict=True):
            kept = stored(service.code, service.version)
            if kept is not None and kept != service:
                cells.bad(
                    "version",
                    f"the service changed but 事项版本 is still {service.version}"
                    f" (kiosks keep that version as it was): raise it to {service.version + 1}",
                )
    if reader.problems or catalog is None:
        raise SheetInvalid(reader.problems or [SheetProblem(path.name, 0, "", "cannot be read")])
    return catalog
