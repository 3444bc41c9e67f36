"""A catalog's problems as an operator reads them: (service code, field path, message).

pydantic checks the document (``kiosk.catalog.model``) and reports errors by
location (``("services", 3, "form", 2, "options")``) in its own words. A
platform operator fixing a catalog wants the service code, the path inside
that service and a short sentence, for *every* problem at once, so this
module turns pydantic's errors into that list and raises it as one
``CatalogInvalid``.

Rules that span one model (a select needs options, promised days within
legal days) raise ``rule``/``rules`` errors that carry their own field and
message; rules that span the whole document (unique codes, known departments)
are ``reference_problems``, run on the models when every part is valid and on
the raw document otherwise, so a broken service never hides a dangling
reference elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError as PydanticError
from pydantic_core import PydanticCustomError

from kiosk.errors import ValidationError

Problem = tuple[str, str, str]  # (service code or "", field path, message)
RULES = "catalog_rules"  # an error type of ours: ctx["problems"] holds (field, message)
REFERENCES = "catalog_references"  # ctx["problems"] holds whole Problem tuples

_MESSAGES = {
    "missing": "is missing",
    "string_type": "must be a string",
    "string_too_short": "must not be empty",
    "int_type": "must be an integer",
    "int_parsing": "must be an integer",
    "int_from_float": "must be an integer",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
}


class CatalogInvalid(ValidationError):
    """A catalog document that breaks the format; lists every problem found."""

    key = "error.catalog.invalid"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = [
            (f"service {code}: {path}: {msg}" if code else f"{path}: {msg}")
            for code, path, msg in problems
        ]
        first_code, first_path, _ = problems[0]
        super().__init__(
            "; ".join(lines),
            field=f"{first_code}.{first_path}" if first_code else first_path,
            count=len(problems),
            code=first_code,
            path=first_path,
        )
        self.messages = lines


def rule(message: str, field: str = "") -> PydanticCustomError:
    """One broken rule of a model, at ``field`` below the model (or the model itself)."""
    return rules([(field, message)])


def rules(found: Sequence[tuple[str, str]]) -> PydanticCustomError:
    """Every broken rule of one model at once: (field below the model, message)."""
    return PydanticCustomError(
        RULES, "{summary}", {"problems": list(found), "summary": "; ".join(m for _, m in found)}
    )


def references(found: Sequence[Problem]) -> PydanticCustomError:
    return PydanticCustomError(
        REFERENCES, "{summary}", {"problems": list(found), "summary": f"{len(found)} problems"}
    )


def _path(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part:
            out += f".{part}" if out else part
    return out


def _message(error: Mapping[str, Any]) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind == "greater_than_equal":
        return "must not be negative" if ctx.get("ge") == 0 else f"must be at least {ctx['ge']}"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return "must not be empty" if n == 1 else f"must have at least {n} items"
    if kind == "enum":
        allowed = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"must be one of {allowed}, not {error.get('input')!r}"
    return str(error.get("msg", kind))


def _code_of(service: Any) -> str:
    code = service.get("code") if isinstance(service, Mapping) else None
    return code.strip() if isinstance(code, str) else ""


def _entries(value: Any) -> list[tuple[int, Mapping[str, Any]]]:
    """(index, object) of a raw list, skipping what is not an object."""
    items = value if isinstance(value, list | tuple) else []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, Mapping)]


def problems_of(exc: PydanticError, document: Any, *, service: bool = False) -> list[Problem]:
    """pydantic's errors as problems; ``service``: ``document`` is one service alone."""
    raw = document.get("services") if isinstance(document, Mapping) else None
    services: list[Any] = raw if isinstance(raw, list) else []
    errors = exc.errors(include_url=False)
    inside = {tuple(e["loc"][:-1]) for e in errors if e["loc"]}
    out: list[Problem] = []
    for error in errors:
        loc = list(error["loc"])
        if error["type"] == "too_short" and tuple(loc) in inside:
            continue  # a list whose items failed is not also "empty"
        code = ""
        if service:
            code = _code_of(document)
            where = _path(loc) if code else _path(["services", 0, *loc])
        elif len(loc) >= 2 and loc[0] == "services" and isinstance(loc[1], int):
            index = loc[1]
            code = _code_of(services[index] if index < len(services) else None)
            where = _path(loc[2:]) if code else _path(loc)
        else:
            where = _path(loc)
        ctx = error.get("ctx") or {}
        if error["type"] == REFERENCES:
            out.extend(ctx["problems"])
        elif error["type"] == RULES:
            for field, message in ctx["problems"]:
                out.append((code, _path([where, field]) if field else where, message))
        else:
            out.append((code, where, _message(error)))
    return out


def reference_problems(
    departments: Sequence[str],
    life_events: Sequence[str],
    services: Sequence[tuple[str, str, Sequence[str]]],
) -> list[Problem]:
    """Whole-document rules: unique ids and codes, departments and events that exist.

    ``services``: (code, department, life events) of each service, in order.
    """
    out: list[Problem] = []
    for where, ids in (("departments", departments), ("life_events", life_events)):
        seen: set[str] = set()
        for i, value in enumerate(ids):
            if value in seen:
                out.append(("", f"{where}[{i}].id", f"duplicate id {value!r}"))
            seen.add(value)
    known_deps, known_events = set(departments), set(life_events)
    codes: set[str] = set()
    for code, department, events in services:
        if code and code in codes:
            out.append((code, "code", "is used by more than one service"))
        codes.add(code)
        if department and department not in known_deps:
            out.append((code, "department", f"unknown department {department!r}"))
        for i, event in enumerate(events):
            if event not in known_events:
                out.append((code, f"life_events[{i}]", f"unknown life event {event!r}"))
    return out


def raw_reference_problems(document: Any) -> list[Problem]:
    """``reference_problems`` of a document that did not validate: what can be read of it."""
    if not isinstance(document, Mapping):
        return []

    def text(value: Any) -> str:
        return value.strip() if isinstance(value, str) else ""

    def ids(key: str) -> list[str]:
        return [text(item.get("id")) for _, item in _entries(document.get(key))]

    services = []
    for _, item in _entries(document.get("services")):
        events = item.get("life_events")
        names = [text(e) for e in events] if isinstance(events, list) else []
        services.append((_code_of(item), text(item.get("department")), [e for e in names if e]))
    return reference_problems(ids("departments"), ids("life_events"), services)
