"""Test set-up: Qt offscreen with the software renderer, set by the suite itself."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ["tests.browser"]

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_QUICK_BACKEND"] = "software"
os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false;qt.qml.propertyCache.append=false")

REPO = Path(__file__).resolve().parent.parent
# The platform the test kiosks are enrolled with: its pages are where the QR codes lead.
TEST_PLATFORM_URL = "https://zwfw.example.gov.cn"


@pytest.fixture(scope="session", autouse=True)
def _pinyin_kept_loaded() -> Iterator[None]:
    """A kiosk unloads pypinyin after each catalog import (about 50 MB it needs
    only then); the suite imports catalogs hundreds of times and would load it
    again each time (0.4 s). It stays loaded here; tests/catalog/test_store.py
    checks the unloading in a process of its own."""
    from kiosk.catalog.text import pinyin_dictionaries

    with pinyin_dictionaries():
        yield


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def config(data_dir: Path) -> Iterator[object]:
    from kiosk.config import Config

    cfg = Config()
    cfg.kiosk.data_dir = str(data_dir)
    cfg.source = "(test)"
    yield cfg


@pytest.fixture(scope="session")
def journey_app(qapp: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One Qt Quick app for all UI tests that go through the screen (journey, technician).

    A second QQmlApplicationEngine in the same process fails to load the
    Controls style (Qt reports "Type Button unavailable"), so the UI tests
    share one app and reset it between tests with ``endSession``.
    """
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from kiosk.applications import PLATFORM_KEY_SETTING, PLATFORM_URL_SETTING
    from kiosk.config import Config
    from kiosk.settings import set_setting
    from protocol.sealing import public_key_bytes
    from ui.app import create_app

    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path_factory.mktemp("journey-ui"))
    cfg.source = "(test)"
    cfg.devices.a4.enabled = False
    from kiosk.i18n import LANGUAGES

    cfg.kiosk.languages = list(LANGUAGES)  # a hall that offers Uyghur and zh-Hant too
    from kiosk.catalog.store import ensure_sample_catalog

    # a kiosk in service with the sample catalog, as if the platform had sent it
    kiosk = create_app(
        cfg, width=1080, height=1920, prepare=lambda _b, storage: ensure_sample_catalog(storage)
    )
    key = X25519PrivateKey.generate()
    set_setting(kiosk.backends.storage, PLATFORM_URL_SETTING, TEST_PLATFORM_URL)
    set_setting(
        kiosk.backends.storage, PLATFORM_KEY_SETTING, public_key_bytes(key.public_key()).hex()
    )
    kiosk.platform_key = key
    yield kiosk
    kiosk.backends.shell.endSession("test")
    devices = kiosk.backends.areas.get("Devices")
    if devices is not None:
        devices.stop()
    kiosk.close()
