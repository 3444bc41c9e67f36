"""Small persistent key/value settings (kiosk identity, learned clock offset...)."""

from __future__ import annotations

from kiosk.storage import Storage


def get_setting(storage: Storage, key: str, default: str = "") -> str:
    rows = storage.query("SELECT value FROM settings WHERE key = ?", (key,))
    return str(rows[0]["value"]) if rows else default


def set_setting(storage: Storage, key: str, value: str) -> None:
    with storage.transaction() as conn:
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
