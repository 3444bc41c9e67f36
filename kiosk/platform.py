"""What the journey asks of the central platform, and the kiosk without it.

Phone-QR identity, online-only proofs and picking up a phone case need the
platform. The journey depends on this small Protocol only; the sync area's
client implements it. ``OfflineGateway`` is what a kiosk without a network
(or before enrollment) uses: it says it is offline and refuses politely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from kiosk.errors import SyncError
from kiosk.identity import Identity


@dataclass(frozen=True)
class PhoneCase:
    """A case started on the phone, as the platform describes it to the kiosk."""

    case_id: str
    service_code: str
    tracking_no: str
    status: str
    receipt_text: str = ""
    documents: tuple[tuple[str, bytes], ...] = ()  # (title, PDF bytes)
    # an application started on the phone and not yet submitted (status "draft"):
    # the answers declared there, which the kiosk's form starts from
    answers: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    service_version: int = 0
    client_id: str = ""  # the capability of its phone page (/cases/<client id>)

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT


DRAFT = "draft"


def is_draft_code(code: str) -> bool:
    """A "continue at the kiosk" code (``<platform>/continue/KC...``), not a case's."""
    last = code.strip().rsplit("/", 1)[-1]
    return last.startswith("KC") and ("/continue/" in code or "/" not in code.strip())


class PlatformGateway(Protocol):
    def online(self) -> bool:
        """True when the platform answered recently; must not block for long."""
        ...

    def resolve_phone_qr(self, code: str) -> Identity:
        """The identity behind a phone app's one-time QR; raises SyncError."""
        ...

    def fetch_proof(self, service_code: str, identity: Identity) -> bytes:
        """A proof document (PDF bytes) for the resident; raises SyncError."""
        ...

    def fetch_phone_case(self, code: str) -> PhoneCase:
        """A case started on the phone, by the code its QR carries; raises SyncError."""
        ...

    def fetch_certificate(self, client_id: str) -> bytes:
        """The certificate PDF of one of this kiosk's cases; raises SyncError."""
        ...


class OfflineGateway:
    """No platform: every online-only request is refused with error.platform.offline."""

    def online(self) -> bool:
        return False

    def _refuse(self) -> SyncError:
        return SyncError("platform not reachable", key="error.platform.offline")

    def resolve_phone_qr(self, code: str) -> Identity:
        raise self._refuse()

    def fetch_proof(self, service_code: str, identity: Identity) -> bytes:
        raise self._refuse()

    def fetch_phone_case(self, code: str) -> PhoneCase:
        raise self._refuse()

    def fetch_certificate(self, client_id: str) -> bytes:
        raise self._refuse()
