"""QML singleton ``TechProvision``: enroll the kiosk with the platform.

The platform's provisioning QR, scanned while this page is open, or its
fields typed in. Enrollment talks to the network, so it runs on a worker
thread of its own; its outcome comes back to the GUI thread through the
context's ``GuiThread``, and the sync service is then reloaded for the new
platform and identity.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from typing import Any

from PySide6.QtCore import Property, Signal, Slot

from kiosk.errors import KioskError
from kiosk.technician import provisioning
from sync.provisioning import provision
from ui.technician.context import Context, Page
from ui.technician.shell import Technician

log = logging.getLogger(__name__)


class TechProvision(Page):
    """Enrollment by QR or by typed fields; ``provisioned`` once it succeeded.

    When items still wait for the current platform, the first attempt stops
    before anything changes and says how many (``pendingCount``, ``pendingText``);
    ``confirmPending`` goes on with the same request, ``cancelPending`` drops it.
    Either way those items stay bound to the platform they were sealed for.
    """

    provisionedChanged = Signal()
    pendingCountChanged = Signal()
    pendingTextChanged = Signal()

    def __init__(self, ctx: Context, shell: Technician) -> None:
        super().__init__(ctx, shell)
        self._provisioned = False
        self._held: provisioning.ProvisionRequest | None = None
        self._pending_count = 0
        self._pending_text = ""

    def _get_pending_count(self) -> int:
        return self._pending_count

    def _get_pending_text(self) -> str:
        return self._pending_text

    pendingCount = Property(int, _get_pending_count, notify=pendingCountChanged)
    pendingText = Property(str, _get_pending_text, notify=pendingTextChanged)

    def _hold(self, request: provisioning.ProvisionRequest | None, count: int, text: str) -> None:
        self._held, self._pending_count, self._pending_text = request, count, text
        self.pendingCountChanged.emit()
        self.pendingTextChanged.emit()

    @Slot()
    def confirmPending(self) -> None:
        """The technician read how many items wait, and provisions anyway."""
        held = self._held
        self._hold(None, 0, "")
        if held is not None:
            self.ctx.audit("provision.confirmed_pending", held.url)
            self._start(dataclasses.replace(held, confirm_pending=True))

    @Slot()
    def cancelPending(self) -> None:
        self._hold(None, 0, "")
        self.shell.say("")

    def _get_provisioned(self) -> bool:
        return self._provisioned

    provisioned = Property(bool, _get_provisioned, notify=provisionedChanged)

    def _set_provisioned(self, value: bool) -> None:
        if value != self._provisioned:
            self._provisioned = value
            self.provisionedChanged.emit()

    def wire(self, devices: Any) -> None:
        devices.codeScanned.connect(self._on_code)

    def _on_code(self, code: str) -> None:
        """The scanner reads for this page only while it is open, and only the platform's QR."""
        if self.shell.showing("provision") and provisioning.is_provisioning_code(code):
            self.provisionFromCode(code)

    @Slot(str)
    def provisionFromCode(self, code: str) -> None:
        try:
            request = provisioning.parse_provisioning(code)
        except KioskError as exc:
            self.shell.say(self.ctx.error_text(exc))
            return
        self._start(request)

    @Slot(str, str, str, str)
    def provisionTyped(self, url: str, token: str, code: str, fingerprint: str) -> None:
        try:
            request = provisioning.make_request(url, token, code, fingerprint)
        except KioskError as exc:
            self.shell.say(self.ctx.error_text(exc))
            return
        self._start(request)

    def _start(self, request: provisioning.ProvisionRequest) -> None:
        """Enroll in a worker thread: the GUI thread never waits on the network."""
        if self.shell.busy:
            return
        self.shell.set_busy(True)
        self._set_provisioned(False)
        self._hold(None, 0, "")
        self.shell.say(self.ctx.t("tech.provision.working", url=request.url))
        storage, config, gui = self.ctx.storage, self.ctx.config, self.ctx.gui

        def run() -> None:
            try:
                result = provision(storage, config, request)
            except Exception as exc:  # said on the page, never a dead thread
                if not isinstance(exc, KioskError):
                    log.exception("provisioning crashed")
                gui.post(self._done, "", exc, request)
            else:
                gui.post(self._done, str(result.kiosk_id), None, request)

        threading.Thread(target=run, name="tech-provision", daemon=True).start()

    def _done(
        self, kiosk_id: str, error: Exception | None, request: provisioning.ProvisionRequest
    ) -> None:
        self.shell.set_busy(False)
        if isinstance(error, provisioning.PendingItems):
            text = self.ctx.error_text(error)
            self._hold(request, error.waiting, text)
            self.shell.say(text)
            return
        if error is not None:
            text = self.ctx.error_text(error) if isinstance(error, KioskError) else str(error)
            self.shell.say(text)
            return
        self._set_provisioned(True)
        service = self.ctx.sync.service
        if service is not None:
            service.reload()  # new platform or identity: rebuild the client and sync
        self.shell.refresh()
        self.shell.say(self.ctx.t("tech.provision.done", kiosk_id=kiosk_id))
