"""What the technician's kiosk page shows: identity, versions, disk, clock, uptime.

Times are stored as UTC ISO strings; the pages show them in the kiosk's local
time, written the way the page's language writes a date.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import time
from dataclasses import dataclass

from kiosk import __version__, enrollment
from kiosk.backup import LAST_BACKUP_SETTING
from kiosk.config import Config
from kiosk.i18n import translate
from kiosk.recovery_report import last_recovery
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


def local_time_text(moment: str | dt.datetime | None, lang: str) -> str:
    """A stored moment in local time, as ``lang`` writes it; "-" for none.

    A naive ISO string is taken as UTC (what the kiosk stores); a string that
    is not a time at all is shown as it is rather than hidden.
    """
    if moment is None or moment == "":
        return "-"
    if isinstance(moment, str):
        try:
            parsed = dt.datetime.fromisoformat(moment.strip().replace("Z", "+00:00"))
        except ValueError:
            return moment
    else:
        parsed = moment
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    local = parsed.astimezone()
    months = translate("tech.time.months", lang).split(",")
    month = months[local.month - 1].strip() if len(months) == 12 else str(local.month)
    return translate(
        "tech.time.format",
        lang,
        year=local.year,
        month=month,
        day=local.day,
        hour=f"{local.hour:02d}",
        minute=f"{local.minute:02d}",
    )


def catalog_meta(storage: Storage) -> dict[str, str]:
    """The imported catalog's version and import time (empty before any import)."""
    try:
        rows = storage.query("SELECT key, value FROM catalog_meta")
    except sqlite3.Error:
        return {}
    return {str(r["key"]): str(r["value"]) for r in rows}


def kiosk_info(config: Config, storage: Storage, lang: str = "zh") -> list[InfoRow]:
    offset = get_setting(storage, "sync.clock_offset_seconds", "")
    catalog = catalog_meta(storage)
    catalog_version = catalog.get("version", "0")
    return [
        InfoRow(
            "tech.info.kiosk_id",
            get_setting(storage, enrollment.KIOSK_ID) or config.kiosk.id or "-",
        ),
        InfoRow("tech.info.kiosk_code", config.kiosk.code),
        InfoRow("tech.info.app_version", __version__),
        InfoRow("tech.info.catalog_version", catalog_version if catalog_version != "0" else "-"),
        InfoRow("tech.info.catalog_imported", local_time_text(catalog.get("imported_at"), lang)),
        InfoRow(
            "tech.info.platform", get_setting(storage, enrollment.URL) or config.sync.url or "-"
        ),
        InfoRow("tech.info.disk_free", f"{disk_free_mb(config)} MB"),
        InfoRow("tech.info.clock_offset", f"{float(offset):+.1f} s" if offset else "-"),
        InfoRow("tech.info.uptime", uptime_text(time.monotonic() - STARTED_AT)),
        InfoRow("tech.info.data_dir", str(config.data_dir)),
        InfoRow(
            "tech.info.last_backup",
            local_time_text(get_setting(storage, LAST_BACKUP_SETTING), lang),
        ),
        InfoRow("tech.info.recovery", _recovery_text(storage, lang)),
        InfoRow("tech.info.storage_wait", _wait_text(storage, lang)),
    ]


def _numbers(report: dict[str, object], key: str) -> list[str]:
    value = report.get(key) or []
    return [str(n) for n in value] if isinstance(value, list) else []


def _recovery_text(storage: Storage, lang: str) -> str:
    """What the last recovery did, and every confirmed application it could not save,
    by tracking number (the technician writes them down for the counter)."""
    report = last_recovery(storage)
    if not report or "at" not in report:
        return "-"
    at = report.get("at")
    when = local_time_text(at if isinstance(at, str) else "", lang)
    lost = _numbers(report, "missing_tracking_numbers")
    salvaged = _numbers(report, "salvaged_tracking_numbers")
    if report.get("kind") == "loss_detected":
        text = translate("tech.info.recovery_loss", lang, at=when, count=len(lost) + len(salvaged))
    else:
        text = translate(
            "tech.info.recovery_text",
            lang,
            at=when,
            source=report.get("restored_from") or translate("tech.info.recovery_nothing", lang),
            moved=report.get("moved_to") or "-",
        )
    if salvaged:
        text += translate("tech.info.recovery_salvaged", lang, count=len(salvaged))
    lost_evaluations = report.get("missing_evaluations")
    if lost:
        text += translate("tech.info.recovery_lost", lang, numbers=", ".join(lost))
    elif not lost_evaluations:
        text += translate("tech.info.recovery_none_lost", lang)
    if isinstance(lost_evaluations, int) and lost_evaluations:
        text += translate("tech.info.recovery_lost_evaluations", lang, count=lost_evaluations)
    return text


def _wait_text(storage: Storage, lang: str) -> str:
    """The last time the kiosk waited at start-up for a disk it could not write."""
    report = last_recovery(storage) or {}
    wait = report.get("waited")
    if not isinstance(wait, dict):
        return "-"
    return translate(
        "tech.info.storage_wait_text",
        lang,
        since=local_time_text(str(wait.get("since") or ""), lang),
        until=local_time_text(str(wait.get("until") or ""), lang),
        why=translate(str(wait.get("key") or "error.storage.unavailable"), lang),
    )
