"""Logging set-up: a rotating file in the data dir, masked at every level."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from kiosk.fsutil import FILE_MODE, private_dir
from kiosk.privacy import ScrubFilter

LOG_FILE_NAME = "kiosk.log"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every log file, the first and each one a rotation starts, is created 0600.

    The standard handler opens with ``open()``, which honours the umask (0644
    under the usual 022); logs are masked, but they still say who used the
    kiosk when, and are the technician's, not every local account's.
    """

    def _open(self):  # type: ignore[no-untyped-def]  # typeshed: returns a TextIO
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def setup_logging(log_dir: Path, level: str = "INFO", *, console: bool = True) -> Path:
    """Configure the root logger once; returns the log file path."""
    private_dir(log_dir)
    path = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    file_handler = PrivateRotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.addFilter(ScrubFilter())
        handler._kiosk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level.upper())
    return path
