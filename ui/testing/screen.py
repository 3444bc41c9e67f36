"""Drive the kiosk's window the way a person (or a screen reader) does.

Tests and the tour use this instead of calling the Python behind a button:
an item is found by what it says on the glass (its visible text) or by its
``Accessible.name``; it must be shown, enabled and on top where the finger
lands; the tap is a real mouse press and release delivered to the
QQuickWindow, so a QML handler that calls a missing slot fails here as it
would for a resident. What the screen says next is read from the item tree.

Qt's own QtTest sends the events; what it lacks is the finding, the
covered-or-not check and the reading, which is what this module adds.

One module because finding an item, judging whether a finger can reach it and
tapping it share one walk of the item tree; the keyboard's half is
ui/testing/keyboard.py.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QAccessible, QGuiApplication, QKeyEvent
from PySide6.QtQml import QQmlContext, QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from ui.testing.keyboard import KeyboardMixin

# Glyphs the screens put beside words ("继续 ›", "✓ 提交"); a person reads past them.
_DECORATION = re.compile(r"[›‹✓☆⌕▭▣⌨⚠⚡●★•\s]+")


class ScreenError(AssertionError):
    """What a person would have met: nothing to tap, two of them, or covered."""


def settle(ms: int = 60) -> None:
    """Turn the event loop for ``ms``: bindings, loaders and queued signals run."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def plain(text: str) -> str:
    """A label as a person reads it: decorations and spaces dropped."""
    return _DECORATION.sub(" ", text).strip()


# Roles a person can act on; a StaticText is read, not tapped.
_CONTROLS = {
    "Button", "PushButton", "CheckBox", "RadioButton", "EditableText", "ComboBox",
    "ListItem", "MenuItem", "Link", "Slider", "SpinBox", "PageTab", "Switch",
}


def accessible(item: QQuickItem) -> tuple[str, str]:
    """(role, name) as a screen reader gets them (Qt's accessibility interface).

    ("ignored", "") for an item marked ``Accessible.ignored``.
    """
    for child in item.children():
        if child.metaObject().className() == "QQuickAccessibleAttached":
            if child.property("ignored"):
                return ("ignored", "")
    iface = QAccessible.queryAccessibleInterface(item)
    if iface is None or not iface.isValid():
        return ("", "")
    return (iface.role().name, iface.text(QAccessible.Text.Name) or "")


def is_control(item: QQuickItem) -> bool:
    return accessible(item)[0] in _CONTROLS


def _own_text(item: QQuickItem) -> str:
    """The words an item itself puts on the glass: a Text's, a field's (not a password's)."""
    if item.inherits("QQuickText") or item.inherits("QQuickTextEdit"):
        value = item.property("text")
        return str(value) if value else ""
    if item.inherits("QQuickTextInput"):  # displayText: a password shows as dots
        return str(item.property("displayText") or "")
    return ""


@dataclass
class Found:
    item: QQuickItem
    label: str
    via: str  # "accessible" or "text"

    def centre(self) -> QPointF:
        return self.item.mapToScene(QPointF(self.item.width() / 2, self.item.height() / 2))


