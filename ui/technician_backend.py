"""The technician's entry (corner gesture + PIN) and pages, as QML sees them."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    Property,
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication

from kiosk.errors import KioskError
from kiosk.outbox import Outbox
from kiosk.technician import audit, device_config, provisioning, sync_tools
from kiosk.technician.info import kiosk_info, local_time_text
from kiosk.technician.logs import export_logs, recent_lines, removable_drives
from kiosk.technician.pin import PinGuard, check_format
from kiosk.technician.reprint import reprint
from sync.provisioning import provision

log = logging.getLogger(__name__)

TAPS_NEEDED = 5
TAP_WINDOW_SECONDS = 3.0
INACTIVE_LEAVE_MS = 180_000
PAGES = ("devices", "sync", "kiosk", "logs", "provision", "reprint")
PAPER_WARNINGS = {"paper_near_end": "tech.devices.paper_low", "paper_out": "tech.devices.paper_out"}


def _end_event_loop() -> None:
    # exit(), not quit(): quit() asks the window to close, which kiosk mode refuses.
    QCoreApplication.exit(0)


class Technician(QObject):
    """QML singleton ``Technician``: entry, pages and their actions.

    Slow work (enrollment, probing a port) runs in a plain thread; its result
    comes back through a private signal delivered queued on the GUI thread.
    """

    changed = Signal()
    _provisionDone = Signal(str, str)  # kiosk id, error message ("" on success)
    _probeDone = Signal(str, str)  # role, message

    def __init__(self, backends: Any) -> None:
        super().__init__()
        self._b = backends
        self.guard = PinGuard(backends.storage)
        self._taps: deque[float] = deque(maxlen=TAPS_NEEDED)
        self._active = False
        self._page = "kiosk"
        self._pin_error = ""
        self._setup_stage = "code"  # while no PIN is set: "code", "new" or "confirm"
        self._setup_code = ""  # the accepted one-time code, until the PIN is set
        self._new_pin = ""
        self._exit_asked = False
        self._message = ""
        self._info: list[dict[str, str]] = []
        self._logs: list[str] = []
        self._device_rows: list[dict[str, Any]] = []
        self._ports: list[dict[str, str]] = []
        self._sync_rows: list[dict[str, str]] = []
        self._quarantined: list[dict[str, str]] = []
        self._last_card = ""
        self._last_scan = ""
        self._busy = False
        self._provision_ok = False
        self._expecting_print = False
        self._wired = False
        self._probe_restore: Any = None
        self.last_provision_thread: threading.Thread | None = None
        conn = Qt.ConnectionType.QueuedConnection
        self._provisionDone.connect(self._on_provisioned, conn)
        self._probeDone.connect(self._on_probed, conn)
        self._inactive = QTimer(self)
        self._inactive.setSingleShot(True)
        self._inactive.setInterval(INACTIVE_LEAVE_MS)
        self._inactive.timeout.connect(lambda: self._leave("inactive"))
        backends.navigator.screenChanged.connect(self._on_screen)
        backends.i18n.languageChanged.connect(self._on_language)

    # -- properties ------------------------------------------------------------
    @Property(bool, notify=changed)
    def active(self) -> bool:
        return self._active

    @Property(str, notify=changed)
    def page(self) -> str:
        return self._page

    @Property("QVariantList", constant=True)
    def pages(self) -> list[str]:
        return list(PAGES)

    @Property(str, notify=changed)
    def pinError(self) -> str:
        return self._pin_error

    @Property(str, notify=changed)
    def pinMode(self) -> str:
        """What the PIN pad asks: "enter" the PIN; with none set: "code", "new", "confirm"."""
        return "enter" if self.guard.is_set() else self._setup_stage

    @Property(bool, notify=changed)
    def exitAsked(self) -> bool:
        """Exit kiosk mode was tapped: the page asks before the program ends."""
        return self._exit_asked

    @Property(str, notify=changed)
    def message(self) -> str:
        return self._message

    @Property("QVariantList", notify=changed)
    def infoRows(self) -> list[dict[str, str]]:
        return self._info

    @Property("QVariantList", notify=changed)
    def logLines(self) -> list[str]:
        return self._logs

    @Property("QVariantList", notify=changed)
    def deviceRows(self) -> list[dict[str, Any]]:
        return self._device_rows

    @Property("QVariantList", notify=changed)
    def serialPorts(self) -> list[dict[str, str]]:
        return self._ports

    @Property("QVariantList", constant=True)
    def baudRates(self) -> list[int]:
        return list(device_config.BAUD_RATES)

    @Property("QVariantList", notify=changed)
    def syncRows(self) -> list[dict[str, str]]:
        return self._sync_rows

    @Property("QVariantList", notify=changed)
    def quarantinedItems(self) -> list[dict[str, str]]:
        return self._quarantined

    @Property(str, notify=changed)
    def lastCard(self) -> str:
        return self._last_card

    @Property(str, notify=changed)
    def lastScan(self) -> str:
        return self._last_scan

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._busy

    @Property(bool, notify=changed)
    def provisioned(self) -> bool:
        return self._provision_ok

    # -- entry -----------------------------------------------------------------
    @Slot()
    def cornerTap(self) -> None:
        """Five taps in the corner within three seconds open the PIN pad."""
        now = time.monotonic()
        self._taps.append(now)
        if len(self._taps) == TAPS_NEEDED and now - self._taps[0] <= TAP_WINDOW_SECONDS:
            self._taps.clear()
            self._pin_error = ""
            self._forget_setup()
            self.changed.emit()
            self._b.navigator.go("TechnicianPin")

    @Slot(str)
    def enterPin(self, pin: str) -> None:
        """The PIN pad's enter key: the PIN, or a step of the first PIN's set-up."""
        if not self.guard.is_set():
            self._setup_step(pin)
            return
        try:
            self.guard.check(pin)
        except KioskError as exc:
            self._pin_error = self._b.i18n.error_text(exc)
            self.changed.emit()
            return
        self._open()

    def _setup_step(self, digits: str) -> None:
        """No PIN yet: the one-time code, then the new PIN twice; then the pages open."""
        try:
            if self._setup_stage == "code":
                self.guard.check_setup_code(digits)  # a wrong code counts toward the lock
                self._setup_code, self._setup_stage = digits, "new"
            elif self._setup_stage == "new":
                check_format(digits)
                self._new_pin, self._setup_stage = digits, "confirm"
            else:
                if digits != self._new_pin:
                    self._new_pin, self._setup_stage = "", "new"
                    self._pin_error = self._t("error.pin.mismatch")
                    self.changed.emit()
                    return
                self.guard.set_first_pin(self._setup_code, digits)
                audit.record(self._b.storage, "entry.ok", "first PIN set")
                self._forget_setup()
                self._open()
                self._say(self._t("tech.pin.first.done"))
                return
        except KioskError as exc:
            if self._setup_stage == "confirm":  # e.g. the code ran out meanwhile: start over
                self._forget_setup()
            self._pin_error = self._b.i18n.error_text(exc)
            self.changed.emit()
            return
        self._pin_error = ""
        self.changed.emit()

    def _forget_setup(self) -> None:
        self._setup_stage, self._setup_code, self._new_pin = "code", "", ""

    def _open(self) -> None:
        self._active = True
        self._pin_error = ""
        self._wire()
        self._b.sessions.wipe("technician")
        self.setPage("kiosk")
        self._b.navigator.go("Technician")
        self._inactive.start()
        QGuiApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if self._active and event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress):
            self._inactive.start()
        return False

    # -- pages -----------------------------------------------------------------
    @Slot(str)
    def setPage(self, page: str) -> None:
        if page not in PAGES:
            return
        self._page = page
        self._message = ""
        self._exit_asked = False
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        config = self._b.config
        self._info = [
            {"label": self._b.i18n.t(row.key, ""), "value": row.value}
            for row in kiosk_info(config, self._b.storage, self._b.i18n.language)
        ]
        self._logs = recent_lines(config.log_dir, 60)
        self._refresh_devices()
        self._refresh_sync()
        self.changed.emit()

    def _on_language(self) -> None:
        if self._active:  # the pages' rows are built here, in the page's language
            self.refresh()

    def _t(self, key: str, **params: object) -> str:
        return self._b.i18n.tf(key, "", params) if params else self._b.i18n.t(key, "")

    def _say(self, text: str) -> None:
        self._message = text
        self.changed.emit()

    # -- wiring to the other areas (built after this one) -----------------------
    def _devices(self) -> Any:
        return self._b.areas.get("Devices")

    def _sync(self) -> Any:
        return self._b.areas.get("Sync")

    def _wire(self) -> None:
        """Listen to the devices once they exist (AREA_FACTORIES builds them after us)."""
        if self._wired:
            return
        devices = self._devices()
        if devices is None:
            return
        self._wired = True
        devices.statesChanged.connect(self._on_device_states)
        devices.cardInserted.connect(self._on_card)
        devices.codeScanned.connect(self._on_code)
        devices.printFinished.connect(self._on_printed)

    def _on_device_states(self) -> None:
        if self._active and self._page == "devices":
            self._refresh_devices()
            self.changed.emit()

    def _on_card(self, identity: Any) -> None:
        if self._active:
            self._last_card = f"{identity.masked_name} {identity.masked_id_number}"
            audit.record(self._b.storage, "device.test_card")
            self.changed.emit()

    def _on_code(self, code: str) -> None:
        if not self._active:
            return
        if self._page == "provision" and provisioning.is_provisioning_code(code):
            self.provisionFromCode(code)
            return
        # a test scan: show its start only (a code may carry a phone identity token)
        self._last_scan = code if len(code) <= 24 else code[:24] + "…"
        self.changed.emit()

    def _on_printed(self, ok: bool, key: str) -> None:
        if not (self._active and self._expecting_print):
            return
        self._expecting_print = False
        self._say(self._t("tech.devices.printed") if ok else self._t(key or "error.device"))

    # -- devices page -----------------------------------------------------------
    def _effective_devices(self) -> Any:
        """What the devices run with now: the manager's config, else file + overrides."""
        manager = getattr(self._devices(), "manager", None)
        if manager is not None:
            return manager.config
        return device_config.effective_devices(self._b.storage, self._b.config.devices)

    def _refresh_devices(self) -> None:
        section = self._effective_devices()
        devices = self._devices()
        states = devices.states() if devices is not None else {}
        rows: list[dict[str, Any]] = []
        for role in device_config.SERIAL_ROLES:
            conf = getattr(section, role)
            state = states.get(role, {})
            status = str(state.get("state", "unknown"))
            reason = str(state.get("reason", ""))
            warning = PAPER_WARNINGS.get(status, "")
            rows.append(
                {
                    "role": role,
                    "port": conf.port,
                    "baud": conf.baudrate,
                    "enabled": conf.enabled,
                    "status": status,
                    "ok": bool(state.get("ok", False)),
                    "reason": self._t(reason) if reason and "." in reason else reason,
                    "warning": self._t(warning) if warning else "",
                }
            )
        self._device_rows = rows
        self._ports = [
            {"port": port, "role": device_config.role_of_port(section, port)}
            for port in device_config.serial_ports(section)
        ]

    @Slot(str, str, int)
    def setDevice(self, role: str, port: str, baud: int) -> None:
        """Save a role's port and baud and apply it now: only that device restarts."""
        try:
            section = device_config.set_device(
                self._b.storage, self._b.config.devices, role, port=port, baudrate=baud
            )
        except KioskError as exc:
            self._say(self._b.i18n.error_text(exc))
            return
        devices = self._devices()
        if devices is not None:
            devices.reconfigure(section)
        self._refresh_devices()
        self._say(self._t("tech.devices.saved", role=self._t("device.name." + role)))

    @Slot(str)
    def probe(self, role: str) -> None:
        """Close the device, ask it something it must answer, then start it again."""
        devices = self._devices()
        if devices is None or role not in device_config.SERIAL_ROLES or self._busy:
            return
        import copy

        from devices.probe import probe_all

        section = self._effective_devices()
        only = copy.deepcopy(section)
        for other in device_config.SERIAL_ROLES:
            if other != role:
                getattr(only, other).enabled = False
        only.a4.enabled = False
        paused = copy.deepcopy(section)
        getattr(paused, role).enabled = False
        self._probe_restore = section
        devices.reconfigure(paused)  # free the port for the probe
        self._busy = True
        self._say(self._t("tech.devices.probing"))

        def run() -> None:
            try:
                result = probe_all(only, timeout=2.0)[role]
                text = str(result.get("state", ""))
                if result.get("reason"):
                    text += ": " + self._t(str(result["reason"]))
            except Exception as exc:  # a probe must never kill the thread silently
                log.exception("probe failed")
                text = str(exc)
            self._probeDone.emit(role, text)

        threading.Thread(target=run, name="tech-probe", daemon=True).start()

    def _on_probed(self, role: str, text: str) -> None:
        self._busy = False
        devices = self._devices()
        if devices is not None and self._probe_restore is not None:
            devices.reconfigure(self._probe_restore)
            self._probe_restore = None
        audit.record(self._b.storage, "device.probed", f"{role}: {text}")
        self._refresh_devices()
        self._say(f"{self._t('device.name.' + role)}: {text}")

    @Slot()
    def testPrint(self) -> None:
        devices = self._devices()
        if devices is None:
            return
        self._expecting_print = True
        audit.record(self._b.storage, "device.test_print")
        devices.testPrint()
        self._say(self._t("tech.devices.printing"))

    @Slot()
    def showDeviceStatus(self) -> None:
        """The resident-facing device status screen (it leaves technician mode)."""
        self._b.navigator.go("DeviceStatus")

    # -- sync page ----------------------------------------------------------------
    def _outbox(self) -> Outbox:
        return Outbox(self._b.storage, self._b.config.kiosk.code)

    def _refresh_sync(self) -> None:
        from sync.service import status_snapshot

        snap = status_snapshot(self._b.storage, self._b.config)
        sync = self._sync()
        online = bool(sync.property("online")) if sync is not None else False
        age = float(snap["oldest_pending_age_seconds"] or 0)
        lang = self._b.i18n.language
        oldest = "-"
        if age:
            oldest = local_time_text(dt.datetime.now(dt.UTC) - dt.timedelta(seconds=age), lang)
            oldest += f" ({age / 3600:.1f} h)"
        yes, no = self._t("tech.yes"), self._t("tech.no")
        self._sync_rows = [
            {"label": self._t("tech.sync.enrolled"), "value": yes if snap["enrolled"] else no},
            {"label": self._t("tech.sync.online"), "value": yes if online else no},
            {"label": self._t("tech.sync.queue"), "value": str(snap["queue_depth"])},
            {"label": self._t("tech.sync.oldest"), "value": oldest},
            {
                "label": self._t("tech.sync.last"),
                "value": local_time_text(snap["last_success_at"], lang),
            },
            {"label": self._t("tech.sync.quarantined"), "value": str(snap["quarantined"])},
        ]
        self._quarantined = [
            {
                "id": r.client_id,
                "title": r.tracking_no or r.client_id[:8],
                "kind": r.kind,
                "at": local_time_text(r.created_at, lang),
                "reason": r.reason,
            }
            for r in sync_tools.quarantined_rows(self._outbox())
        ]

    @Slot()
    def syncNow(self) -> None:
        sync = self._sync()
        if sync is not None:
            sync.syncNow()
        audit.record(self._b.storage, "sync.now")
        self._say(self._t("tech.sync.started"))

    @Slot(str)
    def retryItem(self, client_id: str) -> None:
        try:
            sync_tools.retry_item(self._b.storage, self._outbox(), client_id)
        except KioskError as exc:
            self._say(self._b.i18n.error_text(exc))
            return
        self._refresh_sync()
        self.syncNow()
        self._say(self._t("tech.sync.retried"))

    @Slot(str)
    def exportItem(self, client_id: str) -> None:
        self.exportItemTo(client_id, "")

    def exportItemTo(self, client_id: str, folder: str) -> None:
        """Export to ``folder``, or to the first removable drive when it is empty."""
        target: Path | None = Path(folder) if folder else None
        if target is None:
            drives = removable_drives()
            if not drives:
                self._say(self._t("tech.logs.no_drive"))
                return
            target = drives[0]
        try:
            path = sync_tools.export_item(self._b.storage, self._outbox(), client_id, target)
        except KioskError as exc:
            self._say(self._b.i18n.error_text(exc))
            return
        self._say(self._t("tech.sync.exported", path=str(path)))

    # -- provisioning page ------------------------------------------------------------
    @Slot(str)
    def provisionFromCode(self, code: str) -> None:
        try:
            request = provisioning.parse_provisioning(code)
        except KioskError as exc:
            self._say(self._b.i18n.error_text(exc))
            return
        self._start_provision(request)

    @Slot(str, str, str, str)
    def provisionTyped(self, url: str, token: str, code: str, fingerprint: str) -> None:
        try:
            request = provisioning.make_request(url, token, code, fingerprint)
        except KioskError as exc:
            self._say(self._b.i18n.error_text(exc))
            return
        self._start_provision(request)

    def _start_provision(self, request: provisioning.ProvisionRequest) -> None:
        """Enroll in a worker thread: the GUI thread never waits on the network."""
        if self._busy:
            return
        self._busy = True
        self._provision_ok = False
        self._say(self._t("tech.provision.working", url=request.url))
        storage, config = self._b.storage, self._b.config

        def run() -> None:
            try:
                result = provision(storage, config, request)
            except KioskError as exc:
                self._provisionDone.emit("", self._b.i18n.error_text(exc))
            except Exception as exc:  # unexpected: say so plainly, keep the app alive
                log.exception("provisioning crashed")
                self._provisionDone.emit("", str(exc))
            else:
                self._provisionDone.emit(str(result.kiosk_id), "")

        thread = threading.Thread(target=run, name="tech-provision", daemon=True)
        self.last_provision_thread = thread
        thread.start()

    def _on_provisioned(self, kiosk_id: str, error: str) -> None:
        self._busy = False
        if error:
            self._say(error)
            return
        self._provision_ok = True
        sync = self._sync()
        service = getattr(sync, "service", None)
        if service is not None:
            service.reload()  # new platform or identity: rebuild the client and sync
        self.refresh()
        self._say(self._t("tech.provision.done", kiosk_id=kiosk_id))

    # -- reprint page -------------------------------------------------------------------
    @Slot(str)
    def reprintReceipt(self, tracking_no: str) -> None:
        from kiosk.services import ServiceSpec

        lang = self._b.i18n.language

        def service_name(code: str) -> str:
            catalog = self._b.areas.get("Catalog")
            try:
                found = catalog.store.service(code) if catalog is not None else None
                return ServiceSpec.from_catalog(found).name(lang) if found is not None else code
            except Exception:  # a renamed or removed service: the code is enough
                return code

        try:
            content = reprint(self._b.storage, self._b.config, tracking_no, service_name, lang)
        except KioskError as exc:
            self._say(self._b.i18n.error_text(exc))
            return
        devices = self._devices()
        if devices is None:
            self._say(self._t("error.device.not_found"))
            return
        from devices.receipt import document_from_content

        self._expecting_print = True
        devices.printReceipt(document_from_content(content))
        self._say(self._t("tech.reprint.printing", tracking_no=tracking_no.strip().upper()))

    @Slot()
    def exportLogs(self) -> None:
        drives = removable_drives()
        if not drives:
            self._message = self._b.i18n.t("tech.logs.no_drive", "")
        else:
            try:
                target = export_logs(self._b.config.log_dir, drives[0], self._b.config.kiosk.code)
            except KioskError as exc:
                self._message = self._b.i18n.error_text(exc)
            else:
                audit.record(self._b.storage, "logs.exported", str(target))
                self._message = self._b.i18n.tf("tech.logs.exported", "", {"path": str(target)})
        self.changed.emit()

    @Slot()
    def leave(self) -> None:
        self._leave("leave")

    def _leave(self, reason: str) -> None:
        if not self._active:
            return
        self._active = False
        self._exit_asked = False
        self._inactive.stop()
        audit.record(self._b.storage, "entry.left", reason)
        self.changed.emit()
        self._b.shell.endSession("technician-" + reason)

    @Slot()
    def exitKiosk(self) -> None:
        """The page's Exit kiosk mode button: it asks first (confirmExit ends the program)."""
        if not self._active:
            return
        self._exit_asked = True
        self.changed.emit()

    @Slot()
    def cancelExit(self) -> None:
        self._exit_asked = False
        self.changed.emit()

    @Slot()
    def confirmExit(self) -> None:
        if not (self._active and self._exit_asked):
            return
        self._exit_asked = False
        audit.record(self._b.storage, "kiosk.exit")
        log.warning("kiosk mode left by technician")
        self.changed.emit()
        _end_event_loop()

    def _on_screen(self) -> None:
        screen = self._b.navigator.screen
        if screen != "TechnicianPin":  # a half-done set-up is not kept for later
            self._forget_setup()
        if self._active and not screen.startswith("Technician"):
            self._leave("navigated")


def create(backends: Any) -> dict[str, QObject]:
    return {"Technician": Technician(backends)}
