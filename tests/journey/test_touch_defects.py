"""What a person met on the way, each tried again through the real screens.

Every test taps (real mouse events), types (key events or the virtual
keyboard's own keys) and reads what the screen says. Each guards one defect
that the first round's backend-only tests let through.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("PySide6")

from tests.journey.test_touch_journey import ID_NUMBER, NAME, PHONE, SERVICE  # noqa: E402

MANUAL_ID = "440106198001011230"


@pytest.fixture
def s(screen: Any) -> Any:
    return screen


def to_identify(s: Any) -> None:
    s.tap("政务服务 一站办理")
    home_to_identify(s)


def home_to_identify(s: Any) -> None:
    s.tap("搜索服务")
    s.wait_for("搜索事项")
    s.type_text("cxjmjbyl")
    s.tap(SERVICE)
    s.tap("开始办理")
    s.wait_for("验证身份")


def read_card(s: Any, sims: dict[str, Any]) -> None:
    from devices.sim.idcard_sim import sample_card

    sims["card"].place(sample_card(name=NAME, id_number=ID_NUMBER))
    s.wait_for("欧**华", timeout=8)
    s.tap("继续")
    s.wait_for("填写申请表")


def card_to_form(s: Any, sims: dict[str, Any]) -> None:
    to_identify(s)
    read_card(s, sims)


def fill_and_confirm(s: Any) -> None:
    """The form's own answers, the required materials, and the confirm tap."""
    s.tap("联系电话")
    s.type_text(PHONE)
    s.tap("城乡居民")
    s.tap("本人承诺所填信息真实有效")
    s.tap("下一步：材料")
    s.tap("居民身份证")
    s.tap("居民户口簿")
    s.tap("下一步：核对")
    s.tap("确认提交")


def assert_above_keyboard(s: Any, label: str) -> None:
    field = s.find(label).item
    panel = s.keyboard_panel()
    keyboard_top = panel.mapRectToScene(panel.boundingRect()).top()
    assert field.mapRectToScene(field.boundingRect()).bottom() <= keyboard_top


def field_text(s: Any, label: str) -> str:
    return str(s.find(label).item.property("text"))


def note_of(s: Any, fragment: str) -> str:
    """The whole words of the message that holds ``fragment`` (its mark included)."""
    for text in s.texts():
        if fragment in text:
            return str(text)
    raise AssertionError(f"no message with {fragment!r}: {s.texts()}")


def test_the_card_is_read_once_then_handed_back_and_the_visit_goes_on(
    kiosk: Any, s: Any, sims: dict[str, Any]
) -> None:
    card_to_form(s, sims)
    assert s.says("请取回您的身份证")
    sims["card"].remove()
    s.wait_until(lambda: not s.says("请取回您的身份证"), 5, "the prompt to go")
    assert s.says("填写申请表") and s.says("欧阳丽华")  # the visit and its form are kept
    # a card left on the reader is read for the next visit, once this one ended
    from devices.sim.idcard_sim import sample_card

    sims["card"].place(sample_card(name=NAME, id_number=ID_NUMBER))
    s.tap("结束办理")
    s.wait_for("政务服务自助终端")
    to_identify(s)
    s.wait_for("欧**华", timeout=8)
    # and after "change identity"
    s.tap("更换身份")
    s.wait_for("欧**华", timeout=8)


def test_failures_never_look_like_success(kiosk: Any, s: Any, sims: dict[str, Any]) -> None:
    sims["printer"].set_paper("out")
    s.tap("政务服务 一站办理")
    s.wait_for("缺纸", timeout=5)  # Home says so before a journey starts
    assert note_of(s, "缺纸").startswith("⚠")
    home_to_identify(s)
    read_card(s, sims)
    fill_and_confirm(s)
    s.wait_for("缺纸", timeout=10)
    note = note_of(s, "缺纸")
    assert note.startswith("⚠") and "✓" not in note
    assert not s.says("回执已打印")
    # no A4 printer here: the copy is kept for the staff, said as a warning
    s.tap("打印 A4 申请表")
    s.scroll_to("未连接 A4 打印机", timeout=5)
    assert note_of(s, "未连接 A4 打印机").startswith("⚠")


def test_identity_is_bound_to_the_card_and_rules_check_it(
    kiosk: Any, s: Any, sims: dict[str, Any]
) -> None:
    card_to_form(s, sims)
    assert s.says("已按身份证读取，不可修改")
    s.tap("姓名")
    s.type_text("li si")
    assert field_text(s, "姓名") == NAME  # a card's name cannot be typed over
    from ui.testing.screen import ScreenError

    with pytest.raises(ScreenError, match="not enabled"):
        s.tap("女")  # nor its sex: the other choice is greyed out
    s.tap("60周岁以上老人")  # born 1980: not 60 yet
    s.wait_for("年满 60 周岁")
    s.tap("城乡居民")
    s.wait_until(lambda: not s.says("年满 60 周岁"), 3, "the age message to go")


