"""Schema migrations, one sqlite-utils ``Migrations`` set per area.

Each area owns its set in a module here, so areas evolve their tables without
touching each other's history. Order in ``SETS`` is the apply order.

A kiosk starts far more often than its schema changes, and sqlite-utils with
click, pluggy and dateutil costs about 100 ms to import here (400 ms on a
board four times slower), all before the first touch. So a database carries a
stamp of the migrations it was last brought up to (``stamp``: these modules'
source and its own record of what was applied, in ``PRAGMA user_version``),
and a start whose stamp still matches reads it with plain sqlite3 and never
imports sqlite-utils (``kiosk.storage``). A migration added, edited or
removed changes the source, so the next start asks sqlite-utils as always;
nothing needs listing twice.
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils.migrations import Migrations

SETS = ("core", "outbox", "catalog", "platforms")  # modules of this package, in apply order
_HERE = Path(__file__).resolve().parent


def all_migrations() -> list[Migrations]:
    """Every set, in apply order (imports sqlite-utils)."""
    return [importlib.import_module(f"{__name__}.{name}").migrations for name in SETS]


def stamp(applied: Iterable[tuple[object, ...]]) -> int | None:
    """A 31-bit checksum of the sets' source and of ``applied`` (sqlite-utils'
    ``_sqlite_migrations`` rows: set, name); None when a source cannot be read
    (an install without sources: every start then asks sqlite-utils)."""
    crc = 0
    try:
        for name in SETS:
            crc = zlib.crc32((_HERE / f"{name}.py").read_bytes(), crc)
    except OSError:
        return None
    for row in sorted(applied, key=repr):
        crc = zlib.crc32(repr(row).encode(), crc)
    return crc & 0x7FFFFFFF  # PRAGMA user_version is a signed 32-bit integer
