from pathlib import Path

import pytest

from kiosk.settings import get_setting, set_setting
from kiosk.storage import open_storage


def test_wal_full_sync_and_migrations_recorded(tmp_path: Path) -> None:
    storage = open_storage(tmp_path / "k.db")
    assert storage.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert storage.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    names = [r["name"] for r in storage.query("SELECT name FROM _sqlite_migrations")]
    assert "m001_settings_and_audit" in names
    assert storage.migrate() == []  # second run applies nothing
    assert storage.integrity_ok()


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    storage = open_storage(tmp_path / "k.db")
    set_setting(storage, "a", "1")
    with pytest.raises(RuntimeError):
        with storage.transaction() as conn:
            conn.execute("UPDATE settings SET value='2' WHERE key='a'")
            raise RuntimeError("boom")
    assert get_setting(storage, "a") == "1"
    storage.close()
    assert get_setting(open_storage(tmp_path / "k.db"), "a") == "1"
