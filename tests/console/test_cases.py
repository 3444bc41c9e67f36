"""Cases: a reviewer opens a kiosk-submitted case and reads it in words, the audit
row appears; a status change with its reason reaches the kiosk and the phone page;
a certificate is issued from the case's page; a clerk sees the cases of their hall."""

from __future__ import annotations

from typing import Any

import pytest

from central.console.db import ConsoleDB
from central.server import PlatformServer
from central.store import sql
from kiosk.progress import ProgressQuery
from tests.console.conftest import HALL, Kiosk, answered, kiosk_id_of, login, make_kiosk


def case_of(platform: PlatformServer, client_id: str) -> str:
    return platform.platform.store.case_numbers()[client_id]


def answers(page: Any) -> dict[str, str]:
    """The answers table as label -> value, read off the page."""
    rows = page.locator("table.answers").first.locator("tr")
    out = {}
    for i in range(rows.count()):
        out[rows.nth(i).locator("th").inner_text()] = rows.nth(i).locator("td").inner_text()
    return out


def test_reviewer_reads_the_case_in_words_and_the_audit_row_appears(
    platform: PlatformServer, desk: Any, kiosk: Kiosk
) -> None:
    _, case = kiosk.submit_to(platform)
    login(desk, platform, "rui")
    assert desk.url.endswith("/console/cases")
    row = desk.locator("tr", has=desk.get_by_role("link", name=case))
    assert "居民身份证换领" in row.inner_text() and "已接收 Received" in row.inner_text()
    row.get_by_role("link", name=case).click()
    assert desk.locator("h1").inner_text().startswith("居民身份证换领")
    got = answers(desk)
    # labels and options in words, not the catalog's values
    assert got["换领原因 Reason"].startswith("有效期满"), got
    assert got["领取方式 How to collect"].startswith("窗口自取"), got
    assert got["性别 Sex"].startswith("男"), got
    assert got["本人承诺所填信息真实有效 I declare that the information is true"] == "是 Yes", got
    assert "expired" not in desk.locator("main").inner_text()
    materials = desk.locator("table.answers").nth(1).inner_text()
    assert "居民户口簿" in materials and "已提交 Provided" in materials
    facts = desk.locator("dl.facts").nth(1).inner_text()
    assert "11010519491231002X" in facts and "身份证读卡" in facts  # the reviewer's to read
    # the admin reads who opened it
    desk.get_by_role("button", name="退出 Log out").click()
    login(desk, platform, "ada")
    desk.goto(f"{platform.url}/console/audit?action=case_opened")
    audit = desk.locator("table.audit tbody tr").first.inner_text()
    assert "rui" in audit and "case_opened" in audit and case in audit
    rows = ConsoleDB(platform.platform.store).audit_rows(target=case, action="case_opened")
    assert [r["actor"] for r in rows] == ["rui"] and rows[0]["at"]


def test_queue_filters_and_overdue(platform: PlatformServer, desk: Any, kiosk: Kiosk) -> None:
    fresh = kiosk.submit()
    old = kiosk.submit("GA0101")
    kiosk.sync()
    store = platform.platform.store
    # one case received 40 days ago: past the promised 15 working days
    with store.transaction() as conn:
        conn.execute(
            sql(
                "UPDATE applications SET received_at = '2026-01-02T01:00:00.000+00:00' "
                "WHERE client_id = :client"
            ),
            {"client": old.client_id},
        )
    login(desk, platform, "rui")
    desk.goto(f"{platform.url}/console/cases")
    overdue = desk.locator("tr.overdue")
    assert overdue.count() == 1 and case_of(platform, old.client_id) in overdue.inner_text()
    assert "已超期 Overdue" in overdue.inner_text()
    desk.get_by_label("时限 Time limit").select_option("overdue")
    desk.get_by_role("button", name="筛选 Filter").click()
    body = desk.locator("table.grid tbody").inner_text()
    assert case_of(platform, old.client_id) in body
    assert case_of(platform, fresh.client_id) not in body
    desk.get_by_label("时限 Time limit").select_option("")
    desk.get_by_label("状态 Status").select_option("approved")
    desk.get_by_role("button", name="筛选 Filter").click()
    assert "没有办件 No cases" in desk.locator("table.grid tbody").inner_text()


