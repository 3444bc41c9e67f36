"""Starts the Qt Quick app over the core: engine, singletons, main window.

The attract screen needs only the shell (language, style, navigation), so
the kiosk loads it first and builds the areas over the database right after
its first frame (``defer_areas``): a resident sees the kiosk in about half
the time, and a touch in that moment is kept by the Navigator.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine, qmlRegisterSingletonInstance
from PySide6.QtQuick import QQuickWindow

from kiosk.config import Config
from kiosk.errors import KioskError
from ui.backends import QML_MODULE, Backends, add_areas, build_shell
from ui.qt_env import use_kiosk_keyboard_layouts
from ui.voice import Voice, default_speaker

if TYPE_CHECKING:  # imports sqlite-utils: loaded with the areas, after the first frame
    from kiosk.storage import Storage
    from kiosk.storage_wait import DatabaseOpener
    from kiosk.voice.speaker import Speaker
    from ui.backup_scheduler import BackupScheduler

log = logging.getLogger(__name__)

# Called with the backends and the opened database before the areas are built.
Prepare = Callable[[Backends, "Storage"], None]

QML_DIR = Path(__file__).resolve().parent / "qml"


@dataclass
class KioskApp:
    qt_app: QGuiApplication
    engine: QQmlApplicationEngine
    window: QQuickWindow
    backends: Backends
    backups: BackupScheduler | None = None
    start_error: KioskError | None = None
    prepare: Prepare | None = None
    voice: Voice | None = None
    _starting: bool = False
    # Opens the database, waiting while a full disk or an I/O error refuses it.
    opener: DatabaseOpener | None = None
    _retry_pending: bool = False
    on_ready: Callable[[], None] | None = None  # once a touch can be answered

    @property
    def ready(self) -> bool:
        return self.backups is not None

    def start_areas(self) -> None:
        """Open the database and build every area; raises KioskError."""
        if self.ready:
            return
        self._starting = True
        try:
            self._build_areas()
        finally:
            self._starting = False
        self.backends.navigator.set_ready(True)
        self.backends.i18n.warm_up()
        _load_in_background(_warm_up)  # the first guide, card or receipt waits, not the start
        if self.on_ready is not None:
            self.on_ready()

    def _build_areas(self) -> None:
        from kiosk.storage_wait import DatabaseOpener
        from kiosk.technician.provisioning import apply_kiosk_code
        from ui.backup_scheduler import BackupScheduler

        config = self.backends.config
        if self.opener is None:
            self.opener = DatabaseOpener(config.database_path)
        storage = self.opener.open()  # StorageFull / StorageUnavailable: wait
        apply_kiosk_code(storage, config)
        if self.prepare is not None:  # the composition root's say (demo mode: PIN, platform)
            self.prepare(self.backends, storage)
        add_areas(self.backends, storage)
        self.window.installEventFilter(self.backends.idle)
        self.backups = BackupScheduler(storage, config)
        self.backups.start()

    def area(self, name: str) -> QObject:
        """An area's singleton for QML, building the areas now if they are not yet.

        While they are being built (QML reacting to an earlier area's signal),
        the ones already built are given and the others refused, never built twice.
        """
        if self._starting:
            if name in self.backends.areas:
                return self.backends.areas[name]
            raise KioskError(f"{name} used before it is built", key="error.generic")
        self.start_areas()
        return self.backends.areas[name]

    def start_areas_after_first_frame(self) -> None:
        """Build the areas once the attract screen is on the glass.

        A failure stops the event loop with the error kept in ``start_error``,
        so ``run`` reports it as it would have before the window showed; but
        a database that cannot be written now (a full disk, an I/O error) is
        waited for, tried again every ``RETRY_SECONDS``, never restored over.
        """
        from kiosk.errors import StorageFull, StorageUnavailable

        self.backends.navigator.set_ready(False)

        def retry() -> None:
            self._retry_pending = False
            build()

        def build() -> None:
            try:
                self.start_areas()
            except (StorageFull, StorageUnavailable):
                # kiosk.storage_wait imports kiosk.backup (about 1 s under load): not
                # before the first frame, only when a disk is waited for.
                from kiosk.storage_wait import RETRY_SECONDS

                if not self._retry_pending:  # one retry at a time (logged by the opener)
                    self._retry_pending = True
                    QTimer.singleShot(RETRY_SECONDS * 1000, retry)
            except KioskError as exc:
                log.error("kiosk could not start: %s", exc)
                self.start_error = exc
                self.qt_app.exit(2)

        def first_frame() -> None:
            self.window.frameSwapped.disconnect(first_frame)
            QTimer.singleShot(0, build)

        self.window.frameSwapped.connect(first_frame)

    def close(self) -> None:
        if self.voice is not None:
            self.voice.stop()
        self.backends.close()
        self.window.close()
        self.engine.deleteLater()


def _warm_up() -> None:
    """What the first touches past the home screen need and the start does not:
    qrcode with PIL (a guide's or receipt's QR, about 130 ms), python-stdnum (the
    first ID number checked, about 50 ms), the catalog's validators (pydantic
    builds them when first used: ``defer_build``, about 40 ms)."""
    from kiosk.catalog.guide import load_qr_library
    from kiosk.catalog.model import build_validators
    from kiosk.identity import load_check_library

    load_qr_library()
    load_check_library()
    build_validators()


def _load_in_background(load: Callable[[], None]) -> None:
    """Run an import the first touches do not need on a thread of its own."""
    threading.Thread(target=load, name=getattr(load, "__name__", "load"), daemon=True).start()


def qt_application() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(sys.argv[:1])
    assert isinstance(app, QGuiApplication)
    app.setApplicationName("gov-kiosk")
    return app


def create_app(
    config: Config,
    *,
    width: int | None = None,
    height: int | None = None,
    defer_areas: bool = False,
    prepare: Prepare | None = None,
    speaker: Speaker | Literal["config"] | None = "config",
) -> KioskApp:
    """Load Main.qml over the shell, then build the areas (now, or after the
    first frame with ``defer_areas``); raises KioskError.

    ``speaker`` is the voice of the spoken guidance: "config" for espeak-ng
    as ``[voice]`` sets it up, or any ``Speaker``, or None for a silent kiosk."""
    use_kiosk_keyboard_layouts()
    qt_app = qt_application()
    backends = build_shell(config)
    made: list[KioskApp] = []

    def provide_area(name: str) -> QObject:
        if not made:  # Main.qml and the attract screen must not need an area
            raise KioskError(f"{name} used while Main.qml loads", key="error.generic")
        return made[0].area(name)

    backends.register(provide_area)
    voice = Voice(
        config,
        default_speaker(config) if speaker == "config" else speaker,
        i18n=backends.i18n,
        style=backends.style,
        navigator=backends.navigator,
        sessions=backends.sessions,
        areas=backends.areas,
    )
    qmlRegisterSingletonInstance(Voice, QML_MODULE, 1, 0, "Voice", voice)
    if backends.style.fontFamily:
        font = QFont(backends.style.fontFamily)
        # Uyghur's Arabic letters are not in the CJK font: Qt takes each glyph
        # from the first family of the list that has it.
        font.setFamilies([backends.style.fontFamily, *backends.style.arabic_families])
        qt_app.setFont(font)
    engine = QQmlApplicationEngine()
    engine.setInitialProperties(
        {
            "width": width or config.ui.width,
            "height": height or config.ui.height,
            "kioskFullscreen": config.ui.fullscreen,
        }
    )
    if defer_areas:  # the attract screen alone until the areas are built
        backends.navigator.set_ready(False)
    engine.load(QUrl.fromLocalFile(str(QML_DIR / "Main.qml")))
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        raise KioskError("Main.qml failed to load", key="error.generic")
    app = KioskApp(qt_app, engine, roots[0], backends, prepare=prepare, voice=voice)
    made.append(app)
    if defer_areas:
        app.start_areas_after_first_frame()
    else:
        app.start_areas()
    return app


def run(
    config: Config,
    *,
    prepare: Prepare | None = None,
    attach: Callable[[KioskApp], Callable[[], None]] | None = None,
) -> int:
    """Show the kiosk and turn the event loop until it quits.

    ``prepare`` runs before the areas are built; ``attach`` once the window
    exists, returning what to call on exit (``app.demo`` passes both).
    """
    app = create_app(config, defer_areas=True, prepare=prepare)
    detach = attach(app) if attach is not None else None
    if os.environ.get("KIOSK_START_MARKS"):  # bench/bench_cold_start.py, from outside
        _write_start_marks(app, Path(os.environ["KIOSK_START_MARKS"]))
    if os.environ.get("KIOSK_A11Y_DUMP"):  # a test driving the window from outside
        from ui.testing.a11y_dump import start_from_env

        dump = start_from_env(app.window, app.backends.navigator)  # noqa: F841 (kept alive)
    if config.ui.fullscreen:
        app.window.showFullScreen()
    log.info("kiosk started (%s)", config.kiosk.code)
    try:
        code = int(app.qt_app.exec())
        if app.start_error is not None:
            raise app.start_error
        return code
    finally:
        app.close()
        if detach is not None:
            detach()


def _write_start_marks(app: KioskApp, path: Path) -> None:
    """Append the wall-clock times of the first frame and of ready-for-touch to
    ``path``: the cold-start benchmark runs the real ``kiosk run`` in an X window
    and has no other way to see inside it. One line each, "<mark> <time.time()>"."""

    def mark(name: str) -> None:
        with path.open("a", encoding="ascii") as out:
            out.write(f"{name} {time.time():.6f}\n")

    def first_frame() -> None:
        app.window.frameSwapped.disconnect(first_frame)
        mark("first_frame")

    app.window.frameSwapped.connect(first_frame)
    app.on_ready = lambda: mark("ready")
