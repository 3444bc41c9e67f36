"""What enrollment told this kiosk, and the one place its settings are named.

The platform's URL (and the public URL of its phone pages), the kiosk id it
assigned, its public keys, the kiosk code and the certificate fingerprint from
the provisioning QR are written once at
enrollment (``sync.enroll``, ``sync.provisioning``) and read by the journey,
the sync engine and the technician pages: all of them through these names.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.settings import get_setting
from kiosk.storage import Storage

URL = "platform.url"
KIOSK_ID = "platform.kiosk_id"
SEAL_PUBLIC_KEY = "platform.seal_public_key"
SIGNING_PUBLIC_KEY = "platform.signing_public_key"
KIOSK_CODE = "platform.kiosk_code"
CA_FINGERPRINT = "platform.ca_fingerprint"
# The address residents' phones reach (the platform's pages behind every QR);
# empty when the platform named none, and then the enrollment URL serves.
PUBLIC_URL = "platform.public_url"


@dataclass(frozen=True)
class Enrollment:
    url: str
    kiosk_id: str
    public_url: str = ""

    @property
    def phone_url(self) -> str:
        """Where the QR codes lead: the platform's public URL, else its API's."""
        return self.public_url or self.url

    @property
    def done(self) -> bool:
        return bool(self.url and self.kiosk_id)


def read_enrollment(storage: Storage) -> Enrollment:
    return Enrollment(
        url=(get_setting(storage, URL) or "").rstrip("/"),
        kiosk_id=get_setting(storage, KIOSK_ID) or "",
        public_url=(get_setting(storage, PUBLIC_URL) or "").rstrip("/"),
    )
