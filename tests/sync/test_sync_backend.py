"""The Qt wrapper: a report from the worker thread reaches QML properties on the GUI thread."""

from __future__ import annotations

from typing import Any

from central.server import PlatformServer
from tests.sync.conftest import Kiosk


def test_sync_backend_properties_follow_the_worker(
    qtbot: Any, platform: PlatformServer, kiosk: Kiosk
) -> None:
    from sync.service import SyncService
    from ui.sync_backend import Sync

    kiosk.enqueue(3)
    service = SyncService(kiosk.storage, kiosk.config)
    sync = Sync(service)
    assert sync.property("queueDepth") == 3 and not sync.property("online")
    service.start()
    try:
        with qtbot.waitSignal(sync.synced, timeout=10000) as blocker:
            sync.syncNow()
        assert blocker.args == [True]
        assert sync.property("online") and sync.property("queueDepth") == 0
        assert sync.property("lastSync")
    finally:
        service.stop()
