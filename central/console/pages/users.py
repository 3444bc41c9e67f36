"""The administrator's pages: the audit trail, the accounts (add, disable or enable,
reset a password) and the API tokens (issue, revoke)."""
# No ``from __future__ import annotations``: FastAPI reads the route annotations.

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from central.console import security
from central.console.db import ROLES, Session
from central.console.pages.kit import Kit, Text
from central.console.security import AccountError

USERS = "/console/users"


def add_user_routes(router: APIRouter, kit: Kit) -> None:
    db = kit.db

    @router.get("/audit")
    def audit_view(request: Request, target: str = "", actor: str = "", action: str = "") -> Any:
        def render(session: Session) -> Response:
            rows = db.audit_rows(target=target.strip(), actor=actor.strip(), action=action.strip())
            return kit.page("audit.html", request, session, target=target, actor=actor,
                            action=action, rows=rows)  # fmt: skip

        return kit.show(request, "audit", render)

    def users_page(
        request: Request, session: Session, status: int = 200, **extra: Any
    ) -> HTMLResponse:
        return kit.page("users.html", request, session, status, accounts=db.accounts(),
                        tokens=db.api_tokens(), roles=ROLES, **extra)  # fmt: skip

    def account_form(request: Request, username: str, csrf: str) -> Session | Response:
        """``posted`` for a form about one account, which must exist."""
        session = kit.posted(request, "users", csrf)
        if isinstance(session, Response) or db.account(username) is not None:
            return session
        return kit.back(USERS, "没有此账号 No such account")

    @router.get("/users")
    def users(request: Request) -> Response:
        return kit.show(request, "users", lambda session: users_page(request, session))

    @router.post("/users")
    def add_user(
        request: Request, username: Text = "", role: Text = "", password: Text = "",
        display_name: Text = "", hall: Text = "", csrf: Text = "",
    ) -> Response:  # fmt: skip
        session = kit.posted(request, "users", csrf)
        if isinstance(session, Response):
            return session
        try:
            security.create_account(db, username, role, password, display_name=display_name,
                                    hall=hall)  # fmt: skip
        except AccountError as exc:
            return users_page(request, session, 422, error=str(exc))
        db.audit(session.account, "account_added", username.strip(), role, kit.address(request))
        return kit.back(USERS, f"已添加 Added: {username.strip()}")

    @router.post("/users/{username}/disable")
    def disable_user(
        request: Request, username: str, enable: Text = "", csrf: Text = ""
    ) -> Response:
        session = kit.posted(request, "users", csrf)
        if isinstance(session, Response):
            return session
        if db.account(username) is None or username == session.account.username:
            return kit.back(USERS, "不能变更此账号 This account cannot be changed here")
        db.set_disabled(username, not enable)
        db.audit(session.account, "account_enabled" if enable else "account_disabled", username,
                 address=kit.address(request))  # fmt: skip
        return kit.back(USERS, "已保存 Saved")

    @router.post("/users/{username}/password")
    def reset_user(
        request: Request, username: str, password: Text = "", csrf: Text = ""
    ) -> Response:
        def reset(session: Session) -> Response:
            try:
                db.set_password(username, security.hash_password(password))
            except AccountError as exc:
                return users_page(request, session, 422, error=str(exc))
            db.audit(session.account, "password_reset", username, address=kit.address(request))
            return kit.back(USERS, f"密码已重置 Password reset: {username}")

        return kit.then(account_form(request, username, csrf), reset)

    @router.post("/users/{username}/tokens")
    def issue_api_token(
        request: Request, username: str, label: Text = "", csrf: Text = ""
    ) -> Response:
        def issue(session: Session) -> Response:
            token_id, token = db.new_api_token(username, label.strip()[:64])
            db.audit(session.account, "api_token_issued", username, f"#{token_id}",
                     kit.address(request))  # fmt: skip
            return users_page(request, session, new_token=token, new_token_owner=username)

        return kit.then(account_form(request, username, csrf), issue)

    @router.post("/tokens/{token_id}/revoke")
    def revoke_api_token(request: Request, token_id: int, csrf: Text = "") -> Response:
        session = kit.posted(request, "users", csrf)
        if isinstance(session, Response):
            return session
        if db.revoke_api_token(token_id):
            db.audit(session.account, "api_token_revoked", f"#{token_id}",
                     address=kit.address(request))  # fmt: skip
        return kit.back(USERS, "已吊销 Revoked")
