"""One sync cycle: push the outbox, pull statuses and catalog, heartbeat, purge.

The outbox item's life: pending -> sending -> accepted | quarantined. Items are
marked "sending" in a committed transaction before they go on the wire; after a
crash they are simply claimed and sent again, and the platform's verdict
"duplicate" (same id, same hash) counts as accepted. A transient failure puts
the batch back to "pending" and ends the push; a request the platform refuses
outright (4xx) is retried item by item so one bad item is quarantined alone
and never blocks the others.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import time
from dataclasses import asdict
from typing import Any

import kiosk
from kiosk import platforms
from kiosk.config import Config
from kiosk.errors import SyncError
from kiosk.outbox import Outbox, iso, utcnow
from kiosk.recovery_report import last_recovery
from kiosk.settings import get_setting, set_setting
from kiosk.storage import Storage
from kiosk.technician import audit
from protocol.models import MAX_AUDIT_DETAIL
from protocol.signing import catalog_tag
from sync import keys
from sync.admission import disk_free_mb
from sync.catalog_sink import deliver_catalog
from sync.client import AuthError, KioskRevoked, PlatformClient, RequestRefused, TransientError
from sync.push import push
from sync.report import (  # the cycle's settings and report live there (light to import)
    ANNOUNCEMENTS,
    CATALOG_DUE,
    CATALOG_ETAG,
    CATALOG_VERSION,
    CLOCK_OFFSET,
    LAST_HEARTBEAT,
    LAST_SUCCESS,
    PLATFORM_CONFIG,
    REVOKED_AT,
    STATUS_CURSOR,
    DeviceStates,
    SyncReport,
)

log = logging.getLogger(__name__)


AUDIT_BATCH = 500  # technician audit rows per heartbeat; the rest go with the next


class SyncEngine:
    """Runs cycles for one kiosk database; safe to construct in any process."""

    def __init__(
        self,
        storage: Storage,
        config: Config,
        client: PlatformClient,
        *,
        outbox: Outbox | None = None,
        device_states: DeviceStates | None = None,
    ) -> None:
        self.storage = storage
        self.config = config
        self.client = client
        self.outbox = outbox or Outbox(storage, config.kiosk.code)
        self.device_states = device_states or (lambda: {})

    @classmethod
    def from_settings(
        cls, storage: Storage, config: Config, device_states: DeviceStates | None = None
    ) -> SyncEngine:
        """Build from what enrollment stored; raises SyncError if not enrolled."""
        url = get_setting(storage, keys.URL) or config.sync.url
        kiosk_id = get_setting(storage, keys.KIOSK_ID)
        if not url or not kiosk_id:
            raise SyncError("kiosk is not enrolled", key="error.sync.not_enrolled")
        if get_setting(storage, REVOKED_AT):
            # revoked: no request at all until a technician provisions it again
            raise KioskRevoked("the platform revoked this kiosk")
        client = PlatformClient(
            url,
            kiosk_id=kiosk_id,
            key=keys.load_or_create_signing_key(config.data_dir),
            timeout=config.sync.timeout_seconds,
            # a certificate pinned at provisioning (QR fingerprint) when none is configured
            ca_bundle=config.sync.ca_bundle or get_setting(storage, "sync.pinned_cert"),
            clock_offset=float(get_setting(storage, CLOCK_OFFSET, "0") or 0),
        )
        return cls(storage, config, client, device_states=device_states)

    # --- the cycle ----------------------------------------------------------------

    def run_once(self, *, heartbeat: bool | None = None) -> SyncReport:
        report = SyncReport(started_at=iso(utcnow()))
        t0 = time.monotonic()
        try:
            if get_setting(self.storage, REVOKED_AT):
                raise KioskRevoked("the platform revoked this kiosk")
            self._push(report)
            self._push_elsewhere(report)
            self._pull_statuses(report)
            self._pull_catalog(report)
            if heartbeat or (heartbeat is None and self._heartbeat_due()):
                self._heartbeat(report)
            report.ok = True
            set_setting(self.storage, LAST_SUCCESS, iso(utcnow()))
        except TransientError as exc:
            report.error, report.error_detail = exc.key, exc.detail
            report.retry_after = exc.retry_after
            report.connection_level = exc.connection_level
        except KioskRevoked as exc:
            report.error, report.error_detail = exc.key, exc.detail
            if not get_setting(self.storage, REVOKED_AT):
                set_setting(self.storage, REVOKED_AT, iso(utcnow()))
                audit.record(self.storage, "sync.revoked", self.client.url, actor="platform")
                log.warning("the platform revoked this kiosk: syncing stops")
        except (AuthError, RequestRefused, SyncError) as exc:
            report.error, report.error_detail = exc.key, exc.detail
        finally:
            report.purged = self.outbox.purge_sealed(self.config.sync.purge_after_days)
            self._save_clock()
            report.clock_offset_seconds = round(self.client.clock_offset, 1)
            report.queue_depth = self.outbox.stats()["queue_depth"]
            report.catalog_version = report.catalog_version or get_setting(
                self.storage, CATALOG_VERSION
            )
            report.duration_seconds = round(time.monotonic() - t0, 3)
        if report.ok:
            log.info(
                "sync ok: pushed %d, accepted %d, duplicates %d, quarantined %d, statuses %d",
                report.pushed,
                report.accepted,
                report.duplicates,
                report.quarantined,
                report.statuses_pulled,
            )
        else:
            log.warning("sync failed: %s %s", report.error, report.error_detail)
        return report

    def _save_clock(self) -> None:
        saved = get_setting(self.storage, CLOCK_OFFSET, "")
        value = f"{self.client.clock_offset:.1f}"
        if saved != value:
            set_setting(self.storage, CLOCK_OFFSET, value)

    def _push(
        self,
        report: SyncReport,
        client: PlatformClient | None = None,
        sealed_for: str | None = None,
    ) -> None:
        """Push the items sealed for one platform to that platform: by default the
        current one (the key enrolled now); never an item sealed for another key."""
        client = client or self.client
        if sealed_for is None:
            sealed_for = get_setting(self.storage, keys.SEAL_PUBLIC_KEY)
        push(
            self.outbox,
            client,
            report,
            max_items=self.config.sync.batch_max_items,
            max_bytes=self.config.sync.batch_max_bytes,
            sealed_for=sealed_for,
        )

    def _push_elsewhere(self, report: SyncReport) -> None:
        """Items sealed for a platform this kiosk was enrolled with before go there,
        signed with the same kiosk key under the id that platform gave, trusting the
        certificate pinned for it. Its failure is logged, never the cycle's: the
        current platform's sync goes on."""
        for record in platforms.sendable_elsewhere(self.storage):
            client = PlatformClient(
                record.url,
                kiosk_id=record.kiosk_id,
                key=self.client.key,
                timeout=self.config.sync.timeout_seconds,
                ca_bundle=record.ca_bundle,
            )
            before = report.pushed
            try:
                self._push(report, client, record.seal_key)
            except SyncError as exc:
                log.warning("items for %s wait: %s %s", record.url, exc.key, exc.detail)
            finally:
                client.close()
            report.pushed_elsewhere += report.pushed - before

    def _pull_statuses(self, report: SyncReport) -> None:
        cursor = int(get_setting(self.storage, STATUS_CURSOR, "0") or 0)
        # "received" comes with each verdict, so the pull leaves those events out,
        # unless an accepted case still lacks it (Outbox.awaits_received)
        omit = not self.outbox.awaits_received()
        for _ in range(100):
            changes, new_cursor, more = self.client.statuses(cursor, omit_received=omit)
            if changes:
                self.outbox.apply_statuses(changes)
                report.statuses_pulled += len(changes)
            if new_cursor != cursor:
                set_setting(self.storage, STATUS_CURSOR, str(new_cursor))
                cursor = new_cursor
            if not more:
                return

    def _pull_catalog(self, report: SyncReport) -> None:
        """Fetch the catalog when the platform has a newer one, spread after a bump.

        The platform names its current catalog on every ``/statuses`` answer
        (``PlatformClient.catalog_advert``): a kiosk whose copy is that one sends
        no catalog request at all; one whose copy is older waits a random moment
        within the platform's spread (``X-Catalog-Spread``, longer for a larger
        fleet) before fetching it, so a bump does not bring every kiosk of a
        province at once. A platform that says nothing gets the conditional GET
        of every cycle."""
        etag = get_setting(self.storage, CATALOG_ETAG)
        advert = self.client.catalog_advert
        if advert is not None and etag:
            current, spread = advert
            if catalog_tag(current) == catalog_tag(etag):
                self._set_if_changed(CATALOG_DUE, "")
                return
            if not self._catalog_due(current, spread):
                return
        got = self.client.catalog(etag)
        self._set_if_changed(CATALOG_DUE, "")
        if got is None:
            report.catalog_version = get_setting(self.storage, CATALOG_VERSION)
            return
        version, new_etag, document = got
        deliver_catalog(self.storage, self.config.data_dir, version, document, new_etag)
        set_setting(self.storage, CATALOG_VERSION, version)
        set_setting(self.storage, CATALOG_ETAG, new_etag)
        report.catalog_version = version
        report.catalog_updated = True

    def _catalog_due(self, current: str, spread: int) -> bool:
        """Whether this kiosk's moment to fetch catalog ``current`` has come; the
        moment is drawn once per new catalog (kept across restarts)."""
        tag, _, due = get_setting(self.storage, CATALOG_DUE).rpartition(" ")
        now = time.time()
        if tag != current:
            due = repr(now + random.uniform(0, spread))  # noqa: S311 (not a secret)
            set_setting(self.storage, CATALOG_DUE, f"{current} {due}")
        try:
            return now >= float(due)
        except ValueError:
            return True

    def _set_if_changed(self, key: str, value: str) -> None:
        if get_setting(self.storage, key) != value:
            set_setting(self.storage, key, value)

    def _heartbeat_due(self) -> bool:
        last = get_setting(self.storage, LAST_HEARTBEAT)
        if not last:
            return True
        age = utcnow() - dt.datetime.fromisoformat(last)
        return age.total_seconds() >= self.config.sync.heartbeat_seconds

    def health(self) -> dict[str, Any]:
        stats = self.outbox.stats()
        devices = {k: str(v) for k, v in self.device_states().items()}
        return {
            "devices": devices,
            "paper": devices.get("paper", devices.get("printer.paper", "")),
            "queue_depth": stats["queue_depth"],
            "oldest_pending_age_seconds": stats["oldest_pending_age_seconds"],
            "quarantined": stats["quarantined"],
            "disk_free_mb": round(disk_free_mb(self.config.data_dir), 1),
            "app_version": kiosk.__version__,
            "catalog_version": get_setting(self.storage, CATALOG_VERSION),
            "clock_offset_seconds": float(get_setting(self.storage, CLOCK_OFFSET, "0") or 0),
            # the platform hears of a restore from backup and what it lacks
            "recovery": last_recovery(self.storage),
        }

    def _heartbeat(self, report: SyncReport) -> None:
        rows = audit.unsynced(self.storage, AUDIT_BATCH)
        health = self.health()
        # the platform bounds every field (protocol.models): a long detail is cut, not refused
        health["audit"] = [
            {**asdict(row), "detail": row.detail[:MAX_AUDIT_DETAIL], "action": row.action[:64]}
            for row in rows
        ]
        answer = self.client.heartbeat(health)
        # only after the platform answered: a lost heartbeat sends the rows again
        audit.mark_synced(self.storage, [row.id for row in rows])
        config = answer.get("config") or {}
        announcements = [str(a) for a in answer.get("announcements") or []]
        set_setting(self.storage, PLATFORM_CONFIG, json.dumps(config, ensure_ascii=False))
        set_setting(self.storage, ANNOUNCEMENTS, json.dumps(announcements, ensure_ascii=False))
        set_setting(self.storage, LAST_HEARTBEAT, iso(utcnow()))
        report.heartbeat = True
        report.announcements = announcements


