"""Browsing by tab and group, tried as a resident would; the next resident starts afresh."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")


def _tap_chip(s: Any, name: str) -> None:
    """A group chip is a touch area over its words (the group's name, then its count)."""
    chip = next(i for i in s.items() if str(i.property("text") or "").startswith(name + "  "))
    s.tap_item(next(c for c in chip.parentItem().childItems() if c.inherits("QQuickMouseArea")))


def test_a_resident_browses_by_life_event_to_a_guide_and_the_next_starts_afresh(
    journey_app: Any, attract: Any
) -> None:
    b, s = journey_app.backends, attract
    s.tap("政务服务 一站办理")
    s.tap("办理事项")
    s.wait_for("按人生事件")
    s.tap("按人生事件")
    s.wait_for("养老")
    elderly = len(b.wired.catalog.store.services_by_life_event("elderly"))
    assert s.says(f"养老  {elderly}")  # the chip counts the group's services
    _tap_chip(s, "养老")
    s.wait_for("百岁老人长寿补贴申领")  # the group's first service, in pinyin order
    s.tap("百岁老人长寿补贴申领")
    s.wait_for("开始办理")
    assert b.navigator.screen == "Guide" and b.areas["Guide"].selectedCode == "MZ0304"
    assert s.says("县民政局")
    b.shell.endSession("finish")

    s.tap("政务服务 一站办理")
    s.tap("办理事项")
    s.wait_for("按部门")
    first = b.wired.catalog.store.departments()[0]
    assert s.says(first.name_zh) and not s.says(f"养老  {elderly}")  # departments again
    assert b.areas["Browse"].tab == "department" and b.areas["Guide"].selectedCode == ""
