"""Exposes the message catalogs to QML and switches language at once.

QML calls ``I18n.t(key, I18n.language)``; reading the language in the binding
makes a language change re-evaluate every visible string in one go.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.errors import KioskError
from kiosk.i18n import describe_error, translate


class I18nBridge(QObject):
    languageChanged = Signal()

    def __init__(self, languages: list[str], default: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._languages = languages
        self._default = default
        self._language = default

    def _get_language(self) -> str:
        return self._language

    def _set_language(self, lang: str) -> None:
        if lang in self._languages and lang != self._language:
            self._language = lang
            self.languageChanged.emit()

    language = Property(str, _get_language, _set_language, notify=languageChanged)

    @Slot(str, str, result=str)
    def t(self, key: str, lang: str) -> str:
        """QML passes ``I18n.language`` so the binding re-runs when it changes."""
        return translate(key, lang or self._language)

    @Slot(str, str, "QVariantMap", result=str)
    def tf(self, key: str, lang: str, params: dict[str, object]) -> str:
        return translate(key, lang or self._language, **params)

    def error_text(self, error: KioskError) -> str:
        return describe_error(error, self._language)

    @Slot()
    def toggle(self) -> None:
        if len(self._languages) < 2:
            return
        index = self._languages.index(self._language)
        self._set_language(self._languages[(index + 1) % len(self._languages)])

    def reset(self) -> None:
        """Back to the kiosk's default language for the next resident."""
        self._set_language(self._default)
