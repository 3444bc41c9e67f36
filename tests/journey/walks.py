"""Stretches of a visit that several screen tests walk the same way, by taps.

Each starts where its docstring says and waits until the screen it ends on is
shown, so a test reads as the resident's path and fails at the tap that broke.
"""

from __future__ import annotations

from typing import Any


def search_to_guide(s: Any, typed: str, service: str) -> None:
    """From Home to a service's guide: 搜索服务, ``typed`` into the search, the
    ``service`` found tapped."""
    s.tap("搜索服务")
    s.wait_for("搜索事项")
    s.type_text(typed)
    s.wait_for(service)
    s.tap(service)
    s.wait_for("开始办理")


def card_to_form(s: Any, card: Any, name: str, id_number: str, masked: str) -> None:
    """From a service's guide to its form: 开始办理, the card laid on the reader
    simulator, its masked name shown, 继续."""
    from devices.sim.idcard_sim import sample_card

    s.tap("开始办理")
    s.wait_for("请将身份证放在读卡区")
    card.place(sample_card(name=name, id_number=id_number))
    s.wait_for(masked, timeout=8)
    s.tap("继续")
    s.wait_for("填写申请表")


def medical_form_to_review(s: Any, phone: str | None) -> None:
    """城乡居民基本医疗保险参保登记 (YB0102) from its form to the review: ``phone``
    typed with 城乡居民 and the declaration (None: the form came filled from the
    phone), both materials ticked."""
    if phone is not None:
        s.tap("联系电话")
        s.type_text(phone)
        s.tap("城乡居民")
        s.tap("本人承诺所填信息真实有效")
    s.tap("下一步：材料")
    s.wait_for("居民户口簿")
    s.tap("居民身份证")
    s.tap("居民户口簿")
    s.tap("下一步：核对")
    s.wait_for("确认提交")
