"""Recent log lines for the technician page, and export as a zip to a removable drive."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from collections import deque
from pathlib import Path
from typing import BinaryIO

from kiosk.config import KIOSK_CODE
from kiosk.errors import KioskError
from kiosk.logs import LOG_FILE_NAME
from kiosk.technician.usb import write_export


class ExportError(KioskError):
    key = "error.logs.export"


def recent_lines(log_dir: Path, limit: int = 200) -> list[str]:
    path = log_dir / LOG_FILE_NAME
    if not path.exists():
        return []
    with path.open(encoding="utf-8", errors="replace") as handle:
        return list(deque((line.rstrip("\n") for line in handle), maxlen=limit))


def removable_drives() -> list[Path]:
    """Mount points where a USB stick usually appears on Debian desktops and kiosks."""
    found: list[Path] = []
    for root in (Path("/media"), Path("/run/media"), Path("/mnt")):
        if not root.is_dir():
            continue
        for child in root.iterdir():
            if child.is_dir() and os.path.ismount(child):
                found.append(child)
            elif child.is_dir():
                found.extend(p for p in child.iterdir() if p.is_dir() and os.path.ismount(p))
    return sorted(found)


def export_logs(log_dir: Path, target_dir: Path, kiosk_code: str) -> Path:
    if not target_dir.is_dir():
        raise ExportError(f"{target_dir} is not a folder", path=str(target_dir))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    code = kiosk_code if KIOSK_CODE.fullmatch(kiosk_code) else "KIOSK"
    name = f"kiosk-logs-{code}-{stamp}.zip"

    def write(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(log_dir.glob(f"{LOG_FILE_NAME}*")):
                archive.write(path, arcname=path.name)

    try:  # never through a link the stick holds (kiosk.technician.usb)
        return write_export(target_dir, name, write)
    except OSError as exc:
        raise ExportError(f"cannot write {target_dir / name}: {exc}", path=str(target_dir)) from exc
