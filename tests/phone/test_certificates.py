"""Certificates: issued from an approved case, kept sealed, handed out behind the
second factor (the last four characters of the applicant's ID number)."""

from __future__ import annotations

import pytest

from central.cases import case_by_client_id
from central.certificates import (
    MAX_FAILURES,
    CertificateError,
    issue_certificate,
    open_certificate,
)
from central.server import PlatformServer
from tests.phone.conftest import ID_NUMBER, NAME, Kiosk


def _approved(platform: PlatformServer, kiosk: Kiosk) -> tuple[str, str]:
    sub = kiosk.submit()
    kiosk.sync()
    case = case_by_client_id(platform.platform, sub.client_id)
    assert case is not None
    for status in ("accepted", "in_review"):
        platform.platform.store.set_status(case.case_number, status)
    return sub.client_id, case.case_number


def test_issue_needs_approval_then_moves_the_case_and_keeps_no_name_in_clear(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    client_id, case_number = _approved(platform, kiosk)
    with pytest.raises(CertificateError) as err:
        issue_certificate(platform.platform, case_number, issued_by="clerk")
    assert err.value.key == "error.certificate.not_approved"
    platform.platform.store.set_status(case_number, "approved")
    cert = issue_certificate(platform.platform, case_number, issued_by="clerk")
    assert cert.client_id == client_id and cert.issued_by == "clerk" and cert.size > 1000
    again = issue_certificate(platform.platform, case_number, issued_by="other")
    assert again == cert  # issued once
    found = case_by_client_id(platform.platform, client_id)
    assert found is not None and found.status == "certificate_ready"
    raw = b"".join(p.read_bytes() for p in platform.platform.store.path.parent.glob("central.db*"))
    for secret in (NAME, ID_NUMBER):
        for enc in (secret.encode(), secret.encode("utf-16-le"), secret.encode("utf-16-be")):
            assert enc not in raw


def test_download_needs_the_last_four_and_locks_after_repeated_guesses(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    client_id, case_number = _approved(platform, kiosk)
    platform.platform.store.set_status(case_number, "approved")
    cert = issue_certificate(platform.platform, case_number)
    right = ID_NUMBER[-4:].lower()  # an x is an X
    cert2, pdf = open_certificate(platform.platform, client_id, right)
    assert cert2 == cert and pdf.startswith(b"%PDF")
    import hashlib

    assert hashlib.sha256(pdf).hexdigest() == cert.sha256
    for i in range(MAX_FAILURES - 1):
        with pytest.raises(CertificateError) as err:
            open_certificate(platform.platform, client_id, "0000")
        assert err.value.key == "error.certificate.second_factor"
        assert err.value.params["left"] == MAX_FAILURES - 1 - i
    with pytest.raises(CertificateError) as err:
        open_certificate(platform.platform, client_id, "0000")
    assert err.value.key == "error.certificate.locked"
    with pytest.raises(CertificateError) as err:  # locked even for the right answer
        open_certificate(platform.platform, client_id, right)
    assert err.value.key == "error.certificate.locked"
