"""Reprint a recent application's receipt by its tracking number."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.applications import platform_base_url
from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.outbox import Outbox
from kiosk.receipts import ReceiptContent, reprint_receipt
from kiosk.storage import Storage
from kiosk.technician import audit


class ReprintUnknown(KioskError):
    key = "error.tech.reprint_unknown"


def service_names(services: Any, lang: str) -> Callable[[str], str]:
    """The name a reprinted receipt gives a service code: the catalog's, in ``lang``.

    ``services`` is the catalog store (anything with ``service(code)``), or
    None. A service renamed or withdrawn since the application must not stop
    the reprint: the code alone is then enough to identify it.
    """

    def name(code: str) -> str:
        try:
            found = services.service(code) if services is not None else None
        except Exception:  # a renamed or removed service: the code is enough
            return code
        if found is None:
            return code
        english = str(getattr(found, "name_en", "") or "")
        return (english if lang == "en" else "") or str(getattr(found, "name_zh", "") or code)

    return name


def reprint(
    storage: Storage,
    config: Config,
    tracking_no: str,
    service_name: Callable[[str], str] = lambda code: code,
    lang: str = "zh",
) -> ReceiptContent:
    """The receipt from the outbox index (no sealed payload needed); audited."""
    number = tracking_no.strip().upper()
    item = Outbox(storage, config.kiosk.code).by_tracking_no(number) if number else None
    if item is None or item.kind != "application":
        raise ReprintUnknown("no application with that tracking number", tracking_no=number)
    content = reprint_receipt(
        item,
        service_name(item.service_code),
        config.kiosk.name,
        config.kiosk.code,
        platform_base_url(storage, config),
        lang=lang,
    )
    audit.record(storage, "receipt.reprinted", number)
    return content
