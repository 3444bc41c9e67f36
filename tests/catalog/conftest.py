from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalog.files import SAMPLE_CATALOG, load_catalog_file
from kiosk.catalog.model import Catalog
from kiosk.catalog.store import CatalogStore
from kiosk.storage import Storage, open_storage


@pytest.fixture(scope="session")
def sample() -> Catalog:
    return load_catalog_file(SAMPLE_CATALOG)


@pytest.fixture
def sample_dict() -> dict[str, Any]:
    return json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))


@pytest.fixture
def storage(tmp_path: Path) -> Iterator[Storage]:
    s = open_storage(tmp_path / "kiosk.db")
    yield s
    s.close()


@pytest.fixture
def store(storage: Storage, sample: Catalog) -> Iterator[CatalogStore]:
    st = CatalogStore(storage)
    st.import_catalog(sample)
    yield st
    st.close()


@pytest.fixture
def attract(journey_app: Any) -> Iterator[Any]:
    """The shared kiosk on its attract screen, driven by taps; its visit ended after."""
    from ui.testing.screen import Screen

    journey_app.backends.shell.endSession("test")
    yield Screen(journey_app.window)
    journey_app.backends.shell.endSession("test")


@pytest.fixture
def unenrolled(journey_app: Any) -> Iterator[Storage]:
    """The shared kiosk as one that knows no platform yet; its platform put back after."""
    from kiosk import enrollment
    from kiosk.settings import get_setting, set_setting

    kept = journey_app.backends.storage
    enrolled_with = get_setting(kept, enrollment.URL)
    set_setting(kept, enrollment.URL, "")
    yield kept
    set_setting(kept, enrollment.URL, enrolled_with)
