"""What the Guide screen binds to (QML name ``Guide``): the service read, its guide, its QR.

The guide is one value the screen shows as a whole (every line of one
service's guide in the current language, lists included) and is replaced
whole when the resident opens another service or switches language, so it is
one QVariantMap with one signal rather than twenty properties that always
change together. The journey reads ``selected_service()`` when the resident
taps Apply: the form is built from the exact version read here.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.catalog.guide import guide_url, guide_view, qr_data_url
from kiosk.catalog.model import Service
from kiosk.enrollment import read_enrollment
from kiosk.errors import KioskError
from ui.catalog.shelf import CatalogShelf

log = logging.getLogger(__name__)

GUIDE_SCREEN = "Guide"
APPLY_SCREEN = "Identify"


class GuideArea(QObject):
    """The selected service: its code and version, its guide lines, the phone QR."""

    selectedCodeChanged = Signal()
    selectedVersionChanged = Signal()
    guideChanged = Signal()
    guideQrChanged = Signal()
    guideUrlChanged = Signal()

    def __init__(self, backends: Any, shelf: CatalogShelf) -> None:
        super().__init__()
        self._b = backends
        self._shelf = shelf
        self._service: Service | None = None
        self._guide: dict[str, Any] = {}
        self._url = ""
        self._qr = ""
        backends.i18n.languageChanged.connect(self._rebuild_guide)
        shelf.visitEnded.connect(self.reset)

    def _get_code(self) -> str:
        return self._service.code if self._service else ""

    selectedCode = Property(str, _get_code, notify=selectedCodeChanged)

    def _get_version(self) -> int:
        return self._service.version if self._service else 0

    selectedVersion = Property(int, _get_version, notify=selectedVersionChanged)

    def selected_service(self) -> Service | None:
        """The exact version the resident read; the form is built from this one."""
        return self._service

    @Slot(str)
    def select(self, code: str) -> None:
        try:
            self._service = self._shelf.store.service(code) if code else None
        except KioskError as exc:
            log.warning("cannot open service %s: %s", code, exc.detail)
            self._service = None
        self.selectedCodeChanged.emit()
        self.selectedVersionChanged.emit()
        self._url = self._guide_url()
        self._qr = qr_data_url(self._url) if self._url else ""
        self.guideUrlChanged.emit()
        self.guideQrChanged.emit()
        self._rebuild_guide()

    @Slot(str)
    def openService(self, code: str) -> None:
        """A row tapped on the Browse or Search screen: its guide."""
        self.select(code)
        if self._service is not None:
            self._b.navigator.go(GUIDE_SCREEN)

    def _rebuild_guide(self) -> None:
        service = self._service
        if service is None:
            self._guide = {}
        else:
            dep = next(
                (d for d in self._shelf.store.departments() if d.id == service.department), None
            )
            self._guide = guide_view(service, dep, self._b.i18n.language)
        self.guideChanged.emit()

    def _get_guide(self) -> dict[str, Any]:
        return self._guide

    guide = Property("QVariantMap", _get_guide, notify=guideChanged)

    def _get_qr(self) -> str:
        return self._qr

    guideQr = Property(str, _get_qr, notify=guideQrChanged)

    def _get_url(self) -> str:
        return self._url

    guideUrl = Property(str, _get_url, notify=guideUrlChanged)

    def _guide_url(self) -> str:
        """The enrolled platform's guide page (at its public URL), else the configured
        one, else none."""
        if self._service is None:
            return ""
        platform = read_enrollment(self._b.storage).phone_url or self._b.config.sync.url
        return guide_url(self._service.code, platform)

    @Slot()
    def apply(self) -> None:
        """The resident wants to do it: the journey takes over from the identify screen."""
        if self._service is not None and self._service.at_kiosk:
            self._b.navigator.go(APPLY_SCREEN)

    def reset(self) -> None:
        """Forget the service read for the next resident."""
        self.select("")
