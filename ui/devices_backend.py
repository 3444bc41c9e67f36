"""The device manager as QML sees it: signals and a list model of states.

The manager's callbacks run on device worker threads; each is posted to the
GUI thread (``ui.gui_thread``), so every public signal and model change happens there.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)

from devices.manager import DeviceManager
from devices.receipt import Receipt, printer_test_page
from devices.state import DEVICE_NAMES
from kiosk.config import DevicesSection
from kiosk.errors import KioskError
from kiosk.identity import Identity
from ui.gui_thread import GuiThread

log = logging.getLogger(__name__)

# QML role name -> key of the plain state dict. "status", not "state": every
# QML Item already has a ``state`` property, which would shadow the role.
ROLES = {
    "device": "device",
    "status": "state",
    "ok": "ok",
    "reason": "reason",
    "detail": "detail",
    "port": "port",
    "since": "since",
}


class DeviceStateModel(QAbstractListModel):
    """One row per device, in DEVICE_NAMES order; roles are ROLES."""

    ROLE_IDS = {Qt.ItemDataRole.UserRole + 1 + i: name for i, name in enumerate(ROLES)}
    ROLE_KEYS = {role: ROLES[name] for role, name in ROLE_IDS.items()}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = [
            {"device": name, "state": "starting", "ok": False, "reason": "", "detail": "",
             "port": "", "since": ""}
            for name in DEVICE_NAMES
        ]  # fmt: skip

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key = self.ROLE_KEYS.get(role)
        return self._rows[index.row()].get(key) if key else None

    def roleNames(self) -> dict[int, QByteArray]:
        return {k: QByteArray(v.encode()) for k, v in self.ROLE_IDS.items()}

    def update(self, state: dict[str, Any]) -> None:
        for row, current in enumerate(self._rows):
            if current["device"] == state.get("device"):
                if current != state:
                    self._rows[row] = dict(state)
                    idx = self.index(row)
                    self.dataChanged.emit(idx, idx, list(self.ROLE_IDS))
                return

    def rows(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows]


class Devices(QObject):
    """QML singleton ``Devices``; Python users connect to its signals.

    ``cardInserted`` carries the Identity object (for Python, e.g. the
    session); QML should show only ``cardSummary`` (masked).
    """

    cardInserted = Signal(object)
    cardRemoved = Signal()
    cardRejected = Signal(str)  # message key
    codeScanned = Signal(str)
    scanFailed = Signal(str)  # message key
    statesChanged = Signal()
    printFinished = Signal(bool, str)  # ok, message key


    def __init__(self, manager: DeviceManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.manager = manager
        self._model = DeviceStateModel(self)
        self._cardPresent = False
        self._cardSummary = ""
        self._lastCode = ""
        # the manager calls back on its worker threads; each call lands on the GUI thread
        gui = self._gui = GuiThread(self)
        manager.on_state_changed(lambda name, st: gui.post(self._on_state, name, st))
        manager.on_card_inserted(lambda identity: gui.post(self._on_card, identity))
        manager.on_card_removed(lambda: gui.post(self._on_card_gone))
        manager.on_card_rejected(lambda e: gui.post(self._on_error, "card", e.key))
        manager.on_scan_error(lambda e: gui.post(self._on_error, "scan", e.key))
        manager.on_code_scanned(lambda code: gui.post(self._on_code, code))
        for state in manager.states().values():
            self._model.update(state)

    # -- GUI-thread handlers -------------------------------------------------------
    def _on_state(self, name: str, state: dict[str, Any]) -> None:
        self._model.update(state)
        self.statesChanged.emit()

    def _on_card(self, identity: Identity) -> None:
        self._cardPresent = True
        self._cardSummary = f"{identity.masked_name} {identity.masked_id_number}"
        self.statesChanged.emit()
        self.cardInserted.emit(identity)

    def _on_card_gone(self) -> None:
        self._cardPresent = False
        self._cardSummary = ""
        self.statesChanged.emit()
        self.cardRemoved.emit()

    def _on_error(self, kind: str, key: str) -> None:
        (self.cardRejected if kind == "card" else self.scanFailed).emit(key)

    def _on_code(self, code: str) -> None:
        self._lastCode = code
        self.codeScanned.emit(code)

    # -- QML API -------------------------------------------------------------------
    @Property(QObject, constant=True)
    def model(self) -> DeviceStateModel:
        return self._model

    @Property(bool, notify=statesChanged)
    def cardPresent(self) -> bool:
        return self._cardPresent

    @Property(str, notify=statesChanged)
    def cardSummary(self) -> str:
        return self._cardSummary

    @Property(bool, notify=statesChanged)
    def allOk(self) -> bool:
        return all(r["ok"] or r["state"] in ("disabled",) for r in self._model.rows())

    @Property(str, notify=statesChanged)
    def receiptProblem(self) -> str:
        """A message key when the receipt printer cannot print now (paper out,
        offline, failed), so Home says so before a journey starts; else ""."""
        state = self.manager.states().get("printer", {})
        if state.get("ok", False) or state.get("state") in ("disabled", "starting", None):
            return ""
        if state.get("state") == "paper_out":
            return "home.printer.paper_out"
        return "home.printer.offline"

    @Slot()
    def rearmCard(self) -> None:
        self.manager.rearm_card()

    @Slot()
    def testPrint(self) -> None:
        self.printReceipt(printer_test_page())

    def printReceipt(self, receipt: Receipt) -> None:
        """Queue a receipt; ``printFinished`` reports the outcome on the GUI thread."""
        future = self.manager.print_receipt(receipt)

        def done(f: Any) -> None:
            exc = f.exception()
            key = exc.key if isinstance(exc, KioskError) else ("error.device" if exc else "")
            if exc is not None and not isinstance(exc, KioskError):
                # not one the driver knows: the technician needs the reason in the log
                log.error("receipt not printed", exc_info=exc)
            elif exc is not None:
                log.warning("receipt not printed: %s", exc.key)
            self._gui.post(self.printFinished.emit, not key, key)

        future.add_done_callback(done)

    def reconfigure(self, config: DevicesSection) -> None:
        self.manager.reconfigure(config)

    def states(self) -> dict[str, dict[str, Any]]:
        return self.manager.states()

    def stop(self) -> None:
        self.manager.stop()
