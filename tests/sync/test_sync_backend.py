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


def test_demo_platform_toggle_from_qml_side(qtbot: Any, tmp_path: Any) -> None:
    from app.demo import start_enrolled_platform
    from sync.service import SyncService
    from tests.sync.conftest import make_kiosk
    from ui.sync_backend import Sync

    k = make_kiosk(tmp_path / "k", "")
    demo = start_enrolled_platform(tmp_path / "k", k.storage, k.config, port=0)
    service = SyncService(k.storage, k.config)
    sync = Sync(service, demo)
    try:
        assert sync.property("demoPlatform")
        sync.setDemoPlatformRunning(False)
        assert not sync.property("demoPlatform")
        ids = k.enqueue(2)
        service.start()
        with qtbot.waitSignal(sync.synced, timeout=10000) as blocker:
            sync.syncNow()
        assert blocker.args == [False] and sync.property("queueDepth") == 2
        sync.setDemoPlatformRunning(True)  # wakes the service at once
        qtbot.waitUntil(lambda: sync.property("online"), timeout=10000)
        assert sync.property("queueDepth") == 0
        assert demo.store.count_by_client_id() == dict.fromkeys(ids, 1)
    finally:
        service.stop()
        demo.stop()
