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
