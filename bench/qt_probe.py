"""Child process for the cold-start benchmark: prints the first frame's time.

``python bench/qt_probe.py kiosk|bare[-stay] T0`` where T0 is the parent's
``time.time()`` just before it started this process. ``bare`` is the floor:
a plain Qt Quick window that loads the same virtual keyboard and nothing else.
The kiosk starts as ``kiosk run`` does (areas built after the first frame)
and prints a second line: the time its areas were ready for a touch.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BARE_QML = """
import QtQuick
import QtQuick.VirtualKeyboard
Window {
    width: 1080; height: 1920; visible: true
    Text { anchors.centerIn: parent; text: "政务服务"; font.pixelSize: 60 }
    InputPanel { width: parent.width; y: parent.height; visible: active }
}
""".encode()


def main() -> None:
    mode, t0 = sys.argv[1], float(sys.argv[2])
    stay = mode.endswith("-stay")  # stays up after its first frame (its memory is read)
    mode = mode.removesuffix("-stay")
    from ui.qt_env import prepare_qt_environment

    # offscreen unless the parent gave an X display (bench_cold_start: Xvfb)
    prepare_qt_environment(offscreen=os.environ.get("QT_QPA_PLATFORM") != "xcb")
    from PySide6.QtCore import QTimer, QUrl
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine
    from PySide6.QtQuick import QQuickWindow

    app = QGuiApplication(sys.argv[:1])
    keep: list[object] = []
    if mode == "bare":
        engine = QQmlApplicationEngine()
        engine.loadData(BARE_QML, QUrl.fromLocalFile(os.getcwd() + "/bare.qml"))
        window = engine.rootObjects()[0]
        keep.append(engine)
    else:
        from kiosk.config import Config
        from ui.app import create_app

        config = Config()
        # A kiosk in service: its data dir exists and holds the catalog
        # (the parent seeded it), as after any earlier start.
        config.kiosk.data_dir = sys.argv[3] if len(sys.argv) > 3 else tempfile.mkdtemp()
        kapp = create_app(config, defer_areas=True)
        window = kapp.window
        keep.append(kapp)
    assert isinstance(window, QQuickWindow)

    def first_frame() -> None:
        window.frameSwapped.disconnect(first_frame)
        print(f"{time.time() - t0:.6f}", flush=True)
        # Queued behind the kiosk's own start of its areas (same frame, same loop).
        QTimer.singleShot(0, ready)

    def ready() -> None:
        if mode == "kiosk":
            assert kapp.ready, kapp.start_error
        print(f"{time.time() - t0:.6f}", flush=True)
        if not stay:
            app.quit()

    window.frameSwapped.connect(first_frame)
    app.exec()


if __name__ == "__main__":
    main()
