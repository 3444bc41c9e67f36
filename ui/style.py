"""Sizes and colours for the screens, standard and elderly (适老化) versions.

Python decides the numbers so tests can check them against the national
elderly-friendly guideline: body text at least 18 dp and headings at least
30 dp in the elderly version, touch targets at least 60 dp there and 44 dp
elsewhere, line spacing at least 1.3, contrast at least 4.5:1. On a 1080-wide
portrait panel one dp is taken as 1.5 px.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtGui import QFontDatabase

PX_PER_DP = 1.5
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Source Han Sans SC",
)
# Uyghur (Arabic script): Debian's fonts-noto-core Naskh first (the book hand
# Uyghur readers know, like UKIJ Tuz), then its Sans, then fonts-ukij-uyghur.
ARABIC_FAMILIES = ("Noto Naskh Arabic", "Noto Sans Arabic", "UKIJ Tuz", "UKIJ Tuz Tom")


def arabic_families() -> list[str]:
    families = set(QFontDatabase.families())
    return [f for f in ARABIC_FAMILIES if f in families]


def pick_font_family() -> str:
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            return family
    return ""


class Style(QObject):
    elderlyChanged = Signal()

    def __init__(self, elderly_default: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._default = elderly_default
        self._elderly = elderly_default
        self._family = pick_font_family()
        self.arabic_families = arabic_families()

    def _get_elderly(self) -> bool:
        return self._elderly

    def _set_elderly(self, value: bool) -> None:
        if value != self._elderly:
            self._elderly = value
            self.elderlyChanged.emit()

    elderly = Property(bool, _get_elderly, _set_elderly, notify=elderlyChanged)

    @Slot()
    def toggleElderly(self) -> None:
        self._set_elderly(not self._elderly)

    def reset(self) -> None:
        self._set_elderly(self._default)

    def _dp(self, standard: float, elderly: float) -> int:
        return round((elderly if self._elderly else standard) * PX_PER_DP)

    @Property(int, notify=elderlyChanged)
    def bodySize(self) -> int:
        return self._dp(16, 20)

    @Property(int, notify=elderlyChanged)
    def smallSize(self) -> int:
        return self._dp(14, 19)

    @Property(int, notify=elderlyChanged)
    def titleSize(self) -> int:
        return self._dp(24, 32)

    @Property(int, notify=elderlyChanged)
    def heroSize(self) -> int:
        return self._dp(36, 44)

    @Property(int, notify=elderlyChanged)
    def touchTarget(self) -> int:
        return self._dp(48, 64)

    @Property(int, notify=elderlyChanged)
    def spacing(self) -> int:
        return self._dp(12, 16)

    @Property(float, notify=elderlyChanged)
    def lineHeight(self) -> float:
        return 1.4 if self._elderly else 1.3

    @Property(str, constant=True)
    def fontFamily(self) -> str:
        return self._family

    # Colours: dark text on light surfaces; every pair below is >= 4.5:1.
    @Property(str, constant=True)
    def primary(self) -> str:
        return "#0b4f9c"

    @Property(str, constant=True)
    def onPrimary(self) -> str:
        return "#ffffff"

    @Property(str, constant=True)
    def background(self) -> str:
        return "#f3f6fa"

    @Property(str, constant=True)
    def surface(self) -> str:
        return "#ffffff"

    @Property(str, constant=True)
    def text(self) -> str:
        return "#1a1f29"

    @Property(str, constant=True)
    def mutedText(self) -> str:
        return "#4a5364"

    @Property(str, constant=True)
    def error(self) -> str:
        return "#b00020"

    @Property(str, constant=True)
    def ok(self) -> str:
        return "#1b6e34"

    @Property(str, constant=True)
    def warning(self) -> str:
        return "#8a4b00"
