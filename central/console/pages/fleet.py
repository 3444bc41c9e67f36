"""The fleet pages: every kiosk's last heartbeat and the alerts, acknowledging one,
an enrollment token with its QR code, a kiosk's hall, revoking a kiosk."""
# No ``from __future__ import annotations``: FastAPI reads the route annotations.

import base64
import io
from typing import Any

import qrcode
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from central.console.db import Session
from central.console.fleet import Fleet
from central.console.pages.kit import Kit, Text
from central.platform import Platform
from protocol.provisioning import provisioning_uri


def add_fleet_routes(router: APIRouter, kit: Kit, platform: Platform, fleet: Fleet) -> None:
    db = kit.db

    def fleet_page(request: Request, session: Session, **extra: Any) -> HTMLResponse:
        fleet.sweep()
        return kit.page("fleet.html", request, session, kiosks=fleet.rows(), alerts=db.alerts(),
                        **extra)  # fmt: skip

    @router.get("/fleet")
    def fleet_view(request: Request) -> Response:
        return kit.show(request, "fleet", lambda session: fleet_page(request, session))

    @router.post("/fleet/alerts/{alert_id}/ack")
    def ack(request: Request, alert_id: int, csrf: Text = "") -> Response:
        session = kit.posted(request, "fleet", csrf)
        if isinstance(session, Response):
            return session
        if db.ack_alert(alert_id, session.account.username):
            db.audit(session.account, "alert_acked", str(alert_id), address=kit.address(request))
        return kit.back("/console/fleet", "已确认 Acknowledged")

    @router.post("/fleet/tokens")
    def new_token(request: Request, url: Text = "", code: Text = "", csrf: Text = "") -> Response:
        session = kit.posted(request, "fleet", csrf)
        if isinstance(session, Response):
            return session
        base = url.strip() or str(request.base_url).rstrip("/")
        token = platform.store.create_token()
        uri = provisioning_uri(base, token, code=code.strip().upper())
        image = qrcode.make(uri, border=2)
        png = io.BytesIO()
        image.save(png, format="PNG")
        db.audit(session.account, "enrollment_token", code.strip(), address=kit.address(request))
        return fleet_page(
            request,
            session,
            token=token,
            uri=uri,
            qr="data:image/png;base64," + base64.b64encode(png.getvalue()).decode(),
        )

    @router.post("/fleet/{kiosk_id}/hall")
    def set_hall(request: Request, kiosk_id: str, hall: Text = "", csrf: Text = "") -> Response:
        session = kit.posted(request, "fleet", csrf)
        if isinstance(session, Response):
            return session
        db.set_hall(kiosk_id, hall.strip()[:64])
        db.audit(session.account, "kiosk_hall", kiosk_id, hall.strip()[:64], kit.address(request))
        return kit.back("/console/fleet", "已保存 Saved")

    @router.post("/fleet/{kiosk_id}/revoke")
    def revoke(request: Request, kiosk_id: str, reason: Text = "", csrf: Text = "") -> Response:
        session = kit.posted(request, "fleet", csrf)
        if isinstance(session, Response):
            return session
        if not reason.strip():
            return kit.back("/console/fleet", "请填写吊销原因 A reason is required")
        if not platform.store.revoke_kiosk(kiosk_id, reason.strip()[:500]):
            return kit.back("/console/fleet", f"没有此终端 No kiosk {kiosk_id}")
        db.audit(session.account, "kiosk_revoked", kiosk_id, reason.strip()[:200],
                 kit.address(request))  # fmt: skip
        return kit.back("/console/fleet", f"已吊销 Revoked: {kiosk_id}")
