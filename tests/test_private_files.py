"""The ID-number hash key out of the database, private files, masked tracebacks, durable
backup renames (issue 15, items 4 and 10).

Before: the key sat in ``settings`` of the database and of every backup, so a
copied backup (0644) gave an ID number back by brute force; files were 0644
under the usual umask 022; ``log.exception`` wrote an ID number inside a
traceback in clear; a backup was renamed into place without an fsync of its
folder.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.backup import backup_now, open_recovered
from kiosk.logs import LOG_FILE_NAME, setup_logging
from kiosk.outbox import ID_HASH_KEY_SETTING, NewItem, Outbox
from kiosk.storage import backup_dir_for

ID_NUMBER = "11010519491231002X"
ID_HASH_KEY_FILE = "id_hash.key"  # kiosk.outbox.ID_HASH_KEY_FILE


@pytest.fixture(autouse=True)
def no_kiosk_log_handlers() -> Iterator[None]:
    """setup_logging configures the root logger: leave it as it was found."""
    yield
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _settings_keys(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {str(r[0]) for r in conn.execute("SELECT key FROM settings")}
    finally:
        conn.close()


def test_hash_key_lives_in_a_0600_file_that_no_backup_holds(
    tmp_path: Path, umask_022: None
) -> None:
    db = tmp_path / "data" / "kiosk.db"
    storage = open_recovered(db)
    outbox = Outbox(storage, "GD01")
    outbox.enqueue(NewItem("application", b"s" * 64, "S1", 1, "张*", ID_NUMBER))
    backup = backup_now(storage, backup_dir_for(db))
    storage.close()
    for path in (db, backup):
        assert ID_HASH_KEY_SETTING not in _settings_keys(path)
    key = (db.parent / ID_HASH_KEY_FILE).read_text().strip()
    assert stat.S_IMODE((db.parent / ID_HASH_KEY_FILE).stat().st_mode) == 0o600
    assert len(bytes.fromhex(key)) == 32
    for path in (db, backup):
        assert key.encode() not in path.read_bytes()
    assert [p.name for p in backup.parent.iterdir()] == [backup.name]  # no key file copied


def test_old_kiosk_key_moves_out_of_the_database_and_its_backups(tmp_path: Path) -> None:
    db = tmp_path / "data" / "kiosk.db"
    storage = open_recovered(db)
    old_key = os.urandom(32).hex()
    with storage.transaction() as conn:  # where a kiosk before this change kept it
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?)", (ID_HASH_KEY_SETTING, old_key)
        )
    old_backup = backup_dir_for(db) / "kiosk-20200101-000000-000000.db"
    old_backup.parent.mkdir()
    dest = sqlite3.connect(old_backup)
    storage.conn.backup(dest)  # a backup written the old way, key and all
    dest.close()
    assert old_key.encode() in old_backup.read_bytes()

    outbox = Outbox(storage, "GD01")
    queued = outbox.enqueue(NewItem("application", b"s" * 64, "S1", 1, "张*", ID_NUMBER))
    with storage.read_lock():
        storage.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert (db.parent / ID_HASH_KEY_FILE).read_text().strip() == old_key  # same hashes as before
    assert [i.client_id for i in outbox.by_id_number(ID_NUMBER)] == [queued.client_id]
    storage.close()
    for path in (db, old_backup):
        assert ID_HASH_KEY_SETTING not in _settings_keys(path)
        assert old_key.encode() not in path.read_bytes(), path.name  # not even in a freed page


def test_every_file_of_the_data_dir_is_0600_and_every_folder_0700_under_umask_022(
    tmp_path: Path, umask_022: None
) -> None:
    data = tmp_path / "data"
    storage = open_recovered(data / "kiosk.db")
    outbox = Outbox(storage, "GD01")
    outbox.enqueue(NewItem("application", b"s" * 64, "S1", 1, "张*", ID_NUMBER))
    backup_now(storage, backup_dir_for(data / "kiosk.db"))
    setup_logging(data / "logs", console=False)
    logging.getLogger("test").info("a line")
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "_kiosk", False))
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    handler.doRollover()  # a rotation starts a new file: 0600 too
    logging.getLogger("test").info("another line")

    seen = {p.relative_to(data).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in data.rglob("*")}
    storage.close()
    assert "kiosk.db-wal" in seen and "logs/kiosk.log.1" in seen
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    wrong = {
        name: oct(mode)
        for name, mode in seen.items()
        if mode != (0o700 if (data / name).is_dir() else 0o600)
    }
    assert not wrong, wrong


def test_an_id_number_in_a_logged_traceback_is_masked(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs", level="DEBUG", console=False)
    try:
        raise ValueError(f"no such resident {ID_NUMBER}")
    except ValueError:
        logging.getLogger("kiosk.test").exception("lookup failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (tmp_path / "logs" / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert path.name == LOG_FILE_NAME
    assert "Traceback" in text and "lookup failed" in text
    assert ID_NUMBER not in text
    assert "110105********002X" in text


def test_a_backup_rename_is_followed_by_an_fsync_of_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Which file descriptors are fsynced, recorded by wrapping os.fsync (the call
    the kernel gets is the same): the backup folder must be one, after the rename."""
    db = tmp_path / "kiosk.db"
    storage = open_recovered(db)
    synced: list[tuple[str, bool]] = []
    real = os.fsync

    def recording(fd: int) -> None:
        real(fd)
        synced.append((os.readlink(f"/proc/self/fd/{fd}"), stat.S_ISDIR(os.fstat(fd).st_mode)))

    monkeypatch.setattr(os, "fsync", recording)
    backup = backup_now(storage, backup_dir_for(db))
    monkeypatch.undo()
    storage.close()
    folder = str(backup.parent)
    assert (folder, True) in synced, synced
    assert synced.index((folder, True)) > max(
        i for i, (name, _) in enumerate(synced) if name.endswith(".partial")
    )
