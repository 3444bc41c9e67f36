"""The resident's identity QR (亮证) and the identity provider behind it.

A resident signs in on the phone through the platform's identity provider and
gets a short-lived, single-use code (``GOVID:...``) shown as a QR; the kiosk
scans it and resolves it online (``/api/v1/identity/resolve``) into the
identity a card read would give. ``IdentityProvider`` is what a province
replaces with its unified identity service (统一身份认证: OAuth2/OIDC,
real-name verified); ``DemoIdentityProvider`` signs in the demo resident with
a fixed code, so the demo and the tests can show the path end to end.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any, Protocol

CODE_MINUTES = 2.0  # a code on a phone screen lives as long as a queue at the kiosk


class IdentityProvider(Protocol):
    """Checks what the sign-in form posted; returns the identity, or None."""

    name: str

    def sign_in(self, form: Mapping[str, str]) -> dict[str, Any] | None: ...


class DemoIdentityProvider:
    """The demo resident (``app.demo_platform.DEMO_IDENTITY``) behind ``DEMO_PASSCODE``,
    which the sign-in page shows, since it is a demo."""

    name = "demo"
    DEMO_PASSCODE = "135790"

    def __init__(self, identity: Mapping[str, Any]) -> None:
        self.identity = dict(identity)

    def sign_in(self, form: Mapping[str, str]) -> dict[str, Any] | None:
        number = form.get("id_number", "").strip().upper()
        passcode = form.get("passcode", "").strip()
        if hmac.compare_digest(number.encode(), str(self.identity["id_number"]).encode()) and (
            hmac.compare_digest(passcode.encode(), self.DEMO_PASSCODE.encode())
        ):
            return dict(self.identity)
        return None
