"""The console's door: its stylesheet, the home redirect, logging in and out.

The login form carries a double-submit token of its own (there is no session
yet to hold a CSRF token); attempts are throttled per address and an account is
locked after ``security.MAX_FAILURES`` wrong passwords.
"""
# No ``from __future__ import annotations``: FastAPI reads the route annotations.

import hmac
import secrets

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from central.console import security
from central.console.pages.kit import CONSOLE, Kit, Text
from central.console.security import LOGIN_COOKIE, SESSION_COOKIE


def add_login_routes(router: APIRouter, kit: Kit) -> None:
    db = kit.db
    throttle = security.Throttle()

    @router.get("/static/console.css")
    def stylesheet() -> FileResponse:
        return FileResponse(CONSOLE / "static" / "console.css", media_type="text/css",
                            headers={"Cache-Control": "max-age=3600"})  # fmt: skip

    @router.get("/")
    def home(request: Request) -> Response:
        session = kit.session_of(request)
        if session is None:
            return kit.back("/console/login")
        sections = security.sections_of(session.account)
        return kit.back(f"/console/{sections[0]}" if sections else "/console/login")

    def login_page(request: Request, status: int = 200, error: str = "") -> HTMLResponse:
        if not error and not security.secure_origin(request.url.scheme, request.url.hostname):
            # the browser would drop the Secure cookie: say why logging in cannot work
            error = ("此工作台须通过 HTTPS 访问 The console works over HTTPS only "
                     "(plain HTTP on this machine's loopback address alone)")  # fmt: skip
        token = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
        nxt = request.query_params.get("next", "")
        response = kit.page("login.html", request, None, status, login_csrf=token, error=error,
                            next=nxt if nxt.startswith("/console/") else "")  # fmt: skip
        response.set_cookie(LOGIN_COOKIE, token, max_age=3600, path="/", secure=True,
                            httponly=True, samesite="strict")  # fmt: skip
        return response

    @router.get("/login")
    def login_form(request: Request) -> Response:
        return login_page(request)

    @router.post("/login")
    def login(
        request: Request, username: Text = "", password: Text = "", csrf: Text = "",
        next: Text = "",
    ) -> Response:  # fmt: skip
        expected = request.cookies.get(LOGIN_COOKIE, "")
        if not csrf or not expected or not hmac.compare_digest(csrf.encode(), expected.encode()):
            return login_page(request, 403, "表单已失效，请重试 The form has expired: try again")
        where = kit.address(request)
        if not throttle.allow(where):
            db.audit(username[:64], "login_throttled", address=where)
            return login_page(request, 429, "尝试过于频繁，请稍后再试 Too many attempts: wait a "
                              "few minutes")  # fmt: skip
        account = db.account(username.strip())
        if account is not None and security.is_locked(account):
            db.audit(account, "login_locked", address=where)
            return login_page(request, 403, "账号已锁定，请15分钟后再试或联系管理员 The "
                              "account is locked: try again in 15 minutes or ask an "
                              "administrator")  # fmt: skip
        ok, fresher = security.check_password(account, password)
        if not ok or account is None:
            locked = account is not None and db.login_failed(
                account.username, security.MAX_FAILURES, security.LOCK_MINUTES
            )
            db.audit(account or username[:64], "login_locked_out" if locked else "login_failed",
                     address=where)  # fmt: skip
            if locked:
                return login_page(request, 403, "密码错误次数过多，账号已锁定15分钟 Too many wrong "
                                  "passwords: the account is locked for 15 minutes")  # fmt: skip
            return login_page(request, 401, "用户名或密码错误 Wrong username or password")
        if account.disabled:
            db.audit(account, "login_disabled", address=where)
            return login_page(request, 403, "账号已停用 The account is disabled")
        db.login_succeeded(account.username, fresher)
        token = db.new_session(account.username, security.SESSION_HOURS)
        db.audit(account, "login", address=where)
        response = kit.back(
            next if next.startswith("/console/") and "//" not in next else "/console/"
        )
        response.set_cookie(SESSION_COOKIE, token, max_age=int(security.SESSION_HOURS * 3600),
                            path="/", secure=True, httponly=True, samesite="strict")  # fmt: skip
        response.delete_cookie(LOGIN_COOKIE, path="/", secure=True, httponly=True,
                               samesite="strict")  # fmt: skip
        return response

    @router.post("/logout")
    def logout(request: Request, csrf: Text = "") -> Response:
        session = kit.session_of(request)
        if session is not None and hmac.compare_digest(csrf.encode(), session.csrf.encode()):
            db.end_session(request.cookies.get(SESSION_COOKIE, ""))
            db.audit(session.account, "logout", address=kit.address(request))
        response = kit.back("/console/login")
        response.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True,
                               samesite="strict")  # fmt: skip
        return response
