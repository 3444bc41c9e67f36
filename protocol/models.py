"""Every request and answer of the kiosk API, as pydantic models.

The platform (``central.api``) declares its routes with them, so they are its
OpenAPI schema; the kiosk's client (``sync.client``) builds its requests and
reads the answers with the same models, so the two sides cannot drift apart.
A model that fails to validate an answer is a protocol fault, not a crash.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints, field_validator

from protocol.signing import PROTOCOL

# Every field the platform accepts has a bound: a signed kiosk is still not
# trusted to send a 60 MiB "sealed payload" or a 40 MB heartbeat. The bounds sit
# well above what a kiosk sends (an application's sealed box is a few KB); the
# request bodies are capped before they are read (central.limits).
MAX_BATCH_ITEMS = 1000
MAX_KIOSK_ID = 64
MAX_SEALED_B64 = 1024 * 1024  # base64 characters of one sealed box (768 KiB of box)
MAX_CODE = 4096  # a phone code, or a case QR's URL
MAX_AUDIT_DETAIL = 1000
MAX_AUDIT_ROWS = 500
MAX_RECOVERY_JSON = 256 * 1024
HEX64 = r"^[0-9a-f]{64}$"

Short = Annotated[str, StringConstraints(max_length=64)]
Label = Annotated[str, StringConstraints(max_length=200)]


class EnrollRequest(BaseModel):
    token: str = Field(max_length=128)
    public_key: str = Field(
        pattern=HEX64, description="hex of the kiosk's raw 32-byte Ed25519 public key"
    )
    code: str = Field("", max_length=16, pattern=r"^[A-Za-z0-9-]*$")
    app_version: str = Field("", max_length=64)


class EnrollResponse(BaseModel):
    protocol: str = PROTOCOL
    kiosk_id: str = Field(max_length=MAX_KIOSK_ID)
    seal_public_key: str = Field(pattern=HEX64, description="hex of the platform's raw X25519 key")
    signing_public_key: str = Field(
        pattern=HEX64, description="hex of the platform's raw Ed25519 key; the kiosk pins it"
    )
    seal_key_signature: str = Field(
        "",
        max_length=128,
        description="base64 Ed25519 signature by the signing key over the sealing key "
        "(protocol.signing.seal_key_statement): the kiosk seals only to a key so vouched for",
    )
    config: dict[str, Any]
    server_time: str
    public_url: str = Field(
        "",
        max_length=512,
        description="where residents' phones reach the platform's pages (/guide, /cases); "
        "every QR the kiosk shows or prints carries it. Empty: the enrollment URL",
    )


class SubmitItem(BaseModel):
    client_id: str = Field(min_length=1, max_length=64)
    kind: str = Field(max_length=16)
    payload_hash: str = Field(max_length=64, description="sha256 hex of the sealed box")
    sealed: str = Field(max_length=MAX_SEALED_B64, description="base64 of the sealed box")
    tracking_no: str = Field("", max_length=64)
    service_code: str = Field("", max_length=64)
    service_version: str = Field("", max_length=16)
    created_at: str = Field("", max_length=40)


class SubmitRequest(BaseModel):
    items: list[SubmitItem] = Field(max_length=MAX_BATCH_ITEMS)


class VerdictOut(BaseModel):
    client_id: str
    verdict: str = Field(description="accepted | duplicate | conflict | rejected")
    case_number: str = ""
    reason: str = ""
    received_at: str = Field(
        "",
        description="when the platform received the case (accepted, duplicate): its first "
        "status, 'received', which /statuses?omit_received=true then leaves out",
    )


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
    code: str = Field(max_length=MAX_CODE)


class ResolveResponse(BaseModel):
    protocol: str = PROTOCOL
    identity: dict[str, Any]


class CaseResponse(BaseModel):
    protocol: str = PROTOCOL
    case: dict[str, Any]


class ProofRequest(BaseModel):
    id_number: str = Field(max_length=18)
    name: str = Field("", max_length=64)
    proof_type: str = Field("residence", max_length=64)
    evidence: str = Field(
        "",
        max_length=MAX_CODE,
        description="what shows the resident is at this kiosk: the identity QR code they "
        "presented here (resolved by this kiosk), or the client id or case URL of their "
        "case; without it the platform answers 403 proof_not_allowed",
    )


class AuditRow(BaseModel):
    """One technician audit row (entry, failure, change) as the kiosk recorded it."""

    id: int = Field(ge=0)
    at: str = Field(max_length=40)
    actor: str = Field(max_length=64)
    action: str = Field(max_length=64)
    detail: str = Field("", max_length=MAX_AUDIT_DETAIL)


class Health(BaseModel):
    devices: dict[Short, Label] = Field(default_factory=dict, max_length=64)
    paper: str = Field("", max_length=64)
    queue_depth: int = Field(0, ge=0)
    oldest_pending_age_seconds: float = Field(0, ge=0, allow_inf_nan=False)
    quarantined: int = Field(0, ge=0)
    disk_free_mb: float = Field(0, ge=0, allow_inf_nan=False)
    app_version: str = Field("", max_length=64)
    catalog_version: str = Field("", max_length=64)
    # the offset the kiosk learned from the platform's Date header (kiosk clock - platform)
    clock_offset_seconds: float = Field(0, allow_inf_nan=False)
    audit: list[AuditRow] = Field(default_factory=list, max_length=MAX_AUDIT_ROWS)
    recovery: dict[str, Any] | None = None  # kiosk.backup.RecoveryReport after a restore

    @field_validator("recovery")
    @classmethod
    def _recovery_bounded(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        if value is not None and len(json.dumps(value, default=str)) > MAX_RECOVERY_JSON:
            raise ValueError(f"recovery report over {MAX_RECOVERY_JSON} bytes")
        return value


class HeartbeatResponse(BaseModel):
    protocol: str = PROTOCOL
    config: dict[str, Any]
    announcements: list[str]
    server_time: str


class StatusUpdate(BaseModel):
    status: str = Field(max_length=32)
    note: str = Field("", max_length=2000)
