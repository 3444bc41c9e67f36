"""What a sync cycle leaves behind: the settings it keeps and the report it returns.

Apart from the engine (sync.engine) so that what shows sync's state (the
kiosk's Sync area, ``kiosk status``) does not import the engine's client and
the protocol's pydantic models before the kiosk is ready for a touch: they
were about 140 ms of its start (issue 19); the engine is imported by the sync
thread when its first cycle runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from kiosk.settings import get_setting
from kiosk.storage import Storage

LAST_SUCCESS = "sync.last_success_at"
CLOCK_OFFSET = "sync.clock_offset_seconds"
STATUS_CURSOR = "sync.status_cursor"
CATALOG_ETAG = "sync.catalog_etag"
CATALOG_VERSION = "sync.catalog_version"
CATALOG_DUE = "sync.catalog_due"  # "<ETag> <unix time>": when to fetch a newer catalog
LAST_HEARTBEAT = "sync.last_heartbeat_at"
REVOKED_AT = "sync.revoked_at"  # when the platform said this kiosk is revoked
PLATFORM_CONFIG = "platform.config"
ANNOUNCEMENTS = "platform.announcements"

DeviceStates = Callable[[], dict[str, str]]


@dataclass
class SyncReport:
    """What one cycle did; ``kiosk sync --once --json`` prints it."""

    ok: bool = False
    pushed: int = 0
    accepted: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    quarantined: int = 0
    statuses_pulled: int = 0
    catalog_version: str = ""
    catalog_updated: bool = False
    heartbeat: bool = False
    purged: int = 0
    clock_offset_seconds: float = 0.0
    queue_depth: int = 0
    error: str = ""  # message key
    error_detail: str = ""
    retry_after: float | None = None
    connection_level: bool = False
    batches: int = 0
    pushed_elsewhere: int = 0  # items sent to the earlier platform they were sealed for
    started_at: str = ""
    duration_seconds: float = 0.0
    announcements: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def platform_config(storage: Storage) -> dict[str, Any]:
    """Config changes the platform sent with its last heartbeat answer."""
    try:
        value = json.loads(get_setting(storage, PLATFORM_CONFIG, "{}"))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
