"""Demo mode's platform: the reference platform on loopback, with its demo accounts.

``start_demo_platform(data_dir)`` opens (or reuses) the platform database in
``data_dir/platform`` and serves it with uvicorn in a thread on 127.0.0.1;
``app.demo`` enrolls the demo kiosk with it through the real API.
``handle.stop()`` and ``handle.start()`` take the platform down and up again,
so one can watch applications made
offline arrive exactly once when it returns.

The demo console has one account per role, one password and one hall; a
platform in service has no account until ``kiosk platform user add NAME --role
admin`` makes the first administrator. The demo's kiosks, which nobody assigns
to a hall, belong to the demo hall, so the demo clerk sees their cases.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from central.console.db import ConsoleDB
from central.console.security import create_account
from central.notices import DemoInbox, NoticePump
from central.platform import Platform
from central.server import PlatformServer, open_platform
from central.store import PlatformStore
from central.web.identity import DemoIdentityProvider

log = logging.getLogger(__name__)

DEMO_PASSWORD = "console-demo"  # noqa: S105 - the demo's, printed in the README
DEMO_HALL = "示范大厅"
DEMO_ACCOUNTS = (
    ("admin", "admin", "管理员"),
    ("reviewer", "reviewer", "审核员"),
    ("clerk", "clerk", "窗口人员"),
    ("tech", "technician", "运维人员"),
)


DEMO_PORT = 8470
DEMO_IDENTITY = {
    "name": "张三",
    "id_number": "11010519491231002X",
    "sex": "1",
    "nation_code": "01",
    "birth_date": "1949-12-31",
    "address": "北京市朝阳区示例路1号",
}


@dataclass
class DemoPlatform:
    server: PlatformServer
    store: PlatformStore
    pump: NoticePump | None = None

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> DemoPlatform:
        if not self.server.running:
            self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def phone_code(self) -> str:
        """A fresh phone QR code for the demo resident."""
        return self.store.add_phone_code(DEMO_IDENTITY, valid_minutes=60)


def demo_phone_services(platform: Platform) -> None:
    """The demo's identity provider (the demo resident) and notifier (the inbox page):
    what a province replaces with its unified identity service and SMS gateway."""
    platform.identity_provider = DemoIdentityProvider(DEMO_IDENTITY)
    platform.notifier = DemoInbox()


def start_demo_platform(data_dir: Path, *, port: int = DEMO_PORT) -> DemoPlatform:
    platform = open_platform(Path(data_dir) / "platform" / "central.db")
    demo_console(platform)  # an account per role (README), the API docs served
    demo_phone_services(platform)
    try:
        server = PlatformServer(platform, port=port).start()
    except (OSError, RuntimeError):
        server = PlatformServer(platform, port=0).start()  # demo port taken: any port
    platform.public_url = platform.public_url or server.url
    pump = NoticePump(platform, platform.notifier, lambda: platform.public_url).start()
    log.info("demo platform on %s", server.url)
    return DemoPlatform(server, platform.store, pump)


def demo_console(platform: Platform) -> None:
    platform.demo = True  # and the kiosk API's docs are served
    db = ConsoleDB(platform.store)
    platform.store.set_meta("console.default_hall", DEMO_HALL)
    for username, role, name in DEMO_ACCOUNTS:
        if db.account(username) is None:
            create_account(db, username, role, DEMO_PASSWORD, display_name=name,
                           hall=DEMO_HALL if role == "clerk" else "")  # fmt: skip
