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


def test_a_current_kiosk_starts_without_sqlite_utils(tmp_path: Path) -> None:
    """The second start of a kiosk reads its schema with plain sqlite3 (sqlite-utils,
    with click, pluggy and dateutil, is not imported before the first touch)."""
    import subprocess
    import sys

    open_storage(tmp_path / "k.db").close()
    code = (
        "import sys\nfrom kiosk.storage import open_storage\n"
        f"s = open_storage({str(tmp_path / 'k.db')!r})\n"
        "assert s.migrate() == []\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlite_utils', 'click', 'pluggy', 'dateutil')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_a_pending_migration_still_runs(tmp_path: Path) -> None:
    """A record that lost a set's migrations (its stamp no longer matches) is
    migrated by sqlite-utils as before, and the dropped table comes back."""
    storage = open_storage(tmp_path / "k.db")
    with storage.transaction() as conn:
        conn.execute("DROP TABLE tracking_sequence")
        conn.execute("DROP TABLE outbox")
        conn.execute("DELETE FROM _sqlite_migrations WHERE migration_set = 'kiosk.outbox'")
    assert not storage.schema_is_current()
    assert storage.migrate()[0] == "kiosk.outbox:m001_outbox"
    assert storage.schema_is_current()
    assert storage.query("SELECT count(*) AS n FROM outbox") == [{"n": 0}]


def test_a_database_stamped_by_other_migrations_is_asked_of_sqlite_utils(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A migration added or edited changes the sets' source, so the stamp of a
    database migrated before no longer matches: sqlite-utils decides, then the
    database is stamped again."""
    import kiosk.migrations

    storage = open_storage(tmp_path / "k.db")
    assert storage.schema_is_current()
    edited = tmp_path / "migrations"
    edited.mkdir()
    for name in kiosk.migrations.SETS:
        source = (kiosk.migrations._HERE / f"{name}.py").read_text(encoding="utf-8")
        (edited / f"{name}.py").write_text(source + "\n# a new migration\n", encoding="utf-8")
    monkeypatch.setattr(kiosk.migrations, "_HERE", edited)
    assert not storage.schema_is_current()
    assert storage.migrate() == []  # sqlite-utils found nothing pending
    assert storage.schema_is_current()


def test_without_its_sources_every_start_asks_sqlite_utils(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kiosk.migrations

    monkeypatch.setattr(kiosk.migrations, "_HERE", tmp_path / "nowhere")
    storage = open_storage(tmp_path / "k.db")
    assert not storage.schema_is_current()
    assert storage.migrate() == []
    assert storage.query("SELECT count(*) AS n FROM outbox") == [{"n": 0}]
