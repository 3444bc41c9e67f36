"""The console's pages at ``/console/``: server-rendered forms, no script.

Every page but the login needs a live session (``__Host-console`` cookie); a
kiosk's signature or an API token opens none of them. Every POST carries the
session's CSRF token in a hidden field and is refused without it (the login
form carries a double-submit token of its own, since there is no session
yet). Each section checks the role (``security.SECTIONS``); a counter clerk's
cases are those of the kiosks in their hall. Every opening of a case's
sealed payload writes an audit row before the page is rendered.

One module because the console's pages share one session, CSRF and role check,
declared once where every route can be seen to use it.
"""
# No ``from __future__ import annotations``: FastAPI reads the route annotations.

import base64
import hmac
import io
import logging
import secrets
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import qrcode
from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from central.cases import local_time
from central.console import security
from central.console.cases import (
    AGES,
    Filters,
    QueueRow,
    case_view,
    queue,
    service_choices,
    status_choices,
)
from central.console.catalog import CatalogDesk
from central.console.db import ROLES, ConsoleDB, Session
from central.console.fleet import ALERT_LABELS, Fleet
from central.console.security import LOGIN_COOKIE, SESSION_COOKIE, AccountError
from central.platform import Platform
from central.store import StoreError
from protocol.provisioning import provisioning_uri

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
Text = Annotated[str, Form()]


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        role_labels=security.ROLE_LABELS, alert_labels=ALERT_LABELS, local_time=local_time
    )
    return env


