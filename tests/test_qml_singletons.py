"""The I18n and Style that QML reads (ui/qml/singletons) say what Python says.

QML holds its own copy of the messages and sizes so a screen is built without
a PySide call per string; these tests read them the way a screen's binding
does (a QML object in the kiosk's engine) and compare with kiosk.i18n and
ui/style.py, in every language and in both versions (standard, elderly).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, QUrl  # noqa: E402
from PySide6.QtQml import QJSValue, QQmlComponent  # noqa: E402

from kiosk.i18n import LANGUAGES, catalog, translate  # noqa: E402

READER = b"""
import QtQuick
import Kiosk
QtObject {
    function messages(keys, lang) { return keys.map(k => I18n.t(k, lang)) }
    function picked(zh, en, ug, lang) { return I18n.pick(zh, en, ug, lang) }
    function formatted(key, lang, params) { return I18n.tf(key, lang, params) }
    function language() { return I18n.language }
    function style() {
        return [Style.bodySize, Style.smallSize, Style.titleSize, Style.heroSize,
                Style.touchTarget, Style.spacing, Style.lineHeight, Style.elderly,
                Style.primary, Style.text, Style.fontFamily, Style.primaryText,
                Style.background, Style.surface, Style.mutedText, Style.error, Style.ok,
                Style.warning]
    }
}
"""


@pytest.fixture
def reader(journey_app: Any) -> Any:
    component = QQmlComponent(journey_app.engine)
    component.setData(READER, QUrl("file:///qml-singletons-reader.qml"))
    obj = component.create()
    assert obj is not None, component.errorString()
    yield obj
    journey_app.backends.shell.endSession("test")
    obj.deleteLater()


def call(obj: Any, name: str, *args: Any) -> Any:
    value = QMetaObject.invokeMethod(
        obj, name, Q_RETURN_ARG("QVariant"), *(Q_ARG("QVariant", a) for a in args)
    )
    return value.toVariant() if isinstance(value, QJSValue) else value


def test_every_message_in_every_language_is_python_s(journey_app: Any, reader: Any) -> None:
    i18n = journey_app.backends.i18n
    keys = sorted({*catalog("zh"), *catalog("en")}) + ["no.such.key"]
    for lang in LANGUAGES:
        i18n.choose(lang)
        assert call(reader, "language") == lang
        # the current language (QML's table) and another one (asked of Python)
        for asked in (lang, "en" if lang != "en" else "zh"):
            assert call(reader, "messages", keys, asked) == [translate(k, asked) for k in keys]


def test_pick_and_format_follow_python(journey_app: Any, reader: Any) -> None:
    i18n = journey_app.backends.i18n
    for lang in LANGUAGES:
        i18n.choose(lang)
        for texts in (("身份证", "ID card", "كىملىك"), ("身份证", "", ""), ("", "", "")):
            assert call(reader, "picked", *texts, lang) == i18n.pick(*texts, lang)
        params = {"days": "20 个工作日"}
        expected = translate("catalog.row.promised", lang, **params)
        assert call(reader, "formatted", "catalog.row.promised", lang, params) == expected


def test_every_message_s_blanks_are_filled_as_python_fills_them(
    journey_app: Any, reader: Any
) -> None:
    """QML fills the current language's blanks itself (I18n.tf): every message
    with blanks, given all of them (a number among them) or one short."""
    i18n = journey_app.backends.i18n
    for lang in LANGUAGES:
        i18n.choose(lang)
        for key, text in catalog(lang).items():
            blanks = re.findall(r"\{(\w+)\}", text)
            if not blanks:
                continue
            full: dict[str, Any] = {b: (7 if i == 0 else f"<{b}>") for i, b in enumerate(blanks)}
            assert call(reader, "formatted", key, lang, full) == translate(key, lang, **full), key
            short = dict(list(full.items())[1:])
            assert call(reader, "formatted", key, lang, short) == translate(key, lang, **short), key


def test_style_follows_the_elderly_switch(journey_app: Any, reader: Any) -> None:
    style = journey_app.backends.style

    def python() -> list[Any]:
        return [
            style.bodySize, style.smallSize, style.titleSize, style.heroSize,
            style.touchTarget, style.spacing, style.lineHeight, style.elderly,
            style.primary, style.text, style.fontFamily, style.onPrimary,
            style.background, style.surface, style.mutedText, style.error, style.ok,
            style.warning,
        ]  # fmt: skip

    assert call(reader, "style") == python()
    style.toggleElderly()
    assert style.elderly
    assert call(reader, "style") == python()