def test_status_change_reaches_the_kiosk_and_the_phone_page(
    platform: PlatformServer, desk: Any, phone: Any, kiosk: Kiosk
) -> None:
    sub, case = kiosk.submit_to(platform)
    login(desk, platform, "rui")
    desk.goto(f"{platform.url}/console/cases/{case}")
    desk.get_by_label("新状态 New status").select_option("accepted")
    desk.get_by_label("原因 Reason").fill("材料齐全，予以受理")
    desk.get_by_role("button", name="变更状态 Change status").click()
    assert "状态已变更" in desk.get_by_role("status").inner_text()
    assert "已受理 Accepted" in desk.locator("dl.facts").first.inner_text()
    assert "材料齐全，予以受理" in desk.locator("ol.timeline").inner_text()
    # the kiosk pulls it with its next sync
    kiosk.sync()
    found = ProgressQuery(kiosk.storage, kiosk.outbox).lookup(sub.tracking_no)
    assert found is not None and found.status == "accepted"
    assert found.status_key == "progress.status.accepted"
    # and the phone page behind the receipt's QR shows it, with the reason
    phone.goto(f"{platform.url}/cases/{sub.client_id}")
    accepted = phone.locator("ol.timeline li").nth(1)
    assert "done" in (accepted.get_attribute("class") or "")
    assert "材料齐全，予以受理" in accepted.inner_text()
    audit = ConsoleDB(platform.platform.store).audit_rows(target=case, action="status_changed")
    assert audit[0]["actor"] == "rui" and "received -> accepted" in audit[0]["detail"]


def test_a_reason_is_required_and_transitions_are_the_stores(
    platform: PlatformServer, desk: Any, kiosk: Kiosk
) -> None:
    _, case = kiosk.submit_to(platform)
    login(desk, platform, "rui")
    desk.goto(f"{platform.url}/console/cases/{case}")
    options = desk.get_by_label("新状态 New status").locator("option").all_inner_texts()
    assert options == ["已受理 Accepted", "不予受理 Rejected"]  # from received, nothing else
    desk.get_by_label("原因 Reason").fill("   ")
    desk.get_by_label("原因 Reason").evaluate("e => e.removeAttribute('required')")
    desk.get_by_role("button", name="变更状态 Change status").click()
    assert "请填写原因" in desk.get_by_role("status").inner_text()
    assert platform.platform.store.case_summary(case)["status"] == "received"  # type: ignore[index]


def test_certificate_issued_from_the_case_page(
    platform: PlatformServer, desk: Any, kiosk: Kiosk
) -> None:
    sub, case = kiosk.submit_to(platform)
    store = platform.platform.store
    for status in ("accepted", "in_review", "approved"):
        store.set_status(case, status, "ok")
    login(desk, platform, "rui")
    desk.goto(f"{platform.url}/console/cases/{case}")
    desk.get_by_role("button", name="出具证书 Issue certificate").click()
    assert "证书已出具" in desk.get_by_role("status").inner_text()
    assert "证书已出 Certificate ready" in desk.locator("dl.facts").first.inner_text()
    assert "证书已出具 Certificate issued" in desk.locator("section.actions").inner_text()
    from central.certificates import certificate_of_case

    cert = certificate_of_case(platform.platform, case)
    assert cert is not None and cert.issued_by == "rui" and cert.size > 1000
    kiosk.sync()
    found = ProgressQuery(kiosk.storage, kiosk.outbox).lookup(sub.tracking_no)
    assert found is not None and found.status == "certificate_ready"


def test_a_clerk_sees_the_cases_of_their_hall_only(
    platform: PlatformServer, desk: Any, kiosk: Kiosk, tmp_path: Any,
    request: pytest.FixtureRequest,
) -> None:  # fmt: skip
    other = make_kiosk(tmp_path / "other", platform, code="GD02")
    try:
        mine = kiosk.submit()
        kiosk.sync()
        theirs = other.submit()
        other.sync()
    finally:
        other.storage.close()
    ConsoleDB(platform.platform.store).set_hall(kiosk_id_of(kiosk), HALL)
    login(desk, platform, "cai")
    body = desk.locator("table.grid tbody").inner_text()
    assert case_of(platform, mine.client_id) in body
    assert case_of(platform, theirs.client_id) not in body
    response = desk.goto(f"{platform.url}/console/cases/{case_of(platform, theirs.client_id)}")
    assert response.status == 404 and answered(request, 404) == 1
    assert not ConsoleDB(platform.platform.store).audit_rows(action="case_opened")