class Screen(KeyboardMixin):
    """One window, driven by taps and keys; reads what it shows."""

    def __init__(self, window: QQuickWindow) -> None:
        self.window = window

    # -- the tree -------------------------------------------------------------------
    def walk(self, item: QQuickItem) -> Iterator[QQuickItem]:
        if not item.isVisible() or item.opacity() <= 0.0:
            return
        yield item
        for child in item.childItems():
            yield from self.walk(child)

    def items(self) -> Iterator[QQuickItem]:
        yield from self.walk(self.window.contentItem())

    def on_glass(self, item: QQuickItem) -> bool:
        """Some part of it lies inside the window and inside every clipping ancestor."""
        if item.width() <= 0 or item.height() <= 0:
            return False
        return item.mapRectToScene(item.boundingRect()).intersects(self.view_of(item))

    def view_of(self, item: QQuickItem) -> QRectF:
        """The part of the window ``item`` could show in: window ∩ clipping ancestors."""
        view = self.window.contentItem().boundingRect()
        parent = item.parentItem()
        while parent is not None:
            if parent.clip():
                view = view.intersected(parent.mapRectToScene(parent.boundingRect()))
            parent = parent.parentItem()
        return view

    def texts(self) -> list[str]:
        """Everything the screen says, in tree order (visible text on the glass)."""
        out = []
        for item in self.items():
            text = _own_text(item)
            if text.strip() and self.on_glass(item):
                out.append(text)
        return out

    def says(self, fragment: str) -> bool:
        return any(fragment in t for t in self.texts())

    def wait_until(self, check: Callable[[], bool], timeout: float = 5.0, what: str = "") -> None:
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline:
                self.next_frame()
                if check():
                    return
                raise ScreenError(f"waited {timeout:.0f} s for {what or check}; the screen says: "
                                  f"{self.texts()}")
            settle(30)

    def wait_for(self, fragment: str, timeout: float = 5.0) -> None:
        self.wait_until(lambda: self.says(fragment), timeout, repr(fragment))

    def scroll_to(self, fragment: str, timeout: float = 5.0) -> None:
        """Swipe until a text holding ``fragment`` is on the glass (a person scrolls
        up to read the summary at the top of a long form)."""

        def holder() -> QQuickItem | None:
            return next((i for i in self.items() if fragment in _own_text(i)), None)

        self.wait_until(lambda: holder() is not None, timeout, repr(fragment))
        item = holder()
        if item is not None:
            self.scroll_into_view(item)
        self.wait_for(fragment, 1.0)

    def find_all(self, name: str, *, exact: bool = False) -> list[Found]:
        """Items named ``name``: by Accessible.name first, else by visible text.

        A text inside a control that has its own accessible name is the
        control's: one button is found once, by the name a screen reader says.
        """
        want = name if exact else plain(name)

        def same(text: str) -> bool:
            return text == want if exact else plain(text) == want

        controls: list[Found] = []
        texts: list[Found] = []
        for item in self.items():
            role, acc = accessible(item)
            if role in _CONTROLS and acc and same(acc):
                controls.append(Found(item, acc, "accessible"))
            elif (text := _own_text(item)) and same(text):
                texts.append(Found(item, text, "text"))
        # a text inside a control that has its own name is the control's
        texts = [t for t in texts if not any(_is_ancestor(c.item, t.item) for c in controls)]
        for found in (controls, texts):
            shown = [f for f in found if self.on_glass(f.item)]
            if shown:
                return shown
        return controls or texts

    def find(self, name: str, *, nth: int | None = None, exact: bool = False) -> Found:
        found = self.find_all(name, exact=exact)
        if not found:
            raise ScreenError(f"nothing on the screen is called {name!r}; it says: {self.texts()}")
        if nth is None and len(found) > 1:
            raise ScreenError(f"{len(found)} items are called {name!r}; say which (nth=)")
        return found[nth or 0]

    def exists(self, name: str) -> bool:
        return bool([f for f in self.find_all(name) if self.on_glass(f.item)])

    def accessible_items(self) -> list[tuple[str, str, QQuickItem]]:
        """(role, name, item) of every shown item that has an Accessible attached object."""
        out = []
        for item in self.items():
            role, name = accessible(item)
            if role and role != "ignored":
                out.append((role, name, item))
        return out

    # -- hit testing ----------------------------------------------------------------
    def _top_item_at(self, point: QPointF) -> QQuickItem | None:
        """The item a press at ``point`` reaches: topmost that takes the mouse or touch."""

        def visit(item: QQuickItem) -> QQuickItem | None:
            if not item.isVisible() or not item.isEnabled():
                return None
            local = item.mapFromScene(point)
            inside = item.contains(local)
            if item.clip() and not inside:
                return None
            children = sorted(
                enumerate(item.childItems()), key=lambda p: (p[1].z(), p[0]), reverse=True
            )
            for _, child in children:
                hit = visit(child)
                if hit is not None:
                    return hit
            if inside and _takes_press(item):
                return item
            return None

        return visit(self.window.contentItem())

    def _check_tappable(self, found: Found) -> QPointF:
        item = found.item
        parent: QQuickItem | None = item
        while parent is not None:
            if not parent.isEnabled():
                raise ScreenError(f"{found.label!r} is shown but not enabled")
            parent = parent.parentItem()
        self.scroll_into_view(item)
        point = found.centre()
        hit = self._top_item_at(point)
        if hit is None:
            raise ScreenError(f"{found.label!r} does not answer a tap (nothing takes it)")
        if not (_is_ancestor(hit, item) or _is_ancestor(item, hit)) or _is_flickable(hit):
            raise ScreenError(
                f"{found.label!r} is covered by {hit.metaObject().className()} "
                f"{accessible(hit)[1] or _own_text(hit) or hit.objectName()!r}"
            )
        return point

    def scroll_into_view(self, item: QQuickItem) -> None:
        """Swipe the enclosing Flickable until ``item``'s centre is inside it, as a finger would."""
        flick = item.parentItem()
        while flick is not None and not _is_flickable(flick):
            flick = flick.parentItem()
        if flick is None:
            return
        for _ in range(30):
            view = flick.mapRectToScene(flick.boundingRect())
            # the keyboard covers the bottom of the window while it is up
            view = view.intersected(self._uncovered())
            centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
            if view.adjusted(0, 8, 0, -8).contains(centre):
                return
            dy = centre.y() - view.center().y()
            step = max(-view.height() * 0.4, min(view.height() * 0.4, dy))
            before = flick.property("contentY")
            self.drag(view.center(), QPointF(view.center().x(), view.center().y() - step))
            settle(80)
            # a tap on a Flickable still moving only stops it: wait, as a finger does
            self.wait_until(lambda f=flick: not f.property("moving"), 3.0, "the list to stop")
            if flick.property("contentY") == before:
                return  # at the end: nothing more a finger could do

    def _uncovered(self) -> object:
        rect = self.window.contentItem().boundingRect()
        panel = self.keyboard_panel()
        if panel is not None and panel.property("active"):
            top = panel.mapToScene(QPointF(0, 0)).y()
            rect.setBottom(min(rect.bottom(), top))
        return rect

    # -- input ----------------------------------------------------------------------
    def tap_at(self, point: QPointF) -> None:
        QTest.mouseClick(
            self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
            point.toPoint(), 20,
        )
        settle(40)

    def next_frame(self, timeout_ms: int = 300) -> None:
        """Wait for a frame on the glass: layouts are polished just before it,
        so what is found afterwards is where the person sees it."""
        loop = QEventLoop()
        self.window.frameSwapped.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        self.window.update()
        loop.exec()
        self.window.frameSwapped.disconnect(loop.quit)
        settle(10)

    def tap(self, name: str, *, nth: int | None = None, exact: bool = False) -> None:
        """Find ``name``, check a finger can reach it, and tap its centre."""
        self.next_frame()
        found = self.find(name, nth=nth, exact=exact)
        self.tap_at(self._check_tappable(found))

    def tap_item(self, item: QQuickItem, label: str = "") -> None:
        self.tap_at(self._check_tappable(Found(item, label or item.objectName(), "item")))

    def drag(self, start: QPointF, end: QPointF, steps: int = 12) -> None:
        """A slow swipe: press, move in steps, pause, release (no fling)."""
        w = self.window
        QTest.mousePress(w, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         start.toPoint(), 10)
        for i in range(1, steps + 1):
            p = start + (end - start) * (i / steps)
            QTest.mouseMove(w, p.toPoint(), 16)
        QTest.qWait(120)
        QTest.mouseRelease(w, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                           end.toPoint(), 10)

    def type_text(self, text: str) -> None:
        """Key events to the focused item, one character at a time (a hardware keyboard)."""
        for ch in text:
            key = _key_for(ch)
            for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
                event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch)
                QCoreApplication.sendEvent(self.window, event)
            settle(5)
        settle(40)

    def key(self, key: Qt.Key) -> None:
        QTest.keyClick(self.window, key)
        settle(40)

    def focused_item(self) -> QQuickItem | None:
        return self.window.activeFocusItem()

    # -- what the texts are ---------------------------------------------------------
    def text_items(self) -> Iterator[tuple[QQuickItem, str]]:
        """Every Text item in the window, shown or not, with the QML file that made it
        ("" for one a C++ control made for itself)."""

        def walk(item: QQuickItem) -> Iterator[QQuickItem]:
            yield item
            for child in item.childItems():
                yield from walk(child)

        for item in walk(self.window.contentItem()):
            if item.inherits("QQuickText"):
                context = QQmlEngine.contextForObject(item)
                yield item, context.baseUrl().toString() if context is not None else ""

    def text_format(self, item: QQuickItem) -> int:
        """A Text's ``textFormat`` as a number (Text.PlainText is 0): PySide6 has no
        converter for the enum, so QML reads it out."""
        context = QQmlEngine.contextForObject(item) or self._root_context()
        value, undefined = QQmlExpression(context, item, "Number(textFormat)").evaluate()
        if undefined:
            raise ScreenError(f"{item} has no textFormat")
        return int(value)

    def _root_context(self) -> QQmlContext:
        for child in self.window.contentItem().childItems():
            context = QQmlEngine.contextForObject(child)
            if context is not None:
                return context
        raise ScreenError("no QML context in the window")

    # -- pictures -------------------------------------------------------------------
    def grab(self, path: str) -> None:
        settle(60)
        if not self.window.grabWindow().save(path):
            raise OSError(f"cannot save {path}")


