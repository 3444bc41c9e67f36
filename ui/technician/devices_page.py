"""QML singleton ``TechDevices``: the devices page.

Each serial role's port and baud (saved and applied at once: only that device
restarts), live states with paper warnings, a probe, a test print, and the
last test card read (masked) and test scan (shortened). What the page lists
is ``kiosk.technician.pages``'; the probe is the device manager's
(``DeviceManager.probe_role`` frees the port, asks, and takes it back), and
its answer comes back to the GUI thread through the context's ``GuiThread``.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.config import DevicesSection
from kiosk.errors import KioskError
from kiosk.identity import Identity
from kiosk.technician import device_config, pages, provisioning
from ui.technician.context import Context, PrintingPage
from ui.technician.models import DeviceRowsModel, PortChoicesModel, PortsModel
from ui.technician.shell import Technician


class TechDevices(PrintingPage):
    """Ports, bauds and live states of the serial devices; probe and test print."""

    lastCardChanged = Signal()
    lastScanChanged = Signal()

    def __init__(self, ctx: Context, shell: Technician) -> None:
        super().__init__(ctx, shell)
        self._rows = DeviceRowsModel(self)
        self._ports = PortsModel(self)
        self._choices = PortChoicesModel(self)
        self._last_card = ""
        self._last_scan = ""

    # -- properties ------------------------------------------------------------
    def _get_rows(self) -> DeviceRowsModel:
        return self._rows

    def _get_ports(self) -> PortsModel:
        return self._ports

    def _get_choices(self) -> PortChoicesModel:
        return self._choices

    def _get_baud_rates(self) -> list[int]:
        return list(device_config.BAUD_RATES)

    def _get_last_card(self) -> str:
        return self._last_card

    def _get_last_scan(self) -> str:
        return self._last_scan

    rows = Property(QObject, _get_rows, constant=True)
    ports = Property(QObject, _get_ports, constant=True)
    portChoices = Property(QObject, _get_choices, constant=True)
    # five fixed numbers; the baud selector looks its index up in them
    baudRates = Property(list, _get_baud_rates, constant=True)
    lastCard = Property(str, _get_last_card, notify=lastCardChanged)
    lastScan = Property(str, _get_last_scan, notify=lastScanChanged)

    # -- listening to the devices ------------------------------------------------
    def wire(self, devices: Any) -> None:
        super().wire(devices)  # printFinished
        devices.statesChanged.connect(self._on_device_states)
        devices.cardInserted.connect(self._on_card)
        devices.codeScanned.connect(self.code_scanned)

    def _on_device_states(self) -> None:
        if self.shell.showing("devices"):
            self.refresh()

    def _on_card(self, identity: Identity) -> None:
        if self.shell.active:
            self._set_last_card(pages.card_preview(identity))
            self.ctx.audit("device.test_card")

    def code_scanned(self, code: str) -> None:
        """A code from the scanner while technician mode is open: a test scan, unless the
        provisioning page is open and it is the platform's code (that page enrolls)."""
        if not self.shell.active:
            return
        if self.shell.showing("provision") and provisioning.is_provisioning_code(code):
            return
        if (preview := pages.scan_preview(code)) != self._last_scan:
            self._last_scan = preview
            self.lastScanChanged.emit()

    def _set_last_card(self, text: str) -> None:
        if text != self._last_card:
            self._last_card = text
            self.lastCardChanged.emit()

    # -- the page ----------------------------------------------------------------
    def _effective(self) -> DevicesSection:
        """What the devices run with now: the manager's config, else file + overrides."""
        manager = self.ctx.devices.manager
        if manager is not None:
            return manager.config  # type: ignore[no-any-return]
        return device_config.effective_devices(self.ctx.storage, self.ctx.config.devices)

    def refresh(self) -> None:
        section = self._effective()
        devices = self.ctx.devices
        states = devices.states() if devices is not None else {}
        ports = pages.port_rows(section)
        choices = ["", *(p.port for p in ports)]
        self._choices.set_rows([{"port": c} for c in choices])
        self._ports.set_rows([{"port": p.port, "usedBy": p.role} for p in ports])
        self._rows.set_rows(
            [
                {
                    **dataclasses.asdict(row),
                    "deviceEnabled": row.enabled,
                    "portIndex": choices.index(row.port) if row.port in choices else 0,
                }
                for row in pages.device_rows(section, states, self.ctx.lang())
            ]
        )

    @Slot(str, str, int)
    def setDevice(self, role: str, port: str, baud: int) -> None:
        """Save a role's port and baud and apply it now: only that device restarts."""
        try:
            section = device_config.set_device(
                self.ctx.storage, self.ctx.config.devices, role, port=port, baudrate=baud
            )
        except KioskError as exc:
            self.shell.say(self.ctx.error_text(exc))
            return
        devices = self.ctx.devices
        if devices is not None:
            devices.reconfigure(section)
        self.refresh()
        self.shell.say(self.ctx.t("tech.devices.saved", role=self.ctx.t("device.name." + role)))

    @Slot(str)
    def probe(self, role: str) -> None:
        """Ask one device something it must answer; the manager pauses and restarts it."""
        manager = self.ctx.devices.manager
        if manager is None or role not in device_config.SERIAL_ROLES or self.shell.busy:
            return
        self.shell.set_busy(True)
        self.shell.say(self.ctx.t("tech.devices.probing"))
        future = manager.probe_role(role)
        future.add_done_callback(lambda f: self.ctx.gui.post(self._probed, role, f))

    def _probed(self, role: str, future: Future[Any]) -> None:
        exc = future.exception()
        if exc is not None:
            text = str(exc)
        else:
            state = future.result()
            text = pages.probe_text(state.state, state.reason, self.ctx.lang())
        self.shell.set_busy(False)
        self.ctx.audit("device.probed", f"{role}: {text}")
        self.refresh()
        self.shell.say(f"{self.ctx.t('device.name.' + role)}: {text}")

    @Slot()
    def testPrint(self) -> None:
        devices = self.ctx.devices
        if devices is None:
            return
        self.expect_print()
        self.ctx.audit("device.test_print")
        devices.testPrint()
        self.shell.say(self.ctx.t("tech.devices.printing"))

    @Slot()
    def showDeviceStatus(self) -> None:
        """The resident-facing device status screen (it leaves technician mode)."""
        self.ctx.navigator.go("DeviceStatus")
