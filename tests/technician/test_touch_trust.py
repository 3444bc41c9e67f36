"""The technician's screens for issue 15 (items 3 and 7), tapped with the pointer.

Provisioning again while applications wait: the page says how many and for
which platform, changes nothing on Cancel, enrolls on confirm, and the sync
page then says where the waiting items go. A revoked kiosk's sync page says
so first. A real platform on loopback; the shared app's enrollment is put
back afterwards, so the other UI tests find it as they left it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from central.server import PlatformServer, open_platform  # noqa: E402
from kiosk import platforms  # noqa: E402
from kiosk.outbox import NewItem, Outbox  # noqa: E402
from kiosk.settings import set_setting  # noqa: E402
from tests.conftest import TEST_PLATFORM_URL  # noqa: E402
from tests.technician.test_touch_pages import enter, row_value, screen, t, tech_app  # noqa: E402

__all__ = ["screen", "tech_app"]


@pytest.fixture
def enrolled(tech_app: Any) -> Iterator[Any]:
    """The shared app as a kiosk enrolled with its test platform, three items waiting;
    every setting, platform record and item of the test is put back afterwards."""
    storage = tech_app.backends.storage
    settings = storage.query("SELECT key, value FROM settings")
    known = storage.query("SELECT * FROM platforms")
    seal_key = next(str(r["value"]) for r in settings if r["key"] == "platform.seal_public_key")
    set_setting(storage, "platform.kiosk_id", "K-TOUCH")
    with storage.transaction() as conn:
        platforms.record_enrollment(
            conn, seal_key=seal_key, url=TEST_PLATFORM_URL, kiosk_id="K-TOUCH",
            signing_key="", ca_bundle="",
        )  # fmt: skip
    outbox = Outbox(storage, tech_app.backends.config.kiosk.code)
    ids = [outbox.enqueue(NewItem("application", b"sealed", "S1", 1, "张*")).client_id
           for _ in range(3)]  # fmt: skip
    # the shared app may hold other tests' waiting items too: the page counts them all
    tech_app.waiting = platforms.waiting_for_current(storage)
    assert tech_app.waiting >= 3
    yield tech_app
    with storage.transaction() as conn:
        conn.executemany("DELETE FROM outbox WHERE client_id = ?", [(i,) for i in ids])
        conn.execute("DELETE FROM settings")
        conn.executemany(
            "INSERT INTO settings(key, value) VALUES (?, ?)",
            [(r["key"], r["value"]) for r in settings],
        )
        conn.execute("DELETE FROM platforms")
        for row in known:
            conn.execute(
                f"INSERT INTO platforms({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                tuple(row.values()),
            )
    service = tech_app.backends.areas["Sync"].service
    if service is not None:
        service.reload()


def _type_into(s: Any, placeholder: str, text: str) -> None:
    s.tap(placeholder)
    s.type_text(text)


def test_provisioning_again_says_what_waits_and_asks_first(
    enrolled: Any, screen: Any, tmp_path: Path
) -> None:
    s = screen
    server = PlatformServer(open_platform(tmp_path / "new" / "central.db")).start()
    try:
        enter(s)
        s.tap(t("tech.page.provision"))
        s.wait_for(t("tech.provision.scan_hint"))
        _type_into(s, t("tech.provision.url"), server.url)
        _type_into(s, t("tech.provision.token"), server.platform.store.create_token())
        s.tap(t("tech.provision.enroll"))
        said = t("error.provision.pending", count=enrolled.waiting, url=TEST_PLATFORM_URL)
        s.wait_for(said, timeout=20)
        assert server.platform.store.kiosks() == []  # nothing happened yet
        s.tap(t("tech.provision.cancel"))
        s.wait_until(lambda: not s.exists(t("tech.provision.confirm")), what="the box closes")
        assert server.platform.store.kiosks() == []
        s.tap(t("tech.provision.enroll"))
        s.wait_for(said, timeout=20)
        s.tap(t("tech.provision.confirm"))
        (kiosk,) = _wait_enrolled(s, server)
        s.wait_for(t("tech.provision.done", kiosk_id=kiosk["kiosk_id"]), timeout=20)
        s.tap(t("tech.page.sync"))
        s.wait_for(t("tech.sync.elsewhere"))
        assert row_value(s, t("tech.sync.elsewhere")) == t(
            "tech.sync.elsewhere_text", count=enrolled.waiting, url=TEST_PLATFORM_URL
        )
    finally:
        server.stop()
        server.platform.store.close()


def _wait_enrolled(s: Any, server: PlatformServer) -> list[dict[str, Any]]:
    s.wait_until(lambda: bool(server.platform.store.kiosks()), timeout=20, what="enrollment")
    return server.platform.store.kiosks()


def test_a_revoked_kiosk_says_so_on_its_sync_page(enrolled: Any, screen: Any) -> None:
    s, b = screen, enrolled.backends
    set_setting(b.storage, "sync.revoked_at", "2026-01-05T06:30:00+00:00")
    enter(s)
    s.tap(t("tech.page.sync"))
    s.wait_for(t("tech.sync.revoked"))
    assert row_value(s, t("tech.sync.revoked")).startswith("平台已撤销本机")
