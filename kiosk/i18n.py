"""Message catalogs for the two languages, keyed by message key.

Each area keeps its strings in ``assets/i18n/<lang>/<area>.json`` so areas do
not edit one shared file. Keys are dotted (``home.title``); values may hold
``{name}`` placeholders filled from an error's params. A missing key falls back
to the other language, then to the key itself, so a gap shows as a visible key
in the tour rather than a crash.
"""

from __future__ import annotations

import json
import logging
from functools import cache
from typing import Any

from kiosk.assets import ASSETS_DIR
from kiosk.errors import KioskError

log = logging.getLogger(__name__)

LANGUAGES = ("zh", "en")


@cache
def catalog(lang: str) -> dict[str, str]:
    messages: dict[str, str] = {}
    folder = ASSETS_DIR / "i18n" / lang
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for key, value in data.items():
            if key in messages:
                log.warning("duplicate message key %s in %s", key, path.name)
            messages[key] = value
    return messages


def translate(key: str, lang: str, **params: Any) -> str:
    text = catalog(lang).get(key)
    if text is None:
        other = "en" if lang == "zh" else "zh"
        text = catalog(other).get(key, key)
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def describe_error(error: KioskError, lang: str) -> str:
    """The sentence a resident or technician sees for an error."""
    return translate(error.key, lang, **error.params)
