"""The catalog format: round trip, and refusal that names service code and field."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.catalog.files import parse_catalog
from kiosk.catalog.model import Catalog, CatalogInvalid, FieldType, PrefillSource, Service
from kiosk.errors import ValidationError
from kiosk.identity import Identity


def test_sample_is_large_and_bilingual(sample: Catalog) -> None:
    assert len(sample.services) >= 60
    assert len({s.department for s in sample.services}) >= 10
    complete = [s for s in sample.services if len(s.form) >= 6]
    assert len(complete) >= 10
    assert any(s.needs_online and "打印" in s.name_zh for s in sample.services)
    for s in sample.services:
        assert s.name_zh and s.name_en and s.summary_zh and s.summary_en
        assert all(m.name_en for m in s.materials)


def test_round_trip_is_lossless(sample: Catalog) -> None:
    again = Catalog.from_dict(sample.model_dump(mode="json", exclude_none=True))
    assert again == sample
    for s in sample.services:
        assert Service.from_dict(s.model_dump(mode="json", exclude_none=True)) == s


def test_prefill_sources_are_identity_attributes() -> None:
    identity_fields = set(Identity.__dataclass_fields__) | {"nation", "phone"}
    assert {p.value for p in PrefillSource} <= identity_fields


def test_every_field_type_appears_in_the_sample(sample: Catalog) -> None:
    used = {f.type for s in sample.services for f in s.form}
    assert used == set(FieldType)


def _break(doc: dict[str, Any], code: str, **changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    service = next(s for s in doc["services"] if s["code"] == code)
    service.update(changes)
    return doc


def test_problems_name_service_code_and_field(sample_dict: dict[str, Any]) -> None:
    doc = _break(sample_dict, "GA0101", service_type="permit", legal_days="sixty")
    form = doc["services"][0]["form"]
    form[2]["options"] = []
    doc = _break(doc, "MZ0301", department="nowhere")
    with pytest.raises(CatalogInvalid) as info:
        Catalog.from_dict(doc)
    messages = info.value.messages
    assert any(m.startswith("service GA0101: service_type") for m in messages)
    assert any(m.startswith("service GA0101: legal_days") for m in messages)
    assert any(m.startswith("service GA0101: form[2].options") for m in messages)
    assert any(m.startswith("service MZ0301: department") for m in messages)
    assert isinstance(info.value, ValidationError)
    assert info.value.field == "GA0101.service_type"


def test_duplicate_code_and_bad_pattern_are_refused(sample_dict: dict[str, Any]) -> None:
    doc = copy.deepcopy(sample_dict)
    doc["services"].append(copy.deepcopy(doc["services"][0]))
    doc["services"][1]["form"] = [
        {"id": "x", "type": "text", "label_zh": "x", "label_en": "x", "pattern": "(["}
    ]
    with pytest.raises(CatalogInvalid) as info:
        Catalog.from_dict(doc)
    text = "\n".join(info.value.messages)
    assert "service GA0101: code: is used by more than one service" in text
    assert "form[0].pattern" in text


def test_conditional_material_needs_a_condition(sample_dict: dict[str, Any]) -> None:
    doc = copy.deepcopy(sample_dict)
    doc["services"][0]["materials"][0]["required"] = False
    with pytest.raises(CatalogInvalid, match="materials\\[0\\].condition_zh"):
        Catalog.from_dict(doc)


def test_not_json_is_a_validation_error() -> None:
    with pytest.raises(ValidationError) as info:
        parse_catalog("{nope", "x.json")
    assert info.value.key == "error.catalog.json"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(
        [
            "code",
            "version",
            "name_zh",
            "department",
            "service_type",
            "materials",
            "form",
            "channels",
            "fees",
            "identity",
            "legal_days",
            "categories",
            "life_events",
        ]
    ),
    json_values,
)
def test_any_garbage_in_a_service_fails_cleanly(key: str, value: Any) -> None:
    """Whatever a field holds, reading either succeeds or raises CatalogInvalid."""
    base = {
        "code": "X1", "version": 1, "name_zh": "测试", "name_en": "Test", "department": "d",
        "service_type": "public_service", "summary_zh": "s", "summary_en": "s",
        "channels": ["kiosk"],
    }  # fmt: skip
    doc = {
        "version": 1,
        "departments": [{"id": "d", "name_zh": "部门", "name_en": "Dept"}],
        "services": [{**base, key: value}],
    }
    try:
        Catalog.from_dict(doc)
    except CatalogInvalid as exc:
        assert exc.messages
