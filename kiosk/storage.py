"""The kiosk's SQLite database: WAL, full fsync, migrations, one writer.

Every write goes through ``Storage.transaction()``, which holds the single
writer lock and wraps the work in ``BEGIN IMMEDIATE`` ... ``COMMIT``. With
``synchronous=FULL`` in WAL mode, a returned ``COMMIT`` has reached the disk,
which is what "committed before the receipt prints" depends on.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from kiosk.errors import StorageError
from kiosk.migrations import ALL_MIGRATIONS

log = logging.getLogger(__name__)


def connect(path: Path | str) -> sqlite3.Connection:
    """Open a connection with the pragmas every kiosk connection needs."""
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


class Storage:
    """Owns the writer connection; readers may open their own."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = connect(path)
            # No plugin discovery: the kiosk loads no sqlite-utils plugins, and
            # scanning installed packages for them costs start-up time.
            self.db = sqlite_utils.Database(self.conn, execute_plugins=False)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(
                f"cannot open database {path}: {exc}", key="error.storage.open"
            ) from exc
        self._lock = threading.RLock()

    def migrate(self) -> list[str]:
        """Apply pending migrations of every set; returns the names applied."""
        applied: list[str] = []
        with self._lock:
            for migrations in ALL_MIGRATIONS:
                pending = [m.name for m in migrations.pending(self.db)]
                if pending:
                    migrations.apply(self.db)
                    applied.extend(f"{migrations.name}:{name}" for name in pending)
        if applied:
            log.info("applied migrations: %s", ", ".join(applied))
        return applied

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction under the writer lock; commits or rolls back."""
        with self._lock:
            conn = self.conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StorageError(f"cannot begin: {exc}", key="error.storage.write") from exc
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                conn.execute("ROLLBACK")
                raise StorageError(f"commit failed: {exc}", key="error.storage.write") from exc

    @contextmanager
    def read_lock(self) -> Iterator[None]:
        """Hold the writer lock without a transaction (for the online backup)."""
        with self._lock:
            yield

    def query(
        self, sql: str, params: tuple[object, ...] | dict[str, object] = ()
    ) -> list[dict[str, object]]:
        with self._lock:
            cur = self.conn.execute(sql, params)
            cols = [c[0] for c in cur.description or ()]
            return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def integrity_ok(self) -> bool:
        with self._lock:
            row = self.conn.execute("PRAGMA integrity_check").fetchone()
        return bool(row and row[0] == "ok")

    def close(self) -> None:
        with self._lock:
            self.conn.close()


def open_storage(path: Path | str) -> Storage:
    """Open and migrate. The kiosk app opens through ``kiosk.backup.open_recovered``,
    which checks the file first and restores a backup if it is broken."""
    storage = Storage(path)
    storage.migrate()
    return storage


def backup_dir_for(db_path: Path) -> Path:
    return db_path.parent / "backups"
