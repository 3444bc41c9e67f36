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
    storage: Storage, data_dir: Path, version: str, document: dict[str, Any], etag: str = ""
) -> str:
    """Hand a new catalog to the kiosk; returns where it went.

    With the catalog area present, the document is parsed and imported in one
    transaction (an invalid document raises and the current catalog stays);
    a version the kiosk already has is not an error.
    """
    files: Any = None
    store_mod: Any = None
    try:
        files = importlib.import_module("kiosk.catalog.files")
        store_mod = importlib.import_module("kiosk.catalog.store")
    except ImportError:
        pass
    if files is not None and store_mod is not None:
        catalog = files.parse_catalog(json.dumps(document, ensure_ascii=False), "platform")
        store = store_mod.CatalogStore(storage)
        try:
            store.import_catalog(catalog, etag=etag)
        except store_mod.CatalogNotNewer:
            log.info("catalog version %s is not newer than ours", version)
        finally:
            store.close()
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
