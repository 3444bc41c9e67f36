"""Tables every kiosk has from the first start: settings and the audit trail."""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("kiosk.core")


@migrations()
def m001_settings_and_audit(db: Database) -> None:
    db.execute("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE IF NOT EXISTS audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            synced INTEGER NOT NULL DEFAULT 0
        )"""
    )
