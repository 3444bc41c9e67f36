"""Logging in: each role sees its own sections, the cookie is Secure, HttpOnly and
SameSite=Strict, wrong passwords lock the account, a form without its CSRF token
is refused."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from central.console.db import ConsoleDB
from central.server import PlatformServer
from tests.console.conftest import HALL, PASSWORD, Kiosk, answered, login

NAV = {
    "ada": ["办件 Cases", "终端 Fleet", "事项目录 Catalog", "审计 Audit", "账号 Accounts"],
    "rui": ["办件 Cases"],
    "cai": ["办件 Cases"],
    "tan": ["终端 Fleet"],
}


def nav(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("header nav a").all_inner_texts()]


@pytest.mark.parametrize("username", sorted(NAV))
def test_each_role_sees_its_sections(
    platform: PlatformServer, desk: Any, username: str, request: pytest.FixtureRequest
) -> None:
    login(desk, platform, username)
    assert nav(desk) == NAV[username]
    header = desk.locator("header form.me").inner_text()
    assert username.title() in header
    if username == "cai":
        assert HALL in header
    cookies = {c["name"]: c for c in desk.context.cookies()}
    session = cookies["__Host-console"]
    assert session["secure"] and session["httpOnly"] and session["sameSite"] == "Strict"
    assert session["path"] == "/" and "__Host-console-login" not in cookies
    # a section of another role answers 403 with words, not the section
    other = "fleet" if username in ("rui", "cai") else "cases"
    if username != "ada":
        response = desk.goto(f"{platform.url}/console/{other}")
        assert response.status == 403
        assert "您的角色无权访问此处" in desk.locator("main").inner_text()
        assert answered(request, 403) == 1
    desk.get_by_role("button", name="退出 Log out").click()
    assert desk.url.endswith("/console/login")
    desk.goto(f"{platform.url}/console/cases")
    assert "/console/login" in desk.url  # the session ended


def test_wrong_passwords_lock_the_account(
    platform: PlatformServer, desk: Any, request: pytest.FixtureRequest
) -> None:
    for _ in range(4):
        login(desk, platform, "rui", "wrong password!")
        assert "用户名或密码错误" in desk.get_by_role("alert").inner_text()
    login(desk, platform, "rui", "wrong password!")
    assert "账号已锁定15分钟" in desk.get_by_role("alert").inner_text()
    login(desk, platform, "rui", PASSWORD)  # the right one, now too late
    assert "账号已锁定" in desk.get_by_role("alert").inner_text()
    assert nav(desk) == []
    db = ConsoleDB(platform.platform.store)
    account = db.account("rui")
    assert account is not None and account.locked_until
    actions = [r["action"] for r in db.audit_rows(actor="rui")]
    assert actions.count("login_failed") == 4 and "login_locked_out" in actions
    assert "login_locked" in actions
    # an unknown name and a known one answer alike
    login(desk, platform, "nobody", "wrong password!")
    assert "用户名或密码错误" in desk.get_by_role("alert").inner_text()
    # an administrator's reset lifts the lock
    login(desk, platform, "ada")
    desk.goto(f"{platform.url}/console/users")
    desk.get_by_label("新密码 New password for rui").fill("a-brand-new-password")
    row = desk.locator("tr", has=desk.get_by_label("新密码 New password for rui"))
    row.get_by_role("button", name="重置密码 Reset password").click()
    assert "密码已重置" in desk.get_by_role("status").inner_text()
    desk.get_by_role("button", name="退出 Log out").click()
    login(desk, platform, "rui", "a-brand-new-password")
    assert nav(desk) == ["办件 Cases"]
    assert answered(request, 401) == 5 and answered(request, 403) == 2


def test_a_form_without_its_csrf_token_is_refused(
    platform: PlatformServer, desk: Any, kiosk: Kiosk, request: pytest.FixtureRequest
) -> None:
    _, case = kiosk.submit_to(platform)
    login(desk, platform, "rui")
    # the token taken out of the form, then a forged one: refused the same way
    for tamper in ("e => e.remove()", "e => e.value = 'forged'"):
        desk.goto(f"{platform.url}/console/cases/{case}")
        form = desk.locator("form", has=desk.get_by_role("button", name="变更状态 Change status"))
        form.get_by_label("原因 Reason").fill("材料齐全")
        form.locator("input[name=csrf]").evaluate(tamper)
        form.get_by_role("button", name="变更状态 Change status").click()
        assert "表单已失效" in desk.get_by_role("alert").inner_text()
        status = platform.platform.store.case_summary(case)["status"]  # type: ignore[index]
        assert status == "received", tamper
    audit = ConsoleDB(platform.platform.store).audit_rows(action="csrf_refused")
    assert len(audit) == 2 and audit[0]["actor"] == "rui"
    assert answered(request, 403) == 2


def test_the_login_form_needs_its_token_too(
    platform: PlatformServer, desk: Any, request: pytest.FixtureRequest
) -> None:
    desk.goto(f"{platform.url}/console/login")
    desk.get_by_label("用户名 Username").fill("ada")
    desk.get_by_label("密码 Password").fill(PASSWORD)
    desk.locator("input[name=csrf]").evaluate("e => e.remove()")
    desk.get_by_role("button", name="登录 Log in").click()
    assert "表单已失效" in desk.get_by_role("alert").inner_text()
    assert nav(desk) == [] and answered(request, 403) == 1
    # and a script that posts the password without the login page's cookie gets nowhere
    answer = requests.post(
        f"{platform.url}/console/login",
        data={"username": "ada", "password": PASSWORD, "csrf": "x"},
        allow_redirects=False, timeout=10,
    )  # fmt: skip
    assert answer.status_code == 403 and "__Host-console=" not in answer.headers.get(
        "set-cookie", ""
    )


def test_hash_parameters_in_service() -> None:
    """In service the console hashes with argon2id at argon2-cffi's defaults (RFC 9106's
    second recommended set: 64 MiB, 3 passes, 4 lanes), and the stored hash is no
    password."""
    from central.console import security

    before = security._hasher
    security.set_hasher(security.PasswordHasher())
    try:
        stored = security.hash_password("a long enough password")
    finally:
        security.set_hasher(before)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert "a long enough password" not in stored
    with pytest.raises(security.AccountError):
        security.hash_password("short")


def test_an_admin_manages_accounts_and_api_tokens(
    platform: PlatformServer, desk: Any, request: pytest.FixtureRequest
) -> None:
    login(desk, platform, "ada")
    desk.goto(f"{platform.url}/console/users")
    add = desk.locator("form[action='/console/users']")
    add.get_by_label("用户名 Username").fill("desk2")
    add.get_by_label("姓名 Name").fill("二号窗口")
    add.get_by_label("角色 Role").select_option("clerk")
    add.get_by_label("大厅 Hall").fill(HALL)
    add.get_by_label("初始密码 Password").fill("a clerk's first password")
    add.get_by_role("button", name="添加 Add").click()
    assert "已添加 Added: desk2" in desk.get_by_role("status").inner_text()
    row = desk.locator("tr", has=desk.get_by_label("令牌用途 Token label for desk2"))
    assert "窗口人员 Counter clerk" in row.inner_text() and HALL in row.inner_text()
    row.get_by_label("令牌用途 Token label for desk2").fill("叫号机")
    row.get_by_role("button", name="接口令牌 API token").click()
    shown = desk.get_by_role("status").inner_text()
    token = shown.split()[-1]
    assert token.startswith("gkp_") and "shown once" in shown
    db = ConsoleDB(platform.platform.store)
    assert db.api_account(token) is not None
    desk.goto(f"{platform.url}/console/users")
    assert token not in desk.content()  # shown once, never again
    tokens = desk.locator("table").nth(1)
    tokens.locator("tr", has_text="叫号机").get_by_role("button", name="吊销 Revoke").click()
    assert db.api_account(token) is None
    row = desk.locator("tr", has=desk.get_by_label("令牌用途 Token label for desk2"))
    row.get_by_role("button", name="停用 Disable").click()
    account = db.account("desk2")
    assert account is not None and account.disabled
    desk.get_by_role("button", name="退出 Log out").click()
    login(desk, platform, "desk2", "a clerk's first password")
    assert "账号已停用" in desk.get_by_role("alert").inner_text()
    assert answered(request, 403) == 1
    actions = [r["action"] for r in db.audit_rows(actor="ada")]
    assert {"account_added", "api_token_issued", "api_token_revoked", "account_disabled"} <= set(
        actions
    )
