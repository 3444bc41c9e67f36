"""Exposes the message catalogs to QML and switches language at once.

QML calls ``I18n.t(key, I18n.language)``; reading the language in the binding
makes a language change re-evaluate every visible string in one go. ``rtl``
mirrors the screens (Main.qml's LayoutMirroring) for Uyghur; ``pick`` chooses
a catalog text among the languages the catalog carries.
"""

from __future__ import annotations

import threading
from functools import cache

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.errors import KioskError
from kiosk.i18n import (
    catalog,
    describe_error,
    is_rtl,
    keyboard_locale,
    language_name,
    pick,
    to_traditional,
    translate,
)


@cache
def resolved_messages(lang: str) -> dict[str, str]:
    """``lang``'s messages with the keys it lacks taken as ``translate`` takes them."""
    keys = {*catalog("zh"), *catalog("en"), *catalog(lang)}
    return {key: translate(key, lang) for key in keys}


class I18nBridge(QObject):
    languageChanged = Signal()

    def __init__(self, languages: list[str], default: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._languages = list(languages)
        self._default = default
        self._language = default

    def _get_language(self) -> str:
        return self._language

    def _set_language(self, lang: str) -> None:
        if lang in self._languages and lang != self._language:
            self._language = lang
            self.languageChanged.emit()

    language = Property(str, _get_language, _set_language, notify=languageChanged)

    @Property("QVariantList", constant=True)
    def languages(self) -> list[dict[str, str]]:
        """The kiosk's languages, each with its own name, for the attract screen's buttons."""
        return [{"code": lang, "name": language_name(lang)} for lang in self._languages]

    @Property(bool, notify=languageChanged)
    def rtl(self) -> bool:
        return is_rtl(self._language)

    @Property(str, notify=languageChanged)
    def keyboardLocale(self) -> str:  # noqa: N802 - a QML property
        return keyboard_locale(self._language)

    @Property("QStringList", constant=True)
    def keyboardLocales(self) -> list[str]:  # noqa: N802 - a QML property
        """The keyboard's languages (its globe key cycles them): each language's
        own, and Qt's Cangjie/Zhuyin layout beside pinyin where zh-Hant is offered."""
        locales = [keyboard_locale(lang) for lang in self._languages]
        if "zh-Hant" in self._languages:
            locales.append("zh_TW")
        return list(dict.fromkeys(locales))

    @Property(str, notify=languageChanged)
    def nextName(self) -> str:  # noqa: N802 - a QML property
        """The top bar's language button: the name of the language a tap switches to."""
        return language_name(self._next())

    @Slot(str, result="QVariantMap")
    def messages(self, lang: str) -> dict[str, str]:
        """Every message in ``lang``, fallbacks resolved as ``t`` resolves them:
        QML keeps this table (ui/qml/singletons/I18n.qml) and looks its strings
        up itself instead of calling ``t`` for each."""
        return resolved_messages(lang or self._language)

    @Slot(str, str, result=str)
    def t(self, key: str, lang: str) -> str:
        """QML passes ``I18n.language`` so the binding re-runs when it changes."""
        return translate(key, lang or self._language)

    @Slot(str, str, "QVariantMap", result=str)
    def tf(self, key: str, lang: str, params: dict[str, object]) -> str:
        return translate(key, lang or self._language, **params)

    @Slot(str, str, str, str, result=str)
    def pick(self, zh: str, en: str, ug: str, lang: str) -> str:
        """A catalog text in ``lang``: its Uyghur or English copy, the Chinese
        converted for zh-Hant; the Chinese where a copy is missing."""
        return pick(zh, en, lang or self._language, ug)

    def error_text(self, error: KioskError) -> str:
        return describe_error(error, self._language)

    def _next(self) -> str:
        if len(self._languages) < 2 or self._language not in self._languages:
            return self._language
        index = self._languages.index(self._language)
        return self._languages[(index + 1) % len(self._languages)]

    @Slot()
    def toggle(self) -> None:
        self._set_language(self._next())

    @Slot(str)
    def choose(self, lang: str) -> None:
        """The attract screen's language buttons."""
        self._set_language(lang)

    def warm_up(self) -> None:
        """Load OpenCC (about 0.27 s) in the background once the kiosk is up, so
        the first tap on 繁體中文 does not wait for it; nothing without zh-Hant."""
        if "zh-Hant" in self._languages:
            threading.Thread(target=to_traditional, args=("预备",), daemon=True).start()

    def reset(self) -> None:
        """Back to the kiosk's default language for the next resident."""
        self._set_language(self._default)
