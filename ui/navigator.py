"""Which screen is showing, and the way back.

Screens are named; QML maps a name to ``screens/<Name>Screen.qml``. Python
decides where a tap leads, so tests can drive the journey without QML. A name
without a screen file is refused here rather than showing a broken page.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Property, QObject, Signal, Slot

log = logging.getLogger(__name__)

ATTRACT = "Attract"
HOME = "Home"
SCREENS_DIR = Path(__file__).resolve().parent / "qml" / "screens"

# Home tiles in display order: (message key suffix, glyph, target screen).
# Glyphs are ones that Noto Sans CJK or DejaVu Sans (both installed by
# scripts/ensure-system-deps.sh) draw; a missing glyph shows as a box.
HOME_TILES = (
    ("apply", "▦", "Browse"),
    ("search", "⌕", "Search"),
    ("progress", "◔", "Progress"),
    ("proofs", "▤", "Proofs"),
    ("phone", "☎", "PhoneCase"),
    ("evaluate", "☆", "Evaluate"),
)

# Made ahead while the kiosk is idle and shown without being made on the tap
# (ui/qml/components/KeptScreen.qml): Home and what its tiles open. Making
# Browse on each tap was most of a tap's time on a slow board (bench/weak.py).
# The fresh ones hold what a resident types (a field's text, its undo history):
# each is made anew after it is left, so it opens as a new one. All are
# destroyed when the visit ends and made again for the next resident.
KEPT_SCREENS = (HOME, *(target for _key, _glyph, target in HOME_TILES))
FRESH_SCREENS = ("Search", "Progress", "PhoneCase", "Evaluate")


# The screens shipped with the kiosk, read once: a tap asked the disk each time.
_SCREENS = frozenset(p.name.removesuffix("Screen.qml") for p in SCREENS_DIR.glob("*Screen.qml"))


def screen_exists(name: str) -> bool:
    return name in _SCREENS


class Navigator(QObject):
    screenChanged = Signal()
    readyChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stack: list[str] = [ATTRACT]
        self._kept = [name for name in KEPT_SCREENS if screen_exists(name)]
        self._fresh = [name for name in FRESH_SCREENS if screen_exists(name)]
        self._ready = True
        self._start_waiting = False

    @Property(str, notify=screenChanged)
    def screen(self) -> str:
        return self._stack[-1]

    @Property(bool, notify=screenChanged)
    def canGoBack(self) -> bool:
        return len(self._stack) > 2

    @Property(bool, notify=readyChanged)
    def ready(self) -> bool:
        """Whether the areas exist: the screens past the attract screen can be made."""
        return self._ready

    @Property("QVariantList", constant=True)
    def keptScreens(self) -> list[str]:
        return self._kept

    @Property("QVariantList", constant=True)
    def freshScreens(self) -> list[str]:
        return self._fresh

    @Property("QVariantList", constant=True)
    def homeTiles(self) -> list[dict[str, str]]:
        return [
            {"key": key, "glyph": glyph, "target": target}
            for key, glyph, target in HOME_TILES
            if screen_exists(target)
        ]

    @Slot(str)
    def go(self, name: str) -> None:
        if name == self._stack[-1]:
            return
        if not screen_exists(name):
            log.warning("no screen named %s", name)
            return
        if name in (ATTRACT, HOME):
            self._stack = [ATTRACT] if name == ATTRACT else [ATTRACT, HOME]
        else:
            if name in self._stack:
                del self._stack[self._stack.index(name) :]
            self._stack.append(name)
        self.screenChanged.emit()

    def restart_from(self, name: str) -> None:
        """Show ``name`` with only Home behind it: after a submit, Back must not
        lead into the form that is no longer there."""
        if screen_exists(name):
            self._stack = [ATTRACT, HOME, name]
            self.screenChanged.emit()

    @Slot()
    def back(self) -> None:
        if len(self._stack) > 2:
            self._stack.pop()
            self.screenChanged.emit()

    @Slot()
    def home(self) -> None:
        self.go(HOME)

    @Slot()
    def start(self) -> None:
        """A touch on the attract screen starts a visit (once the areas exist)."""
        if self._ready:
            self.go(HOME)
        else:
            self._start_waiting = True

    def set_ready(self, ready: bool) -> None:
        """Whether the screens past the attract screen can be shown.

        The attract screen is up before the areas are built; a touch in that
        moment is kept and answered as soon as they are, not lost.
        """
        if ready != self._ready:
            self._ready = ready
            self.readyChanged.emit()
        if ready and self._start_waiting:
            self._start_waiting = False
            self.go(HOME)

    def reset(self) -> None:
        self._stack = [ATTRACT]
        self.screenChanged.emit()
