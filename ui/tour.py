"""The headless tour: every screen, both orientations, saved as PNGs.

Each step puts the backends into a state the way a resident's taps would and
then the window is grabbed. The shell's steps are here; each area keeps its
steps in a module listed in AREA_STEP_MODULES, which defines ``STEPS``.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QEventLoop,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)

from kiosk.config import Config
from kiosk.i18n import LANGUAGES
from ui.app import KioskApp, Prepare, create_app
from ui.backends import Backends
from ui.testing.screen import Screen

log = logging.getLogger(__name__)

ORIENTATIONS = {"portrait": (1080, 1920), "landscape": (1920, 1080)}


@dataclass(frozen=True)
class TourStep:
    name: str
    setup: Callable[[Backends], None]
    # Optional: called after the picture with the tour folder, to save extras
    # (e.g. the simulated printer's receipt PNG).
    after: Callable[[Backends, Path], None] | None = None


def _home(b: Backends) -> None:
    b.navigator.start()


def _home_en(b: Backends) -> None:
    b.navigator.start()
    b.i18n.toggle()


def _home_elderly(b: Backends) -> None:
    b.navigator.start()
    b.style.toggleElderly()


def _home_elderly_en(b: Backends) -> None:
    _home_elderly(b)
    b.i18n.toggle()


def _idle_warning(b: Backends) -> None:
    b.navigator.start()
    b.idle._start_warning()  # the tour shows the question without waiting for it


def _idle_warning_en(b: Backends) -> None:
    _idle_warning(b)
    b.i18n.toggle()


SHELL_STEPS: list[TourStep] = [
    TourStep("attract", lambda b: None),
    TourStep("home-zh", _home),
    TourStep("home-en", _home_en),
    TourStep("home-elderly-zh", _home_elderly),
    TourStep("home-elderly-en", _home_elderly_en),
    TourStep("idle-warning-zh", _idle_warning),
    TourStep("idle-warning-en", _idle_warning_en),
]

# One line per area; each module defines STEPS: list[TourStep].
AREA_STEP_MODULES: tuple[str, ...] = (
    "ui.tours.catalog",
    "ui.tours.journey",
    "ui.tours.devices",
    "ui.tours.technician",
    "ui.tours.languages",
)


def all_steps() -> list[TourStep]:
    steps = list(SHELL_STEPS)
    for name in AREA_STEP_MODULES:
        steps.extend(importlib.import_module(name).STEPS)
    return steps


def settle(ms: int = 120) -> None:
    """Let bindings, loaders and the software renderer catch up."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def capture(app: KioskApp, path: Path) -> None:
    settle()
    image = app.window.grabWindow()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path)):
        raise OSError(f"cannot save {path}")


_screen: list[Screen] = []


@contextmanager
def qml_warnings_stop(step: str) -> Iterator[None]:
    """A QML warning during a step (a TypeError behind a button, a binding
    loop) stops the tour, naming the step, as it fails a test."""
    heard: list[str] = []

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            heard.append(message)
        if previous is not None:
            previous(kind, context, message)

    previous = qInstallMessageHandler(handler)
    try:
        yield
        settle(40)
    finally:
        qInstallMessageHandler(previous)
    if heard:
        raise RuntimeError(f"tour step {step}: Qt said: {heard[:3]}")


def screen() -> Screen:
    """The window the tour is walking, for steps that tap their way (a dead
    button then stops the tour with what the screen said instead)."""
    if not _screen:
        raise RuntimeError("no tour is running")
    return _screen[0]


def walk(app: KioskApp) -> None:
    """Let the tour's steps tap this app's window (the tour, and benchmarks that
    replay its visits)."""
    _screen[:] = [Screen(app.window)]


def run_tour(app: KioskApp, out_dir: Path, steps: list[TourStep] | None = None) -> list[Path]:
    saved: list[Path] = []
    walk(app)
    for orientation, (width, height) in ORIENTATIONS.items():
        app.window.resize(width, height)
        for index, step in enumerate(steps or all_steps()):
            app.backends.shell.endSession("tour")
            settle(40)
            with qml_warnings_stop(step.name):
                step.setup(app.backends)
            path = out_dir / orientation / f"{index:02d}-{step.name}.png"
            capture(app, path)
            saved.append(path)
            if step.after is not None:
                step.after(app.backends, out_dir)
    app.backends.shell.endSession("tour")
    return saved


def run_extras(app: KioskApp, out_dir: Path) -> list[Path]:
    """Pictures that are not screens (printed receipt, A4 page): ``extras(backends, dir)``."""
    saved: list[Path] = []
    for name in AREA_STEP_MODULES:
        extras = getattr(importlib.import_module(name), "extras", None)
        if callable(extras):
            (out_dir / "documents").mkdir(parents=True, exist_ok=True)
            saved.extend(extras(app.backends, out_dir / "documents"))
    return saved


def tour(config: Config, out_dir: Path, prepare: Prepare | None = None) -> list[Path]:
    config.kiosk.languages = list(LANGUAGES)  # the tour shows every language's screens
    app = create_app(config, prepare=prepare)
    try:
        shots = run_tour(app, out_dir)
        return shots + run_extras(app, out_dir)
    finally:
        app.close()
