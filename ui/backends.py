"""The Python objects QML binds to, built once per app and exposed as singletons.

The shell's objects are built here; the areas (``ui.areas``) are built by
constructor over the opened database and kept typed in ``Backends.wired``.
QML imports ``Kiosk`` and reads them by name (``Shell``, ``I18n``, ``Style``,
``Browse`` ...). Nothing here reaches into QML.

The shell is enough for the attract screen, so the kiosk shows it first and
builds the areas (the database, devices, sync, catalog, journey: most of the
start-up's imports) right after the first frame. Their QML names are
registered before Main.qml loads, as singletons that QML asks for on first
use: Qt 6.11 miscompiles components loaded after a type registered late
("Cannot assign object of type QQuickText to list property data").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtQml import QQmlEngine, qmlRegisterSingletonInstance, qmlRegisterSingletonType

from kiosk.config import Config
from kiosk.session import SessionManager
from ui.i18n_bridge import I18nBridge
from ui.idle import IdleWatcher
from ui.navigator import ATTRACT, Navigator
from ui.style import Style

if TYPE_CHECKING:  # kiosk.storage imports sqlite-utils: after the first frame
    from kiosk.storage import Storage
    from ui.areas import Areas

log = logging.getLogger(__name__)

QML_MODULE = "Kiosk"

# The areas' QML singletons, registered before Main.qml loads (Backends.register):
# QML needs their names before ui.areas builds them, after the first frame.
AREA_NAMES = (
    "Devices", "Sync", "Browse", "Search", "Guide",
    "Visit", "Identify", "Apply", "Receipt", "Progress", "Proofs", "Evaluation",
    "Technician", "TechEntry", "TechDevices", "TechSync",
    "TechInfo", "TechLogs", "TechProvision", "TechReprint",
)  # fmt: skip

# Shell objects that QML reads through a QML singleton of the same name
# (ui/qml/singletons): the Python object is registered as <name>Source and the
# QML file holds its values, since every read of a Python property from QML
# costs a PySide call (about 7 µs) and a screen makes hundreds as it is built.
QML_HELD = ("I18n", "Style")
SINGLETONS_DIR = Path(__file__).resolve().parent / "qml" / "singletons"


class Shell(QObject):
    """Ties navigation, idle handling and the session's end together."""

    def __init__(self, backends: Backends) -> None:
        super().__init__()
        self._b = backends
        backends.navigator.screenChanged.connect(self._on_screen)
        backends.idle.timedOut.connect(lambda: self.endSession("idle"))
        style = backends.style
        style.elderlyChanged.connect(lambda: backends.idle.set_slow(style.elderly))

    def _on_screen(self) -> None:
        screen = self._b.navigator.screen
        if screen == ATTRACT or screen.startswith("Technician"):
            self._b.idle.disarm()  # the technician pages have their own timer
        else:
            self._b.idle.arm()

    @Slot()
    def cornerTap(self) -> None:
        """A tap in the technician corner; counted once the technician area exists."""
        if self._b.built is not None:
            self._b.built.technician.shell.cornerTap()

    @Slot()
    def finish(self) -> None:
        self.endSession("finish")

    @Slot(str)
    def endSession(self, reason: str) -> None:
        """Wipe the visit and return to the attract screen in the default settings."""
        self._b.sessions.wipe(reason)
        _clear_clipboard()  # a copied ID number must not wait there for the next person
        self._b.i18n.reset()
        self._b.style.reset()
        self._b.navigator.reset()


def _clear_clipboard() -> None:
    if QGuiApplication.instance() is None:
        return
    clipboard = QGuiApplication.clipboard()
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)


@dataclass
class Backends:
    config: Config
    sessions: SessionManager
    i18n: I18nBridge
    style: Style
    navigator: Navigator
    idle: IdleWatcher
    shell: Shell
    areas: dict[str, QObject] = field(default_factory=dict)  # by QML name, for QML
    built: Areas | None = None  # the areas, typed, once built
    opened_storage: Storage | None = None
    demo_platform: Any = None  # set by app.demo: the platform demo mode runs on loopback

    @property
    def storage(self) -> Storage:
        """The kiosk's database; the areas are built with it (add_areas)."""
        if self.opened_storage is None:
            raise RuntimeError("the areas are not started: no storage yet")
        return self.opened_storage

    @property
    def wired(self) -> Areas:
        """The areas, typed; raises before they are built (the first frame comes first)."""
        if self.built is None:
            raise RuntimeError("the areas are not built yet")
        return self.built

    def close(self) -> None:
        """Stop what the areas started (device threads, sync, timers) before the
        objects go away, so no worker calls back into a deleted QObject."""
        self.idle.disarm()
        if self.built is not None:
            self.built.stop()

    def register(self, provide_area: Callable[[str], QObject]) -> None:
        """Make every singleton known to QML before Main.qml loads.

        The shell's objects exist; an area's object is asked of
        ``provide_area(name)`` when QML first uses it (the app builds the areas
        then, if the first frame has not done so yet). The engine must not
        own what it is given: Python keeps and stops these objects.
        """
        for name, obj in self.shell_singletons().items():
            source = f"{name}Source" if name in QML_HELD else name
            qmlRegisterSingletonInstance(type(obj), QML_MODULE, 1, 0, source, obj)
        for name in QML_HELD:
            url = QUrl.fromLocalFile(str(SINGLETONS_DIR / f"{name}.qml"))
            qmlRegisterSingletonType(url, QML_MODULE, 1, 0, name)
        for name in AREA_NAMES:
            qmlRegisterSingletonType(QObject, QML_MODULE, 1, 0, name, _provider(name, provide_area))

    def singletons(self) -> dict[str, QObject]:
        """Every object QML can reach by name, built so far."""
        return {**self.shell_singletons(), **self.areas}

    def shell_singletons(self) -> dict[str, QObject]:
        return {
            "I18n": self.i18n,
            "Style": self.style,
            "Navigator": self.navigator,
            "Idle": self.idle,
            "Shell": self.shell,
        }


def _provider(name: str, provide_area: Callable[[str], QObject]) -> Callable[[QQmlEngine], QObject]:
    """The callback Qt calls once per engine for singleton ``name`` (one argument)."""

    def provide(engine: QQmlEngine) -> QObject:
        obj = provide_area(name)
        QQmlEngine.setObjectOwnership(obj, QQmlEngine.ObjectOwnership.CppOwnership)
        return obj

    return provide


def build_shell(config: Config) -> Backends:
    """The objects the attract screen needs; no database, no devices yet."""
    backends = Backends(
        config=config,
        sessions=SessionManager(),
        i18n=I18nBridge(config.kiosk.languages, config.kiosk.default_language),
        style=Style(config.ui.elderly_default),
        navigator=Navigator(),
        idle=IdleWatcher(config.ui.idle_seconds, config.ui.warning_seconds),
        shell=None,  # type: ignore[arg-type]
    )
    backends.shell = Shell(backends)
    return backends


def add_areas(backends: Backends, storage: Storage) -> None:
    """Build every area over the opened database (ui.areas, by constructor)."""
    from ui.areas import build_areas  # most of the start-up's imports: after the first frame

    backends.opened_storage = storage
    backends.built = build_areas(backends, storage)
    backends.areas.update(backends.built.by_qml_name())


def build_backends(config: Config, storage: Storage) -> Backends:
    """Shell and areas at once, for tests and tools that need no first frame."""
    backends = build_shell(config)
    add_areas(backends, storage)
    return backends
