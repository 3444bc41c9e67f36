"""The county list through the screen (issue 21): a resident types the initials of
户口迁移 on the on-screen keyboard and reaches its form; a service the kiosk does
not take says, on its guide, what the kiosk can do for it and where to go."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")

from tests.journey.walks import card_to_form  # noqa: E402

NAME = "李秀英"
ID_NUMBER = "440106198001011230"


def test_the_initials_of_hukou_qianyi_lead_to_its_form(
    kiosk: Any, screen: Any, sims: dict[str, Any]
) -> None:
    s = screen
    s.tap("政务服务 一站办理")
    s.tap("搜索服务")
    s.wait_until(s.keyboard_up, what="the keyboard")
    s.type_on_keyboard("hkqy")  # 户口迁移, tapped key by key
    s.wait_for("户口迁移（迁入）")
    s.tap("户口迁移（迁入）")
    s.wait_for("开始办理")
    assert s.says("结婚证") and s.says("夫妻投靠的")  # the materials, by case
    card_to_form(s, sims["card"], NAME, ID_NUMBER, "李*英")
    for label in ("迁入类型", "现户籍地址（迁出地）", "迁入地址", "一同迁移人数（含本人）"):
        assert s.says(label), (label, s.texts())


def test_a_service_done_at_the_counter_says_what_the_kiosk_does_for_it(screen: Any) -> None:
    s = screen
    s.tap("政务服务 一站办理")
    s.tap("搜索服务")
    s.type_text("临时身份证")
    s.tap("临时居民身份证申领")
    s.wait_for("先在本终端申请换领或补领居民身份证")
    assert s.says("公安综合窗口（1-6号）") and not s.exists("开始办理")


def test_the_last_department_of_the_county_is_reached_by_browsing(screen: Any) -> None:
    s = screen
    s.tap("政务服务 一站办理")
    s.tap("办理事项")
    s.wait_for("按部门")
    s.scroll_to("乡镇（街道）便民服务中心")  # the 18th department, past the first screenful
    chip = next(t for t in s.texts() if t.startswith("乡镇（街道）便民服务中心"))  # with its count
    s.tap(chip)
    s.wait_for("帮办代办预约")
    s.tap("帮办代办预约")
    s.wait_for("开始办理")  # a service of the township centre the kiosk takes
