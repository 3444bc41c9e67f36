"""Starts the Qt Quick app over the core: engine, singletons, main window."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.config import Config
from kiosk.demo import prepare_demo_storage
from kiosk.errors import KioskError
from kiosk.storage import open_storage
from ui.backends import Backends, build_backends
from ui.backup_scheduler import BackupScheduler

log = logging.getLogger(__name__)

QML_DIR = Path(__file__).resolve().parent / "qml"


@dataclass
class KioskApp:
    qt_app: QGuiApplication
    engine: QQmlApplicationEngine
    window: QQuickWindow
    backends: Backends
    backups: BackupScheduler

    def close(self) -> None:
        self.backends.close()
        self.window.close()
        self.engine.deleteLater()


def qt_application() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(sys.argv[:1])
    assert isinstance(app, QGuiApplication)
    app.setApplicationName("gov-kiosk")
    return app


def create_app(config: Config, *, width: int | None = None, height: int | None = None) -> KioskApp:
    """Build backends, load Main.qml, and return the pieces; raises KioskError."""
    qt_app = qt_application()
    storage = open_storage(config.database_path, recover=True)
    if config.kiosk.demo:
        prepare_demo_storage(storage)
    backends = build_backends(config, storage)
    backends.register()
    if backends.style.fontFamily:
        qt_app.setFont(QFont(backends.style.fontFamily))
    qt_app.installEventFilter(backends.idle)
    backups = BackupScheduler(storage, config)
    backups.start()
    engine = QQmlApplicationEngine()
    engine.setInitialProperties(
        {
            "width": width or config.ui.width,
            "height": height or config.ui.height,
            "kioskFullscreen": config.ui.fullscreen,
        }
    )
    engine.load(QUrl.fromLocalFile(str(QML_DIR / "Main.qml")))
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        raise KioskError("Main.qml failed to load", key="error.generic")
    return KioskApp(qt_app, engine, roots[0], backends, backups)


def run(config: Config) -> int:
    hands = None
    demo_devices = None
    if config.kiosk.demo:
        from ui.demo_glue import DemoHands, start_demo_devices

        demo_devices = start_demo_devices(config)
        print(
            f"Demo: simulated card reader, printer and scanner; receipts as PNG in "
            f"{demo_devices.receipts_dir}"
        )
    app = create_app(config)
    if demo_devices is not None:
        hands = DemoHands(app.backends, demo_devices)
    if config.ui.fullscreen:
        app.window.showFullScreen()
    log.info("kiosk started (%s)", config.kiosk.code)
    try:
        return int(app.qt_app.exec())
    finally:
        app.close()
        if hands is not None:
            hands.stop()
