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
from typing import TYPE_CHECKING

from kiosk.errors import StorageCorrupt, StorageError, StorageFull, StorageUnavailable
from kiosk.fsutil import is_disk_full, private_dir, touch_private
from kiosk.migrations import all_migrations, stamp

if TYPE_CHECKING:  # imported when a migration runs, not on every start (kiosk.migrations)
    import sqlite_utils

log = logging.getLogger(__name__)

# SQLite's primary result codes (the low byte of an extended code) that say
# "cannot read or write now" rather than "the data is damaged".
_FULL = {13}  # SQLITE_FULL
_UNAVAILABLE = {5, 6, 7, 8, 10, 14, 15, 22, 23}  # BUSY LOCKED NOMEM READONLY IOERR CANTOPEN
# PROTOCOL NOLFS AUTH
_CORRUPT = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def failure_kind(exc: BaseException) -> str:
    """'full', 'unavailable', 'corrupt' or 'other': what a failure says about the data.

    A full disk or an I/O error says nothing about the file's health; only
    SQLite's CORRUPT and NOTADB (or a failed integrity check) do.
    """
    if is_disk_full(exc):
        return "full"
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is None:
            text = str(exc).lower()
            if "full" in text:
                return "full"
            if "malformed" in text or "not a database" in text:
                return "corrupt"
            return "unavailable" if "disk i/o" in text or "unable to open" in text else "other"
        primary = int(code) & 0xFF
        if primary in _FULL:
            return "full"
        if primary in _CORRUPT:
            return "corrupt"
        if primary in _UNAVAILABLE:
            return "unavailable"
        return "other"
    if isinstance(exc, OSError):
        return "unavailable"
    return "other"


def typed_error(
    exc: BaseException, doing: str, *, default_key: str = "error.storage.write"
) -> StorageError:
    """The typed error for a failed SQLite or file operation (raise it ``from exc``)."""
    kind = failure_kind(exc)
    detail = f"{doing}: {exc}"
    if kind == "full":
        return StorageFull(detail)
    if kind == "unavailable":
        return StorageUnavailable(detail)
    if kind == "corrupt":
        return StorageCorrupt(detail)
    return StorageError(detail, key=default_key)


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
                private_dir(self.path.parent)
                touch_private(self.path)  # 0600 before SQLite makes it 0644
            self.conn = connect(path)
        except (OSError, sqlite3.Error) as exc:
            raise typed_error(
                exc, f"cannot open database {path}", default_key="error.storage.open"
            ) from exc
        self._lock = threading.RLock()
        self._db: sqlite_utils.Database | None = None

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the writer connection, made (and imported) when first used."""
        if self._db is None:
            import sqlite_utils

            # No plugin discovery: the kiosk loads no sqlite-utils plugins, and
            # scanning installed packages for them costs start-up time.
            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    def _stamp(self) -> int | None:
        """What ``PRAGMA user_version`` holds once migrated (kiosk.migrations.stamp);
        None when it cannot be told (no record yet, a source unreadable)."""
        try:
            rows = self.conn.execute("SELECT migration_set, name FROM _sqlite_migrations")
            return stamp(tuple(row) for row in rows)
        except sqlite3.Error:
            return None

    def schema_is_current(self) -> bool:
        """Whether this database was last migrated by these very migrations and its
        record of them is unchanged since: read with plain sqlite3, no sqlite-utils."""
        with self._lock:
            try:
                version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            except sqlite3.Error:
                return False
            now = self._stamp()
        return now is not None and version == now

    def migrate(self) -> list[str]:
        """Apply pending migrations of every set; returns the names applied.

        A database whose stamp matches (``schema_is_current``) has nothing
        pending; any other is asked of sqlite-utils, then stamped."""
        if self.schema_is_current():  # most starts: sqlite-utils is not even imported
            return []
        applied: list[str] = []
        with self._lock:
            try:
                for migrations in all_migrations():
                    pending = [m.name for m in migrations.pending(self.db)]
                    if pending:
                        migrations.apply(self.db)
                        applied.extend(f"{migrations.name}:{name}" for name in pending)
            except (OSError, sqlite3.Error) as exc:
                raise typed_error(
                    exc, "migrations failed", default_key="error.storage.open"
                ) from exc
            self._write_stamp()
        if applied:
            log.info("applied migrations: %s", ", ".join(applied))
        return applied

    def _write_stamp(self) -> None:
        now = self._stamp()
        if now is None:
            return
        try:
            self.conn.execute(f"PRAGMA user_version = {int(now)}")
        except sqlite3.Error as exc:  # read-only, say: the next start asks sqlite-utils again
            log.warning("cannot stamp the schema: %s", exc)

    @contextmanager
    def transaction(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction under the writer lock; commits or rolls back.

        A full disk or an I/O error inside the work (an UPDATE of the outbox
        claim, say) comes out typed, like one at BEGIN or COMMIT: StorageFull
        or StorageUnavailable with their message keys. Constraint errors and
        the caller's own exceptions pass through unchanged.

        ``durable=False`` commits without an fsync of its own (WAL with
        ``synchronous=NORMAL``): still atomic and in order, and on disk with the
        next durable commit, but a power cut may take it back. Only for writes
        whose loss is a harmless redo: the sync's transitions, since the
        platform's idempotency turns a resend into "duplicate" (issue 19: two of
        a drain's three fsyncs a batch).
        """
        with self._lock:
            conn = self.conn
            try:
                if not durable:
                    conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                self._durable_again(durable)
                raise typed_error(exc, "cannot begin") from exc
            try:
                yield from self._work_and_commit(conn)
            finally:
                self._durable_again(durable)

    def _durable_again(self, durable: bool) -> None:
        if not durable:
            try:
                self.conn.execute("PRAGMA synchronous=FULL")
            except sqlite3.Error as exc:  # the next connect() sets it again
                log.warning("cannot set synchronous=FULL again: %s", exc)

    def _work_and_commit(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        try:
            yield conn
        except sqlite3.Error as exc:
            self._rollback()
            if failure_kind(exc) == "other":
                raise
            raise typed_error(exc, "write failed") from exc
        except BaseException:
            self._rollback()
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise typed_error(exc, "commit failed") from exc

    def _rollback(self) -> None:
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        except sqlite3.Error as exc:  # SQLite rolls back by itself after a failed write
            log.warning("rollback failed: %s", exc)

    @contextmanager
    def read_lock(self) -> Iterator[None]:
        """Hold the writer lock without a transaction (for the online backup)."""
        with self._lock:
            yield

    def query(
        self, sql: str, params: tuple[object, ...] | dict[str, object] = ()
    ) -> list[dict[str, object]]:
        with self._lock:
            try:
                cur = self.conn.execute(sql, params)
                cols = [c[0] for c in cur.description or ()]
                return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
            except sqlite3.Error as exc:
                if failure_kind(exc) == "other":
                    raise
                raise typed_error(exc, "read failed", default_key="error.storage") from exc

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
