"""Guards against the PySide6 release that loses references to True and False.

A kiosk runs for weeks; a binding that drops one reference per bool crosses
into Python would end it with "bool_dealloc" after some hours of touches.
"""

import sys

from PySide6.QtCore import QObject, QTimer, Signal


class _Emitter(QObject):
    changed = Signal(bool)


def test_bools_crossing_from_qt_keep_their_references(qapp: object) -> None:
    emitter = _Emitter()
    emitter.changed.connect(lambda value: None)
    timer = QTimer()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        emitter.changed.emit(True)
        timer.isActive()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
