"""Where a pulled catalog goes: the one function the integrator wires.

If the catalog area's ``CatalogStore`` exists it imports the document;
otherwise the document is kept as ``catalog/pulled.json`` in the data dir
(written atomically) so nothing pulled is lost.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from kiosk.storage import Storage

log = logging.getLogger(__name__)


def deliver_catalog(
    storage: Storage, data_dir: Path, version: str, document: dict[str, Any]
) -> str:
    """Hand a new catalog to the kiosk; returns where it went."""
    try:
        module = importlib.import_module("kiosk.catalog.store")
    except ImportError:
        module = None
    store_cls = getattr(module, "CatalogStore", None) if module else None
    if store_cls is not None:
        store_cls(storage).import_catalog(document)
        log.info("catalog version %s imported", version)
        return "catalog-store"
    folder = Path(data_dir) / "catalog"
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / "pulled.json.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"version": version, "catalog": document}, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, folder / "pulled.json")
    log.info("catalog version %s kept in %s", version, folder / "pulled.json")
    return str(folder / "pulled.json")
