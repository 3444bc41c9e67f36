"""What the platform publishes to its kiosks: the catalog document, its version and ETag.

The file is read with the kiosk's own catalog model (``kiosk.catalog``), so the
platform never publishes a document the kiosks would refuse.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import threading
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk.catalog.files import load_catalog_file
from kiosk.catalog.model import Catalog
from kiosk.errors import ValidationError
from protocol.signing import CATALOG_GZIP_TAG

if TYPE_CHECKING:
    from central.platform import Platform
    from central.store import PlatformStore

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


@dataclass(frozen=True)
class Published:
    """The catalog answer as it goes on the wire, made once per version.

    ``body`` is the serialised ``CatalogResponse`` and ``gzipped`` the same bytes
    compressed; ``etag`` is strong (a hash of ``body``: byte for byte the same
    representation), ``etag_gzip`` names the compressed one (a content coding is
    another representation). Either matches ``If-None-Match``.
    """

    version: str
    etag: str
    etag_gzip: str
    body: bytes
    gzipped: bytes
    key: tuple[Any, ...]
    spread_seconds: int = 0

    def matches(self, if_none_match: str) -> bool:
        """Whether the kiosk's ``If-None-Match`` names this version (either coding)."""
        if not if_none_match:
            return False
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or self.etag in tags or self.etag_gzip in tags


# After a bump every kiosk would fetch the new catalog on its next cycle: 20,000
# kiosks on a 60 s cycle make 330 full downloads a second for a minute. The
# platform tells them (``X-Catalog-Spread`` beside ``X-Catalog-ETag`` on each
# ``/statuses`` answer) to spread their fetch over enough seconds for about
# ``CATALOG_FETCHES_PER_SECOND``; a small fleet's spread rounds to nothing.
CATALOG_FETCHES_PER_SECOND = 50
MAX_SPREAD_SECONDS = 900
# per store (a Platform is a dataclass, not hashable); the catalog path is checked too
_PUBLISHED: weakref.WeakKeyDictionary[PlatformStore, Published] = weakref.WeakKeyDictionary()
_PUBLISH_LOCK = threading.Lock()


def published(platform: Platform) -> Published:
    """The catalog answer of ``platform``, serialised and compressed once per version.

    Before, every GET ``/catalog`` re-read, validated and serialised the 161 KB
    file, even to answer 304. Now the sources (the file's size and mtime, the
    bumped version in the store, read on its reader connection) are looked at
    on each request, a few microseconds, so a bump from any process
    (``kiosk platform catalog bump`` runs in another one) is served at once; the
    document is made again only when one of them changed."""
    key = _sources(platform)
    found = _PUBLISHED.get(platform.store)
    if found is not None and found.key == key:
        return found
    with _PUBLISH_LOCK:
        found = _PUBLISHED.get(platform.store)
        if found is None or found.key != key:
            found = _PUBLISHED[platform.store] = _make(platform, key)
        return found


def published_if_current(platform: Platform) -> Published | None:
    """The published catalog when it need not be made again, else None (no waiting)."""
    found = _PUBLISHED.get(platform.store)
    return found if found is not None and found.key == _sources(platform) else None


def _sources(platform: Platform) -> tuple[Any, ...]:
    try:
        stat = platform.catalog_path.stat()
        file_key: tuple[Any, ...] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    except OSError:
        file_key = ()
    return (str(platform.catalog_path), file_key, platform.store.get_meta("catalog_version", "0"))


def _make(platform: Platform, key: tuple[Any, ...]) -> Published:
    from protocol.models import CatalogResponse

    version, _, document = catalog_document(platform)
    answer = CatalogResponse(version=version, catalog=document).model_dump()
    body = json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode()
    digest = hashlib.sha256(body).hexdigest()[:32]
    log.info("catalog version %s published: %d bytes", version, len(body))
    return Published(
        version=version,
        etag=f'"{digest}"',
        etag_gzip=f'"{digest}{CATALOG_GZIP_TAG}"',
        body=body,
        gzipped=gzip.compress(body, compresslevel=9, mtime=0),
        key=key,
        spread_seconds=int(
            min(MAX_SPREAD_SECONDS, platform.store.kiosk_count() // CATALOG_FETCHES_PER_SECOND)
        ),
    )
