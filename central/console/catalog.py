"""The catalog desk: see the published version, upload a new one, publish it.

An upload is read with the kiosk's own catalog model (``kiosk.catalog``), the
same that the kiosks import with, so every problem is listed by service code
and field path before anything is published, and a document the kiosks would
refuse never reaches them. A good upload is staged beside the platform's
database; publishing writes it as ``catalogs/catalog-v<N>.json``, points the
platform at it (kept in the meta table, so a restart serves the same file)
and the kiosks import it at their next pull (the ETag changes with the file).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from central.platform import Platform
from central.publish import catalog_document
from kiosk.catalog.files import parse_catalog
from kiosk.catalog.model import Catalog
from kiosk.catalog.problems import CatalogInvalid
from kiosk.errors import ValidationError

CATALOG_FILE_META = "catalog_file"  # the published file, read by central.server.open_platform


@dataclass(frozen=True)
class Problem:
    service: str
    path: str
    message: str


@dataclass(frozen=True)
class Summary:
    version: int
    services: int
    departments: int
    with_form: int
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def _summary(catalog: Catalog, before: Catalog | None = None) -> Summary:
    codes = {s.code for s in catalog.services}
    old = {s.code for s in before.services} if before else codes
    return Summary(
        catalog.version, len(catalog.services), len(catalog.departments),
        sum(1 for s in catalog.services if s.form),
        tuple(sorted(codes - old)), tuple(sorted(old - codes)),
    )  # fmt: skip


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class CatalogDesk:
    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.folder = platform.data_dir / "catalogs"
        self._lock = threading.Lock()

    @property
    def _staged_path(self) -> Path:
        return self.folder / "staged.json"

    def _published(self) -> Catalog | None:
        try:
            return parse_catalog(self.platform.catalog_path.read_bytes())
        except (OSError, ValidationError):
            return None

    def current(self) -> Summary | None:
        catalog = self._published()
        if catalog is None:
            return None
        version, _, _ = catalog_document(self.platform)
        return replace(_summary(catalog), version=int(version))

    def staged(self) -> Summary | None:
        try:
            catalog = parse_catalog(self._staged_path.read_bytes())
        except (OSError, ValidationError):
            return None
        return _summary(catalog, self._published())

    def stage(self, raw: bytes, name: str) -> list[Problem]:
        """Check an upload; keep it for publishing when it has no problem."""
        try:
            catalog = parse_catalog(raw, name)
        except CatalogInvalid as exc:
            return [Problem(code or "-", path, message) for code, path, message in exc.problems]
        except ValidationError as exc:
            return [Problem("-", "-", exc.detail or str(exc))]
        published, _, _ = catalog_document(self.platform)
        if catalog.version <= int(published):
            return [Problem("-", "version", f"must be greater than the published {published}")]
        problems = self._unversioned_changes(catalog)
        if problems:
            return problems
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            _write(self._staged_path, raw)
        return []

    def _unversioned_changes(self, catalog: Catalog) -> list[Problem]:
        """A service changed under its old version number: kiosks keep one row per
        service version, so they would go on showing the old text."""
        before = self._published()
        if before is None:
            return []
        old = {s.code: s for s in before.services}
        return [
            Problem(s.code, "version", f"the service changed: its version must be above "
                    f"{old[s.code].version}")
            for s in catalog.services
            if s.code in old and s != old[s.code] and s.version <= old[s.code].version
        ]  # fmt: skip

    def publish(self) -> int:
        """Publish the staged document; its version, or ValueError when none is staged."""
        with self._lock:
            try:
                raw = self._staged_path.read_bytes()
                catalog = parse_catalog(raw)
            except (OSError, ValidationError) as exc:
                raise ValueError("nothing staged") from exc
            published, _, _ = catalog_document(self.platform)
            if catalog.version <= int(published):
                raise ValueError(f"version must be greater than the published {published}")
            target = self.folder / f"catalog-v{catalog.version}.json"
            _write(target, raw)
            self._staged_path.unlink()
            self.platform.catalog_path = target
            self.platform.store.set_meta(CATALOG_FILE_META, str(target))
            return catalog.version
