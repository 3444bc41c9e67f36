"""PDFs on their way to the A4 printer (``data/a4``), and how long they stay.

A proof or a phone case's documents carry the resident's full name and ID
number, so none of them may pile up on a kiosk's disk: each file is written
readable by the kiosk's user only, deleted as soon as CUPS has taken the job
(CUPS keeps its own copy in its spool), and, when there is no A4 printer and
the screen has told the resident that the staff can print it, kept for the
staff for a day and then pruned.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

KEEP_SECONDS = 24 * 3600


def spool(folder: Path, prefix: str, data: bytes) -> Path:
    """Write one PDF for the printer (0600 in a 0700 folder); prunes old ones first."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    prune(folder)
    # mkstemp creates the file 0600 before a byte is written
    fd, name = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".pdf")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
    return Path(name)


def printed(path: Path) -> None:
    """CUPS has the job: our copy is no longer needed."""
    path.unlink(missing_ok=True)


def prune(folder: Path, keep_seconds: float = KEEP_SECONDS, now: float | None = None) -> int:
    """Delete spooled PDFs older than ``keep_seconds``; returns how many went."""
    if not folder.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - keep_seconds
    removed = 0
    for pdf in folder.glob("*.pdf"):
        try:
            if pdf.stat().st_mtime < cutoff:
                pdf.unlink()
                removed += 1
        except OSError as exc:  # gone meanwhile, or not ours to delete: not fatal
            log.warning("cannot prune %s: %s", pdf.name, exc)
    if removed:
        log.info("pruned %d A4 files older than %d h", removed, keep_seconds // 3600)
    return removed
