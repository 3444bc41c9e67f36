"""Reading catalog files and seeding a fresh kiosk with the sample catalog."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from kiosk.assets import ASSETS_DIR
from kiosk.catalog.model import Catalog
from kiosk.errors import ValidationError

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
    """A catalog file, with the Uyghur names of ``<name>.ug.json`` beside it merged in."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            f"{path}: cannot read: {exc}", key="error.catalog.read", file=str(path)
        ) from exc
    uyghur = path.with_suffix(".ug.json")
    if uyghur.exists():
        data = json.dumps(with_uyghur(json.loads(data), uyghur), ensure_ascii=False).encode()
    return parse_catalog(data, str(path))


def with_uyghur(document: Any, path: Path) -> Any:
    """The document with the Uyghur names and summaries a translator keeps apart
    (``{"services": {code: {"name_ug", "summary_ug"}}, "departments": {id: name},
    "life_events": {id: name}}``): the sample is generated from a county sheet
    that has no Uyghur columns, so the translation lives beside it, by code."""
    if not isinstance(document, dict):
        return document
    ug = json.loads(path.read_text(encoding="utf-8"))
    for part in ("departments", "life_events"):
        for entry in document.get(part) or []:
            name = ug.get(part, {}).get(entry.get("id")) if isinstance(entry, dict) else None
            if name and not entry.get("name_ug"):
                entry["name_ug"] = name
    for service in document.get("services") or []:
        codes = ug.get("services", {})
        extra = codes.get(service.get("code")) if isinstance(service, dict) else None
        for key, value in (extra or {}).items():
            if key in ("name_ug", "summary_ug") and not service.get(key):
                service[key] = value
    return document
