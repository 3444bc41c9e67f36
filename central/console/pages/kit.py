"""What every console page shares: the session, its role check, the CSRF check of a
form, the page rendering with the console's headers, and the redirect back.

Declared once so that every route in ``central.console.pages`` can be seen to go
through the same ``need`` (a GET) or ``posted`` (a form) before it does anything.
"""
# No ``from __future__ import annotations``: FastAPI reads ``Text`` in route annotations.

import hmac
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from central.cases import local_time
from central.console import security
from central.console.db import ConsoleDB, Session
from central.console.fleet import ALERT_LABELS
from central.console.security import SESSION_COOKIE

CONSOLE = Path(__file__).resolve().parent.parent  # templates/ and static/
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
        loader=FileSystemLoader(CONSOLE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        role_labels=security.ROLE_LABELS, alert_labels=ALERT_LABELS, local_time=local_time
    )
    return env


class Kit:
    """The console's database and templates, and the checks every page goes through."""

    def __init__(self, db: ConsoleDB) -> None:
        self.db = db
        self.env = _env()

    @staticmethod
    def address(request: Request) -> str:
        return request.client.host if request.client else ""

    def page(
        self, name: str, request: Request, session: Session | None = None, status: int = 200,
        **context: Any,
    ) -> HTMLResponse:  # fmt: skip
        html = self.env.get_template(name).render(
            me=session.account if session else None,
            csrf=session.csrf if session else "",
            sections=security.sections_of(session.account) if session else [],
            path=request.url.path,
            message=request.query_params.get("msg", ""),
            **context,
        )
        return HTMLResponse(html, status_code=status, headers=HEADERS)

    def refused(
        self, request: Request, session: Session | None, status: int, reason: str
    ) -> HTMLResponse:
        return self.page("refused.html", request, session, status, reason=reason)

    def session_of(self, request: Request) -> Session | None:
        return self.db.session(request.cookies.get(SESSION_COOKIE, ""), security.IDLE_MINUTES)

    def need(self, request: Request, section: str) -> Session | Response:
        """The session if it may see ``section``; otherwise the answer to send."""
        session = self.session_of(request)
        if session is None:
            if request.method == "GET":
                nxt = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse(
                    "/console/login?" + urlencode({"next": nxt}), 303, headers=HEADERS
                )
            return self.refused(request, None, 401, "请先登录 Please log in")
        if not security.may(session.account, section):
            return self.refused(request, session, 403,
                                "您的角色无权访问此处 Your role may not open this")  # fmt: skip
        return session

    def posted(self, request: Request, section: str, csrf: str) -> Session | Response:
        """``need`` for a form: and the form must carry this session's CSRF token."""
        session = self.need(request, section)
        if isinstance(session, Response):
            return session
        if not csrf or not hmac.compare_digest(csrf.encode(), session.csrf.encode()):
            self.db.audit(session.account, "csrf_refused", request.url.path,
                          address=self.address(request))  # fmt: skip
            return self.refused(request, session, 403,
                                "表单已失效，请刷新页面重试 The form has expired: reload the "
                                "page and try again")  # fmt: skip
        return session

    @staticmethod
    def then(checked: Session | Response, act: Callable[[Session], Response]) -> Response:
        """``act`` with the session ``need`` or ``posted`` gave, or the refusal they gave."""
        return checked if isinstance(checked, Response) else act(checked)

    def show(
        self, request: Request, section: str, render: Callable[[Session], Response]
    ) -> Response:
        """A page of ``section``, rendered for a session that may see it."""
        return self.then(self.need(request, section), render)

    @staticmethod
    def back(url: str, msg: str = "") -> RedirectResponse:
        return RedirectResponse(url + (f"?{urlencode({'msg': msg})}" if msg else ""), 303,
                                headers=HEADERS)  # fmt: skip
