"""Demo mode's console: one account per role, one password, one hall.

Only ``central.demo`` calls this; a platform in service has no account until
``kiosk platform user add NAME --role admin`` makes the first administrator.
The demo's kiosks, which nobody assigns to a hall, belong to the demo hall,
so the demo clerk sees their cases.
"""

from __future__ import annotations

from central.console.db import ConsoleDB
from central.console.security import create_account
from central.platform import Platform

DEMO_PASSWORD = "console-demo"  # noqa: S105 - the demo's, printed in the README
DEMO_HALL = "示范大厅"
DEMO_ACCOUNTS = (
    ("admin", "admin", "管理员"),
    ("reviewer", "reviewer", "审核员"),
    ("clerk", "clerk", "窗口人员"),
    ("tech", "technician", "运维人员"),
)


def demo_console(platform: Platform) -> None:
    platform.demo = True  # and the kiosk API's docs are served
    db = ConsoleDB(platform.store)
    platform.store.set_meta("console.default_hall", DEMO_HALL)
    for username, role, name in DEMO_ACCOUNTS:
        if db.account(username) is None:
            create_account(db, username, role, DEMO_PASSWORD, display_name=name,
                           hall=DEMO_HALL if role == "clerk" else "")  # fmt: skip
