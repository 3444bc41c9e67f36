"""The case pages: the queue, one case (its opening audited before it is shown), a
status change with its reason, and issuing a case's certificate.

A counter clerk sees only the cases of the kiosks in their hall, also when a
case number is typed into the address bar.
"""
# No ``from __future__ import annotations``: FastAPI reads the route annotations.

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from central.console.cases import (
    AGES,
    Filters,
    QueueRow,
    case_view,
    queue,
    service_choices,
    status_choices,
)
from central.console.db import Session
from central.console.pages.kit import Kit, Text
from central.platform import Platform
from central.store import StoreError


def add_case_routes(router: APIRouter, kit: Kit, platform: Platform) -> None:
    db = kit.db

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
        session = kit.need(request, "cases")
        if isinstance(session, Response):
            return session
        filters = Filters(status, service, kiosk, hall, age)
        halls = db.halls()
        rows = queue(platform, halls, filters, only_hall=clerk_hall(session))
        return kit.page(
            "cases.html", request, session, rows=rows, filters=filters,
            statuses=status_choices(), services=service_choices(platform),
            kiosks=sorted({(k["kiosk_id"], k["code"]) for k in platform.store.kiosks()}),
            halls=sorted({h for h in halls.values() if h}), ages=AGES,
        )  # fmt: skip

    @router.get("/cases/{case_number}")
    def case(request: Request, case_number: str) -> Response:
        session = kit.need(request, "cases")
        if isinstance(session, Response):
            return session
        row = find_case(session, case_number)
        if row is None:
            return kit.refused(request, session, 404, f"没有此办件 No such case: {case_number}")
        # the audit row is written before the payload is opened: no reading unrecorded
        db.audit(session.account, "case_opened", case_number, address=kit.address(request))
        view = case_view(platform, row)
        certificate = _certificate_of(platform, case_number)
        return kit.page("case.html", request, session, view=view, certificate=certificate,
                        audit=db.audit_rows(target=case_number, limit=20)
                        if session.account.role == "admin" else [])  # fmt: skip

    @router.post("/cases/{case_number}/status")
    def case_status(
        request: Request, case_number: str, status: Text = "", reason: Text = "", csrf: Text = ""
    ) -> Response:
        session = kit.posted(request, "cases", csrf)
        if isinstance(session, Response):
            return session
        row = find_case(session, case_number)
        if row is None:
            return kit.refused(request, session, 404, "没有此办件 No such case")
        reason = reason.strip()
        if not reason:
            return kit.back(f"/console/cases/{case_number}", "请填写原因 A reason is required")
        try:
            platform.store.set_status(case_number, status, reason[:500])
        except StoreError as exc:
            return kit.back(f"/console/cases/{case_number}", f"未变更 Not changed: {exc}")
        db.audit(session.account, "status_changed", case_number,
                 f"{row.status} -> {status}: {reason[:200]}", kit.address(request))  # fmt: skip
        return kit.back(f"/console/cases/{case_number}", "状态已变更 Status changed")

    @router.post("/cases/{case_number}/certificate")
    def case_certificate(request: Request, case_number: str, csrf: Text = "") -> Response:
        session = kit.posted(request, "cases", csrf)
        if isinstance(session, Response):
            return session
        if find_case(session, case_number) is None:
            return kit.refused(request, session, 404, "没有此办件 No such case")
        from central.certificates import issue_certificate
        from kiosk.errors import KioskError

        try:
            cert = issue_certificate(platform, case_number, issued_by=session.account.username)
        except KioskError as exc:
            return kit.back(f"/console/cases/{case_number}", f"未出证 Not issued: {exc.key}")
        db.audit(session.account, "certificate_issued", case_number, cert.sha256[:16],
                 kit.address(request))  # fmt: skip
        return kit.back(f"/console/cases/{case_number}", "证书已出具 Certificate issued")


def _certificate_of(platform: Platform, case_number: str) -> Any:
    from central.certificates import certificate_of_case

    return certificate_of_case(platform, case_number)
