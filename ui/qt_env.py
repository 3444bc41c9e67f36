"""Environment Qt needs before QGuiApplication exists."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType

# Qt Virtual Keyboard layouts: Qt's own for Chinese and English, the kiosk's for
# Uyghur (Qt ships none). QT_VIRTUALKEYBOARD_LAYOUT_PATH replaces Qt's built-in
# folder rather than adding to it, so zh_CN and fallback there are one-line
# KeyboardLayoutLoaders of Qt's built-in layouts and en_US marks its files as
# the fallback's, as Qt's own folder does.
KEYBOARD_LAYOUTS = Path(__file__).resolve().parent / "qml" / "keyboard" / "layouts"


def has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and platform != "offscreen":
        return True  # eglfs, linuxfb, xcb... chosen on purpose
    if platform == "offscreen":
        return False
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def prepare_qt_environment(*, offscreen: bool) -> None:
    os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
    use_kiosk_keyboard_layouts()
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["QT_QUICK_BACKEND"] = "software"
    # Qt Multimedia (pulled in by the keyboard's sounds) is chatty without a
    # sound server; its warnings are noise on a kiosk and in CI.
    rules = os.environ.get("QT_LOGGING_RULES", "")
    extra = "qt.multimedia.*=false;qt.qml.propertyCache.append=false"
    os.environ["QT_LOGGING_RULES"] = f"{rules};{extra}" if rules else extra


def use_kiosk_keyboard_layouts() -> None:
    """Point the virtual keyboard at the kiosk's layouts (read when the first
    keyboard is made, so ui/app.py calls this before Main.qml loads too)."""
    os.environ.setdefault("QT_VIRTUALKEYBOARD_LAYOUT_PATH", str(KEYBOARD_LAYOUTS))


def stop_pyside_caching_module_sources() -> None:
    """Keep PySide6 from holding the source text of every module in memory.

    PySide6 (6.11) hooks ``import`` and, for each module imported after it,
    decides whether the module uses PySide by searching its source for
    "PySide6", read with ``inspect.getsource``: that goes through
    ``linecache``, which keeps every line of every module the kiosk imports
    (about 23 MB of the kiosk's resident set, never read again), and reading
    the sources of the few hundred libraries the areas import was a tenth of
    the time from the first frame to ready. Here the kiosk's own modules (in
    the source tree that holds ``ui``, outside any site-packages) are searched
    on a source read once and dropped; a library is answered "does not use
    PySide" without reading it, the answer PySide gives every module without
    "PySide6" in its text: it
    matters only to ``from __feature__ import ...``, which no library does
    for the kiosk's classes.
    """
    try:
        feature = importlib.import_module("PySide6.support.feature")
    except ImportError:
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _mentions_pyside  # type: ignore[attr-defined]


_OWN_TREE = str(Path(__file__).resolve().parent.parent) + os.sep


def _mentions_pyside(module: ModuleType) -> bool:
    path = str(getattr(module, "__file__", None) or "")
    if not path.startswith(_OWN_TREE) or f"-packages{os.sep}" in path:  # a venv in the tree
        return False
    get_source = getattr(getattr(module, "__loader__", None), "get_source", None)
    if get_source is None:
        return False
    try:
        source = get_source(module.__name__)
    except (ImportError, OSError, SyntaxError, UnicodeDecodeError):
        return False
    return bool(source) and "PySide6" in source
