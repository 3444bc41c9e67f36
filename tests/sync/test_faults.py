"""Every fault between kiosk and platform: once faults stop, the queue drains and each
application is on the platform exactly once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from central.server import PlatformServer
from kiosk.settings import set_setting
from sync.engine import SyncEngine, SyncReport
from tests.engines import platform_db_and_workers  # noqa: F401 - also 2 workers on PG
from tests.sync.conftest import Kiosk
from tests.sync.faultproxy import FaultProxy


@pytest.fixture
def proxy(platform: PlatformServer) -> Iterator[FaultProxy]:
    p = FaultProxy(platform.port, hang_seconds=1.5).start()
    yield p
    p.stop()


def _via_proxy(kiosk: Kiosk, proxy: FaultProxy) -> SyncEngine:
    set_setting(kiosk.storage, "platform.url", proxy.url)
    kiosk.config.sync.timeout_seconds = 1.0
    return SyncEngine.from_settings(kiosk.storage, kiosk.config)


def drain(engine: SyncEngine, max_cycles: int = 40) -> list[SyncReport]:
    reports = []
    for _ in range(max_cycles):
        report = engine.run_once(heartbeat=False)
        reports.append(report)
        if report.ok and report.queue_depth == 0:
            return reports
    raise AssertionError(f"queue did not drain: {reports[-1]}")


def assert_exactly_once(platform: PlatformServer, kiosk: Kiosk, ids: list[str]) -> None:
    store = platform.platform.store
    assert store.count_by_client_id() == dict.fromkeys(ids, 1)
    cases = store.case_numbers()
    for cid in ids:
        item = kiosk.outbox.get(cid)
        assert item is not None and item.state == "accepted", item
        assert item.case_number == cases[cid]


@pytest.mark.parametrize(
    "fault", ["reset", "http500", "http503", "timeout", "slow", "truncated", "misshapen", "portal"]
)
def test_fault_then_drain_exactly_once(
    platform: PlatformServer, kiosk: Kiosk, proxy: FaultProxy, fault: str
) -> None:
    ids = kiosk.enqueue(30)
    engine = _via_proxy(kiosk, proxy)
    proxy.inject(*[fault] * 3)
    first = engine.run_once(heartbeat=False)
    if fault != "slow":
        assert not first.ok  # a fault is never mistaken for success
        assert first.error in ("error.sync.unreachable", "error.sync.server", "error.sync.protocol")
    if fault == "portal":
        assert first.error == "error.sync.protocol" and first.accepted == 0
    if fault == "http503":
        assert first.retry_after == 1.0
    reports = [first, *drain(engine)]
    assert_exactly_once(platform, kiosk, ids)
    assert proxy.seen[fault] == 3
    if fault in ("reset", "timeout", "truncated", "misshapen"):
        # the platform had committed those batches: the resend is a duplicate
        assert sum(r.duplicates for r in reports) >= 10
    assert sum(r.accepted + r.duplicates for r in reports) >= 30


def test_connection_refused_then_drain(
    platform: PlatformServer, kiosk: Kiosk, proxy: FaultProxy
) -> None:
    ids = kiosk.enqueue(20)
    engine = _via_proxy(kiosk, proxy)
    proxy.refuse()
    report = engine.run_once()
    assert not report.ok and report.connection_level
    assert kiosk.outbox.stats()["pending"] == 20  # nothing left stranded in 'sending'
    proxy.resume()
    drain(engine)
    assert_exactly_once(platform, kiosk, ids)


def test_mixed_faults_many_rounds(
    platform: PlatformServer, kiosk: Kiosk, proxy: FaultProxy
) -> None:
    ids = kiosk.enqueue(60)
    engine = _via_proxy(kiosk, proxy)
    proxy.inject("reset", "none", "http500", "truncated", "none", "portal", "reset", "http503")
    drain(engine, max_cycles=30)
    assert_exactly_once(platform, kiosk, ids)
