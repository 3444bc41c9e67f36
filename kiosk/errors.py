"""Typed errors that carry a message key the UI translates.

Every error a resident or technician can meet derives from KioskError, so the
UI has one place to turn any failure into a translated sentence and nothing
ever shows a traceback. ``key`` names an entry in assets/i18n; ``params`` fill
its placeholders; ``detail`` is for technicians and logs and must never hold
personal data.
"""

from __future__ import annotations

from typing import Any


class KioskError(Exception):
    """Base of every error the kiosk expects and can explain."""

    key: str = "error.generic"

    def __init__(self, detail: str = "", *, key: str | None = None, **params: Any) -> None:
        super().__init__(detail or (key or self.key))
        if key is not None:
            self.key = key
        self.detail = detail
        self.params = params


class ConfigError(KioskError):
    key = "error.config"


class StorageError(KioskError):
    key = "error.storage"


class StorageFull(StorageError):
    """The disk (or SQLite's page limit) is full: nothing is wrong with the data."""

    key = "error.storage.full"


class StorageUnavailable(StorageError):
    """The database cannot be read or written now (an I/O error, a missing
    mount, a lock): wait and try again; never take it for corruption."""

    key = "error.storage.unavailable"


class StorageCorrupt(StorageError):
    """SQLite says the file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB)."""

    key = "error.storage.corrupt"


class ValidationError(KioskError):
    """Input that breaks a rule: a form field, an ID number, a catalog file."""

    key = "error.validation"

    def __init__(
        self, detail: str = "", *, key: str | None = None, field: str = "", **params: Any
    ) -> None:
        super().__init__(detail, key=key, field=field, **params)
        self.field = field


class DeviceError(KioskError):
    key = "error.device"


class SyncError(KioskError):
    key = "error.sync"
