"""The cells of a county's service list, read once and judged one by one.

A workbook (openpyxl, read-only) or CSV files become rows of cells by header;
each cell is parsed (yes/no, working days, yuan, closed values) and a bad one is
recorded as a problem at its sheet, row and column instead of stopping the read,
so the clerk gets every problem of the list at once.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from kiosk.catalog.sheet_format import (
    COLUMNS,
    DAYS,
    NO,
    NO_LIMIT,
    ON_THE_SPOT,
    OPTIONAL_SHEETS,
    SHEETS,
    SPLIT,
    YES,
    SheetMapping,
    SheetProblem,
)
from kiosk.errors import ValidationError

Rows = list[tuple[int, list[Any]]]  # (row number on screen, cells), header row excluded


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def read_xlsx(path: Path) -> dict[str, list[list[Any]]]:
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


def read_csv_file(path: Path) -> list[list[Any]]:
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


def read_csv(path: Path, mapping: SheetMapping) -> dict[str, list[list[Any]]]:
    """The given file is the services sheet; ``<stem>.<sheet>.csv`` beside it the others."""
    try:
        sheets = {mapping.sheet("services"): read_csv_file(path)}
        for name in SHEETS:
            title = mapping.sheet(name)
            other = path.with_name(f"{path.stem}.{title}.csv")
            if name != "services" and other.exists():
                sheets[title] = read_csv_file(other)
    except OSError as exc:
        raise ValidationError(
            f"{path}: cannot read: {exc}", key="error.catalog.read", file=str(path)
        ) from exc
    return sheets


class Reader:
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
        locals_ = [self.mapping.header(name, col.header) for col in COLUMNS[name]]
        first = _header_row(rows, set(locals_))
        header = [str(h).strip() if h is not None else "" for h in (rows[first] if rows else [])]
        positions: dict[str, int] = {}
        for i, h in enumerate(header):
            if h:
                self.letters[(title, h)] = get_column_letter(i + 1)
                if h in positions:
                    self.problem(title, first + 1, h, "header appears twice")
                positions.setdefault(h, i)
        wanted: dict[str, tuple[int, str]] = {}
        for col, local in zip(COLUMNS[name], locals_, strict=True):
            if local in positions:
                wanted[col.key] = (positions[local], local)
            elif col.required:
                self.structure.append(SheetProblem(title, first + 1, local, "column is missing"))
        out = []
        for number, cells in enumerate(rows[first + 1 :], start=first + 2):
            if all(c is None or c == "" for c in cells):
                continue
            values: dict[str, Any] = {}
            for key, (pos, local) in wanted.items():
                value = cells[pos] if pos < len(cells) else None
                values[key] = self.mapping.values.get(local, {}).get(str(value), value)
                values["@" + key] = local  # the header, to name the cell in a problem
            out.append((number, values))
        return title, out


def _header_row(rows: list[list[Any]], headers: set[str], within: int = 10) -> int:
    """The row of the headers: counties often put the list's title (and a date) above
    them, so the first of the top rows that holds the most known headers."""
    best, best_count = 0, 0
    for i, row in enumerate(rows[:within]):
        count = sum(1 for c in row if isinstance(c, str) and c.strip() in headers)
        if count > best_count:
            best, best_count = i, count
    return best


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value).strip()


def words(value: Any) -> list[str]:
    return [w.strip() for w in SPLIT.split(cell_text(value)) if w.strip()]


@dataclass
class Cells:
    """The cells of one row, each parsed once; a bad cell is a problem, not an exception."""

    reader: Reader
    sheet: str
    row: int
    values: dict[str, Any]

    def header(self, key: str) -> str:
        return str(self.values.get("@" + key, key))

    def bad(self, key: str, message: str) -> None:
        self.reader.problem(self.sheet, self.row, self.header(key), message)

    def text(self, key: str, required: bool = False) -> str:
        value = cell_text(self.values.get(key))
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
        text = cell_text(value)
        if text in ON_THE_SPOT or (key == "legal_days" and text in NO_LIMIT):
            return 0
        match = DAYS.fullmatch(text)
        if match:
            return int(match.group(1))
        self.bad(key, f"must be working days (a number, or 即办), not {text!r}" if text
                 else "must not be empty")
        return None

    def amount(self, key: str) -> float | None:
        value = self.values.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
            return float(value)
        text = cell_text(value).removesuffix("元")
        try:
            amount = float(text)
        except ValueError:
            amount = -1.0
        if amount >= 0:
            return amount
        self.bad(key, f"must be an amount in yuan, not {cell_text(value)!r}" if text
                 else "must not be empty")
        return None


def rows_of(reader: Reader, sheets: Mapping[str, list[list[Any]]], name: str) -> list[Cells]:
    title, rows = reader.table(sheets, name)
    return [Cells(reader, title, number, values) for number, values in rows]
