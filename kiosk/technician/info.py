"""What the technician's kiosk page shows: identity, versions, disk, clock, uptime."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass

from kiosk import __version__
from kiosk.backup import LAST_BACKUP_SETTING, last_recovery
from kiosk.config import Config
from kiosk.settings import get_setting
from kiosk.storage import Storage

STARTED_AT = time.monotonic()


@dataclass(frozen=True)
class InfoRow:
    key: str  # message key of the label
    value: str


def disk_free_mb(config: Config) -> int:
    path = config.data_dir
    while not path.exists() and path != path.parent:
        path = path.parent
    return int(shutil.disk_usage(path).free / 1_000_000)


def uptime_text(seconds: float) -> str:
    minutes = int(seconds // 60)
    days, rest = divmod(minutes, 1440)
    hours, minutes = divmod(rest, 60)
    return f"{days}d {hours:02d}:{minutes:02d}"


def kiosk_info(config: Config, storage: Storage) -> list[InfoRow]:
    offset = get_setting(storage, "sync.clock_offset_seconds", "")
    catalog_version = get_setting(storage, "catalog.version", "")
    return [
        InfoRow(
            "tech.info.kiosk_id",
            get_setting(storage, "platform.kiosk_id") or config.kiosk.id or "-",
        ),
        InfoRow("tech.info.kiosk_code", config.kiosk.code),
        InfoRow("tech.info.app_version", __version__),
        InfoRow("tech.info.catalog_version", catalog_version or "-"),
        InfoRow(
            "tech.info.platform", get_setting(storage, "platform.url") or config.sync.url or "-"
        ),
        InfoRow("tech.info.disk_free", f"{disk_free_mb(config)} MB"),
        InfoRow("tech.info.clock_offset", f"{float(offset):+.1f} s" if offset else "-"),
        InfoRow("tech.info.uptime", uptime_text(time.monotonic() - STARTED_AT)),
        InfoRow("tech.info.data_dir", str(config.data_dir)),
        InfoRow("tech.info.last_backup", get_setting(storage, LAST_BACKUP_SETTING) or "-"),
        InfoRow("tech.info.recovery", _recovery_text(storage)),
    ]


def _recovery_text(storage: Storage) -> str:
    report = last_recovery(storage)
    if not report:
        return "-"
    missing = report.get("missing_tracking_numbers") or []
    lost = ", ".join(str(n) for n in missing) if isinstance(missing, list) else ""
    return (
        f"{report.get('at')}: restored {report.get('restored_from') or 'nothing'}; "
        f"broken file kept at {report.get('moved_to')}"
        + (f"; not in backup: {lost}" if lost else "")
    )
