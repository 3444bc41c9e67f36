"""What the platform publishes to its kiosks: the catalog document, its version and ETag.

The file is read with the kiosk's own catalog model (``kiosk.catalog``), so the
platform never publishes a document the kiosks would refuse.
"""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING, Any

from kiosk.catalog.files import load_catalog_file
from kiosk.catalog.model import Catalog
from kiosk.errors import ValidationError

if TYPE_CHECKING:
    from central.platform import Platform

log = logging.getLogger(__name__)


def catalog_document(platform: Platform) -> tuple[str, str, dict[str, Any]]:
    """(version, ETag, document). The version is the document's own integer version,
    raised by the operator's bumps; the ETag also covers the file's bytes.

    The file is read with the kiosk's own catalog model, so the platform never
    publishes a document the kiosks would refuse; a file that does not read is
    published as an empty document and logged with every problem.
    """
    catalog: Catalog | None = None
    try:
        raw = platform.catalog_path.read_bytes()
        catalog = load_catalog_file(platform.catalog_path)  # with its Uyghur names beside it
    except OSError as exc:
        raw = b"{}"
        log.error("catalog %s cannot be read: %s", platform.catalog_path, exc)
    except ValidationError as exc:
        log.error("catalog %s refused: %s", platform.catalog_path, exc.detail)
    version = _catalog_version(platform, catalog.version if catalog else 1)
    document: dict[str, Any] = {}
    if catalog is not None:
        published = catalog.model_copy(update={"version": version})
        document = published.model_dump(mode="json", exclude_none=True)
    etag = '"' + hashlib.sha256(str(version).encode() + b"\0" + raw).hexdigest()[:32] + '"'
    return str(version), etag, document


def _catalog_version(platform: Platform, own: int) -> int:
    bumped = platform.store.get_meta("catalog_version", "0")
    return max(own, int(bumped) if bumped.isdigit() else 0)


def bump_catalog(platform: Platform) -> str:
    """Publish the catalog again under the next version (kiosks import it on next pull)."""
    version, _, document = catalog_document(platform)
    new = str(int(version) + 1)
    platform.store.set_meta("catalog_version", new)
    return new
