"""Reading catalog files and seeding a fresh kiosk with the sample catalog."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from kiosk.assets import ASSETS_DIR
from kiosk.catalog.model import Catalog
from kiosk.catalog.store import CatalogStore, ImportResult
from kiosk.errors import ValidationError
from kiosk.storage import Storage

log = logging.getLogger(__name__)

SAMPLE_CATALOG = ASSETS_DIR / "catalog" / "sample.json"


def parse_catalog(text: str | bytes, source: str = "<catalog>") -> Catalog:
    """Parse and check a catalog document; raises ValidationError (CatalogInvalid)."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # deep nesting too
        raise ValidationError(
            f"{source}: not valid JSON: {exc}", key="error.catalog.json", file=source
        ) from exc
    return Catalog.from_dict(data)


def load_catalog_file(path: Path) -> Catalog:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            f"{path}: cannot read: {exc}", key="error.catalog.read", file=str(path)
        ) from exc
    return parse_catalog(data, str(path))


def ensure_sample_catalog(storage: Storage, path: Path = SAMPLE_CATALOG) -> ImportResult | None:
    """Import the shipped sample catalog when the kiosk has none (demo, first start)."""
    store = CatalogStore(storage)
    try:
        if not store.is_empty():
            return None
        result = store.import_catalog(load_catalog_file(path), force=True)
    finally:
        store.close()
    log.info("seeded the sample catalog: %d services", result.services)
    return result
