"""Carry a result from a worker thread to the GUI thread.

A device or print worker finishes on its own thread, while a QObject that QML
binds to must only change (and emit) on the GUI thread. ``GuiThread.post``
queues a call through a signal whose connection is always queued, so the call
runs on the thread the helper was made in, at the event loop's next turn. One
helper serves every such callback (the A4 job's future, a platform answer), so
nobody writes another private ``_somethingDone = Signal(...)`` pair.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal


class GuiThread(QObject):
    """Make it on the GUI thread; ``post`` from any thread."""

    _call = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def post(self, fn: Callable[..., Any], *args: Any) -> None:
        """Run ``fn(*args)`` on the GUI thread, later, even when called from it."""
        self._call.emit((fn, args))

    def _run(self, call: tuple[Callable[..., Any], tuple[Any, ...]]) -> None:
        fn, args = call
        fn(*args)
