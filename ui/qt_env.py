"""Environment Qt needs before QGuiApplication exists."""

from __future__ import annotations

import os


def has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and platform != "offscreen":
        return True  # eglfs, linuxfb, xcb... chosen on purpose
    if platform == "offscreen":
        return False
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def prepare_qt_environment(*, offscreen: bool) -> None:
    os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["QT_QUICK_BACKEND"] = "software"
    # Qt Multimedia (pulled in by the keyboard's sounds) is chatty without a
    # sound server; its warnings are noise on a kiosk and in CI.
    rules = os.environ.get("QT_LOGGING_RULES", "")
    extra = "qt.multimedia.*=false;qt.qml.propertyCache.append=false"
    os.environ["QT_LOGGING_RULES"] = f"{rules};{extra}" if rules else extra
