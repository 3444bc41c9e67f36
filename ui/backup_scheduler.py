"""Runs the online database backup on a timer, off the GUI thread."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer

from kiosk.backup import backup_now
from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.storage import Storage, backup_dir_for

log = logging.getLogger(__name__)


class BackupScheduler(QObject):
    def __init__(self, storage: Storage, config: Config) -> None:
        super().__init__()
        self._storage = storage
        self._config = config
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backup")
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, config.storage.backup_interval_minutes) * 60_000)
        self._timer.timeout.connect(self.trigger)

    def start(self) -> None:
        self._timer.start()

    def trigger(self) -> None:
        self._pool.submit(self._run)

    def _run(self) -> None:
        try:
            backup_now(
                self._storage,
                backup_dir_for(self._config.database_path),
                self._config.storage.backups_kept,
            )
        except (OSError, KioskError) as exc:
            log.error("backup failed: %s", exc)
        except Exception:  # a failed backup must never take the kiosk down
            log.exception("backup failed")