def test_messages_belong_to_their_screen_and_follow_the_fields(
    kiosk: Any, s: Any, sims: dict[str, Any]
) -> None:
    to_identify(s)
    s.tap("手机扫码")  # the kiosk is offline here
    s.wait_for("需要联网")
    s.tap("首页")
    s.tap("进度查询")
    s.wait_for("办件进度查询")
    assert not s.says("需要联网")  # Identify's message stayed on Identify
    s.tap("首页")
    home_to_identify(s)
    read_card(s, sims)
    s.tap("下一步：材料")
    s.wait_for("有 3 项需要修改")  # phone, group and the declaration
    s.tap("本人承诺所填信息真实有效")
    s.scroll_to("有 2 项需要修改")  # the summary recounts
    s.tap("城乡居民")
    s.scroll_to("有 1 项需要修改")
    s.tap("联系电话")
    s.type_text("139")  # half a number: not judged while typing
    assert not s.says("手机号码格式不正确") and not s.says("请输入正确")
    s.type_text("12345678")
    s.tap("下一步：材料")
    s.wait_for("居民户口簿")
    s.tap("下一步：核对")
    s.wait_for("还有 2 项必需材料未勾选")
    s.tap("居民身份证")
    s.wait_for("还有 1 项必需材料未勾选")
    s.tap("居民户口簿")
    s.wait_until(lambda: not s.says("必需材料未勾选"), 3, "the materials message to go")


def test_keyboards_fit_the_field_and_the_field_stays_above_them(kiosk: Any, s: Any) -> None:
    to_identify(s)  # YB0102 allows typed identity
    s.tap("公民身份号码")
    assert not s.keyboard_up()  # the ID number has its own pad: digits and X
    for key in "44010619800101123X":
        s.tap(key)
    assert field_text(s, "公民身份号码") == "44010619800101123X"
    s.tap("删除")
    assert field_text(s, "公民身份号码") == "44010619800101123"
    # a phone field opens digits, and stays above the keyboard
    s.tap("首页")
    s.tap("进度查询")
    s.tap("输入受理编号或扫描回执二维码")
    s.wait_until(s.keyboard_up, 3, "the keyboard")
    assert_above_keyboard(s, "输入受理编号或扫描回执二维码")


def test_phone_field_opens_the_dialpad_above_which_it_stays(
    kiosk: Any, s: Any, sims: dict[str, Any]
) -> None:
    card_to_form(s, sims)
    s.tap("联系电话")
    s.wait_until(s.keyboard_up, 3, "the keyboard")
    labels = {str(k.property("displayText")) for k in s.keyboard_keys()}
    assert {"1", "5", "9", "0"} <= labels and "q" not in labels
    assert_above_keyboard(s, "联系电话")


def test_back_after_a_submit_never_reopens_the_form(
    kiosk: Any, s: Any, sims: dict[str, Any]
) -> None:
    card_to_form(s, sims)
    fill_and_confirm(s)
    s.wait_for("受理编号", timeout=10)
    s.tap("返回")
    s.wait_for("请选择您要办理的事项")
    assert not s.says("填写申请表") and not s.says("需要修改")


def test_a_rating_says_what_it_rates_and_is_single_choice(kiosk: Any, s: Any) -> None:
    from ui.testing.screen import accessible

    s.tap("政务服务 一站办理")
    s.tap("好差评")
    s.wait_for("评价的是本服务大厅")  # nothing done in this visit: the hall
    words = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
    assert {accessible(s.find(w).item)[0] for w in words} == {"RadioButton"}
    s.tap("满意")
    s.tap("非常满意")
    checked = [s.find(w).item.property("checked") for w in words]
    assert checked == [True, False, False, False, False]


def test_elderly_mode_reaches_the_keyboard_and_the_idle_time(kiosk: Any, s: Any) -> None:
    from PySide6.QtGui import QColor

    s.tap("政务服务 一站办理")
    normal = kiosk.backends.idle.quietSeconds
    s.tap("适老模式")
    assert kiosk.backends.idle.quietSeconds == 2 * normal
    s.tap("搜索服务")
    s.wait_until(s.keyboard_up, 3, "the keyboard")
    s.next_frame()
    keys = [k for k in s.keyboard_keys() if len(str(k.property("displayText"))) == 1]
    assert keys
    assert min(k.height() for k in keys) >= 90, [k.height() for k in keys][:5]  # 60 dp
    s.type_on_keyboard("sfz")
    s.wait_until(lambda: bool(s.keyboard_candidates()), 3, "pinyin candidates")
    sizes = [c.property("font").pixelSize() for c in s.keyboard_candidates()]
    assert min(sizes) >= 27, sizes  # 18 dp
    for key in keys[:10]:
        label = next(t for t in s.walk(key) if t.inherits("QQuickText") and t.property("text"))
        fg = QColor(label.property("color"))
        bg = _background_of(key)
        assert _contrast(fg, bg) >= 4.5, (label.property("text"), fg.name(), bg.name())


def test_pinyin_typed_on_the_virtual_keyboard_finds_the_service(kiosk: Any, s: Any) -> None:
    s.tap("政务服务 一站办理")
    s.tap("搜索服务")
    s.wait_until(s.keyboard_up, 3, "the keyboard")
    s.type_on_keyboard("shenfenzheng")  # the keyboard's own keys, tapped
    s.wait_until(lambda: bool(s.keyboard_candidates()), 3, "pinyin candidates")
    s.tap_candidate("身份证")
    s.wait_until(lambda: field_text(s, "例如：身份证、shebao、gjj、医保") == "身份证"
                 if s.exists("例如：身份证、shebao、gjj、医保") else True, 3, "the word")
    s.wait_for("居民身份证换领")


def _background_of(key: Any) -> Any:
    from PySide6.QtGui import QColor

    for item in key.parentItem().childItems() if False else _descendants(key):
        if item.inherits("QQuickRectangle") and item.width() > key.width() * 0.6:
            color = QColor(item.property("color"))
            if color.alpha() > 0:
                return color
    return QColor("#000000")  # the keyboard's own background behind transparent keys


def _descendants(item: Any) -> Iterator[Any]:
    for child in item.childItems():
        yield child
        yield from _descendants(child)


def _contrast(a: Any, b: Any) -> float:
    def lum(c: Any) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
