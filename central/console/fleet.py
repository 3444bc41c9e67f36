"""The fleet as the technicians see it: each kiosk's last heartbeat, and the alerts.

Alerts are judged from the health report each heartbeat stores
(``PlatformStore.record_health``): the store calls ``on_heartbeat`` as soon as
the report is committed, so a printer that ran out of paper raises its alert
with the first heartbeat that says so. "Offline too long" cannot come with a
heartbeat; it is judged whenever the fleet is looked at and, at most once a
minute, at a heartbeat of any kiosk. An alert clears itself when its cause is gone, and stays listed
until someone acknowledges it.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from typing import Any

from central.cases import local_time
from central.console.db import ConsoleDB
from central.store import PlatformStore

log = logging.getLogger(__name__)

ALERT_LABELS = {
    "offline": "离线过久 Offline too long",
    "paper_out": "缺纸 Paper out",
    "paper_low": "纸将用尽 Paper low",
    "device_error": "设备故障 Device error",
    "backlog": "积压过久 Backlog too old",
    "disk_low": "磁盘将满 Disk low",
    "recovery": "数据库已恢复 Database recovered",
}
BAD_DEVICE_STATES = ("error", "missing", "offline", "cover_open", "paper_out")


@dataclass(frozen=True)
class Thresholds:
    """When a kiosk's state becomes an alert (a county may change them in the meta table,
    ``console.<name>``)."""

    offline_minutes: float = 15.0  # three missed heartbeats at the default 300 s
    backlog_hours: float = 24.0
    disk_low_mb: float = 500.0

    @classmethod
    def of(cls, store: PlatformStore) -> Thresholds:
        values: dict[str, float] = {}
        for name in ("offline_minutes", "backlog_hours", "disk_low_mb"):
            raw = store.get_meta(f"console.{name}", "")
            try:
                values[name] = float(raw)
            except ValueError:
                continue
        return cls(**values)


def in_words(value: str) -> str:
    """A device state or a message key from a heartbeat, in the kiosk's own Chinese words
    (``assets/i18n``), with the code after it for the technician; unknown ones as sent."""
    from kiosk.i18n import catalog

    words = catalog("zh")
    for key in (f"device.state.{value}", value):
        if key in words:
            return f"{words[key]} ({value.removeprefix('error.')})"
    return value


def _parse(iso: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(iso)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def judge(
    health: dict[str, Any], last_seen: str | None, limits: Thresholds, now: dt.datetime
) -> dict[str, str]:
    """kind -> detail for every alert this kiosk's state calls for."""
    found: dict[str, str] = {}
    if last_seen:
        quiet = now - _parse(last_seen)
        if quiet > dt.timedelta(minutes=limits.offline_minutes):
            found["offline"] = f"last heartbeat {int(quiet.total_seconds() // 60)} min ago"
    devices = {str(k): str(v) for k, v in (health.get("devices") or {}).items()}
    paper = str(health.get("paper") or "")
    if "paper_out" in paper or paper == "out":
        found["paper_out"] = f"printer: {paper}"
    elif "near_end" in paper or paper == "low":
        found["paper_low"] = f"printer: {paper}"
    broken = [
        f"{name}: {state}"
        for name, state in sorted(devices.items())
        if name != "paper" and state in BAD_DEVICE_STATES
        and not (name == "printer" and state == "paper_out")
    ]  # fmt: skip
    if broken:
        found["device_error"] = ", ".join(broken)
    age = float(health.get("oldest_pending_age_seconds") or 0)
    if age > limits.backlog_hours * 3600:
        found["backlog"] = (
            f"oldest pending {age / 3600:.1f} h, {int(health.get('queue_depth') or 0)} queued"
        )
    disk = float(health.get("disk_free_mb") or 0)
    if health and 0 < disk < limits.disk_low_mb:
        found["disk_low"] = f"{disk:.0f} MB free"
    recovery = health.get("recovery")
    if recovery:
        found["recovery"] = recovery_in_words(recovery)
    return found


def recovery_in_words(report: Any) -> str:
    """A kiosk's database recovery report (kiosk.recovery_report.RecoveryReport) in one line:
    when, from what, and the tracking numbers of what could not be saved."""
    if not isinstance(report, dict):
        return str(report)[:300]
    missing = [str(t) for t in report.get("missing_tracking_numbers") or []]
    salvaged = report.get("salvaged_tracking_numbers") or []
    kind = "loss detected" if report.get("kind") == "loss_detected" else "restored from backup"
    when = local_time(str(report.get("at", ""))) if report.get("at") else "-"
    text = f"{kind} {when}: {report.get('reason', '')}; {len(salvaged)} salvaged, "
    text += f"{len(missing)} not saved" + (f" ({', '.join(missing[:10])})" if missing else "")
    return text[:500]


SWEEP_SECONDS = 60.0  # the whole fleet's alerts judged at most this often on heartbeats


