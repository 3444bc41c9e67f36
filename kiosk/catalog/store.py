"""The local catalog in SQLite: import (versioned, whole or nothing), browse, search.

The search keys and the tiered queries are in ``kiosk.catalog.search``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.catalog.files import SAMPLE_CATALOG, load_catalog_file
from kiosk.catalog.model import Catalog, Department, LifeEvent, Service
from kiosk.catalog.search import (
    index_rows,
    tiers,
)
from kiosk.catalog.text import (
    compact,
    fold,
    full_pinyin,
    is_han,
)
from kiosk.errors import KioskError, StorageError, ValidationError
from kiosk.i18n import pick, to_simplified
from kiosk.storage import Storage, connect

log = logging.getLogger(__name__)

MAX_QUERY = 64


class CatalogError(KioskError):
    key = "error.catalog"


class CatalogNotNewer(CatalogError):
    """The platform offered a catalog no newer than the one the kiosk has."""

    key = "error.catalog.not_newer"


@dataclass(frozen=True)
class ServiceSummary:
    """What a list row shows; the full Service is read when one is opened."""

    code: str
    version: int
    name_zh: str
    name_en: str
    department: str
    needs_online: bool
    at_kiosk: bool
    promised_days: int
    name_ug: str = ""

    def name(self, lang: str) -> str:
        return pick(self.name_zh, self.name_en, lang, self.name_ug)


@dataclass(frozen=True)
class SearchHit:
    service: ServiceSummary
    tier: int

    def to_dict(self) -> dict[str, Any]:
        s = self.service
        return {
            "code": s.code,
            "name_zh": s.name_zh,
            "name_en": s.name_en,
            "department": s.department,
            "needs_online": s.needs_online,
            "tier": self.tier,
        }


@dataclass(frozen=True)
class ImportResult:
    version: int
    previous: int
    services: int
    added: int
    removed: int
    changed: int


_SUMMARY_COLS = (
    "rid, code, version, name_zh, name_en, department, needs_online, at_kiosk, promised_days,"
    " name_ug"
)


def _summary(row: tuple[Any, ...]) -> ServiceSummary:
    return ServiceSummary(
        code=row[1],
        version=row[2],
        name_zh=row[3],
        name_en=row[4],
        department=row[5],
        needs_online=bool(row[6]),
        at_kiosk=bool(row[7]),
        promised_days=row[8],
        name_ug=row[9],
    )


class CatalogStore:
    """The catalog of one kiosk database; every write is one transaction."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        # Reads use their own connection: in WAL mode they see the last committed
        # catalog while an import is still writing, so a keystroke never waits for
        # the writer lock. An in-memory database has only the one connection.
        if str(storage.path) == ":memory:":
            self._reader = storage.conn
            self._lock: threading.RLock | threading.Lock = storage._lock
        else:
            try:
                self._reader = connect(storage.path)
            except sqlite3.Error as exc:
                raise StorageError(f"cannot open catalog reader: {exc}") from exc
            self._lock = threading.Lock()

    def close(self) -> None:
        if self._reader is not self.storage.conn:
            with self._lock:
                self._reader.close()

    # ---- import -------------------------------------------------------------------------

    def import_catalog(
        self, catalog: Catalog, *, force: bool = False, etag: str = ""
    ) -> ImportResult:
        """Replace the current catalog in one transaction.

        A catalog whose version is not newer than the current one is refused
        unless ``force``; on any error the current catalog stays as it was.
        """
        self._check_newer(catalog.version, self.version(), force)  # fail fast, then again below
        rows = index_rows(catalog)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        try:
            with self.storage.transaction() as conn:
                row = conn.execute(
                    "SELECT value FROM catalog_meta WHERE key = 'version'"
                ).fetchone()
                previous = int(row[0]) if row else 0
                self._check_newer(catalog.version, previous, force)
                old = dict(conn.execute("SELECT code, version FROM catalog_services"))
                for table in (
                    "catalog_departments",
                    "catalog_life_events",
                    "catalog_services",
                    "catalog_service_events",
                    "catalog_names",
                    "catalog_short",
                    "catalog_fts",
                ):
                    conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
                conn.executemany(
                    "INSERT INTO catalog_departments (id, position, name_zh, name_en, name_ug)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [
                        (d.id, i, d.name_zh, d.name_en, d.name_ug)
                        for i, d in enumerate(catalog.departments)
                    ],
                )
                conn.executemany(
                    "INSERT INTO catalog_life_events"
                    " (id, position, name_zh, name_en, glyph, name_ug) VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        (e.id, i, e.name_zh, e.name_en, e.glyph, e.name_ug)
                        for i, e in enumerate(catalog.life_events)
                    ],
                )
                conn.executemany(
                    "INSERT INTO catalog_services VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows["services"],
                )
                conn.executemany("INSERT INTO catalog_service_events VALUES (?, ?)", rows["events"])
                conn.executemany("INSERT OR IGNORE INTO catalog_names VALUES (?, ?)", rows["names"])
                conn.executemany(
                    "INSERT OR IGNORE INTO catalog_short VALUES (?, ?, ?)", rows["short"]
                )
                conn.executemany(
                    "INSERT INTO catalog_fts (rowid, ini, names, body) VALUES (?, ?, ?, ?)",
                    rows["fts"],
                )
                conn.executemany(
                    "INSERT OR IGNORE INTO catalog_service_versions VALUES (?, ?, ?, ?)",
                    [
                        (s.code, s.version, s.model_dump_json(exclude_none=True), now)
                        for s in catalog.services
                    ],
                )
                meta = {
                    "version": str(catalog.version),
                    "etag": etag,
                    "published": catalog.published,
                    "region": catalog.region,
                    "imported_at": now,
                }
                conn.executemany(
                    "INSERT OR REPLACE INTO catalog_meta VALUES (?, ?)", list(meta.items())
                )
        except KioskError:
            raise
        except Exception as exc:
            raise StorageError(f"catalog import failed: {exc}", key="error.catalog.import") from exc
        new = {s.code: s.version for s in catalog.services}
        result = ImportResult(
            version=catalog.version,
            previous=previous,
            services=len(new),
            added=len(new.keys() - old.keys()),
            removed=len(old.keys() - new.keys()),
            changed=sum(1 for c, v in new.items() if c in old and old[c] != v),
        )
        log.info("catalog %s imported (was %s): %s", catalog.version, previous, result)
        return result

    @staticmethod
    def _check_newer(version: int, current: int, force: bool) -> None:
        if current and version <= current and not force:
            raise CatalogNotNewer(
                f"catalog version {version} is not newer than {current}",
                version=version,
                current=current,
            )

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return list(self._reader.execute(sql, params))

    def _meta(self, key: str) -> str:
        rows = self._rows("SELECT value FROM catalog_meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else ""

    def version(self) -> int:
        """The current catalog's version; 0 when the kiosk has none yet."""
        value = self._meta("version")
        return int(value) if value else 0

    def etag(self) -> str:
        return self._meta("etag")

    def meta(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self._rows("SELECT key, value FROM catalog_meta")}

    def is_empty(self) -> bool:
        return not self._rows("SELECT 1 FROM catalog_services LIMIT 1")

    def count(self) -> int:
        return int(self._rows("SELECT count(*) FROM catalog_services")[0][0])

    def departments(self) -> list[Department]:
        return [
            Department(id=r[0], name_zh=r[1], name_en=r[2], name_ug=r[3])
            for r in self._rows(
                "SELECT id, name_zh, name_en, name_ug FROM catalog_departments ORDER BY position"
            )
        ]

    def life_events(self) -> list[LifeEvent]:
        return [
            LifeEvent(id=r[0], name_zh=r[1], name_en=r[2], glyph=r[3], name_ug=r[4])
            for r in self._rows(
                "SELECT id, name_zh, name_en, glyph, name_ug FROM catalog_life_events"
                " ORDER BY position"
            )
        ]

    def service(self, code: str, version: int | None = None) -> Service:
        """The current service, or the given version of it (kept for applications)."""
        if version is None:
            rows = self._rows(
                "SELECT v.data FROM catalog_services s JOIN catalog_service_versions v"
                " ON v.code = s.code AND v.version = s.version WHERE s.code = ?",
                (code,),
            )
        else:
            rows = self._rows(
                "SELECT data FROM catalog_service_versions WHERE code = ? AND version = ?",
                (code, version),
            )
        if not rows:
            raise CatalogError(
                f"no service {code!r} version {version}", key="error.catalog.unknown", code=code
            )
        try:
            return Service.from_dict(json.loads(rows[0][0]))
        except (ValueError, ValidationError) as exc:
            raise StorageError(
                f"stored service {code} is unreadable: {exc}", key="error.catalog.import"
            ) from exc

    def summary(self, code: str) -> ServiceSummary | None:
        rows = self._rows(f"SELECT {_SUMMARY_COLS} FROM catalog_services WHERE code = ?", (code,))  # noqa: S608
        return _summary(rows[0]) if rows else None

    def services_by_department(self, department_id: str) -> list[ServiceSummary]:
        return [
            _summary(r)
            for r in self._rows(
                f"SELECT {_SUMMARY_COLS} FROM catalog_services WHERE department = ? ORDER BY az",  # noqa: S608
                (department_id,),
            )
        ]

    def services_by_life_event(self, event_id: str) -> list[ServiceSummary]:
        return [
            _summary(r)
            for r in self._rows(
                f"SELECT {', '.join('s.' + c.strip() for c in _SUMMARY_COLS.split(','))}"  # noqa: S608
                " FROM catalog_service_events e JOIN catalog_services s ON s.code = e.code"
                " WHERE e.event = ? ORDER BY s.az",
                (event_id,),
            )
        ]

    def all_services_az(self) -> list[ServiceSummary]:
        """Every service in pinyin order (A-Z by the pinyin of its Chinese name)."""
        return [
            _summary(r)
            for r in self._rows(f"SELECT {_SUMMARY_COLS} FROM catalog_services ORDER BY az")  # noqa: S608
        ]

    def az_letter(self, summary: ServiceSummary) -> str:
        # The pinyin was stored at import (column az); computing it here would
        # load pypinyin's dictionaries on the kiosk's first screen.
        rows = self._rows("SELECT az FROM catalog_services WHERE code = ?", (summary.code,))
        py = str(rows[0][0]) if rows else full_pinyin(summary.name_zh)
        return py[:1].upper() if py[:1].isalpha() else "#"

    # ---- search -------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Services for what the resident typed, best first (see the module's tiers)."""
        if any(is_han(ch) for ch in query):  # 身份證 typed by a zh-Hant reader
            query = to_simplified(query)
        q = fold(query)[:MAX_QUERY]
        c = compact(q)
        if not c or limit <= 0:
            return []
        found: dict[int, int] = {}  # rid -> tier, in rank order
        with self._lock:
            conn = self._reader
            for tier, rids in tiers(conn, q, c, limit):
                for rid in rids:
                    if rid not in found:
                        found[rid] = tier
                        if len(found) >= limit:
                            break
                if len(found) >= limit:
                    break
            if not found:
                return []
            marks = ",".join("?" * len(found))
            rows = {
                r[0]: r
                for r in conn.execute(
                    f"SELECT {_SUMMARY_COLS} FROM catalog_services WHERE rid IN ({marks})",  # noqa: S608
                    tuple(found),
                )
            }
        return [SearchHit(_summary(rows[rid]), tier) for rid, tier in found.items() if rid in rows]


def ensure_sample_catalog(storage: Storage, path: Path | None = None) -> ImportResult | None:
    """Import the shipped sample catalog when the kiosk has none (demo, first start)."""
    store = CatalogStore(storage)
    try:
        if not store.is_empty():
            return None
        result = store.import_catalog(load_catalog_file(path or SAMPLE_CATALOG), force=True)
    finally:
        store.close()
    log.info("seeded the sample catalog: %d services", result.services)
    return result
