"""The staff console in a real browser (the ``desk`` fixture: Debian's chromium at
1280x800, console errors fail the test) over a real platform on loopback, with
real accounts (argon2 hashes in the platform's SQLite file) and a real enrolled
kiosk whose applications reach the platform through the sync engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from central.console.db import ConsoleDB
from central.console.security import create_account
from central.server import PlatformServer
from tests.live import running_platform
from tests.phone.conftest import Kiosk, kiosk, make_kiosk

# ``kiosk``: the phone's enrolled kiosk fixture serves here too, over this
# folder's platform (its accounts made): one definition, found by name here.
__all__ = ["Kiosk", "kiosk", "make_kiosk"]

PASSWORD = "correct-horse-battery"
HALL = "城关镇便民服务中心"
ACCOUNTS = {  # username: (role, hall)
    "ada": ("admin", ""),
    "rui": ("reviewer", ""),
    "cai": ("clerk", HALL),
    "tan": ("technician", ""),
}


@pytest.fixture(autouse=True, scope="session")
def cheap_argon2() -> Iterator[None]:
    """argon2id with a small memory and time cost: the same algorithm and code path,
    without 1.5 s a hash on a shared two-core machine. ``test_hash_parameters``
    checks what the console uses in service."""
    from argon2 import PasswordHasher

    from central.console import security

    before = security._hasher
    security.set_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    security.set_hasher(before)


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[PlatformServer]:
    with running_platform(tmp_path) as server:
        db = ConsoleDB(server.platform.store)
        for username, (role, hall) in ACCOUNTS.items():
            create_account(db, username, role, PASSWORD, display_name=username.title(), hall=hall)
        yield server


def login(page: Any, platform: PlatformServer, username: str, password: str = PASSWORD) -> None:
    """Log in through the login form, as a person does."""
    page.goto(f"{platform.url}/console/login")
    page.get_by_label("用户名 Username").fill(username)
    page.get_by_label("密码 Password").fill(password)
    page.get_by_role("button", name="登录 Log in").click()
    page.wait_for_load_state()


def kiosk_id_of(k: Kiosk) -> str:
    from kiosk.settings import get_setting
    from sync import keys

    return get_setting(k.storage, keys.KIOSK_ID)


def answered(request: pytest.FixtureRequest, status: int) -> int:
    """How many pages the browser saw answered ``status``, taken off the console errors.

    Chromium logs a refused page (401, 403, 404, 429) as a console error; the
    tests that expect a refusal count them here, and any other error still
    fails the test (tests/browser.py)."""
    problems: list[str] = request.node.browser_problems
    mine = [p for p in problems if f"the server responded with a status of {status}" in p]
    for p in mine:
        problems.remove(p)
    return len(mine)
