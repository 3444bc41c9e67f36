"""Per-keystroke catalog search latency at 10,000 services, against a LIKE scan.

Each query is typed one key at a time (s, sf, sfz ...) and every prefix is
searched with the page size the Search screen uses (20). The baseline is the
obvious implementation over the same services: one table with the same
search keys (hanzi, pinyin, initials, English, body) scanned with
``LIKE '%q%'`` on every column and ordered by the same tiers.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit, percentile  # noqa: E402
from kiosk.catalog.store import CatalogStore  # noqa: E402
from kiosk.catalog.synthetic import synthetic_catalog  # noqa: E402
from kiosk.catalog.text import compact, fold, full_pinyin, initials  # noqa: E402
from kiosk.storage import open_storage  # noqa: E402

N = 10_000
LIMIT = 20
TARGET_MS = 5.0
QUERIES = [
    "sfz", "shenfenzheng", "身份证", "id card", "gongjijin", "gjjtq", "医保", "yiliaobaoxian",
    "social insurance", "低保", "gaolingjintie", "营业执照", "yyzz", "passport", "残疾人证",
    "canjiren", "bdc", "real estate", "shebao", "taxi",
]  # fmt: skip

BASELINE_SQL = """
SELECT code FROM plain
WHERE name_zh LIKE :p OR py LIKE :p OR ini LIKE :p OR name_en LIKE :p OR body LIKE :p
ORDER BY CASE
  WHEN name_zh = :q OR py = :q OR ini = :q OR name_en = :q THEN 0
  WHEN name_zh LIKE :s OR py LIKE :s OR ini LIKE :s OR name_en LIKE :s THEN 1
  WHEN ini LIKE :p THEN 2
  WHEN name_zh LIKE :p OR py LIKE :p OR name_en LIKE :p THEN 3
  ELSE 4 END, length(name_zh)
LIMIT :limit
"""


def keystrokes() -> list[str]:
    return [q[:i] for q in QUERIES for i in range(1, len(q) + 1) if q[:i].strip()]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        storage = open_storage(Path(tmp) / "bench.db")
        store = CatalogStore(storage)
        catalog = synthetic_catalog(N)
        started = time.perf_counter()
        store.import_catalog(catalog)
        import_s = time.perf_counter() - started
        conn = storage.conn
        conn.execute("CREATE TABLE plain (code, name_zh, py, ini, name_en, body)")
        conn.executemany(
            "INSERT INTO plain VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    s.code,
                    s.name_zh,
                    full_pinyin(s.name_zh),
                    initials(s.name_zh),
                    fold(s.name_en),
                    " ".join([s.summary_zh, s.summary_en, *(m.name_zh for m in s.materials)]),
                )
                for s in catalog.services
            ],
        )
        conn.commit()
        keys = keystrokes()
        for k in keys[:20]:  # warm the page cache for both
            store.search(k, LIMIT)
        ours: list[float] = []
        base: list[float] = []
        for _ in range(3):
            for k in keys:
                t0 = time.perf_counter()
                store.search(k, LIMIT)
                ours.append((time.perf_counter() - t0) * 1000)
                q = compact(k) if not k.isascii() or " " not in k else fold(k)
                t0 = time.perf_counter()
                conn.execute(
                    BASELINE_SQL, {"q": q, "p": f"%{q}%", "s": f"{q}%", "limit": LIMIT}
                ).fetchall()
                base.append((time.perf_counter() - t0) * 1000)
        store.close()
        storage.close()
    p95 = percentile(ours, 95)
    emit(
        "catalog_search",
        "per-keystroke search p95",
        p95,
        "ms",
        "LIKE scan, same keys and tiers, p95",
        percentile(base, 95),
        target=f"p95 < {TARGET_MS} ms at {N} services",
        met=p95 < TARGET_MS,
        services=N,
        keystrokes=len(ours),
        p50_ms=round(percentile(ours, 50), 3),
        max_ms=round(max(ours), 3),
        baseline_p50_ms=round(percentile(base, 50), 3),
        import_seconds=round(import_s, 2),
    )


if __name__ == "__main__":
    main()
