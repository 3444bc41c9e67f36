"""Message catalogs for the kiosk's languages, keyed by message key.

Each area keeps its strings in ``assets/i18n/<lang>/<area>.json`` so areas do
not edit one shared file. Keys are dotted (``home.title``); values may hold
``{name}`` placeholders filled from an error's params. A missing key falls back
to Mandarin, then English, then to the key itself, so a gap shows as a visible
key in the tour rather than a crash (tests/test_languages.py keeps every key in
every language).

Languages: ``zh`` (Mandarin, simplified), ``en``, ``ug`` (Uyghur in its Arabic
script, written right to left) and ``zh-Hant`` (traditional characters, for
residents from Hong Kong, Macao and Taiwan). The zh-Hant files were converted
from zh with OpenCC and reviewed; catalog text, which has no zh-Hant copy,
is converted when shown (``to_traditional``).
"""

from __future__ import annotations

import json
import logging
from functools import cache
from typing import Any

from kiosk.assets import ASSETS_DIR
from kiosk.errors import KioskError

log = logging.getLogger(__name__)

LANGUAGES = ("zh", "en", "ug", "zh-Hant")
RIGHT_TO_LEFT = frozenset({"ug"})
# The Qt Virtual Keyboard layout each language types with: zh-Hant residents
# type pinyin too (the search converts what they get); ug_CN is the kiosk's own
# layout (ui/qml/keyboard/layouts/ug_CN), since Qt ships none for Uyghur.
KEYBOARD_LOCALES = {"zh": "zh_CN", "en": "en_US", "ug": "ug_CN", "zh-Hant": "zh_CN"}
# OpenCC's configuration: Simplified to Traditional with Taiwan's character
# standard and no phrase swaps (s2twp would turn 打印 into 列印 and 信息 into
# 資訊, renaming the mainland procedures a resident came to do).
OPENCC_CONFIG = "s2tw"


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
        for other in ("zh", "en"):
            if other != lang and key in catalog(other):
                text = catalog(other)[key]
                break
        else:
            text = key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def describe_error(error: KioskError, lang: str) -> str:
    """The sentence a resident or technician sees for an error."""
    return translate(error.key, lang, **error.params)


def language_name(lang: str) -> str:
    """A language's name in itself (中文, English, ئۇيغۇرچە, 繁體中文), as its button says."""
    return translate("language.name", lang)


def is_rtl(lang: str) -> bool:
    return lang in RIGHT_TO_LEFT


def keyboard_locale(lang: str) -> str:
    return KEYBOARD_LOCALES.get(lang, "en_US")


@cache
def _converter(config: str) -> Any:
    import opencc  # loaded on first use: the attract screen does not need it

    return opencc.OpenCC(config)


@cache
def to_traditional(text: str) -> str:
    """Simplified Chinese as a zh-Hant reader expects it (catalog names, summaries)."""
    return str(_converter(OPENCC_CONFIG).convert(text)) if text else text


def to_simplified(text: str) -> str:
    """What a zh-Hant resident typed, as the catalog (kept in simplified) spells it."""
    return str(_converter("t2s").convert(text)) if text else text