def _is_ancestor(ancestor: QQuickItem, item: QQuickItem) -> bool:
    parent: QQuickItem | None = item
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parentItem()
    return False


def _is_flickable(item: QQuickItem) -> bool:
    return bool(item.inherits("QQuickFlickable"))


def _takes_press(item: QQuickItem) -> bool:
    if item.property("passesTouches"):
        return False  # e.g. the technician corner: counts a press and lets it through
    if item.property("enabled") is False:
        return False  # a MouseArea's own "enabled": off, it lets the press fall through
    if item.acceptedMouseButtons() & Qt.MouseButton.LeftButton:
        return True
    return bool(item.acceptTouchEvents())


def _key_for(ch: str) -> int:
    if "a" <= ch.lower() <= "z":
        return int(Qt.Key.Key_A.value) + ord(ch.lower()) - ord("a")
    if "0" <= ch <= "9":
        return int(Qt.Key.Key_0.value) + ord(ch) - ord("0")
    if ch == " ":
        return int(Qt.Key.Key_Space.value)
    return 0


def screen_of(window: QQuickWindow) -> Screen:
    if QGuiApplication.instance() is None:
        raise RuntimeError("no QGuiApplication")
    return Screen(window)


__all__ = ["Screen", "ScreenError", "plain", "settle", "screen_of", "QPoint"]
