"""The staff console's pages as pictures (``tour/console/``), taken in a real browser.

``kiosk tour`` calls ``console_tour(out)`` after the kiosk's screens: a platform in
a folder of its own with the demo's accounts, a kiosk enrolled with it through the
real API that submits a few applications and sends a heartbeat with its printer
out of paper, then Debian's chromium (Playwright) logs in as each role and saves
each page at 1280x800. Without chromium or Playwright it says so and saves none.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from app.browser import in_chromium

log = logging.getLogger(__name__)


def _seed(url: str, platform: Any, data_dir: Path) -> str:
    """A kiosk enrolled with the platform that submits four applications (one of them
    made overdue) and reports paper out; returns the first case number."""
    from app.tour_kiosk import tour_kiosk
    from central.store import sql
    from sync.engine import SyncEngine

    with tour_kiosk(url, platform, data_dir, "CG01") as kiosk:
        submitted = [kiosk.submit("GA0101", last_option=True) for _ in range(4)]

        def paper_out() -> dict[str, str]:
            return {"idcard": "ok", "printer": "paper_out", "scanner": "ok",
                    "paper": "error.printer.paper_out"}  # fmt: skip

        SyncEngine.from_settings(kiosk.storage, kiosk.config, paper_out).run_once(heartbeat=True)
    cases = platform.store.case_numbers()
    first = str(cases[submitted[0].client_id])
    with platform.store.transaction() as conn:  # received weeks ago: past its time limit
        conn.execute(
            sql("UPDATE applications SET received_at = :at WHERE client_id = :client"),
            {"at": "2026-01-05T02:00:00.000+00:00", "client": submitted[1].client_id},
        )
    platform.store.set_status(cases[submitted[2].client_id], "accepted", "材料齐全")
    return first


def console_tour(out_dir: Path, browser: Any = None) -> list[Path]:
    """Every console page as a PNG in ``out_dir/console``; ``browser``: a Playwright
    browser already running (the tests' one), else chromium is started here."""
    return in_chromium("console", lambda b: _tour(out_dir, b), browser)


def _tour(out_dir: Path, browser: Any) -> list[Path]:
    from argon2 import PasswordHasher

    from central.console import security

    # throwaway accounts in a throwaway folder: cheap hashes keep the tour short
    hasher = security._hasher
    security.set_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    try:
        return _pages(out_dir, browser)
    finally:
        security.set_hasher(hasher)


def _pages(out_dir: Path, browser: Any) -> list[Path]:
    from app.demo_platform import DEMO_PASSWORD, demo_console
    from app.tour_kiosk import tour_platform

    out = out_dir / "console"
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tour_platform("console-tour-", demo_console) as (server, folder):
        platform = server.platform
        case = _seed(server.url, platform, folder / "kiosk")
        bad = json.loads(platform.catalog_path.read_text(encoding="utf-8"))
        bad["version"] = 9
        bad["services"][0]["form"][0]["type"] = "colour"
        del bad["services"][1]["name_zh"]
        (folder / "catalog-with-problems.json").write_text(json.dumps(bad, ensure_ascii=False),
                                                         encoding="utf-8")  # fmt: skip
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
        try:
            page = context.new_page()

            def shot(name: str) -> None:
                path = out / f"{len(saved):02d}-{name}.png"
                page.screenshot(path=str(path), full_page=True)
                saved.append(path)

            def login(username: str) -> None:
                page.goto(f"{server.url}/console/login")
                page.get_by_label("用户名 Username").fill(username)
                page.get_by_label("密码 Password").fill(DEMO_PASSWORD)
                page.get_by_role("button", name="登录 Log in").click()
                page.wait_for_load_state()

            def logout() -> None:
                page.get_by_role("button", name="退出 Log out").click()

            page.goto(f"{server.url}/console/login")
            shot("login")
            login("reviewer")
            shot("cases-queue")
            page.goto(f"{server.url}/console/cases/{case}")
            shot("case-in-words")
            page.get_by_label("原因 Reason").fill("材料齐全，予以受理")
            page.get_by_role("button", name="变更状态 Change status").click()
            shot("case-status-changed")
            logout()
            login("clerk")
            shot("clerk-hall-queue")
            logout()
            login("tech")
            shot("fleet-alerts")
            page.get_by_label("平台地址 Platform URL").fill("https://zwfw.example.gov.cn")
            page.get_by_label("终端编号 Kiosk code").fill("CG02")
            page.get_by_role("button", name="生成令牌与二维码 New token and QR").click()
            page.locator(".token").scroll_into_view_if_needed()
            shot("fleet-enrollment-qr")
            logout()
            login("admin")
            page.goto(f"{server.url}/console/catalog")
            page.get_by_label("目录文件 Catalog file (JSON)").set_input_files(
                str(folder / "catalog-with-problems.json")
            )
            page.get_by_role("button", name="检查 Check").click()
            shot("catalog-problems")
            page.goto(f"{server.url}/console/audit")
            shot("audit")
            page.goto(f"{server.url}/console/users")
            shot("accounts")
        finally:
            context.close()
    return saved
