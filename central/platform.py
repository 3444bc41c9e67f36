"""What every part of the platform shares: its store, its keys, its knobs.

The kiosk API, the operator API, the phone pages and the staff console are
routers over one ``Platform``; they meet here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi.responses import JSONResponse

from central.keys import PlatformKeys
from central.store import PlatformStore, StoreError
from kiosk.assets import ASSETS_DIR
from protocol.sealing import SealError, open_sealed
from protocol.signing import PROTOCOL, WINDOW_SECONDS

DEFAULT_CATALOG = ASSETS_DIR / "catalog" / "sample.json"


@dataclass
class Platform:
    """What the app needs: storage, keys, and a few knobs."""

    store: PlatformStore
    keys: PlatformKeys
    catalog_path: Path = DEFAULT_CATALOG
    demo: bool = False  # demo mode: the kiosk API's docs are served (never in service)
    window_seconds: int = WINDOW_SECONDS
    verify_payloads: bool = True
    kiosk_config: dict[str, Any] = field(default_factory=dict)
    # the phone pages: the address residents reach (in every QR the kiosks show),
    # the identity provider behind 亮证 and the notifier of status changes
    # (central.web.identity, central.notices); a province sets its own
    public_url: str = ""
    identity_provider: Any = None
    notifier: Any = None
    # the platform's files (keys, published catalogs): beside a SQLite database
    # unless given; a platform on PostgreSQL names its own (``--data``)
    data: Path | None = None

    @property
    def data_dir(self) -> Path:
        if self.data is not None:
            return self.data
        if self.store.path is None:
            raise ValueError("a platform on PostgreSQL needs a data folder for its keys")
        return self.store.path.parent

    def kiosk_settings(self) -> dict[str, Any]:
        """The settings every kiosk receives: the serve-time ones, then the operator's."""
        extra = json.loads(self.store.get_meta("kiosk_config", "{}"))
        return {**self.kiosk_config, **extra}


def error_response(status: int, error: str, detail: str = "") -> JSONResponse:
    """Every error answer of the API: the protocol mark, a code, and a detail."""
    return JSONResponse(
        {"protocol": PROTOCOL, "error": error, "detail": detail}, status_code=status
    )


def open_payload(platform: Platform, case_number: str) -> Any:
    """The operator reads an application: open its sealed payload with the private key."""
    found = platform.store.sealed_of(case_number)
    if found is None:
        raise StoreError(f"no case {case_number}")
    client_id, sealed = found
    try:
        plain = open_sealed(sealed, platform.keys.seal, client_id.encode())
    except SealError as exc:
        raise StoreError(f"{case_number} cannot be opened") from exc
    try:
        return json.loads(plain)
    except ValueError:
        return plain.decode("utf-8", "replace")


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
