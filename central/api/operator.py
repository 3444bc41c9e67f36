"""The operator's routes (scripts), behind a console account's API token and its role."""

from typing import Any

from fastapi import APIRouter, Depends

from central.api.auth import operator_dependency
from central.platform import Platform, error_response, open_payload
from central.store import StoreError
from protocol.models import StatusUpdate
from protocol.signing import PROTOCOL


def operator_router(platform: Platform) -> APIRouter:
    store = platform.store
    router = APIRouter(
        prefix="/api/v1/operator", dependencies=[Depends(operator_dependency(platform))]
    )

    @router.get("/applications")
    def op_list(status: str = "", limit: int = 100) -> dict[str, Any]:
        return {"protocol": PROTOCOL, "applications": store.applications(status, limit)}

    @router.post("/applications/{case_number}/status")
    def op_status(case_number: str, update: StatusUpdate) -> Any:
        try:
            return {
                "protocol": PROTOCOL,
                **store.set_status(case_number, update.status, update.note),
            }
        except StoreError as exc:
            return error_response(409, "bad_transition", str(exc))

    @router.get("/applications/{case_number}/payload")
    def op_payload(case_number: str) -> Any:
        try:
            return {"protocol": PROTOCOL, "payload": open_payload(platform, case_number)}
        except StoreError as exc:
            return error_response(404, "no_case", str(exc))

    @router.post("/tokens")
    def op_token() -> dict[str, Any]:
        return {"protocol": PROTOCOL, "token": store.create_token()}

    @router.get("/kiosks")
    def op_kiosks() -> dict[str, Any]:
        return {"protocol": PROTOCOL, "kiosks": store.kiosks()}

    @router.post("/kiosks/{kiosk_id}/revoke")
    def op_revoke(kiosk_id: str, reason: str = "") -> Any:
        if not store.revoke_kiosk(kiosk_id, reason):
            return error_response(404, "unknown_kiosk", f"no kiosk {kiosk_id}")
        return {"protocol": PROTOCOL, "kiosk_id": kiosk_id,
                "revoked_at": store.kiosk_revoked_at(kiosk_id)}  # fmt: skip

    return router
