"""Refuse new applications when the kiosk cannot keep its promise.

Lesson of MOSIP's registration client: when the oldest unsent item is too old
(the kiosk has been cut off too long) or the disk is nearly full, taking more
applications only grows a backlog nobody can see. The resident gets a clear
"go to a counter" message, the technician the figures (two message keys).
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import Config
from kiosk.errors import SyncError
from kiosk.outbox import Outbox, utcnow


class AdmissionRefused(SyncError):
    """``key`` is for the resident; ``tech_key`` with ``params`` for the technician."""

    key = "error.sync.backlog_old"

    def __init__(self, detail: str, *, key: str, tech_key: str, **params: object) -> None:
        super().__init__(detail, key=key, **params)
        self.tech_key = tech_key


@dataclass(frozen=True)
class Admission:
    ok: bool
    reason: str = ""  # "" | "backlog_old" | "disk_low"
    oldest_pending_hours: float = 0.0
    free_mb: float = 0.0


def disk_free_mb(path: Path) -> float:
    target = Path(path)
    while not target.exists() and target != target.parent:
        target = target.parent
    return shutil.disk_usage(target).free / 1_000_000


def check_admission(outbox: Outbox, config: Config, now: dt.datetime | None = None) -> Admission:
    now = now or utcnow()
    oldest = outbox.oldest_pending_at()
    hours = (now - oldest).total_seconds() / 3600 if oldest else 0.0
    free = disk_free_mb(config.data_dir)
    if oldest and hours > config.sync.max_pending_age_hours:
        return Admission(False, "backlog_old", hours, free)
    if free < config.sync.min_free_disk_mb:
        return Admission(False, "disk_low", hours, free)
    return Admission(True, "", hours, free)


def ensure_can_accept(outbox: Outbox, config: Config, now: dt.datetime | None = None) -> None:
    """Raise AdmissionRefused before a resident starts an application that cannot be kept."""
    adm = check_admission(outbox, config, now)
    if adm.reason == "backlog_old":
        raise AdmissionRefused(
            f"oldest pending item {adm.oldest_pending_hours:.0f} h old",
            key="error.sync.backlog_old",
            tech_key="error.sync.backlog_old.tech",
            hours=round(adm.oldest_pending_hours),
            limit=config.sync.max_pending_age_hours,
        )
    if adm.reason == "disk_low":
        raise AdmissionRefused(
            f"{adm.free_mb:.0f} MB free",
            key="error.sync.disk_low",
            tech_key="error.sync.disk_low.tech",
            free_mb=round(adm.free_mb),
            floor_mb=config.sync.min_free_disk_mb,
        )
