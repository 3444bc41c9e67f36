"""The phone pages in a real browser (Debian's chromium at 360x740, console errors
fail the test), over a real platform on loopback that a real kiosk synced to."""

from __future__ import annotations

from typing import Any

import requests

from app.demo_platform import demo_phone_services
from central.cases import case_by_client_id
from central.certificates import issue_certificate
from central.notices import DemoInbox, dispatch_pending
from central.server import PlatformServer
from tests.phone.conftest import ID_NUMBER, NAME, Kiosk


def operator(platform: PlatformServer, case_number: str, status: str, note: str = "") -> None:
    """The operator moves the case, as ``kiosk platform set-status`` does."""
    platform.platform.store.set_status(case_number, status, note)


def px(page: Any, selector: str, prop: str) -> float:
    value = page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")
    return float(str(value).removesuffix("px"))


CONTRAST = """e => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  let bg = e, color = getComputedStyle(e).backgroundColor;
  while (color === "rgba(0, 0, 0, 0)" && bg.parentElement) {
    bg = bg.parentElement; color = getComputedStyle(bg).backgroundColor; }
  if (color === "rgba(0, 0, 0, 0)") color = "rgb(255, 255, 255)";
  const [a, b] = [lum(rgb(getComputedStyle(e).color)), lum(rgb(color))].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def contrast(page: Any, selector: str) -> float:
    """WCAG contrast of an element's text against the background it is drawn on."""
    return float(page.eval_on_selector(selector, CONTRAST))


def no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_guide_page_in_both_languages_and_large_text(platform: PlatformServer, phone: Any) -> None:
    phone.goto(f"{platform.url}/guide/GA0101")
    assert phone.title() == "居民身份证换领"
    body = phone.inner_text("main")
    for words in ("申请材料", "居民户口簿", "20元", "60个工作日", "15个工作日", "自助终端能否办理"):
        assert words in body, words
    assert no_sideways_scroll(phone)
    assert px(phone, "body", "fontSize") >= 16
    phone.click("text=English")
    assert phone.title() == "Renew a resident ID card"
    assert "Household register" in phone.inner_text("main")
    phone.click("text=Large text")
    assert px(phone, "body", "fontSize") >= 18 and px(phone, "h1", "fontSize") >= 30
    assert float(phone.eval_on_selector("body", "e => getComputedStyle(e).lineHeight")
                 .removesuffix("px")) >= 1.3 * px(phone, "body", "fontSize")  # fmt: skip
    box = phone.locator("a.button").first.bounding_box()
    assert box["height"] >= 60
    assert no_sideways_scroll(phone)
    for selector in ("main p", "a.button", "header nav a", ".note", "p.muted", "footer"):
        assert contrast(phone, selector) >= 4.5, selector
    phone.click("text=中文")  # the choices are remembered across pages
    phone.goto(f"{platform.url}/start")
    assert phone.title() == "手机办件" and px(phone, "body", "fontSize") >= 18
    missing = requests.get(f"{platform.url}/guide/NOPE", timeout=5)
    assert missing.status_code == 404 and "没有找到这个事项" in missing.text


