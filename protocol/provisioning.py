"""The provisioning QR's text, which the platform prints and a kiosk's technician scans.

``gov-kiosk://provision?url=URL&token=TOKEN[&code=KIOSKCODE][&fp=SHA256]``: the
platform's address, a one-time enrollment token, optionally the kiosk's code
and the SHA-256 of the platform's certificate (a pin). Built here for both
sides; read (and judged) by ``kiosk.technician.provisioning``.
"""

from __future__ import annotations

from urllib.parse import urlencode

SCHEME = "gov-kiosk"


def provisioning_uri(url: str, token: str, *, code: str = "", fingerprint: str = "") -> str:
    fields = {"url": url, "token": token}
    if code:
        fields["code"] = code
    if fingerprint:
        fields["fp"] = fingerprint
    return f"{SCHEME}://provision?" + urlencode(fields)
