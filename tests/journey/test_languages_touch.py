"""Uyghur and traditional Chinese through the screen: chosen on the attract
screen, every screen of a visit walked by taps, nothing off the window in the
mirrored Uyghur layout, a Uyghur word typed on the kiosk's own keyboard layout,
a pinyin search in zh-Hant."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")

from kiosk.i18n import language_name, translate  # noqa: E402
from ui.tours.languages import STOPS, outside_window, walk  # noqa: E402

pytestmark = pytest.mark.timeout(240)


@pytest.mark.parametrize("lang", ["ug", "zh-Hant"])
def test_a_visit_in_the_language_chosen_on_the_attract_screen(
    kiosk: Any, screen: Any, sims: dict[str, Any], lang: str
) -> None:
    s, b = screen, kiosk.backends
    for code in ("zh", "en", "ug", "zh-Hant"):
        assert s.exists(language_name(code)), f"no {code} button on the attract screen"
    seen = []
    for stop in walk(b, s, lang, stand_in=False):
        seen.append(stop)
        assert b.i18n.language == lang
        assert not outside_window(s), f"{stop}: off the window: {outside_window(s)}"
        if lang == "ug":  # mirrored: the top bar's Home button sits on the right
            home = s.find(translate("common.home", "ug")).item
            x = home.mapToScene(home.boundingRect().center()).x()
            assert x > kiosk.window.width() / 2, f"{stop}: Home at x {x:.0f}, not mirrored"
    assert seen == list(STOPS)
    assert s.says(translate("evaluate.reason", lang))
    assert sims["printer"].wait_for_receipt(1, timeout=20), "no receipt came out"
    printed = sims["printer"].receipts[-1]
    if lang == "ug":  # no Arabic code page: every Uyghur line is a raster image with ink
        assert printed.rasters and all(r.dots() > 100 for r in printed.rasters)
        assert "?" not in printed.text  # nothing fell back to the code page's "?"
    else:
        assert not printed.rasters and translate("receipt.title", lang) in printed.text


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_uyghur_in_elderly_mode_keeps_everything_inside(
    kiosk: Any, screen: Any, size: tuple[int, int]
) -> None:
    """Larger text and targets (适老化) in the mirrored layout, up to the review."""
    s, b = screen, kiosk.backends
    kiosk.window.resize(*size)
    b.style.toggleElderly()
    try:
        for stop in walk(b, s, "ug", stand_in=False):
            assert b.style.elderly
            assert not outside_window(s), f"{stop}: off the window: {outside_window(s)}"
            if stop == "review":
                break
    finally:
        kiosk.window.resize(1080, 1920)


def test_a_uyghur_word_typed_on_the_uyghur_keys_finds_the_service(
    kiosk: Any, screen: Any
) -> None:
    s, b = screen, kiosk.backends
    s.tap(language_name("ug"))
    s.tap(translate("home.tile.search", "ug"))
    s.wait_until(s.keyboard_up, what="the keyboard")
    word = "تۇغۇت"  # "birth": in 生育登记 and 生育津贴申领's Uyghur names
    s.type_on_keyboard(word)
    field = s.focused_item()
    assert field is not None and field.property("text") == word
    names = [n for n in (service_code_name(b, c) for c in ("WJ0102", "YB0301")) if n]
    s.wait_for(names[0])
    assert all(s.says(n) for n in names), s.texts()


def service_code_name(b: Any, code: str) -> str:
    from kiosk.catalog.store import CatalogStore

    store = CatalogStore(b.storage)
    try:
        return store.service(code).name_ug
    finally:
        store.close()


def test_pinyin_and_traditional_hanzi_search_in_zh_hant(kiosk: Any, screen: Any) -> None:
    from PySide6.QtCore import Qt

    s = screen
    s.tap(language_name("zh-Hant"))
    s.tap(translate("home.tile.search", "zh-Hant"))
    s.wait_until(s.keyboard_up, what="the keyboard")
    s.type_text("sfz")  # pinyin initials of 身份证
    s.wait_for("居民身份證換領")  # the catalog's name, shown in traditional characters
    assert not s.says("居民身份证换领")
    for _ in range(3):
        s.key(Qt.Key.Key_Backspace)
    s.type_text("身份證補領")  # what a reader of traditional characters writes
    s.wait_for("居民身份證補領")


def test_the_keyboard_offers_zhuyin_in_zh_hant_and_the_next_visit_gets_pinyin_again(
    kiosk: Any, screen: Any
) -> None:
    """The globe key offers Qt's Zhuyin/Cangjie keyboard beside pinyin in a zh-Hant
    kiosk; a resident's choice of it ends with their visit."""
    from PySide6.QtCore import QPointF

    s = screen
    s.tap(language_name("zh-Hant"))
    s.tap(translate("home.tile.search", "zh-Hant"))
    s.wait_until(lambda: _has_key(s, "s"), what="the pinyin keys")
    globe = next(k for k in s.keyboard_keys() if "ChangeLanguage" in k.metaObject().className())
    s.tap_at(globe.mapToScene(QPointF(globe.width() / 2, globe.height() / 2)))
    s.tap("繁體中文")  # the keyboard's own list of its languages
    s.wait_until(lambda: _has_key(s, "ㄅ") and _has_key(s, "ㄕ"), what="the Zhuyin keys")
    # the next resident, in the same language, gets the kiosk's keyboard again (pinyin)
    kiosk.backends.shell.endSession("test")
    s.tap(language_name("zh-Hant"))
    s.tap(translate("home.tile.search", "zh-Hant"))
    s.wait_until(lambda: _has_key(s, "s") and not _has_key(s, "ㄅ"), what="the pinyin keys")


def _has_key(s: Any, label: str) -> bool:
    return any(
        label in (str(k.property("displayText") or ""), str(k.property("text") or ""))
        for k in s.keyboard_keys()
    )
