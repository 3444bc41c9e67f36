"""Opening the kiosk database at start-up, waiting while it cannot be read or written.

A full disk or an I/O error at start-up says nothing about the data, so the
kiosk neither exits nor restores: it keeps trying (the UI every
``RETRY_SECONDS``), logs once per kind of failure, and when the database opens
again it keeps a note of the wait (``storage.wait``: since, until, the message
key and SQLite's words). The technician's kiosk page shows that note and the
heartbeat carries it, inside the ``recovery`` field, to the platform's
operators: during the wait nothing can be written, so they hear of it as soon
as the kiosk can speak again.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from kiosk.backup import open_recovered
from kiosk.errors import StorageError, StorageFull, StorageUnavailable
from kiosk.recovery_report import remember_wait
from kiosk.storage import Storage

log = logging.getLogger(__name__)

RETRY_SECONDS = 15


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class DatabaseOpener:
    """``open()`` raises StorageFull / StorageUnavailable while the disk refuses,
    remembering since when; the first open that works records the wait."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.waiting_since: str | None = None
        self.error: StorageError | None = None
        self.attempts = 0

    @property
    def waiting(self) -> bool:
        return self.waiting_since is not None

    def open(self) -> Storage:
        self.attempts += 1
        try:
            storage = open_recovered(self.path)
        except (StorageFull, StorageUnavailable) as exc:
            if self.error is None or self.error.key != exc.key:
                log.error(
                    "database cannot be used now (%s); trying again every %d s",
                    exc.detail,
                    RETRY_SECONDS,
                )
            self.waiting_since = self.waiting_since or _now()
            self.error = exc
            raise
        if self.waiting_since is not None and self.error is not None:
            until = _now()
            remember_wait(storage, self.waiting_since, until, self.error.key, self.error.detail)
            log.warning(
                "database usable again after waiting since %s (%d tries)",
                self.waiting_since,
                self.attempts,
            )
            self.waiting_since = None
            self.error = None
        return storage