def test_case_timeline_certificate_and_rating(
    platform: PlatformServer, kiosk: Kiosk, phone: Any
) -> None:
    sub = kiosk.submit()
    kiosk.sync()
    case = case_by_client_id(platform.platform, sub.client_id)
    assert case is not None
    url = f"{platform.url}/cases/{sub.client_id}"
    phone.goto(url)
    main = phone.inner_text("main")
    assert "居民身份证换领" in main and sub.tracking_no in main and case.case_number in main
    assert sub.masked_name in main and NAME not in phone.content()
    assert ID_NUMBER not in phone.content() and "13800138000" not in phone.content()
    done = phone.locator("ol.timeline li.done")
    assert done.count() == 1 and "平台已接收" in done.first.inner_text()
    assert "证书" in main and phone.locator("#last4").count() == 0  # nothing to download yet

    operator(platform, case.case_number, "accepted")
    operator(platform, case.case_number, "in_review")
    operator(platform, case.case_number, "approved", "材料齐全")
    phone.reload()
    assert phone.locator("ol.timeline li.done").count() == 4
    assert "材料齐全" in phone.inner_text("ol.timeline")
    assert phone.locator("[aria-current=step]").inner_text().find("已办结") >= 0

    issue_certificate(platform.platform, case.case_number, issued_by="test")
    phone.reload()
    assert phone.locator("ol.timeline li.done").count() == 5
    phone.fill("#last4", "9999")
    phone.click("text=下载证书（PDF）")
    assert "后4位不对" in phone.inner_text("main")
    phone.fill("#last4", ID_NUMBER[-4:])
    with phone.expect_download() as got:
        phone.click("text=下载证书（PDF）")
    download = got.value
    assert download.suggested_filename == f"certificate-{case.case_number}.pdf"
    assert open(download.path(), "rb").read(5) == b"%PDF-"

    # a bad rating asks what went wrong, with the kiosk's own rule
    phone.check("input[name=level][value='1']")
    phone.click("text=提交评价")
    assert "请至少选择一个原因" in phone.inner_text("main")
    assert phone.is_checked("input[name=level][value='1']")  # the choice is kept
    phone.check("input[name=level][value='4']")
    phone.click("text=提交评价")
    assert "您已评价：满意（在手机上）" in phone.inner_text("#rating + p")
    phone.reload()
    assert phone.locator("input[name=level]").count() == 0  # once per case


def test_rejection_shows_the_reason(platform: PlatformServer, kiosk: Kiosk, phone: Any) -> None:
    sub = kiosk.submit()
    kiosk.sync()
    case = case_by_client_id(platform.platform, sub.client_id)
    assert case is not None
    operator(platform, case.case_number, "rejected", "户口簿照片不清晰")
    phone.goto(f"{platform.url}/cases/{sub.client_id}")
    rejected = phone.locator("ol.timeline li.rejected")
    assert "未通过" in rejected.inner_text() and "户口簿照片不清晰" in rejected.inner_text()


def test_unknown_cases_are_not_found_and_guessing_is_limited(platform: PlatformServer) -> None:
    missing = requests.get(f"{platform.url}/cases/00000000-0000-4000-8000-000000000000")
    assert missing.status_code == 404 and "没有找到这个办件" in missing.text
    codes = [
        requests.get(f"{platform.url}/cases/guess-{i}", timeout=5).status_code for i in range(40)
    ]
    assert codes[:20] == [404] * 20 and codes[-1] == 429


def test_notices_reach_the_demo_inbox_with_the_masked_name_and_link(
    platform: PlatformServer, kiosk: Kiosk, phone: Any
) -> None:
    demo_phone_services(platform.platform)
    sub = kiosk.submit()
    kiosk.sync()
    case = case_by_client_id(platform.platform, sub.client_id)
    assert case is not None
    operator(platform, case.case_number, "accepted")
    notifier = platform.platform.notifier
    assert isinstance(notifier, DemoInbox)
    assert dispatch_pending(platform.platform, notifier, platform.url) == 2  # received, accepted
    assert dispatch_pending(platform.platform, notifier, platform.url) == 0  # once each
    phone.goto(f"{platform.url}/inbox")
    items = phone.locator("main li")
    assert items.count() == 2
    text = items.first.inner_text()
    assert sub.masked_name in text and f"/cases/{sub.client_id}" in text
    assert NAME not in phone.content() and "居民身份证" not in text  # masked name, link only
    assert "没有发出短信" in phone.inner_text("main")  # nothing claims an SMS went out
    items.first.locator("text=查看办件").click()
    assert sub.tracking_no in phone.inner_text("main")


