"""Shared pieces of the journey's tests: a real SQLite file, an enrolled kiosk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.applications import PLATFORM_KEY_SETTING, PLATFORM_URL_SETTING
from kiosk.identity import Identity, IdentitySource
from kiosk.settings import set_setting
from protocol.sealing import public_key_bytes
from tests.conftest import TEST_PLATFORM_URL
from tests.live import devices_on, simulators

# A valid number (check character X) with a real birth date.
ID_NUMBER = "11010519491231002X"
NAME = "张三丰"


def make_identity(**kw: Any) -> Identity:
    base: dict[str, Any] = dict(
        name=NAME,
        id_number=ID_NUMBER,
        source=IdentitySource.CARD,
        sex="1",
        nation_code="01",
        birth_date=dt.date(1949, 12, 31),
        address="北京市朝阳区建国路88号",
        valid_to=dt.date.today() + dt.timedelta(days=365),
    )
    base.update(kw)
    return Identity(**base)


@pytest.fixture
def platform_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


@pytest.fixture
def enrolled(config: Any, platform_key: X25519PrivateKey) -> Iterator[Any]:
    """Storage of an enrolled kiosk: the platform's sealing key is set."""
    from kiosk.storage import open_storage

    storage = open_storage(config.database_path)
    set_setting(storage, PLATFORM_KEY_SETTING, public_key_bytes(platform_key.public_key()).hex())
    set_setting(storage, PLATFORM_URL_SETTING, TEST_PLATFORM_URL)
    yield storage
    storage.close()


def db_bytes(path: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            data += p.read_bytes()
    return data


def encodings(text: str) -> list[bytes]:
    """Every way the kiosk might have written a string down."""
    return [
        text.encode("utf-8"),
        text.encode("utf-16-le"),
        text.encode("utf-16-be"),
        text.encode("gb18030"),
        text.encode("unicode_escape"),
        text.lower().encode(),
    ]


# journey_app (the one Qt Quick app of the test process) lives in tests/conftest.py:
# the technician's screen tests share it.


@pytest.fixture
def sims(tmp_path: Path) -> Iterator[dict[str, Any]]:
    with simulators(tmp_path) as sims:
        yield sims


@pytest.fixture
def kiosk(journey_app: Any, sims: dict[str, Any], qtbot: Any) -> Iterator[Any]:
    """The shared app with its devices pointed at the simulators' ptys."""
    with devices_on(journey_app, sims, qtbot):
        yield journey_app


@pytest.fixture
def screen(kiosk: Any) -> Iterator[Any]:
    """The kiosk's window on the attract screen, driven by taps (ui/testing/screen.py)."""
    from ui.testing.screen import Screen

    kiosk.window.resize(1080, 1920)
    s = Screen(kiosk.window)
    kiosk.backends.shell.endSession("test")
    s.wait_for("政务服务自助终端")
    yield s
    kiosk.backends.shell.endSession("test")
