"""The resident's phone pages as pictures (``tour/phone/``), at a phone's size (360x740).

``kiosk tour`` calls ``phone_tour(out)`` after the kiosk's screens: a platform in a
folder of its own with the demo's identity provider and inbox, a kiosk enrolled
with it through the real API that submits an application, the operator moving it
to a certificate, then Debian's chromium (Playwright) opens each page the kiosk's
QR codes lead to and saves it. Without chromium or Playwright it says so and
saves none.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from app.browser import in_chromium

log = logging.getLogger(__name__)

WIDTH, HEIGHT = 360, 740
SERVICE = "GA0101"  # 居民身份证换领: kiosk, app and counter


def _seed(url: str, platform: Any, data_dir: Path) -> str:
    """A kiosk enrolled with the platform submits one application; its client id."""
    from app.tour_kiosk import tour_kiosk
    from sync.engine import SyncEngine

    with tour_kiosk(url, platform, data_dir, "TOUR01") as kiosk:
        sub = kiosk.submit(SERVICE)
        report = SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once()
        if not report.ok:
            raise RuntimeError(f"tour kiosk could not sync: {report.error_detail}")
    return sub.client_id


def phone_tour(out_dir: Path, browser: Any = None) -> list[Path]:
    """Save the pages; ``browser``: a Playwright browser already running (the tests'
    one: a process runs one Playwright at a time), else Debian's chromium is started."""
    return in_chromium("phone", lambda b: _tour(out_dir, b), browser)


def _tour(out_dir: Path, browser: Any) -> list[Path]:
    from app.demo_platform import demo_phone_services
    from app.tour_kiosk import tour_platform
    from central.certificates import issue_certificate
    from central.notices import dispatch_pending

    out = out_dir / "phone"
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tour_platform("phone-tour-", demo_phone_services) as (server, folder):
        platform = server.platform
        platform.public_url = server.url
        client_id = _seed(server.url, platform, folder / "kiosk")
        case_url = f"{server.url}/cases/{client_id}"
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="zh-CN")
        page = context.new_page()

        def shot(name: str) -> None:
            path = out / f"{len(saved):02d}-{name}.png"
            page.screenshot(path=str(path), full_page=True)
            saved.append(path)

        page.goto(f"{server.url}/guide/{SERVICE}")
        shot("guide")
        page.click("text=English")
        page.click("text=Large text")
        shot("guide-en-large-text")
        page.click("text=中文")
        page.click("text=标准版")
        page.goto(case_url)
        shot("case-received")
        case_number = platform.store.case_numbers()[client_id]
        for status in ("accepted", "in_review"):
            platform.store.set_status(case_number, status)
        platform.store.set_status(case_number, "approved", "材料齐全，准予办理")
        issue_certificate(platform, case_number, issued_by="tour")
        page.reload()
        shot("case-certificate-ready")
        page.fill("#last4", "1234")
        page.click("text=下载证书（PDF）")
        page.locator("#certificate").scroll_into_view_if_needed()
        shot("certificate-second-factor-refused")
        page.check("input[name=level][value='2']")
        page.click("text=提交评价")
        page.locator("#rating").scroll_into_view_if_needed()
        shot("rating-asks-why")
        page.check("input[name=level][value='5']")
        page.click("text=提交评价")
        shot("case-rated")
        page.goto(f"{server.url}/start")
        shot("start-list")
        page.goto(f"{server.url}/start/{SERVICE}")
        page.fill("#f-id_number", "11010519491231002")
        page.click("text=生成办件码")
        shot("start-form-errors")
        page.goto(f"{server.url}/start/{SERVICE}")
        for field, value in (("name", "王小明"), ("id_number", "11010519491231002X"),
                             ("nation", "汉"), ("birth_date", "1949-12-31"),
                             ("address", "北京市朝阳区建国路88号"),
                             ("phone", "13800138000")):  # fmt: skip
            page.fill(f"#f-{field}", value)
        for field in ("sex", "reason", "pickup"):
            page.select_option(f"#f-{field}", index=1)
        page.check("#f-agree")
        page.click("text=生成办件码")
        shot("continue-at-the-kiosk")
        page.goto(f"{server.url}/id")
        shot("identity-sign-in")
        page.fill("#id_number", "11010519491231002X")
        page.fill("#passcode", "135790")
        page.click("text=登录并显示身份码")
        shot("identity-code")
        page.goto(f"{server.url}/proofs/GA0202")
        shot("proof-sign-in")
        notifier = platform.notifier
        assert notifier is not None
        dispatch_pending(platform, notifier, server.url)
        page.goto(f"{server.url}/inbox")
        shot("demo-inbox")
        context.close()
    return saved
