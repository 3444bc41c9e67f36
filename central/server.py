"""Running the reference platform: in the foreground (``kiosk platform serve``),
or in a background thread for tests and demo mode (``PlatformServer``)."""

from __future__ import annotations

import logging
import socket
import threading
import time
from pathlib import Path

import uvicorn

from central.app import DEFAULT_CATALOG, Platform, create_app
from central.keys import load_or_create_keys
from central.store import PlatformStore

log = logging.getLogger(__name__)


def open_platform(db: Path, catalog: Path | None = None) -> Platform:
    """The store at ``db`` and the keys beside it."""
    store = PlatformStore(db)
    keys = load_or_create_keys(db.parent)
    if catalog is None:  # the catalog last published on the console, if any
        published = Path(store.get_meta("catalog_file", "") or DEFAULT_CATALOG)
        catalog = published if published.is_file() else None
    return Platform(store=store, keys=keys, catalog_path=catalog or DEFAULT_CATALOG)


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
) -> None:
    config = uvicorn.Config(
        create_app(platform),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        ssl_certfile=ssl_certfile,
        ssl_keyfile=ssl_keyfile,
    )
    uvicorn.Server(config).run()


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
