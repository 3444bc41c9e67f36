"""One URL picks the platform's engine: SQLite for a county, PostgreSQL for a province.

``sqlite:///path/central.db`` (or a plain path) is the embedded default: WAL,
``synchronous=FULL``, and one writer at a time in this process (a Python lock
and ``BEGIN IMMEDIATE``: SQLite has one writer anyway, and waiting on a lock
is cheaper than its busy loop). ``postgresql+psycopg://...`` is a province's:
a pool of connections, no lock, and the rules that make "exactly once" hold
across workers and machines are the database's constraints (a unique client
id, primary keys on nonces and code uses), not this process's memory.

The schema is built and upgraded by the Alembic migrations beside this module
each time a store opens (a no-op when it is at head). PostgreSQL workers that
start together take an advisory lock for it, so one migrates and the others
wait.

A write that is worth no fsync of its own (a GET's nonces, a heartbeat, which
the next one replaces) is a ``light_transaction``: ``synchronous=NORMAL`` for
that transaction on SQLite (durable with the next full commit, the WAL being
written in order), ``SET LOCAL synchronous_commit = off`` on PostgreSQL (the
same promise: it may be lost in a crash, never half-written).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy.engine import Connection, Engine, Row

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 7_412_018  # pg_advisory_lock key: "the platform's migrations"


def database_url(where: Path | str) -> sa.URL:
    """A path (the SQLite file) or a URL, as a URL."""
    text = str(where)
    if "://" in text:
        url = sa.make_url(text)
        if url.drivername == "postgresql":  # psycopg 3 is the one installed
            url = url.set(drivername="postgresql+psycopg")
        return url
    return sa.URL.create("sqlite", database=text)


@lru_cache(maxsize=512)
def sql(statement: str) -> sa.TextClause:
    """A statement's ``text()`` construct, made once: SQLAlchemy caches its compiled
    form by construct, so the hot routes reuse one compilation."""
    return sa.text(statement)


class Database:
    """The engine, its transactions and its migrations."""

    def __init__(self, where: Path | str, *, pool_size: int = 8) -> None:
        self.url = database_url(where)
        # what reopens this database: the SQLite file's path, or the URL itself
        self.where = (
            str(where)
            if self.url.get_backend_name() == "sqlite"
            else (self.url.render_as_string(hide_password=False))
        )
        self.dialect = self.url.get_backend_name()
        self.path: Path | None = None
        if self.dialect == "sqlite":
            self.engine = self._sqlite_engine()
        elif self.dialect == "postgresql":
            # No pre-ping: it is a round trip per checkout, and the signed GETs'
            # reads are answered on the event loop (the fleet bench's profile: a
            # ping, a BEGIN and a ROLLBACK around every one-row SELECT). A
            # connection the server dropped fails its statement once, and
            # SQLAlchemy then discards the pool's older connections.
            self.engine = sa.create_engine(
                self.url, pool_size=pool_size, max_overflow=pool_size, pool_recycle=3600
            )
        else:
            raise ValueError(f"unsupported database {self.url.drivername!r}: sqlite or postgresql")
        # one writer on SQLite; PostgreSQL's own row locks order its writers
        self._write_lock: AbstractContextManager[Any] = (
            threading.Lock() if self.dialect == "sqlite" else nullcontext()
        )
        self.for_update = " FOR UPDATE" if self.dialect == "postgresql" else ""
        # SQLite's reads are in this process and never wait for the writer (WAL):
        # cheaper on the event loop than a thread hop. PostgreSQL's are round trips
        # to another process, which must not stall the loop's other connections.
        self.reads_on_loop = self.dialect == "sqlite"
        # reads are one statement each: on PostgreSQL they run in autocommit (no
        # BEGIN and ROLLBACK round trips around the SELECT; the pool is shared)
        self._reader = (
            self.engine.execution_options(isolation_level="AUTOCOMMIT")
            if self.dialect == "postgresql"
            else self.engine
        )
        self._sqlite_reader: sqlite3.Connection | None = None
        self._sqlite_read_lock = threading.Lock()
        self.migrate()
        if self.path is not None:
            # The signed routes' one-row reads on SQLite go straight to the driver:
            # through an Engine connection (checkout, BEGIN, ROLLBACK, result
            # wrapping) one took 183 us against 8.5 us on this connection, and a
            # signed GET makes two or three (the fleet bench: 2.2-2.5 ms of CPU a
            # request before the SQLAlchemy port, 3.7-3.8 ms after). sqlite3 takes
            # the same ``:name`` parameters as ``text()``; autocommit, so each read
            # sees what was committed before it. Statements built with SQLAlchemy
            # Core, and every write, still go through the engine.
            self._sqlite_reader = sqlite3.connect(
                self.path, check_same_thread=False, isolation_level=None, timeout=30
            )

    def _sqlite_engine(self) -> Engine:
        database = self.url.database or ":memory:"
        if database != ":memory:":
            self.path = Path(database)
            self.path.parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(
            self.url,
            connect_args={"check_same_thread": False, "timeout": 30},
            # ":memory:" is one database per connection: keep one
            poolclass=sa.StaticPool if database == ":memory:" else sa.QueuePool,
            **({} if database == ":memory:" else {"pool_size": 8, "max_overflow": 8}),
        )

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            # pysqlite's own BEGIN is off: the "begin" hook below says which kind
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @sa.event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))

        return engine

    # --- transactions -------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction, committed (with fsync) when the block ends."""
        with self._write_lock, self.engine.connect() as conn:
            if self.dialect == "sqlite":
                conn = conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
            with conn.begin():
                yield conn

    @contextmanager
    def light_transaction(self) -> Iterator[Connection]:
        """A write transaction committed without an fsync of its own (see the module)."""
        with self._write_lock, self.engine.connect() as conn:
            if self.dialect == "sqlite":
                # on the driver's connection, outside any transaction (SQLite
                # refuses to change it inside one)
                raw = conn.connection.dbapi_connection
                assert raw is not None
                raw.execute("PRAGMA synchronous=NORMAL")
                try:
                    with conn.execution_options(sqlite_begin="BEGIN IMMEDIATE").begin():
                        yield conn
                finally:
                    raw.execute("PRAGMA synchronous=FULL")
            else:
                with conn.begin():
                    conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
                    yield conn

    def serialise(self, conn: Connection, *key: str) -> None:
        """Hold ``key`` until the transaction ends, so that a check-then-write on it
        (a phone code's one use) cannot interleave with another worker's. SQLite's
        one writer already does that; PostgreSQL takes a transaction-level
        advisory lock on the key's hash."""
        if self.dialect == "postgresql":
            conn.execute(
                sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
                {"key": "/".join(key)},
            )

    def query(
        self, statement: str | sa.Executable, params: Mapping[str, Any] | None = None
    ) -> Sequence[Row[*tuple[Any, ...]]]:
        """Rows of one read (committed data only; on SQLite it never waits for the writer)."""
        if self._sqlite_reader is not None and isinstance(statement, str):
            with self._sqlite_read_lock:
                return self._sqlite_reader.execute(statement, dict(params or {})).fetchall()  # type: ignore[return-value]
        stmt = sql(statement) if isinstance(statement, str) else statement
        with self._reader.connect() as conn:
            return conn.execute(stmt, dict(params or {})).fetchall()

    def close(self) -> None:
        if self._sqlite_reader is not None:
            with self._sqlite_read_lock:
                self._sqlite_reader.close()
            self._sqlite_reader = None
        self.engine.dispose()

    # --- migrations ---------------------------------------------------------------

    def migrate(self) -> None:
        """Bring the schema to the newest migration (nothing to do when it is there)."""
        config = AlembicConfig()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.connect() as conn:
            if self.dialect == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_lock({MIGRATION_LOCK})")
                conn.commit()
            try:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                conn.commit()
            finally:
                if self.dialect == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})")
                    conn.commit()
