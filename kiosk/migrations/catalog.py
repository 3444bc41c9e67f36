"""Tables of the service catalog and its search index.

``catalog_services`` and the search tables hold the current catalog only and
are replaced as a whole by each import; ``catalog_service_versions`` keeps
every version of every service ever imported, so an application started on
an older form is still read with the form it started with.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("kiosk.catalog")


@migrations()
def m001_catalog(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS catalog_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS catalog_departments (
            id TEXT PRIMARY KEY, position INTEGER NOT NULL,
            name_zh TEXT NOT NULL, name_en TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS catalog_life_events (
            id TEXT PRIMARY KEY, position INTEGER NOT NULL,
            name_zh TEXT NOT NULL, name_en TEXT NOT NULL, glyph TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE IF NOT EXISTS catalog_services (
            rid INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            version INTEGER NOT NULL,
            name_zh TEXT NOT NULL,
            name_en TEXT NOT NULL,
            department TEXT NOT NULL,
            az TEXT NOT NULL,
            needs_online INTEGER NOT NULL,
            at_kiosk INTEGER NOT NULL,
            promised_days INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS catalog_services_dep ON catalog_services (department, az);
        CREATE INDEX IF NOT EXISTS catalog_services_az ON catalog_services (az);
        CREATE TABLE IF NOT EXISTS catalog_service_events (
            event TEXT NOT NULL, code TEXT NOT NULL, PRIMARY KEY (event, code)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS catalog_service_versions (
            code TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL,
            imported_at TEXT NOT NULL, PRIMARY KEY (code, version)
        );
        -- Whole-name keys (hanzi, pinyin, initials, English) for the exact and prefix tiers.
        CREATE TABLE IF NOT EXISTS catalog_names (
            key TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (key, rid)
        ) WITHOUT ROWID;
        -- 1- and 2-character keys for queries too short for the trigram index.
        CREATE TABLE IF NOT EXISTS catalog_short (
            key TEXT NOT NULL, tier INTEGER NOT NULL, rid INTEGER NOT NULL,
            PRIMARY KEY (key, tier, rid)
        ) WITHOUT ROWID;
        CREATE VIRTUAL TABLE IF NOT EXISTS catalog_fts USING fts5(
            ini, names, body, tokenize = 'trigram case_sensitive 0'
        );
        """
    )


@migrations()
def m002_uyghur_names(db: Database) -> None:
    """Uyghur names beside the Chinese and English ones, for the lists a resident reads."""
    for table in ("catalog_departments", "catalog_life_events", "catalog_services"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN name_ug TEXT NOT NULL DEFAULT ''")
