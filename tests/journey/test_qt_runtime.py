"""The Qt binding must not corrupt reference counts the journey relies on.

PySide6 6.12.0's ``Signal.emit()`` drops a reference to ``True`` on every call;
the journey emits ``changed`` on every tap, so a kiosk would die with
"bool_dealloc" after a few thousand taps (the tour did, at exit). The version is
excluded in pyproject.toml; this test keeps it excluded.
"""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QObject, Signal  # noqa: E402


class _Emitter(QObject):
    changed = Signal()


def test_signal_emit_keeps_bool_reference_counts(qapp: object) -> None:
    emitter = _Emitter()
    before = (sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(50):
        emitter.changed.emit()
    emitter.changed.connect(lambda: None)
    for _ in range(50):
        emitter.changed.emit()
    after = (sys.getrefcount(True), sys.getrefcount(False))
    assert abs(after[0] - before[0]) < 10 and abs(after[1] - before[1]) < 10, (before, after)
