"""Where a pulled catalog goes: the kiosk's catalog store, in one transaction.

A document the store refuses (invalid, or not newer than the one the kiosk
has) leaves the current catalog as it is; the refusal is logged for the
technician and the sync cycle goes on, because statuses and the heartbeat
must not wait on a bad catalog.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from kiosk.catalog.model import Catalog
from kiosk.catalog.store import CatalogNotNewer, CatalogStore
from kiosk.errors import ValidationError
from kiosk.storage import Storage

log = logging.getLogger(__name__)


def deliver_catalog(
    storage: Storage, data_dir: Path, version: str, document: dict[str, Any], etag: str = ""
) -> str:
    """Hand a new catalog to the kiosk; returns "imported", "not-newer" or "refused"."""
    try:
        catalog = Catalog.from_dict(document)
        store = CatalogStore(storage)
        try:
            store.import_catalog(catalog, etag=etag)
        finally:
            store.close()  # its reader connection, one per pull otherwise
    except CatalogNotNewer:
        log.info("catalog version %s is not newer than the kiosk's; kept the current one", version)
        return "not-newer"
    except ValidationError as exc:
        log.error("catalog version %s refused, current catalog kept: %s", version, exc.detail)
        return "refused"
    log.info("catalog version %s imported", version)
    return "imported"