def test_a_proof_the_kiosk_could_not_fetch_offline_downloads_after_sign_in(
    platform: PlatformServer, phone: Any
) -> None:
    demo_phone_services(platform.platform)
    phone.goto(f"{platform.url}/proofs/GA0202")  # the kiosk's offline proof QR leads here
    assert phone.title() == "户籍证明打印"
    phone.fill("#id_number", "11010519491231002X")
    phone.fill("#passcode", "000000")
    phone.click("text=登录并下载证明")
    assert "身份号码或验证码不对" in phone.inner_text("main")
    phone.fill("#id_number", "11010519491231002X")
    phone.fill("#passcode", "135790")
    with phone.expect_download() as got:
        phone.click("text=登录并下载证明")
    assert open(got.value.path(), "rb").read(5) == b"%PDF-"
    assert requests.get(f"{platform.url}/proofs/GA0101", timeout=5).status_code == 404


def test_sms_adapter_gets_the_template_with_the_masked_name_and_link_only(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    from central.notices import SmsError, SmsNotifier, inbox

    class Gateway:  # a province's gateway, as the adapter interface sees it
        def __init__(self) -> None:
            self.sent: list[tuple[str, str]] = []
            self.refuse = False

        def send(self, phone: str, text: str) -> str:
            if self.refuse:
                raise SmsError("gateway busy")
            self.sent.append((phone, text))
            return f"msg-{len(self.sent)}"

    gateway = Gateway()
    sub = kiosk.submit()
    kiosk.sync()
    sms = SmsNotifier(gateway)
    assert dispatch_pending(platform.platform, sms, "https://zwfw.example.gov.cn") == 1
    ((number, text),) = gateway.sent
    assert number == "13800138000"  # the form's phone field, from the sealed payload
    link = f"https://zwfw.example.gov.cn/cases/{sub.client_id}"
    assert text == f"【政务服务】{sub.masked_name}您好，您的办件有新进展，请点击查看：{link}"
    case = case_by_client_id(platform.platform, sub.client_id)
    assert case is not None
    gateway.refuse = True
    platform.platform.store.set_status(case.case_number, "accepted")
    assert dispatch_pending(platform.platform, sms, "https://zwfw.example.gov.cn") == 1
    states = [n.state for n in inbox(platform.platform)]
    assert states == ["failed", "sent"]  # newest first: a refused SMS is never called sent


def test_a_rating_given_at_the_kiosk_shows_on_the_phone_and_the_first_one_stays(
    platform: PlatformServer, kiosk: Kiosk, phone: Any
) -> None:
    from kiosk.evaluation_queue import submit_evaluation
    from kiosk.evaluations import Evaluation

    sub = kiosk.submit()
    rating = Evaluation(level=5, service_code=sub.service_code, application_id=sub.client_id)
    submit_evaluation(kiosk.storage, kiosk.outbox, kiosk.config.kiosk.code, rating)
    kiosk.sync()  # the sealed evaluation reaches the platform with the application
    phone.goto(f"{platform.url}/cases/{sub.client_id}")
    assert "您已评价：非常满意（在自助终端上）" in phone.inner_text("main")
    assert phone.locator("input[name=level]").count() == 0
    # a second rating from the kiosk (sent later, offline) does not replace the first
    again = Evaluation(level=1, reasons=("long_wait",), application_id=sub.client_id)
    submit_evaluation(kiosk.storage, kiosk.outbox, kiosk.config.kiosk.code, again)
    kiosk.sync()
    phone.reload()
    assert "非常满意（在自助终端上）" in phone.inner_text("main")


def test_the_kiosk_routes_of_the_phone_pages_are_signed_and_capped(
    platform: PlatformServer,
) -> None:
    for path in ("/api/v1/phone-drafts/claim", "/api/v1/cases/rating"):
        unsigned = requests.post(f"{platform.url}{path}", json={"code": "KCx"}, timeout=5)
        assert unsigned.status_code == 401, path  # judged by its headers, body unread
        big = requests.post(
            f"{platform.url}{path}",
            data=b"{" + b" " * 20_000 + b"}",
            headers={"Content-Type": "application/json"},
            timeout=5,
        )
        assert big.status_code == 413 and big.json()["error"] == "body_too_large", path
