"""The shell's Python backends, driven the way QML would drive them."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")

from kiosk.storage import open_storage  # noqa: E402
from ui.backends import add_areas, build_backends, build_shell  # noqa: E402


@pytest.fixture
def backends(qapp: Any, config: Any) -> Any:
    storage = open_storage(config.database_path)
    b = build_backends(config, storage)
    yield b
    b.close()
    storage.close()


def test_language_switch_retranslates(backends: Any, qtbot: Any) -> None:
    i18n = backends.i18n
    assert i18n.t("home.title", i18n.language) == "请选择您要办理的事项"
    with qtbot.waitSignal(i18n.languageChanged):
        i18n.toggle()
    assert i18n.language == "en"
    assert i18n.t("home.title", i18n.language) == "What would you like to do?"


def test_every_key_exists_in_both_languages() -> None:
    from kiosk.i18n import catalog

    assert set(catalog("zh")) == set(catalog("en"))


def test_elderly_mode_meets_guideline(backends: Any) -> None:
    style = backends.style
    assert style.touchTarget >= 44 * 1.5  # 44 dp at 1.5 px/dp
    style.toggleElderly()
    assert style.elderly
    assert style.touchTarget >= 60 * 1.5
    assert style.bodySize >= 28
    assert style.titleSize >= 30 * 1.5
    assert style.lineHeight >= 1.3


def test_idle_countdown_wipes_and_returns_to_attract(backends: Any, qtbot: Any) -> None:
    backends.idle.set_intervals(0.05, 3, tick_ms=20)
    backends.navigator.start()
    backends.i18n.toggle()
    backends.style.toggleElderly()
    backends.sessions.current.data["name"] = "张三"
    assert backends.navigator.screen == "Home"
    qtbot.waitUntil(lambda: backends.idle.warning, timeout=2000)
    with qtbot.waitSignal(backends.idle.timedOut, timeout=2000):
        pass
    assert backends.navigator.screen == "Attract"
    assert backends.sessions.current.data == {}
    assert backends.i18n.language == "zh"
    assert not backends.style.elderly


def test_still_here_cancels_the_countdown(backends: Any, qtbot: Any) -> None:
    backends.idle.set_intervals(0.05, 50, tick_ms=20)
    backends.navigator.start()
    qtbot.waitUntil(lambda: backends.idle.warning, timeout=2000)
    backends.idle.stillHere()
    assert not backends.idle.warning
    assert backends.navigator.screen == "Home"


def test_navigator_refuses_unknown_screen(backends: Any) -> None:
    backends.navigator.start()
    backends.navigator.go("NoSuchPlace")
    assert backends.navigator.screen == "Home"


def test_cjk_font_is_available(backends: Any) -> None:
    assert backends.style.fontFamily, "no CJK font: Chinese would render as boxes"


def test_a_touch_before_the_areas_exist_is_kept(qapp: Any, config: Any) -> None:
    """The attract screen shows before the areas are built (kiosk run); a resident
    who touches it in that moment gets the home screen once they are, and the
    technician corner does nothing until then rather than failing."""
    b = build_shell(config)
    b.navigator.set_ready(False)
    b.navigator.start()
    b.shell.cornerTap()
    assert b.navigator.screen == "Attract"
    assert b.areas == {}
    with pytest.raises(RuntimeError):
        b.storage  # noqa: B018
    storage = open_storage(config.database_path)
    try:
        add_areas(b, storage)
        named = {"Technician", "Browse", "Search", "Guide", "Visit", "Apply", "Devices", "Sync"}
        assert named <= set(b.areas)
        b.navigator.set_ready(True)
        assert b.navigator.screen == "Home"
    finally:
        b.close()
        storage.close()
