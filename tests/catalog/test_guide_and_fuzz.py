"""The guide's words, the phone URL, and search under any input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.catalog.guide import guide_url, guide_view, qr_png
from kiosk.catalog.model import Catalog
from kiosk.catalog.store import CatalogStore


def test_guide_in_both_languages(sample: Catalog) -> None:
    s = sample.service("MZ0301")
    assert s is not None
    zh = guide_view(s, sample.department(s.department), "zh")
    en = guide_view(s, sample.department(s.department), "en")
    assert zh["department"] == "县民政局" and en["department"] == "Civil Affairs Bureau"
    assert zh["promised"] == "10个工作日" and en["promised"] == "10 working days"
    assert zh["feeText"] == "不收费"
    conditional = [m for m in en["materials"] if not m["required"]]
    assert conditional and conditional[0]["need"].startswith("Only when needed: ")
    proof = sample.service("RS0101")
    assert proof is not None
    assert guide_view(proof, None, "en")["online"].startswith("Needs the platform online")


def test_guide_url_is_the_platforms_or_none() -> None:
    assert guide_url("GA0101", "") == ""  # not enrolled: no QR to a placeholder domain
    assert guide_url("GA0101", "https://p.example.org/") == "https://p.example.org/guide/GA0101"
    assert qr_png("x").startswith(b"\x89PNG")


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=80), st.integers(min_value=0, max_value=40))
def test_search_takes_any_input(store: CatalogStore, query: str, limit: int) -> None:
    hits = store.search(query, limit)
    assert len(hits) <= limit
    tiers = [h.tier for h in hits]
    assert tiers == sorted(tiers)
    assert len({h.service.code for h in hits}) == len(hits)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(['"', "*", "(", ")", ":", "^", "-", "OR", "AND", "NEAR", "{", "}", "'"]))
def test_fts_syntax_characters_are_plain_text(store: CatalogStore, ch: str) -> None:
    for q in (ch, f"sfz{ch}", f"{ch}身份证{ch}", f"id {ch} card"):
        store.search(q, 10)
