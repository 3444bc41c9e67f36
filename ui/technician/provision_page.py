"""QML singleton ``TechProvision``: enroll the kiosk with the platform.

The platform's provisioning QR, scanned while this page is open, or its
fields typed in. Enrollment talks to the network, so it runs on a worker
thread of its own; its outcome comes back to the GUI thread through the
context's ``GuiThread``, and the sync service is then reloaded for the new
platform and identity.
"""

from __future__ import annotations

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
    """Enrollment by QR or by typed fields; ``provisioned`` once it succeeded."""

    provisionedChanged = Signal()

    def __init__(self, ctx: Context, shell: Technician) -> None:
        super().__init__(ctx, shell)
        self._provisioned = False

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
        self.shell.say(self.ctx.t("tech.provision.working", url=request.url))
        storage, config, gui = self.ctx.storage, self.ctx.config, self.ctx.gui

        def run() -> None:
            try:
                result = provision(storage, config, request)
            except Exception as exc:  # said on the page, never a dead thread
                if not isinstance(exc, KioskError):
                    log.exception("provisioning crashed")
                gui.post(self._done, "", exc)
            else:
                gui.post(self._done, str(result.kiosk_id), None)

        threading.Thread(target=run, name="tech-provision", daemon=True).start()

    def _done(self, kiosk_id: str, error: Exception | None) -> None:
        self.shell.set_busy(False)
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
