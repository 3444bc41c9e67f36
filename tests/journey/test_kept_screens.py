"""Screens made ahead and kept (ui/qml/components/KeptScreen.qml), through taps.

Home and the screens its tiles open are made while the kiosk is idle and
kept for the visit, so a tap only shows them. What a resident typed must
still be gone for the next one: a field's screen opens empty each time, and
the end of the visit destroys every kept screen before the next resident
comes (the QML tree is searched for the typed words, hidden items too).
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")

from tests.journey.test_ui_journey import _found_in_qml  # noqa: E402

TYPED = "cxjmjbyl"  # initials of 城乡居民基本医疗保险参保登记
TRACKING = "QX20991231"


def _field_text(s: Any) -> str:
    field = s.focused_item()
    assert field is not None, "no field has the focus"
    return str(field.property("text") or "")


def _home(s: Any) -> None:
    s.tap("首页")
    s.wait_for("搜索服务")


def test_a_kept_screen_opens_fresh_and_keeps_nothing_for_the_next_resident(
    kiosk: Any, screen: Any
) -> None:
    s, b = screen, kiosk.backends
    s.tap("政务服务 一站办理")  # the attract screen: a touch anywhere
    s.tap("搜索服务")
    s.wait_for("搜索事项")
    s.type_text(TYPED)
    s.wait_for("城乡居民基本医疗保险参保登记")
    _home(s)
    s.tap("搜索服务")  # the same visit: a new search, as a new screen would show
    s.wait_for("搜索事项")
    assert _field_text(s) == ""
    assert not s.says("城乡居民基本医疗保险参保登记")
    s.type_text(TYPED)
    s.wait_for("城乡居民基本医疗保险参保登记")
    _home(s)
    s.tap("进度查询")
    s.tap("输入受理编号或扫描回执二维码")
    s.type_text(TRACKING)
    assert _field_text(s) == TRACKING
    s.tap("结束办理")
    s.wait_until(lambda: b.navigator.screen == "Attract", what="the attract screen")
    assert not _found_in_qml(kiosk, TYPED)
    assert not _found_in_qml(kiosk, TRACKING)
    s.wait_for("政务服务自助终端")
    # the next resident, once the screens were made again on the attract screen
    s.tap("政务服务 一站办理")
    s.tap("搜索服务")
    s.wait_for("搜索事项")
    assert _field_text(s) == ""
    assert not s.says("城乡居民基本医疗保险参保登记")
    _home(s)
    s.tap("进度查询")
    s.tap("输入受理编号或扫描回执二维码")
    assert _field_text(s) == ""
    assert not _found_in_qml(kiosk, TYPED) and not _found_in_qml(kiosk, TRACKING)


def test_a_kept_screen_is_announced_each_time_it_opens(kiosk: Any, screen: Any) -> None:
    """A screen tells the voice it opened (said at once in elderly mode): a kept
    one each time it is shown, not when it was made ahead behind another."""
    s, voice = screen, kiosk.voice
    assert voice is not None

    def announced() -> str:
        return str(voice._shown[0]) if voice._shown else ""

    s.tap("政务服务 一站办理")
    s.wait_until(lambda: announced() == "Home", what="Home announced")
    for _ in range(2):
        s.tap("办理事项")
        s.wait_until(lambda: announced() == "Browse", what="Browse announced")
        s.next_frame()
        assert announced() == "Browse"  # no screen made ahead took its place
        _home(s)
        s.wait_until(lambda: announced() == "Home", what="Home announced again")
