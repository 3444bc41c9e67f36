"""The search keys of a catalog, and the tiered queries over them.

Names in hanzi, full pinyin and initials, English names, synonyms, the 1- and
2-character keys for short queries, and the text of the FTS5 index; services
are numbered shortest name first, so both indexes return them in that order.

Search runs in tiers and stops as soon as the page is full, so a query costs
about the same whatever the catalog's size:

0. exact name (hanzi, full pinyin, initials, English; synonym spellings too);
1. name prefix (same keys, a B-tree range);
2. pinyin initials anywhere in the name (``sfz`` in 居民身份证换领);
3. hanzi, pinyin or English anywhere in the name;
4. summary, materials and keywords.

Queries of three characters or more use the FTS5 trigram index; shorter ones
(one key pressed, or 医保) use a table of every 1- and 2-character key, since
trigrams cannot answer them. Within a tier, shorter names come first: rows are
inserted in that order and both indexes return them by rowid.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kiosk.catalog.model import Catalog
from kiosk.catalog.text import (
    compact,
    fold,
    full_pinyin,
    initials,
    pinyin_dictionaries,
    short_substrings,
    syllables,
    synonym_variants,
)

TIER_EXACT, TIER_PREFIX, TIER_INITIALS, TIER_NAME, TIER_BODY = range(5)
# Service codes are kept under their own mark, so a name prefix ("g", "gj") never
# ranges over 10,000 codes (GA0101...): that cost a keystroke 0.5 ms at p95.
CODE_MARK = "#"


def index_rows(catalog: Catalog) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the search tables, computed before the transaction opens
    (pypinyin loaded for it, and unloaded after: kiosk.catalog.text)."""
    with pinyin_dictionaries():
        return _index_rows(catalog)


def _index_rows(catalog: Catalog) -> dict[str, list[tuple[Any, ...]]]:
    services = sorted(catalog.services, key=lambda s: (len(s.name_zh), full_pinyin(s.name_zh)))
    out: dict[str, list[tuple[Any, ...]]] = {
        "services": [],
        "events": [],
        "names": [],
        "short": [],
        "fts": [],
    }
    for rid, s in enumerate(services, start=1):
        names = [s.name_zh, *synonym_variants(s.name_zh, catalog.synonyms)]
        en_names = [
            fold(s.name_en),
            *(fold(v) for v in synonym_variants(s.name_en, catalog.synonyms)),
        ]
        # Uyghur is searched as written (folded: NFKC, so presentation forms match)
        ug_names = [fold(s.name_ug)] if s.name_ug else []
        pys = [full_pinyin(n) for n in names]
        inis = [initials(n) for n in names]
        out["services"].append(
            (
                rid,
                s.code,
                s.version,
                s.name_zh,
                s.name_en,
                s.department,
                pys[0],
                int(s.needs_online),
                int(s.at_kiosk),
                s.promised_days,
                s.name_ug,
            )
        )
        out["events"].extend((ev, s.code) for ev in s.life_events)
        keys = {compact(n) for n in names} | set(pys) | set(inis)
        keys |= set(en_names) | {compact(n) for n in en_names}
        keys |= set(ug_names) | {compact(n) for n in ug_names}
        keys.add(CODE_MARK + compact(s.code))  # the code on a leaflet or the hall's screen
        out["names"].extend((k, rid) for k in keys if k)
        short: set[tuple[str, int]] = set()
        for ini in inis:
            short |= {(k, TIER_INITIALS) for k in short_substrings(ini)}
        for n in names:
            short |= {(k, TIER_NAME) for k in short_substrings(compact(n))}
            for syl in syllables(n):
                short |= {(syl[:1], TIER_NAME), (syl[:2], TIER_NAME)}
        for en in [*en_names, *ug_names]:
            for word in en.split():
                short |= {(word[:1], TIER_NAME), (word[:2], TIER_NAME)}
        for kw in s.keywords:  # keywords are search words: 医保 finds 异地就医备案
            for k in (compact(kw), initials(kw)):
                short |= {(x, TIER_BODY) for x in short_substrings(k)}
        out["short"].extend((k, tier, rid) for k, tier in short if k)
        body_parts = [
            s.summary_zh,
            fold(s.summary_en),
            fold(s.summary_ug),
            *(m.name_zh for m in s.materials),
            *(fold(m.name_en) for m in s.materials),
            *s.keywords,
            *(full_pinyin(k) for k in s.keywords),
            *(initials(k) for k in s.keywords if any("\u3400" <= c <= "\u9fff" for c in k)),
        ]
        out["fts"].append(
            (
                rid,
                " | ".join(dict.fromkeys(inis)),
                " | ".join(dict.fromkeys([*names, *pys, *en_names, *ug_names])),
                " | ".join(body_parts),
            )
        )
    return out

# ---- reading ------------------------------------------------------------------------


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _upper_bound(prefix: str) -> str:
    return prefix + "\U0010ffff"


def tiers(conn: Any, q: str, c: str, limit: int) -> Iterator[tuple[int, list[int]]]:
    keys = list(dict.fromkeys([q, c]))
    if any(ch.isdigit() for ch in c):  # YB0102, yb01: a service code, looked up apart
        keys.append(CODE_MARK + c)
    marks = ",".join("?" * len(keys))
    yield (
        TIER_EXACT,
        [
            r[0]
            for r in conn.execute(
                f"SELECT rid FROM catalog_names WHERE key IN ({marks}) ORDER BY rid",  # noqa: S608
                tuple(keys),
            )
        ],
    )
    prefix: list[int] = []
    for k in keys:
        prefix.extend(
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT rid FROM catalog_names WHERE key > ? AND key < ?"
                " ORDER BY rid LIMIT ?",
                (k, _upper_bound(k), limit * 2),
            )
        )
    yield TIER_PREFIX, sorted(set(prefix))
    if len(c) < 3:
        for tier in (TIER_INITIALS, TIER_NAME, TIER_BODY):
            yield (
                tier,
                [
                    r[0]
                    for r in conn.execute(
                        "SELECT rid FROM catalog_short WHERE key = ? AND tier = ?"
                        " ORDER BY rid LIMIT ?",
                        (c, tier, limit * 2),
                    )
                ],
            )
        return
    phrases = " OR ".join(_fts_string(k) for k in keys if len(k) >= 3)
    if c.isascii() and c.isalnum():
        yield TIER_INITIALS, _fts(conn, f"ini : {_fts_string(c)}", limit)
    yield TIER_NAME, _fts(conn, f"names : ({phrases})", limit)
    words = [w for w in q.split() if len(w) >= 3]
    if len(words) > 1:  # English words in another order: "card id" finds "ID card"
        yield (
            TIER_NAME,
            _fts(conn, "names : (" + " AND ".join(map(_fts_string, words)) + ")", limit),
        )
    yield TIER_BODY, _fts(conn, f"body : ({phrases})", limit)

def _fts(conn: Any, match: str, limit: int) -> list[int]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH ? LIMIT ?",
            (match, limit * 2),
        )
    ]
