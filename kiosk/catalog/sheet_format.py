"""The words of a county's service list: sheet titles, the national column headers,
their closed values, a county's own names for them (the mapping file), and the
problem a clerk reads (sheet, row, column). ``kiosk.catalog.sheet`` reads a
workbook in these words; ``assets/catalog/build_sheet.py`` writes one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.catalog.kinds import Category, IdentityRequirement, MaterialForm, ServiceType
from kiosk.errors import ValidationError

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
DAYS = re.compile(r"(\d+)\s*(个工作日|工作日|日|天)?")
SPLIT = re.compile(r"[、;；\n]+")


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
