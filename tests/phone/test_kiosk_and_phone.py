"""The two doors of one case: the kiosk's screens (tapped, with the device
simulators on ptys) and the resident's phone (chromium at 360x740), over one
real platform on loopback.

Every QR code is read as a phone's camera reads it: zbar on a picture, the
receipt the printer simulator printed, the kiosk window grabbed on the guide
screen, the phone page's own code screenshot for the kiosk's scanner.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from app.demo_platform import demo_phone_services  # noqa: E402
from central.cases import case_by_client_id  # noqa: E402
from central.server import PlatformServer  # noqa: E402
from tests.journey.walks import card_to_form, medical_form_to_review, search_to_guide  # noqa: E402
from tests.live import (  # noqa: E402
    attract_screen,
    devices_on,
    enrolled_with,
    running_platform,
    simulators,
    sync_once,
)
from tests.phone.qr import decode  # noqa: E402

NAME = "欧阳丽华"
ID_NUMBER = "440106198001011230"
PHONE = "13700001111"
SERVICE = "城乡居民基本医疗保险参保登记"  # YB0102: kiosk, web, app and counter
CODE = "YB0102"
@dataclass
class Live:
    app: Any
    platform: PlatformServer
    public: str  # the public URL the platform hands over at enrollment
    sims: dict[str, Any]
    screen: Any
    tmp: Path

    def sync(self) -> None:
        sync_once(self.app)


@pytest.fixture
def live(journey_app: Any, tmp_path: Path, qtbot: Any) -> Iterator[Live]:
    """The shared kiosk app, enrolled with a real platform, its devices on simulators."""
    with running_platform(tmp_path) as server:
        demo_phone_services(server.platform)
        # residents reach the platform under another name than the kiosks' API address
        server.platform.public_url = f"http://localhost:{server.port}"
        with (
            enrolled_with(journey_app, server),
            simulators(tmp_path) as sims,
            # a loaded machine (a browser, the platform and the kiosk on two cores):
            # a card's 1.3 KB at line speed can take longer than 0.3 s to arrive,
            # and three such polls in a row make the reader reopen its port
            devices_on(journey_app, sims, qtbot, printer_timeout=2.0, reader_timeout=1.0),
        ):
            screen = attract_screen(journey_app)
            yield Live(journey_app, server, server.platform.public_url, sims, screen, tmp_path)


def _to_guide(s: Any) -> None:
    s.tap("政务服务 一站办理")
    search_to_guide(s, "cxjmjbyl", SERVICE)


def _wait_for_card(live: Live, masked: str) -> None:
    """The card's masked name on the screen; if it never comes, the reader's
    state says why (a reopening port, a refused card) in the failure."""
    from ui.testing.screen import ScreenError

    try:
        live.screen.wait_for(masked, timeout=8)
    except ScreenError as exc:
        states = live.app.backends.areas["Devices"].states()
        raise AssertionError(f"{exc}; the reader: {states.get('idcard')}") from exc


def _form_to_receipt(live: Live, *, phone_typed: bool) -> Any:
    """From the filled form to the printed receipt, through the screens."""
    from ui.journey import JourneyAreas

    s = live.screen
    s.wait_for("填写申请表")
    medical_form_to_review(s, PHONE if phone_typed else None)
    s.tap("确认提交")
    j = JourneyAreas.of(live.app.backends)
    s.wait_until(lambda: j.receipt.printState == "printed", 10, "the receipt printed")
    assert live.sims["printer"].wait_for_receipt(1, timeout=5)
    return j


def test_every_kiosk_qr_leads_to_a_working_phone_page_and_the_rating_is_shared(
    live: Live, phone: Any
) -> None:

    s = live.screen
    _to_guide(s)
    # the guide screen's QR, grabbed from the window as a camera would see it
    shot = live.tmp / "guide.png"
    s.grab(str(shot))
    (guide_url,) = decode(shot)
    assert guide_url == f"{live.public}/guide/{CODE}"
    phone.goto(guide_url)
    assert phone.title() == SERVICE and "居民户口簿" in phone.inner_text("main")

    card_to_form(s, live.sims["card"], NAME, ID_NUMBER, "欧**华")
    j = _form_to_receipt(live, phone_typed=True)

    # the receipt's QR, from the picture of the paper the printer simulator printed
    (png,) = live.sims["printer"].pngs
    (case_url,) = decode(png)
    item = j.ctx.outbox.by_tracking_no(j.receipt.trackingNo)
    assert item is not None and case_url == f"{live.public}/cases/{item.client_id}"
    live.sync()  # the sync thread's cycle: the application reaches the platform
    phone.goto(case_url)
    main = phone.inner_text("main")
    assert SERVICE in main and item.tracking_no in main and "欧**华" in main
    assert NAME not in phone.content() and ID_NUMBER not in phone.content()
    assert "平台已接收" in phone.locator("ol.timeline li.done").inner_text()

    # an operator's status change shows on the phone
    case = case_by_client_id(live.platform.platform, item.client_id)
    assert case is not None
    live.platform.platform.store.set_status(case.case_number, "accepted")
    phone.reload()
    assert phone.locator("ol.timeline li.done").count() == 2
    assert "平台已受理" in phone.inner_text("ol.timeline")

    # rated on the phone; the kiosk's rating screen then says so and asks nothing
    phone.check("input[name=level][value='4']")
    phone.click("text=提交评价")
    assert "您已评价：满意（在手机上）" in phone.inner_text("main")
    s.tap("评价本次服务")
    s.wait_for("您已评价：满意（在手机上）")
    assert not s.exists("提交评价") and not s.exists("非常满意")
    s.tap("完成并退出")
    s.wait_for("政务服务自助终端")


def test_started_on_the_phone_and_finished_at_the_kiosk_by_the_right_card(
    live: Live, phone: Any
) -> None:
    from devices.sim.idcard_sim import make_id_number, sample_card

    # on the phone: the form from the same catalog, with the same rules
    phone.goto(f"{live.public}/guide/{CODE}")
    phone.click("text=在手机上先填表")
    phone.fill("#f-name", NAME)
    phone.fill("#f-id_number", "440106198001011231")  # a wrong check character
    phone.click("text=生成办件码")
    assert "公民身份号码" in phone.inner_text("main") and phone.locator("#e-id_number").count()
    assert phone.locator("#e-phone").inner_text().startswith("⚠")  # required, said in words
    phone.fill("#f-id_number", ID_NUMBER)
    phone.select_option("#f-sex", "2")
    phone.fill("#f-birth_date", "1980-01-01")
    phone.fill("#f-address", "广东省广州市天河区体育西路100号")
    phone.fill("#f-phone", PHONE)
    phone.select_option("#f-insured_type", "adult")
    phone.check("#f-agree")
    phone.click("text=生成办件码")
    phone.wait_for_selector("svg.qr")
    assert "到自助终端继续办理" in phone.inner_text("main")
    (continue_url,) = decode(phone.locator("svg.qr").screenshot())
    assert continue_url.startswith(f"{live.public}/continue/KC")

    # at the kiosk: 手机办件, the code on the scanner, then the card
    s = live.screen
    s.tap("政务服务 一站办理")
    s.tap("手机办件")
    s.wait_for("继续手机上的办件")
    live.sims["scanner"].scan(continue_url)
    s.wait_for("请将身份证放在读卡区", timeout=8)
    assert s.says(SERVICE)
    someone_else = make_id_number("11010519491231001")
    live.sims["card"].place(sample_card(name="张三", id_number=someone_else))
    s.wait_for("身份证与手机上填写的身份号码不一致", timeout=8)
    from ui.journey import JourneyAreas

    assert not JourneyAreas.of(live.app.backends).visit.identified
    live.sims["card"].remove()
    s.wait_until(lambda: not live.sims["card"].has_card, 3, "card taken")
    live.sims["card"].place(sample_card(name=NAME, id_number=ID_NUMBER, sex="2"))
    s.wait_for("欧**华", timeout=8)
    s.tap("继续")
    s.wait_for("填写申请表")
    j = JourneyAreas.of(live.app.backends)
    values = j.apply.form.values()
    assert values["phone"] == PHONE and values["insured_type"] == "adult"  # from the phone
    assert values["agree"] == "true"
    j = _form_to_receipt(live, phone_typed=False)
    (png,) = live.sims["printer"].pngs
    (case_url,) = decode(png)
    live.sync()
    phone.goto(continue_url)
    assert "自助终端已取走这份申请" in phone.inner_text("main")
    phone.goto(case_url)
    assert SERVICE in phone.inner_text("main")


def test_the_phone_identity_qr_identifies_at_the_kiosk(live: Live, phone: Any) -> None:
    from ui.journey import JourneyAreas

    phone.goto(f"{live.public}/id")  # 亮证: signed in through the identity provider
    phone.fill("#id_number", "11010519491231002X")
    phone.fill("#passcode", "135790")
    phone.click("text=登录并显示身份码")
    assert "张* 的身份码" in phone.inner_text("main")
    assert "11010519491231002X" not in phone.content()
    (code,) = decode(phone.locator("svg.qr").screenshot())
    assert code.startswith("GOVID:")
    s = live.screen
    _to_guide(s)
    s.tap("开始办理")
    s.wait_for("请将身份证放在读卡区")
    s.tap("手机扫码")
    s.wait_for("请将手机二维码对准扫码窗口")
    live.sims["scanner"].scan(code)
    s.wait_for("张*", timeout=8)
    j = JourneyAreas.of(live.app.backends)
    assert j.visit.identified and j.visit.maskedName == "张*"
    # the code works once: shown again at the next visit, it identifies nobody
    live.app.backends.shell.endSession("test")
    s.wait_for("政务服务自助终端")
    _to_guide(s)
    s.tap("开始办理")
    s.tap("手机扫码")
    s.wait_for("请将手机二维码对准扫码窗口")
    live.sims["scanner"].scan(code)
    s.wait_until(lambda: bool(j.visit.error), 8, "the used code refused")
    assert not j.visit.identified


def test_the_submitted_screen_and_offline_proof_qr_codes_open_working_pages(
    live: Live, phone: Any
) -> None:
    from devices.sim.idcard_sim import make_id_number, sample_card
    from sync.gateway import HttpGateway
    from ui.journey import JourneyAreas

    s = live.screen
    _to_guide(s)
    card_to_form(s, live.sims["card"], NAME, ID_NUMBER, "欧**华")
    j = _form_to_receipt(live, phone_typed=True)
    # the QR drawn on the Submitted screen, grabbed from the window
    shot = live.tmp / "submitted.png"
    s.grab(str(shot))
    (on_screen,) = decode(shot)
    item = j.ctx.outbox.by_tracking_no(j.receipt.trackingNo)
    assert item is not None and on_screen == f"{live.public}/cases/{item.client_id}"
    live.sync()
    phone.goto(on_screen)
    assert SERVICE in phone.inner_text("main")
    s.tap("完成并退出")
    s.wait_for("政务服务自助终端")

    # offline, a proof cannot be fetched: its QR leads to the phone page that gets it
    b = live.app.backends
    b.shell.endSession("test")
    j.visit.use_gateway(HttpGateway.from_settings(b.storage, b.config, online_fn=lambda: False))
    s.wait_for("政务服务自助终端")
    s.tap("政务服务 一站办理")
    s.tap("证明打印")
    s.wait_for("户籍证明打印")
    # the first resident takes their card back; the next one lays theirs down
    devices = b.areas["Devices"]
    live.sims["card"].remove()
    s.wait_until(lambda: not devices.cardPresent, 8, "the first card taken back")
    other = sample_card(name="李秀英", id_number=make_id_number("44010619700101222"))
    live.sims["card"].place(other)
    _wait_for_card(live, "李*英")
    s.tap("户籍证明打印")
    s.wait_for("当前无法连接平台，不能打印证明")
    s.grab(str(live.tmp / "proof.png"))
    (proof_url,) = decode(live.tmp / "proof.png")
    assert proof_url == f"{live.public}/proofs/GA0202"
    phone.goto(proof_url)
    assert phone.title() == "户籍证明打印"
    assert JourneyAreas.of(b).visit.identified
