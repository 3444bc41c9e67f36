"""The sync page's actions on the outbox: quarantined items, retry one, export one."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kiosk.errors import KioskError
from kiosk.outbox import Outbox
from kiosk.storage import Storage
from kiosk.technician import audit
from kiosk.technician.usb import write_export


class ItemExportError(KioskError):
    key = "error.tech.item_export"


class ItemUnknown(KioskError):
    key = "error.tech.item_unknown"


@dataclass(frozen=True)
class QuarantinedRow:
    client_id: str
    tracking_no: str
    kind: str
    created_at: str
    reason: str


def quarantined_rows(outbox: Outbox, limit: int = 50) -> list[QuarantinedRow]:
    return [
        QuarantinedRow(i.client_id, i.tracking_no or "", i.kind, i.created_at, i.quarantine_reason)
        for i in outbox.quarantined(limit)
    ]


def retry_item(storage: Storage, outbox: Outbox, client_id: str) -> None:
    """Put a quarantined item back in the queue (after the cause was fixed)."""
    if not outbox.release(client_id):
        raise ItemUnknown("no quarantined item with that id", client_id=client_id)
    audit.record(storage, "outbox.retry", client_id)


def export_item(storage: Storage, outbox: Outbox, client_id: str, target_dir: Path) -> Path:
    """Write one item (index + sealed payload, still sealed) as JSON to a drive.

    The payload stays sealed to the platform's key, so the file can be carried
    to the platform by hand without exposing the resident's data.
    """
    item = outbox.get(client_id)
    if item is None:
        raise ItemUnknown("no item with that id", client_id=client_id)
    if not target_dir.is_dir():
        raise ItemExportError(f"{target_dir} is not a folder", path=str(target_dir))
    sealed = outbox.sealed_payload(client_id)
    doc = {
        "client_id": item.client_id,
        "tracking_no": item.tracking_no,
        "kind": item.kind,
        "service_code": item.service_code,
        "service_version": item.service_version,
        "created_at": item.created_at,
        "state": item.state,
        "quarantine_reason": item.quarantine_reason,
        "sealed_b64": base64.b64encode(sealed).decode() if sealed else None,
    }
    name = f"outbox-{item.tracking_no or item.client_id}.json"
    data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    try:  # never through a link the stick holds (kiosk.technician.usb)
        target = write_export(target_dir, name, write)
    except OSError as exc:
        raise ItemExportError(
            f"cannot write {target_dir / name}: {exc}", path=str(target_dir)
        ) from exc
    audit.record(storage, "outbox.exported", f"{client_id} -> {target}")
    return target
