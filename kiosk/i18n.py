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
import re
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
# The words the zh-Hant files were reviewed for (what halls in Hong Kong, Macao
# and Taiwan print and show), applied to catalog text after OpenCC too.
HANT_WORDS = (
    ("打印機", "印表機"), ("打印", "列印"), ("屏幕", "螢幕"), ("網絡", "網路"), ("信息", "資料"),
    ("數據", "資料"), ("二維碼", "QR 碼"), ("短信", "簡訊"), ("聯繫", "聯絡"), ("支持", "支援"),
    ("登錄", "登入"), ("搜索", "搜尋"), ("視頻", "影片"), ("軟件", "軟體"), ("U盤", "隨身碟"),
)


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
    if not text:
        return text
    out = str(_converter(OPENCC_CONFIG).convert(text))
    for simplified_word, word in HANT_WORDS:
        out = out.replace(simplified_word, word)
    return re.sub(r"(?<=[\u4e00-\u9fff])QR 碼", " QR 碼", out)


def pick(zh: str, en: str, lang: str, ug: str = "") -> str:
    """A catalog text in ``lang``: its English or Uyghur copy, the Chinese converted
    to traditional characters for zh-Hant; the Chinese where a copy is missing.

    Here rather than beside the catalog model: the shell's I18n picks too, before
    the first frame, when pydantic is not loaded yet."""
    if lang == "en":
        return en or zh
    if lang == "ug":
        return ug or zh
    if lang == "zh-Hant":
        return to_traditional(zh)
    return zh


# A zh-Hant reader's words for the catalog's (列印 for 打印): read back before t2s.
# Only words that mean one thing: 資料 stays, it is 资料 as often as 信息.
HANT_QUERY_WORDS = tuple(
    (word, simplified_word)
    for simplified_word, word in HANT_WORDS
    if word not in ("資料", "支援", "QR 碼")
)


def to_simplified(text: str) -> str:
    """What a zh-Hant resident typed, as the catalog (kept in simplified) spells it."""
    if not text:
        return text
    for word, catalog_word in HANT_QUERY_WORDS:
        text = text.replace(word, catalog_word)
    return str(_converter("t2s").convert(text))