def console_router(platform: Platform) -> APIRouter:
    """The staff console over ``platform``: its tables are created in the platform's
    database on first use, and its alerts follow every heartbeat."""
    router = APIRouter(prefix="/console", include_in_schema=False)
    db = ConsoleDB(platform.store)
    fleet = Fleet(db)
    platform.store.heartbeat_listeners["console"] = fleet.on_heartbeat
    desk = CatalogDesk(platform)
    env = _env()
    throttle = security.Throttle()

    def address(request: Request) -> str:
        return request.client.host if request.client else ""

    def page(
        name: str, request: Request, session: Session | None = None, status: int = 200,
        **context: Any,
    ) -> HTMLResponse:  # fmt: skip
        html = env.get_template(name).render(
            me=session.account if session else None,
            csrf=session.csrf if session else "",
            sections=security.sections_of(session.account) if session else [],
            path=request.url.path,
            message=request.query_params.get("msg", ""),
            **context,
        )
        return HTMLResponse(html, status_code=status, headers=HEADERS)

    def session_of(request: Request) -> Session | None:
        return db.session(request.cookies.get(SESSION_COOKIE, ""), security.IDLE_MINUTES)

    def need(request: Request, section: str) -> Session | Response:
        """The session if it may see ``section``; otherwise the answer to send."""
        session = session_of(request)
        if session is None:
            if request.method == "GET":
                nxt = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(
                    "/console/login?" + urlencode({"next": nxt}), 303, headers=HEADERS
                )
            return page("refused.html", request, None, 401, reason="请先登录 Please log in")
        if not security.may(session.account, section):
            return page("refused.html", request, session, 403,
                        reason="您的角色无权访问此处 Your role may not open this")  # fmt: skip
        return session

    def posted(request: Request, section: str, csrf: str) -> Session | Response:
        """``need`` for a form: and the form must carry this session's CSRF token."""
        session = need(request, section)
        if isinstance(session, Response):
            return session
        if not csrf or not hmac.compare_digest(csrf.encode(), session.csrf.encode()):
            db.audit(session.account, "csrf_refused", request.url.path, address=address(request))
            return page("refused.html", request, session, 403,
                        reason="表单已失效，请刷新页面重试 The form has expired: reload the page "
                        "and try again")  # fmt: skip
        return session

    def back(url: str, msg: str = "") -> RedirectResponse:
        return RedirectResponse(url + (f"?{urlencode({'msg': msg})}" if msg else ""), 303,
                                headers=HEADERS)  # fmt: skip

    # --- static, login, logout ----------------------------------------------------

    @router.get("/static/console.css")
    def stylesheet() -> FileResponse:
        return FileResponse(HERE / "static" / "console.css", media_type="text/css",
                            headers={"Cache-Control": "max-age=3600"})  # fmt: skip

    @router.get("/")
    def home(request: Request) -> Response:
        session = session_of(request)
        if session is None:
            return back("/console/login")
        sections = security.sections_of(session.account)
        return back(f"/console/{sections[0]}" if sections else "/console/login")

    def login_page(request: Request, status: int = 200, error: str = "") -> HTMLResponse:
        if not error and not security.secure_origin(request.url.scheme, request.url.hostname):
            # the browser would drop the Secure cookie: say why logging in cannot work
            error = ("此工作台须通过 HTTPS 访问 The console works over HTTPS only "
                     "(plain HTTP on this machine's loopback address alone)")  # fmt: skip
        token = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
        nxt = request.query_params.get("next", "")
        response = page("login.html", request, None, status, login_csrf=token, error=error,
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
        where = address(request)
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
        response = back(next if next.startswith("/console/") and "//" not in next else "/console/")
        response.set_cookie(SESSION_COOKIE, token, max_age=int(security.SESSION_HOURS * 3600),
                            path="/", secure=True, httponly=True, samesite="strict")  # fmt: skip
        response.delete_cookie(LOGIN_COOKIE, path="/", secure=True, httponly=True,
                               samesite="strict")  # fmt: skip
        return response

    @router.post("/logout")
    def logout(request: Request, csrf: Text = "") -> Response:
        session = session_of(request)
        if session is not None and hmac.compare_digest(csrf.encode(), session.csrf.encode()):
            db.end_session(request.cookies.get(SESSION_COOKIE, ""))
            db.audit(session.account, "logout", address=address(request))
        response = back("/console/login")
        response.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True,
                               samesite="strict")  # fmt: skip
        return response

    # --- cases ------------------------------------------------------------------------

    def clerk_hall(session: Session) -> str | None:
        return session.account.hall if session.account.role == "clerk" else None

    def find_case(session: Session, case_number: str) -> QueueRow | None:
        rows = queue(platform, db.halls(), Filters(), only_hall=clerk_hall(session),
                     case_number=case_number)  # fmt: skip
        return rows[0] if rows else None

    @router.get("/cases")
    def cases(
        request: Request, status: str = "", service: str = "", kiosk: str = "", hall: str = "",
        age: str = "",
    ) -> Response:  # fmt: skip
        session = need(request, "cases")
        if isinstance(session, Response):
            return session
        filters = Filters(status, service, kiosk, hall, age)
        halls = db.halls()
        rows = queue(platform, halls, filters, only_hall=clerk_hall(session))
        return page(
            "cases.html", request, session, rows=rows, filters=filters,
            statuses=status_choices(), services=service_choices(platform),
            kiosks=sorted({(k["kiosk_id"], k["code"]) for k in platform.store.kiosks()}),
            halls=sorted({h for h in halls.values() if h}), ages=AGES,
        )  # fmt: skip

    @router.get("/cases/{case_number}")
    def case(request: Request, case_number: str) -> Response:
        session = need(request, "cases")
        if isinstance(session, Response):
            return session
        row = find_case(session, case_number)
        if row is None:
            return page("refused.html", request, session, 404,
                        reason=f"没有此办件 No such case: {case_number}")  # fmt: skip
        # the audit row is written before the payload is opened: no reading unrecorded
        db.audit(session.account, "case_opened", case_number, address=address(request))
        view = case_view(platform, row)
        certificate = _certificate_of(platform, case_number)
        return page("case.html", request, session, view=view, certificate=certificate,
                    audit=db.audit_rows(target=case_number, limit=20)
                    if session.account.role == "admin" else [])  # fmt: skip

    @router.post("/cases/{case_number}/status")
    def case_status(
        request: Request, case_number: str, status: Text = "", reason: Text = "", csrf: Text = ""
    ) -> Response:
        session = posted(request, "cases", csrf)
        if isinstance(session, Response):
            return session
        row = find_case(session, case_number)
        if row is None:
            return page("refused.html", request, session, 404, reason="没有此办件 No such case")
        reason = reason.strip()
        if not reason:
            return back(f"/console/cases/{case_number}", "请填写原因 A reason is required")
        try:
            platform.store.set_status(case_number, status, reason[:500])
        except StoreError as exc:
            return back(f"/console/cases/{case_number}", f"未变更 Not changed: {exc}")
        db.audit(session.account, "status_changed", case_number,
                 f"{row.status} -> {status}: {reason[:200]}", address(request))  # fmt: skip
        return back(f"/console/cases/{case_number}", "状态已变更 Status changed")

    @router.post("/cases/{case_number}/certificate")
    def case_certificate(request: Request, case_number: str, csrf: Text = "") -> Response:
        session = posted(request, "cases", csrf)
        if isinstance(session, Response):
            return session
        if find_case(session, case_number) is None:
            return page("refused.html", request, session, 404, reason="没有此办件 No such case")
        from central.certificates import issue_certificate
        from kiosk.errors import KioskError

        try:
            cert = issue_certificate(platform, case_number, issued_by=session.account.username)
        except KioskError as exc:
            return back(f"/console/cases/{case_number}", f"未出证 Not issued: {exc.key}")
        db.audit(session.account, "certificate_issued", case_number, cert.sha256[:16],
                 address(request))  # fmt: skip
        return back(f"/console/cases/{case_number}", "证书已出具 Certificate issued")

    # --- fleet --------------------------------------------------------------------------

    def fleet_page(request: Request, session: Session, **extra: Any) -> HTMLResponse:
        fleet.sweep()
        return page("fleet.html", request, session, kiosks=fleet.rows(), alerts=db.alerts(),
                    **extra)  # fmt: skip

    @router.get("/fleet")
    def fleet_view(request: Request) -> Response:
        session = need(request, "fleet")
        if isinstance(session, Response):
            return session
        return fleet_page(request, session)

    @router.post("/fleet/alerts/{alert_id}/ack")
    def ack(request: Request, alert_id: int, csrf: Text = "") -> Response:
        session = posted(request, "fleet", csrf)
        if isinstance(session, Response):
            return session
        if db.ack_alert(alert_id, session.account.username):
            db.audit(session.account, "alert_acked", str(alert_id), address=address(request))
        return back("/console/fleet", "已确认 Acknowledged")

    @router.post("/fleet/tokens")
    def new_token(request: Request, url: Text = "", code: Text = "", csrf: Text = "") -> Response:
        session = posted(request, "fleet", csrf)
        if isinstance(session, Response):
            return session
        base = url.strip() or str(request.base_url).rstrip("/")
        token = platform.store.create_token()
        uri = provisioning_uri(base, token, code=code.strip().upper())
        image = qrcode.make(uri, border=2)
        png = io.BytesIO()
        image.save(png, format="PNG")
        db.audit(session.account, "enrollment_token", code.strip(), address=address(request))
        return fleet_page(
            request,
            session,
            token=token,
            uri=uri,
            qr="data:image/png;base64," + base64.b64encode(png.getvalue()).decode(),
        )

    @router.post("/fleet/{kiosk_id}/hall")
    def set_hall(request: Request, kiosk_id: str, hall: Text = "", csrf: Text = "") -> Response:
        session = posted(request, "fleet", csrf)
        if isinstance(session, Response):
            return session
        db.set_hall(kiosk_id, hall.strip()[:64])
        db.audit(session.account, "kiosk_hall", kiosk_id, hall.strip()[:64], address(request))
        return back("/console/fleet", "已保存 Saved")

    @router.post("/fleet/{kiosk_id}/revoke")
    def revoke(request: Request, kiosk_id: str, reason: Text = "", csrf: Text = "") -> Response:
        session = posted(request, "fleet", csrf)
        if isinstance(session, Response):
            return session
        if not reason.strip():
            return back("/console/fleet", "请填写吊销原因 A reason is required")
        if not platform.store.revoke_kiosk(kiosk_id, reason.strip()[:500]):
            return back("/console/fleet", f"没有此终端 No kiosk {kiosk_id}")
        db.audit(session.account, "kiosk_revoked", kiosk_id, reason.strip()[:200],
                 address(request))  # fmt: skip
        return back("/console/fleet", f"已吊销 Revoked: {kiosk_id}")

    # --- catalog -------------------------------------------------------------------------

    @router.get("/catalog")
    def catalog_view(request: Request) -> Response:
        session = need(request, "catalog")
        if isinstance(session, Response):
            return session
        return page("catalog.html", request, session, current=desk.current(),
                    staged=desk.staged())  # fmt: skip

    @router.post("/catalog/upload")
    def catalog_upload(
        request: Request, document: Annotated[UploadFile, File()], csrf: Text = ""
    ) -> Response:
        session = posted(request, "catalog", csrf)
        if isinstance(session, Response):
            return session
        raw = document.file.read()
        problems = desk.stage(raw, document.filename or "upload.json")
        db.audit(session.account, "catalog_uploaded", document.filename or "",
                 f"{len(problems)} problem(s)", address(request))  # fmt: skip
        return page("catalog.html", request, session, 200 if not problems else 422,
                    current=desk.current(), staged=desk.staged(), problems=problems)  # fmt: skip

    @router.post("/catalog/publish")
    def catalog_publish(request: Request, csrf: Text = "") -> Response:
        session = posted(request, "catalog", csrf)
        if isinstance(session, Response):
            return session
        try:
            version = desk.publish()
        except ValueError as exc:
            return back("/console/catalog", f"未发布 Not published: {exc}")
        db.audit(session.account, "catalog_published", f"v{version}", address=address(request))
        return back("/console/catalog", f"已发布 Published: version {version}")

    # --- audit, users ------------------------------------------------------------------

    @router.get("/audit")
    def audit_view(request: Request, target: str = "", actor: str = "", action: str = "") -> Any:
        session = need(request, "audit")
        if isinstance(session, Response):
            return session
        return page("audit.html", request, session, target=target, actor=actor, action=action,
                    rows=db.audit_rows(target=target.strip(), actor=actor.strip(),
                                       action=action.strip()))  # fmt: skip

    def users_page(
        request: Request, session: Session, status: int = 200, **extra: Any
    ) -> HTMLResponse:
        return page("users.html", request, session, status, accounts=db.accounts(),
                    tokens=db.api_tokens(), roles=ROLES, **extra)  # fmt: skip

    @router.get("/users")
    def users(request: Request) -> Response:
        session = need(request, "users")
        if isinstance(session, Response):
            return session
        return users_page(request, session)

    @router.post("/users")
    def add_user(
        request: Request, username: Text = "", role: Text = "", password: Text = "",
        display_name: Text = "", hall: Text = "", csrf: Text = "",
    ) -> Response:  # fmt: skip
        session = posted(request, "users", csrf)
        if isinstance(session, Response):
            return session
        try:
            security.create_account(db, username, role, password, display_name=display_name,
                                    hall=hall)  # fmt: skip
        except AccountError as exc:
            return users_page(request, session, 422, error=str(exc))
        db.audit(session.account, "account_added", username.strip(), role, address(request))
        return back("/console/users", f"已添加 Added: {username.strip()}")

    @router.post("/users/{username}/disable")
    def disable_user(
        request: Request, username: str, enable: Text = "", csrf: Text = ""
    ) -> Response:
        session = posted(request, "users", csrf)
        if isinstance(session, Response):
            return session
        if db.account(username) is None or username == session.account.username:
            return back("/console/users", "不能变更此账号 This account cannot be changed here")
        db.set_disabled(username, not enable)
        db.audit(session.account, "account_enabled" if enable else "account_disabled", username,
                 address=address(request))  # fmt: skip
        return back("/console/users", "已保存 Saved")

    @router.post("/users/{username}/password")
    def reset_user(
        request: Request, username: str, password: Text = "", csrf: Text = ""
    ) -> Response:
        session = posted(request, "users", csrf)
        if isinstance(session, Response):
            return session
        if db.account(username) is None:
            return back("/console/users", "没有此账号 No such account")
        try:
            db.set_password(username, security.hash_password(password))
        except AccountError as exc:
            return users_page(request, session, 422, error=str(exc))
        db.audit(session.account, "password_reset", username, address=address(request))
        return back("/console/users", f"密码已重置 Password reset: {username}")

    @router.post("/users/{username}/tokens")
    def issue_api_token(
        request: Request, username: str, label: Text = "", csrf: Text = ""
    ) -> Response:
        session = posted(request, "users", csrf)
        if isinstance(session, Response):
            return session
        if db.account(username) is None:
            return back("/console/users", "没有此账号 No such account")
        token_id, token = db.new_api_token(username, label.strip()[:64])
        db.audit(session.account, "api_token_issued", username, f"#{token_id}", address(request))
        return users_page(request, session, new_token=token, new_token_owner=username)

    @router.post("/tokens/{token_id}/revoke")
    def revoke_api_token(request: Request, token_id: int, csrf: Text = "") -> Response:
        session = posted(request, "users", csrf)
        if isinstance(session, Response):
            return session
        if db.revoke_api_token(token_id):
            db.audit(session.account, "api_token_revoked", f"#{token_id}",
                     address=address(request))  # fmt: skip
        return back("/console/users", "已吊销 Revoked")

    return router


def _certificate_of(platform: Platform, case_number: str) -> Any:
    from central.certificates import certificate_of_case

    return certificate_of_case(platform, case_number)
