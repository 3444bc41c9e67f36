"""The resident's whole visit through the real screens, tapped with the pointer.

Nothing here calls the journey's Python: each step finds a button by the
words on it (or its Accessible.name), taps it with real mouse events and
reads what the screen says next. The card is laid on the reader simulator,
the receipt comes out of the printer simulator, and the receipt's QR is
scanned back on the scanner simulator. Any QML warning fails the test
(pytest-qt's qt_log_level_fail, set in pyproject.toml).
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")

from tests.journey.conftest import db_bytes, encodings  # noqa: E402

NAME = "欧阳丽华"
ID_NUMBER = "440106198001011230"
PHONE = "13700001111"
SERVICE = "城乡居民基本医疗保险参保登记"  # YB0102: a select, a checkbox, a date, an ID number


def _to_guide(s: Any) -> None:
    s.tap("政务服务 一站办理")  # the attract screen: a touch anywhere
    s.tap("搜索服务")
    s.wait_for("搜索事项")
    s.type_text("cxjmjbyl")  # initials, typed on a hardware keyboard
    s.wait_for(SERVICE)
    s.tap(SERVICE)
    s.wait_for("开始办理")
    s.tap("开始办理")


def test_card_to_printed_receipt_through_the_screens(
    kiosk: Any, screen: Any, sims: dict[str, Any]
) -> None:
    from devices.sim.idcard_sim import sample_card
    from ui.journey import JourneyAreas

    s = screen
    _to_guide(s)
    s.wait_for("请将身份证放在读卡区")
    sims["card"].place(sample_card(name=NAME, id_number=ID_NUMBER))
    s.wait_for("欧**华", timeout=8)
    assert not s.says(NAME) and not s.says(ID_NUMBER)  # only the masked identity
    s.tap("继续")
    s.wait_for("填写申请表")
    # prefilled from the card: read-only
    assert s.exists("公民身份号码")
    s.tap("联系电话")
    s.type_text(PHONE)
    s.tap("城乡居民")  # the select: one of its choices
    s.tap("本人承诺所填信息真实有效")  # the checkbox row
    s.tap("下一步：材料")
    s.wait_for("材料清单") if s.says("材料清单") else s.wait_for("居民户口簿")
    s.tap("下一步：核对")
    assert s.says("项必需材料") or s.says("必需材料")  # nothing ticked yet
    s.tap("居民身份证")
    s.tap("居民户口簿")
    s.tap("下一步：核对")
    s.wait_for("确认提交")
    assert s.says("137****1111") or s.says(PHONE)
    s.tap("确认提交")
    s.wait_for("受理回执号", timeout=8) if s.says("受理回执号") else s.wait_for("回执")
    j = JourneyAreas.of(kiosk.backends)
    s.wait_until(lambda: j.receipt.printState == "printed", 10, "the receipt printed")
    assert s.says("回执已打印") or s.says("已打印")
    assert sims["printer"].wait_for_receipt(1, timeout=5)
    printed = sims["printer"].receipts[0]
    item = j.ctx.outbox.by_tracking_no(j.receipt.trackingNo)
    assert item is not None and item.tracking_no in printed.text
    assert printed.qr_payloads == [f"https://zwfw.example.gov.cn/cases/{item.client_id}"]
    raw = db_bytes(kiosk.backends.config.database_path)
    for secret in (NAME, ID_NUMBER, PHONE):
        for enc in encodings(secret):
            assert enc not in raw, secret
    # rate this visit, then finish
    s.tap("评价本次服务")
    s.tap("非常满意")
    s.tap("提交评价")
    s.wait_for("感谢")
    s.tap("完成并退出")
    s.wait_for("政务服务自助终端")
    assert not j.visit.identified and j.receipt.trackingNo == ""

