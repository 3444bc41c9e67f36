"""What is on the glass, as a JSON file, for a driver outside the process.

A test that drives the kiosk with X pointer and key events (xdotool) sees
only pixels; this bridge gives it what a screen reader would: every shown
control (role, accessible name, rectangle in window coordinates, enabled)
and every visible text. It is switched on by ``KIOSK_A11Y_DUMP=<path>``
(``ui.app.run`` imports this module only then) and rewrites the file
atomically (a temporary file, then ``os.replace``) on the GUI thread,
at most every ``INTERVAL_MS``, after a frame was drawn (or, without one,
every ``RECHECK_TICKS`` intervals) and only when the content changed. The
finding and reading are ``ui.testing.screen.Screen``'s.

The file::

    {"seq": 7, "time": 1718000000.1, "screen": "Home",      # screen: diagnostics only
     "window": {"width": 1080, "height": 1920, "dpr": 1.0},
     "uncovered": [x, y, w, h],                            # the part the keyboard leaves
     "keyboard": true,
     "focus": "联系电话",                                   # accessible name of the focus, if any
     "controls": [{"role": "Button", "name": "继续", "rect": [x, y, w, h],
                   "visible": [x, y, w, h] | null, "enabled": true,
                   "checked": true | false | null, "flick": 0 | null}],
     "flicks": [{"view": [x, y, w, h], "contentY": 0.0, "moving": false}],
     "texts": [{"text": "请将身份证放在读卡区", "rect": [x, y, w, h]}]}
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPointF, QRectF, QTimer
from PySide6.QtQuick import QQuickItem, QQuickWindow

from ui.testing.screen import Screen, _own_text, accessible, is_control

log = logging.getLogger(__name__)

ENV = "KIOSK_A11Y_DUMP"
INTERVAL_MS = 150
RECHECK_TICKS = 4


def _rect(r: QRectF) -> list[float]:
    return [round(r.x(), 1), round(r.y(), 1), round(r.width(), 1), round(r.height(), 1)]


def _enabled(item: QQuickItem) -> bool:
    parent: QQuickItem | None = item
    while parent is not None:
        if not parent.isEnabled():
            return False
        parent = parent.parentItem()
    return True


def _checked(item: QQuickItem) -> bool | None:
    """A tickable control's state (a CheckRow's or a Button's ``checked``), else None."""
    value = item.property("checked")
    if not isinstance(value, bool):
        return None
    checkable = item.property("checkable")
    if checkable is False and not value:
        return None
    return value


def _flickable(item: QQuickItem) -> QQuickItem | None:
    parent = item.parentItem()
    while parent is not None and not parent.inherits("QQuickFlickable"):
        parent = parent.parentItem()
    return parent


def snapshot(screen: Screen, screen_name: str = "") -> dict[str, Any]:
    """What ``screen`` shows now, as plain data (no seq/time)."""
    window = screen.window
    flicks: list[QQuickItem] = []
    controls: list[dict[str, Any]] = []
    texts: list[dict[str, Any]] = []
    for item in screen.items():
        if item.width() <= 0 or item.height() <= 0:
            continue
        if is_control(item):
            role, name = accessible(item)
            rect = item.mapRectToScene(item.boundingRect())
            shown = rect.intersected(screen.view_of(item))
            flick = _flickable(item)
            index: int | None = None
            if flick is not None:
                if flick not in flicks:
                    flicks.append(flick)
                index = flicks.index(flick)
            controls.append({
                "role": role,
                "name": name,
                "rect": _rect(rect),
                "visible": _rect(shown) if not shown.isEmpty() else None,
                "enabled": _enabled(item),
                "checked": _checked(item),
                "flick": index,
            })
        text = _own_text(item)
        if text.strip() and screen.on_glass(item):
            texts.append({"text": text, "rect": _rect(item.mapRectToScene(item.boundingRect()))})
    uncovered = window.contentItem().boundingRect()
    panel = screen.keyboard_panel()
    keyboard = screen.keyboard_up()
    if keyboard and panel is not None:
        uncovered.setBottom(min(uncovered.bottom(), panel.mapToScene(QPointF(0, 0)).y()))
    focus_name = ""
    focus = window.activeFocusItem()
    while focus is not None:
        if is_control(focus):
            focus_name = accessible(focus)[1]
            break
        focus = focus.parentItem()
    return {
        "screen": screen_name,
        "window": {
            "width": window.width(),
            "height": window.height(),
            "dpr": window.devicePixelRatio(),
        },
        "uncovered": _rect(uncovered),
        "keyboard": keyboard,
        "focus": focus_name,
        "controls": controls,
        "flicks": [
            {
                "view": _rect(f.mapRectToScene(f.boundingRect())),
                "contentY": float(f.property("contentY") or 0.0),
                "moving": bool(f.property("moving")),
            }
            for f in flicks
        ],
        "texts": texts,
    }


def write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class A11yDump(QObject):
    """Rewrites ``path`` after drawn frames, throttled, when what is shown changed."""

    def __init__(self, window: QQuickWindow, path: Path, navigator: QObject | None = None) -> None:
        super().__init__(window)
        self._screen = Screen(window)
        self._path = path
        self._navigator = navigator
        self._dirty = True
        self._last = ""
        self._seq = 0
        self._ticks = 0
        window.frameSwapped.connect(self._on_frame)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _on_frame(self) -> None:
        self._dirty = True

    def _tick(self) -> None:
        self._ticks += 1
        # a state that changes without a new frame (a list coming to rest) is
        # still seen, within RECHECK_TICKS
        if not self._dirty and self._ticks % RECHECK_TICKS:
            return
        self._dirty = False
        try:
            name = str(self._navigator.property("screen") or "") if self._navigator else ""
            data = snapshot(self._screen, name)
        except RuntimeError:  # an item deleted while a screen is being replaced
            self._dirty = True
            return
        body = json.dumps(data, ensure_ascii=False, sort_keys=True)
        if body == self._last:
            return
        self._last = body
        self._seq += 1
        data["seq"] = self._seq
        data["time"] = time.time()
        try:
            write_atomically(self._path, json.dumps(data, ensure_ascii=False))
        except OSError:
            log.exception("cannot write the accessibility dump %s", self._path)

    def stop(self) -> None:
        self._timer.stop()


def start_from_env(window: QQuickWindow, navigator: QObject | None = None) -> A11yDump | None:
    """Start the dump if ``KIOSK_A11Y_DUMP`` names a file; else nothing."""
    target = os.environ.get(ENV, "")
    if not target:
        return None
    log.info("accessibility dump to %s", target)
    return A11yDump(window, Path(target), navigator)
