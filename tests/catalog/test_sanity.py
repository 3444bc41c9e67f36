"""Catalog sanity (issue 15): patterns run by RE2 in linear time, what RE2 cannot run
refused at import, versions and lengths bounded so an import stays linear."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from kiosk.catalog.files import parse_catalog
from kiosk.catalog.model import MAX_NAME, MAX_VERSION, CatalogInvalid, FieldType, FormField
from kiosk.catalog.store import CatalogStore
from kiosk.errors import ValidationError
from kiosk.forms import validate_field
from kiosk.storage import Storage


def _field(pattern: str) -> dict[str, Any]:
    return {"id": "account", "type": "text", "label_zh": "账号", "label_en": "Account",
            "pattern": pattern}  # fmt: skip


def _with_field(sample_dict: dict[str, Any], pattern: str) -> dict[str, Any]:
    doc = copy.deepcopy(sample_dict)
    doc["services"][0]["form"] = [*doc["services"][0].get("form", []), _field(pattern)]
    return doc


def _problems(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    with pytest.raises(CatalogInvalid) as info:
        parse_catalog(json.dumps(doc, ensure_ascii=False))
    return [(str(c), str(p), str(m)) for c, p, m in info.value.problems]


@pytest.mark.timeout(60)  # Python's re needs hours for this: the test fails, it does not hang
def test_a_backtracking_pattern_runs_in_linear_time() -> None:
    spec = FormField.model_validate(_field("(a+)+$"))
    assert validate_field(spec, "a" * 30) == "a" * 30
    with pytest.raises(ValidationError) as info:
        validate_field(spec, "a" * 64 + "!")  # 0.76 s at 24 characters, doubling every 2
    assert info.value.key == "form.error.pattern"


@pytest.mark.parametrize(
    "pattern", [r"(a)\1", r"(?=a)a", r"(?<!b)a", "(a{999}){999}", "x" * 501, "(unclosed"]
)
def test_what_re2_cannot_run_is_refused_at_import(
    sample_dict: dict[str, Any], pattern: str
) -> None:
    found = _problems(_with_field(sample_dict, pattern))
    code = sample_dict["services"][0]["code"]
    assert any(c == code and "pattern" in path for c, path, _ in found), found


def test_the_sample_patterns_run_under_re2(sample_dict: dict[str, Any]) -> None:
    catalog = parse_catalog(json.dumps(sample_dict, ensure_ascii=False))
    phone = next(f for s in catalog.services for f in s.form if f.pattern == r"1[3-9]\d{9}")
    assert validate_field(phone, "13800138000") == "13800138000"
    with pytest.raises(ValidationError):
        validate_field(phone, "12800138000")
    assert phone.type is FieldType.PHONE


@pytest.mark.parametrize("version", [MAX_VERSION + 1, 10**40])
def test_a_version_past_the_bound_is_refused(sample_dict: dict[str, Any], version: int) -> None:
    for where in ("catalog", "service"):
        doc = copy.deepcopy(sample_dict)
        if where == "catalog":
            doc["version"] = version
        else:
            doc["services"][0]["version"] = version
        found = _problems(doc)
        assert any(path.endswith("version") for _c, path, _m in found), found


@pytest.mark.timeout(60)  # it took over 120 s before the bound
def test_a_two_million_character_name_is_refused_at_once(sample_dict: dict[str, Any]) -> None:
    doc = copy.deepcopy(sample_dict)
    doc["services"][0]["name_zh"] = "身" * 2_000_000
    doc["services"][1]["keywords"] = ["证" * (MAX_NAME + 1)]
    doc["synonyms"] = [["医保", "医" * (MAX_NAME + 1)]]
    doc["services"][2]["summary_zh"] = "长" * 100_000
    found = _problems(doc)
    paths = {(c, p) for c, p, _ in found}
    s = doc["services"]
    assert (s[0]["code"], "name_zh") in paths, found
    assert any(c == s[1]["code"] and p.startswith("keywords") for c, p in paths), found
    assert any(c == s[2]["code"] and p.startswith("summary_zh") for c, p in paths), found
    assert any(p.startswith("synonyms") for _c, p in paths), found


def test_a_name_at_the_bound_imports(sample_dict: dict[str, Any], storage: Storage) -> None:
    doc = copy.deepcopy(sample_dict)
    doc["services"][0]["name_zh"] = "办" * MAX_NAME
    store = CatalogStore(storage)
    try:
        store.import_catalog(parse_catalog(json.dumps(doc, ensure_ascii=False)))
        assert store.service(doc["services"][0]["code"]).name_zh == "办" * MAX_NAME
    finally:
        store.close()
