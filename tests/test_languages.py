"""Every message key in every language, with the same placeholders; each
language names itself; Uyghur reads right to left."""

from __future__ import annotations

import re

import pytest

from kiosk.i18n import LANGUAGES, catalog, is_rtl, keyboard_locale, language_name, translate

PLACEHOLDER = re.compile(r"\{(\w+)\}")


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "zh"])
def test_every_key_exists_in_every_language(lang: str) -> None:
    zh, other = catalog("zh"), catalog(lang)
    assert sorted(set(zh) - set(other)) == [], f"{lang} lacks these keys"
    assert sorted(set(other) - set(zh)) == [], f"{lang} has keys zh does not"
    for key, text in other.items():
        assert text.strip(), f"{lang}: {key} is empty"
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(zh[key])), (lang, key)


def test_each_language_names_itself() -> None:
    names = {lang: language_name(lang) for lang in LANGUAGES}
    assert names == {"zh": "中文", "en": "English", "ug": "ئۇيغۇرچە", "zh-Hant": "繁體中文"}


def test_uyghur_is_written_right_to_left_in_its_own_script() -> None:
    assert is_rtl("ug") and not any(is_rtl(lang) for lang in ("zh", "en", "zh-Hant"))
    assert keyboard_locale("ug") == "ug_CN"
    arabic = re.compile(r"[\u0600-\u06FF]")
    texts = catalog("ug").values()
    assert sum(1 for t in texts if arabic.search(t)) > 0.95 * len(texts)


def test_zh_hant_is_in_traditional_characters() -> None:
    assert translate("home.tile.search", "zh-Hant") == "搜尋服務"
    assert translate("submitted.printing", "zh-Hant") == "正在列印回執…"
    simplified = set("这说读请单证们为对时间发")
    assert not [t for t in catalog("zh-Hant").values() if simplified & set(t)]
