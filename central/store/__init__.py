"""The platform's database: one URL picks SQLite (a county) or PostgreSQL (a province).

May import only SQLAlchemy, Alembic and the standard library: every other
module of ``central`` reaches the database through here.
"""

from central.store.database import Database, database_url, sql
from central.store.platform_store import (
    CASE_ALPHABET,
    STATUSES,
    TRANSITIONS,
    IncomingItem,
    ItemVerdict,
    PlatformStore,
    StoreError,
    now_iso,
)

__all__ = [
    "CASE_ALPHABET",
    "STATUSES",
    "TRANSITIONS",
    "Database",
    "IncomingItem",
    "ItemVerdict",
    "PlatformStore",
    "StoreError",
    "database_url",
    "now_iso",
    "sql",
]
