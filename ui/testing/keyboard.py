"""The Qt Virtual Keyboard, as a finger uses it: its panel, its keys, its candidates.

Mixed into ``ui.testing.screen.Screen``, whose ``walk``, ``on_glass`` and
``tap_at`` it uses: a key is tapped like any other item, with real pointer events.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem, QQuickWindow


class KeyboardMixin:
    window: QQuickWindow

    if TYPE_CHECKING:

        def walk(self, item: QQuickItem) -> Iterator[QQuickItem]: ...
        def on_glass(self, item: QQuickItem) -> bool: ...
        def tap_at(self, point: QPointF) -> None: ...

    def keyboard_panel(self) -> QQuickItem | None:
        for item in self._all(self.window.contentItem()):
            if "InputPanel" in item.metaObject().className():
                return item
        return None

    def _all(self, item: QQuickItem) -> Iterator[QQuickItem]:
        yield item
        for child in item.childItems():
            yield from self._all(child)

    def keyboard_up(self) -> bool:
        panel = self.keyboard_panel()
        return bool(panel is not None and panel.property("active") and panel.isVisible())

    def keyboard_keys(self) -> list[QQuickItem]:
        """The keys of the virtual keyboard's current layout, as shown."""
        panel = self.keyboard_panel()
        if panel is None:
            return []
        return [
            item for item in self.walk(panel)
            if item.property("key") is not None and item.property("displayText") is not None
            and item.width() > 0 and self.on_glass(item)
        ]

    def keyboard_key(self, label: str) -> QQuickItem:
        for item in self.keyboard_keys():
            shown = str(item.property("displayText") or item.property("text") or "")
            if shown.lower() == label.lower():
                return item
        shown = sorted(str(i.property("displayText")) for i in self.keyboard_keys())
        raise _screen_error(f"the keyboard has no key {label!r}; it shows {shown}")

    def tap_key(self, label: str) -> None:
        """Tap one key of the Qt Virtual Keyboard with the pointer."""
        item = self.keyboard_key(label)
        point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
        self.tap_at(point)

    def type_on_keyboard(self, letters: str) -> None:
        for ch in letters:
            self.tap_key(ch)

    def keyboard_candidates(self) -> list[QQuickItem]:
        """The word-candidate delegates the pinyin keyboard offers, as shown."""
        panel = self.keyboard_panel()
        if panel is None:
            return []
        out = []
        for item in self.walk(panel):
            text = _own_text(item)
            if text and not self._inside_key(item, panel) and self.on_glass(item):
                out.append(item)
        return out

    def _inside_key(self, item: QQuickItem, panel: QQuickItem) -> bool:
        parent: QQuickItem | None = item
        while parent is not None and parent is not panel:
            if parent.property("key") is not None and parent.property("displayText") is not None:
                return True
            parent = parent.parentItem()
        return False

    def tap_candidate(self, word: str) -> None:
        for item in self.keyboard_candidates():
            if _own_text(item) == word:
                self.tap_at(item.mapToScene(QPointF(item.width() / 2, item.height() / 2)))
                return
        words = [_own_text(i) for i in self.keyboard_candidates()]
        raise _screen_error(f"the keyboard offers no candidate {word!r}; it offers {words}")


def _screen_error(message: str) -> AssertionError:
    from ui.testing.screen import ScreenError

    return ScreenError(message)


def _own_text(item: QQuickItem) -> str:
    from ui.testing.screen import _own_text as own

    return own(item)
