"""The benchmark's synthetic catalog is valid and searchable like the real one."""

from __future__ import annotations

from kiosk.catalog.store import CatalogStore
from kiosk.catalog.synthetic import synthetic_catalog
from kiosk.storage import Storage


def test_synthetic_catalog_imports_and_searches(storage: Storage) -> None:
    catalog = synthetic_catalog(400)
    assert len({s.code for s in catalog.services}) == 400
    assert len({s.name_zh for s in catalog.services}) == 400
    store = CatalogStore(storage)
    store.import_catalog(catalog)
    hits = store.search("sfz", 10)
    assert hits and all("身份证" in h.service.name_zh for h in hits)
    english = {h.service.code for h in store.search("ID card", 50)}
    assert {h.service.code for h in store.search("身份证", 50)} == english
    store.close()
