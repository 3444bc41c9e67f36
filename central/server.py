"""Running the reference platform: in the foreground (``kiosk platform serve``),
or in a background thread for tests and demo mode (``PlatformServer``)."""

from __future__ import annotations

import gc
import logging
import os
import socket
import threading
import time
from pathlib import Path

import uvicorn

from central.app import DEFAULT_CATALOG, Platform, create_app
from central.keys import load_or_create_keys
from central.store import PlatformStore

log = logging.getLogger(__name__)


def open_platform(
    db: Path | str, catalog: Path | None = None, *, data: Path | None = None, pool_size: int = 8
) -> Platform:
    """The store at ``db`` (a SQLite file, or a database URL) and the keys in ``data``
    (by default beside the SQLite file; a PostgreSQL platform must name it)."""
    store = PlatformStore(db, pool_size=pool_size)
    folder = data or (store.path.parent if store.path is not None else None)
    if folder is None:
        store.close()
        raise ValueError("a platform on PostgreSQL needs a data folder for its keys (--data)")
    keys = load_or_create_keys(folder)
    if catalog is None:  # the catalog last published on the console, if any
        published = Path(store.get_meta("catalog_file", "") or DEFAULT_CATALOG)
        catalog = published if published.is_file() else None
    return Platform(store=store, keys=keys, catalog_path=catalog or DEFAULT_CATALOG, data=data)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def serve(
    platform: Platform,
    host: str = "127.0.0.1",
    port: int = 8470,
    ssl_certfile: str | None = None,
    ssl_keyfile: str | None = None,
    *,
    workers: int = 1,
) -> None:
    """Serve in this process, or in ``workers`` processes on PostgreSQL (each opens its
    own pool through ``central.asgi``; ``serve_workers`` says why SQLite keeps one)."""
    options = {"host": host, "port": port, "log_level": "warning", "access_log": False,
               "ssl_certfile": ssl_certfile, "ssl_keyfile": ssl_keyfile}  # fmt: skip
    if workers > 1 and platform.store.dialect == "postgresql":
        os.environ.update(
            GOV_KIOSK_PLATFORM_DB=platform.store.where,
            GOV_KIOSK_PLATFORM_DATA=str(platform.data_dir),
            GOV_KIOSK_PLATFORM_CATALOG=str(platform.catalog_path),
            GOV_KIOSK_PUBLIC_URL=platform.public_url,
        )
        platform.store.close()  # each worker opens its own
        uvicorn.run("central.asgi:app", factory=True, workers=workers, **options)  # type: ignore[arg-type]
        return
    app = create_app(platform)
    settle_heap()
    uvicorn.Server(uvicorn.Config(app, **options)).run()  # type: ignore[arg-type]


def settle_heap() -> None:
    """Leave what start-up built out of the garbage collector's scans (``gc.freeze``).

    A served process holds a few hundred thousand long-lived objects (FastAPI's
    routes, pydantic's schemas, SQLAlchemy's tables, the published catalog),
    and every full collection walked all of them again; a batch of 500
    submissions makes enough objects to set collections off, and they were a
    quarter of the platform's CPU per submitted item (issue 19: 89-92 µs before,
    65-71 µs after, interleaved). Called once the app is built, before serving;
    objects made while serving are collected as before."""
    gc.collect()
    gc.freeze()


def serve_workers(dialect: str, asked: int) -> tuple[int, str]:
    """How many workers serve, and what to say when it is fewer than asked: SQLite
    has one writer, and worker processes on one file only queue behind its lock
    (two were slower than one when measured), so it serves with one."""
    if asked > 1 and dialect != "postgresql":
        return 1, (
            f"--workers {asked}: SQLite has one writer, so one worker serves; "
            "run the platform on PostgreSQL (--db postgresql+psycopg://...) for more"
        )
    return max(1, asked), ""


class PlatformServer:
    """uvicorn in a daemon thread, on loopback; ``stop()`` shuts it down cleanly."""

    def __init__(
        self,
        platform: Platform,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        ssl_certfile: str | None = None,
        ssl_keyfile: str | None = None,
    ) -> None:
        self.platform = platform
        self.ssl_certfile = ssl_certfile
        self.ssl_keyfile = ssl_keyfile
        self.host = host
        self.port = port or free_port(host)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        scheme = "https" if self.ssl_certfile else "http"
        return f"{scheme}://{self.host}:{self.port}"

    def start(self, timeout: float = 10.0) -> PlatformServer:
        config = uvicorn.Config(
            create_app(self.platform),
            host=self.host,
            port=self.port,
            log_level="warning",
            access_log=False,
            lifespan="off",
            ssl_certfile=self.ssl_certfile,
            ssl_keyfile=self.ssl_keyfile,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, name="platform-server", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"platform did not start on {self.url}")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = None
        self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()
