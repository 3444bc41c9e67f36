"""Every request and answer of the kiosk API, as pydantic models.

The platform (``central.api``) declares its routes with them, so they are its
OpenAPI schema; the kiosk's client (``sync.client``) builds its requests and
reads the answers with the same models, so the two sides cannot drift apart.
A model that fails to validate an answer is a protocol fault, not a crash.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from protocol.signing import PROTOCOL

MAX_BATCH_ITEMS = 1000


class EnrollRequest(BaseModel):
    token: str
    public_key: str = Field(description="hex of the kiosk's raw 32-byte Ed25519 public key")
    code: str = ""
    app_version: str = ""


class EnrollResponse(BaseModel):
    protocol: str = PROTOCOL
    kiosk_id: str
    seal_public_key: str = Field(description="hex of the platform's raw X25519 key")
    signing_public_key: str
    config: dict[str, Any]
    server_time: str


class SubmitItem(BaseModel):
    client_id: str = Field(min_length=1, max_length=64)
    kind: str
    payload_hash: str = Field(description="sha256 hex of the sealed box")
    sealed: str = Field(description="base64 of the sealed box")
    tracking_no: str = ""
    service_code: str = ""
    service_version: str = ""
    created_at: str = ""


class SubmitRequest(BaseModel):
    items: list[SubmitItem] = Field(max_length=MAX_BATCH_ITEMS)


class VerdictOut(BaseModel):
    client_id: str
    verdict: str = Field(description="accepted | duplicate | conflict | rejected")
    case_number: str = ""
    reason: str = ""


class SubmitResponse(BaseModel):
    protocol: str = PROTOCOL
    results: list[VerdictOut]


class StatusChangeOut(BaseModel):
    client_id: str
    case_number: str
    status: str
    note: str
    at: str


class StatusResponse(BaseModel):
    protocol: str = PROTOCOL
    changes: list[StatusChangeOut]
    cursor: int
    more: bool


class CatalogResponse(BaseModel):
    protocol: str = PROTOCOL
    version: str
    catalog: dict[str, Any]


class ResolveRequest(BaseModel):
    code: str


class ResolveResponse(BaseModel):
    protocol: str = PROTOCOL
    identity: dict[str, Any]


class CaseResponse(BaseModel):
    protocol: str = PROTOCOL
    case: dict[str, Any]


class ProofRequest(BaseModel):
    id_number: str
    name: str = ""
    proof_type: str = "residence"


class AuditRow(BaseModel):
    """One technician audit row (entry, failure, change) as the kiosk recorded it."""

    id: int
    at: str
    actor: str
    action: str
    detail: str = ""


class Health(BaseModel):
    devices: dict[str, str] = {}
    paper: str = ""
    queue_depth: int = 0
    oldest_pending_age_seconds: float = 0
    quarantined: int = 0
    disk_free_mb: float = 0
    app_version: str = ""
    catalog_version: str = ""
    audit: list[AuditRow] = []
    recovery: dict[str, Any] | None = None  # kiosk.backup.RecoveryReport after a restore


class HeartbeatResponse(BaseModel):
    protocol: str = PROTOCOL
    config: dict[str, Any]
    announcements: list[str]
    server_time: str


class StatusUpdate(BaseModel):
    status: str
    note: str = ""
