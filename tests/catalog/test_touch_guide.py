"""The guide's phone QR, tried as a resident would: it appears only when it leads somewhere."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")


def test_guide_offers_a_phone_qr_only_once_the_kiosk_knows_its_platform(
    journey_app: Any, attract: Any, unenrolled: Any
) -> None:
    from kiosk import enrollment
    from kiosk.settings import set_setting

    b, s = journey_app.backends, attract
    s.tap("政务服务 一站办理")
    s.tap("搜索服务")
    s.type_text("gljt")  # initials of 高龄津贴
    s.tap("高龄津贴申领")
    s.wait_for("开始办理")
    assert s.says("尚未接入政务服务平台") and not s.says("用手机扫码，随时查看本指南")
    set_setting(unenrolled, enrollment.URL, "https://zwfw.county.example")
    s.tap("返回")  # the search starts afresh
    s.type_text("gljt")
    s.tap("高龄津贴申领")
    s.wait_for("用手机扫码，随时查看本指南")
    assert b.areas["Guide"].guideUrl == "https://zwfw.county.example/guide/MZ0301"


def test_without_a_qr_the_apply_button_stays_on_the_glass_in_elderly_mode(
    attract: Any, unenrolled: Any
) -> None:
    # the sentence that replaces the QR once widened its box and pushed 开始办理 off the window
    s = attract
    s.tap("政务服务 一站办理")
    s.tap("适老模式")
    s.tap("搜索服务")
    s.type_text("cxjmjbyl")
    s.tap("城乡居民基本医疗保险参保登记")
    s.wait_for("尚未接入政务服务平台")
    s.tap("开始办理")
    s.wait_for("验证身份")