class Fleet:
    """Judges alerts for the console; registered with the store's heartbeat hook."""

    def __init__(self, db: ConsoleDB) -> None:
        self.db = db
        self.store = db.store
        self._swept_at = 0.0  # monotonic moment of the last fleet-wide judgement

    def on_heartbeat(self, kiosk_id: str, health: dict[str, Any]) -> None:
        """After a heartbeat is stored: the alerts it calls for. A failure here is
        logged and never fails the kiosk's heartbeat (its report is already kept).

        The heartbeating kiosk is judged at once; the kiosks quiet for longer
        than the offline threshold (the only ones whose alerts change without
        a heartbeat of their own) at most once a minute, and only the kiosks
        whose alerts change are written. Sweeping the whole fleet, one transaction
        per kiosk, at every heartbeat cost a province's platform 20,000 commits
        per heartbeat (bench/bench_fleet.py)."""
        try:
            now = dt.datetime.now(dt.UTC)
            limits = Thresholds.of(self.store)
            found = judge(health, now.isoformat(), limits, now)
            if self._open_alerts(kiosk_id).get(kiosk_id, {}) != found:
                self.db.sync_alerts(kiosk_id, found)
            if time.monotonic() - self._swept_at >= SWEEP_SECONDS:
                self._swept_at = time.monotonic()
                open_now = self._open_alerts()
                # only a quiet kiosk's alerts change without its own heartbeat
                cutoff = now - dt.timedelta(minutes=limits.offline_minutes)
                quiet = self.store.kiosks(seen_before=cutoff.isoformat(timespec="milliseconds"))
                for other in quiet:
                    found = judge(other["health"], other["last_seen_at"], limits, now)
                    if open_now.get(str(other["kiosk_id"]), {}) != found:
                        self.db.sync_alerts(str(other["kiosk_id"]), found)
        except Exception:
            log.exception("alerts not judged after the heartbeat of %s", kiosk_id)

    def _open_alerts(self, kiosk_id: str = "") -> dict[str, dict[str, str]]:
        """kiosk -> kind -> detail of the open alerts (one kiosk's, or the fleet's)."""
        rows = self.store.query(
            "SELECT kiosk_id, kind, detail FROM console_alerts "
            "WHERE cleared_at = '' AND (:kiosk = '' OR kiosk_id = :kiosk)",
            {"kiosk": kiosk_id},
        )
        found: dict[str, dict[str, str]] = {}
        for kiosk, kind, detail in rows:
            found.setdefault(str(kiosk), {})[str(kind)] = str(detail)
        return found

    def sweep(self, now: dt.datetime | None = None) -> None:
        now = now or dt.datetime.now(dt.UTC)
        limits = Thresholds.of(self.store)
        for kiosk in self.store.kiosks():
            self.db.sync_alerts(
                kiosk["kiosk_id"], judge(kiosk["health"], kiosk["last_seen_at"], limits, now)
            )

    def rows(self, now: dt.datetime | None = None) -> list[dict[str, Any]]:
        """One row per kiosk, in words: what its last heartbeat said and how long ago."""
        now = now or dt.datetime.now(dt.UTC)
        limits = Thresholds.of(self.store)
        halls = self.db.halls()
        open_alerts: dict[str, list[str]] = {}
        for alert in self.db.alerts():
            if not alert["cleared_at"]:
                open_alerts.setdefault(alert["kiosk_id"], []).append(alert["kind"])
        out = []
        for kiosk in self.store.kiosks():
            health = kiosk["health"] or {}
            seen = kiosk["last_seen_at"]
            quiet = (now - _parse(seen)).total_seconds() if seen else None
            age = float(health.get("oldest_pending_age_seconds") or 0)
            out.append(
                {
                    "kiosk_id": kiosk["kiosk_id"],
                    "code": kiosk["code"],
                    "hall": halls.get(kiosk["kiosk_id"], ""),
                    "enrolled_at": local_time(kiosk["enrolled_at"]),
                    "last_seen": local_time(seen) if seen else "从未 never",
                    "online": quiet is not None and quiet <= limits.offline_minutes * 60,
                    "quiet_minutes": int(quiet // 60) if quiet is not None else None,
                    "devices": sorted(
                        (str(k), in_words(str(v)))
                        for k, v in (health.get("devices") or {}).items()
                        if k != "paper"
                    ),  # fmt: skip
                    "paper": in_words(str(health.get("paper") or "")) or "-",
                    "queue_depth": int(health.get("queue_depth") or 0),
                    "oldest_pending_hours": round(age / 3600, 1),
                    "quarantined": int(health.get("quarantined") or 0),
                    "disk_free_mb": health.get("disk_free_mb"),
                    "app_version": health.get("app_version") or "-",
                    "catalog_version": health.get("catalog_version") or "-",
                    "clock_offset": health.get("clock_offset_seconds"),
                    "recovery": recovery_in_words(health["recovery"])
                    if health.get("recovery")
                    else "",
                    "alerts": [
                        ALERT_LABELS.get(k, k) for k in open_alerts.get(kiosk["kiosk_id"], [])
                    ],  # fmt: skip
                    "revoked": bool(kiosk.get("revoked_at")),
                }
            )
        return out
