"""The Python objects QML binds to, built once per app and exposed as singletons.

The shell's objects are built here; each area adds its own through a factory
listed in AREA_FACTORIES (``module:function``, called with the Backends and
returning ``{"QmlName": QObject}``). QML imports ``Kiosk`` and reads them by
name (``Shell``, ``I18n``, ``Style`` ...). Nothing here reaches into QML.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtQml import qmlRegisterSingletonInstance

from kiosk.config import Config
from kiosk.session import SessionManager
from kiosk.storage import Storage
from ui.i18n_bridge import I18nBridge
from ui.idle import IdleWatcher
from ui.navigator import ATTRACT, Navigator
from ui.style import Style

log = logging.getLogger(__name__)

QML_MODULE = "Kiosk"

# One line per area: "module:function" returning {"QmlName": QObject}.
AREA_FACTORIES: tuple[str, ...] = (
    "ui.technician_backend:create",
    "ui.devices_backend:create",
    "ui.sync_backend:create",
    "ui.catalog_backend:create",
    "ui.journey_backend:create",
)


class Shell(QObject):
    """Ties navigation, idle handling and the session's end together."""

    def __init__(self, backends: Backends) -> None:
        super().__init__()
        self._b = backends
        backends.navigator.screenChanged.connect(self._on_screen)
        backends.idle.timedOut.connect(lambda: self.endSession("idle"))

    def _on_screen(self) -> None:
        screen = self._b.navigator.screen
        if screen == ATTRACT or screen.startswith("Technician"):
            self._b.idle.disarm()  # the technician pages have their own timer
        else:
            self._b.idle.arm()

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
    storage: Storage
    sessions: SessionManager
    i18n: I18nBridge
    style: Style
    navigator: Navigator
    idle: IdleWatcher
    shell: Shell
    areas: dict[str, QObject] = field(default_factory=dict)

    def close(self) -> None:
        """Stop what the areas started (device threads, sync, timers) before the
        objects go away, so no worker calls back into a deleted QObject."""
        self.idle.disarm()
        for obj in self.areas.values():
            stop = getattr(obj, "stop", None)
            if callable(stop):
                stop()

    def register(self) -> None:
        for name, obj in self.singletons().items():
            qmlRegisterSingletonInstance(type(obj), QML_MODULE, 1, 0, name, obj)

    def singletons(self) -> dict[str, QObject]:
        return {
            "I18n": self.i18n,
            "Style": self.style,
            "Navigator": self.navigator,
            "Idle": self.idle,
            "Shell": self.shell,
            **self.areas,
        }


def build_backends(config: Config, storage: Storage) -> Backends:
    i18n = I18nBridge(config.kiosk.languages, config.kiosk.default_language)
    style = Style(config.ui.elderly_default)
    navigator = Navigator()
    idle = IdleWatcher(config.ui.idle_seconds, config.ui.warning_seconds)
    backends = Backends(
        config=config,
        storage=storage,
        sessions=SessionManager(),
        i18n=i18n,
        style=style,
        navigator=navigator,
        idle=idle,
        shell=None,  # type: ignore[arg-type]
    )
    backends.shell = Shell(backends)
    for spec in AREA_FACTORIES:
        module_name, func_name = spec.split(":")
        factory = getattr(importlib.import_module(module_name), func_name)
        backends.areas.update(factory(backends))
    return backends
