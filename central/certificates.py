"""Certificates (办结证书): the document a resident downloads once a case is approved.

``issue_certificate(platform, case_number, issued_by=...)`` is what the staff
console's button calls: it renders the PDF with reportlab (the holder's name
and masked ID number from the sealed payload, the service from the catalog),
keeps it sealed to the platform's own key (so the database holds no name in
clear), and moves the case from ``approved`` to ``certificate_ready``. The
phone page offers it behind a second factor, the last four characters of the
applicant's ID number (``open_certificate``); five wrong answers lock the
download for a quarter of an hour, whoever asks, so guessing the four
characters takes weeks rather than minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import logging
from dataclasses import dataclass

import qrcode
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from central.cases import applicant_of, case_by_client_id, case_by_number, service_of
from central.platform import Platform
from central.store import StoreError, now_iso, sql
from kiosk.errors import KioskError
from kiosk.fonts import FontSet, fonts
from kiosk.privacy import mask_id_number
from protocol.sealing import SealError, open_sealed, seal

log = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCK_MINUTES = 15


class CertificateError(KioskError):
    """A certificate that cannot be issued or handed out; ``key`` says why."""


@dataclass(frozen=True)
class Certificate:
    case_number: str
    client_id: str
    sha256: str
    size: int
    issued_at: str
    issued_by: str

    @property
    def filename(self) -> str:
        return f"certificate-{self.case_number}.pdf"


def _associated(client_id: str) -> bytes:
    return b"certificate:" + client_id.encode()


_SELECT = {
    "case_number": "SELECT case_number, client_id, sha256, size, issued_at, issued_by "
    "FROM certificates WHERE case_number = :value",
    "client_id": "SELECT case_number, client_id, sha256, size, issued_at, issued_by "
    "FROM certificates WHERE client_id = :value",
}


def _row(platform: Platform, where: str, value: str) -> Certificate | None:
    rows = platform.store.query(_SELECT[where], {"value": value})
    if not rows:
        return None
    r = rows[0]
    return Certificate(str(r[0]), str(r[1]), str(r[2]), int(r[3]), str(r[4]), str(r[5]))


def certificate_of_case(platform: Platform, case_number: str) -> Certificate | None:
    return _row(platform, "case_number", case_number)


def certificate_for(platform: Platform, client_id: str) -> Certificate | None:
    return _row(platform, "client_id", client_id)


def issue_certificate(
    platform: Platform, case_number: str, *, issued_by: str = "", note: str = ""
) -> Certificate:
    """Render, keep and announce the certificate of an approved case.

    An ``approved`` case moves to ``certificate_ready`` (with ``note``, or a
    default one), which the notices and the kiosk's status pull then carry. A
    case already ``certificate_ready`` without a document (moved by the CLI)
    gets one; one that has its document gets the same one back. Any other
    status raises ``CertificateError`` (``error.certificate.not_approved``).
    """
    existing = certificate_of_case(platform, case_number)
    if existing is not None:
        return existing
    case = case_by_number(platform, case_number)
    if case is None:
        raise CertificateError(f"no case {case_number}", key="error.certificate.no_case")
    if case.status not in ("approved", "certificate_ready"):
        raise CertificateError(
            f"{case_number} is {case.status}", key="error.certificate.not_approved"
        )
    applicant = applicant_of(platform, case_number)
    service = service_of(platform, case.service_code)
    issued_at = now_iso()
    pdf = render_certificate(
        case_number=case_number,
        tracking_no=case.tracking_no,
        service_zh=service.name_zh if service else case.service_code,
        service_en=service.name_en if service else case.service_code,
        holder=applicant.name,
        id_number=applicant.id_number,
        issued_at=issued_at,
        verify_url="",
    )
    digest = hashlib.sha256(pdf).hexdigest()
    box = seal(pdf, platform.keys.seal.public_key(), _associated(case.client_id))
    with platform.store.transaction() as conn:
        conn.execute(
            sql(
                "INSERT INTO certificates(case_number, client_id, sealed, sha256, size, "
                "issued_at, issued_by) VALUES (:case, :client, :sealed, :sha256, :size, :at, :by) "
                "ON CONFLICT DO NOTHING"
            ),
            {"case": case_number, "client": case.client_id, "sealed": box, "sha256": digest,
             "size": len(pdf), "at": issued_at, "by": issued_by},
        )  # fmt: skip
    if case.status == "approved":
        try:
            platform.store.set_status(
                case_number, "certificate_ready", note or "证书已制作 / certificate issued"
            )
        except StoreError as exc:  # someone moved it meanwhile; the document stays
            log.warning("certificate of %s kept, status not moved: %s", case_number, exc)
    log.info("certificate issued for %s by %s", case_number, issued_by or "-")
    found = certificate_of_case(platform, case_number)
    assert found is not None
    return found


def _locked(locked_until: str, now: dt.datetime) -> bool:
    return bool(locked_until) and dt.datetime.fromisoformat(locked_until) > now


def open_certificate(platform: Platform, client_id: str, last4: str) -> tuple[Certificate, bytes]:
    """The certificate's PDF, for whoever knows the last four characters of the
    applicant's ID number. Raises ``CertificateError`` with
    ``error.certificate.none`` (not issued), ``.locked`` (too many wrong
    answers) or ``.second_factor`` (wrong answer, with ``left`` tries)."""
    cert = certificate_for(platform, client_id)
    case = case_by_client_id(platform, client_id)
    if cert is None or case is None:
        raise CertificateError("no certificate", key="error.certificate.none")
    now = dt.datetime.now(dt.UTC)
    rows = platform.store.query(
        "SELECT failures, locked_until, sealed FROM certificates WHERE client_id = :client",
        {"client": client_id},
    )
    failures, locked_until, box = int(rows[0][0]), str(rows[0][1]), bytes(rows[0][2])
    if _locked(locked_until, now):
        raise CertificateError("download locked", key="error.certificate.locked",
                               minutes=LOCK_MINUTES)  # fmt: skip
    expected = applicant_of(platform, case.case_number).id_number[-4:].upper()
    given = last4.strip().upper()
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        failures += 1
        lock = ""
        if failures >= MAX_FAILURES:
            lock = (now + dt.timedelta(minutes=LOCK_MINUTES)).isoformat()
            failures = 0
        with platform.store.transaction() as conn:
            conn.execute(
                sql(
                    "UPDATE certificates SET failures = :failures, locked_until = :lock "
                    "WHERE client_id = :client"
                ),
                {"failures": failures, "lock": lock, "client": client_id},
            )
        if lock:
            raise CertificateError("download locked", key="error.certificate.locked",
                                   minutes=LOCK_MINUTES)  # fmt: skip
        raise CertificateError(
            "wrong second factor", key="error.certificate.second_factor",
            left=MAX_FAILURES - failures,
        )  # fmt: skip
    if failures:
        with platform.store.transaction() as conn:
            conn.execute(
                sql("UPDATE certificates SET failures = 0 WHERE client_id = :client"),
                {"client": client_id},
            )
    try:
        pdf = open_sealed(box, platform.keys.seal, _associated(client_id))
    except SealError as exc:
        raise CertificateError("certificate cannot be opened",
                               key="error.certificate.none") from exc  # fmt: skip
    return cert, pdf


def certificate_for_kiosk(platform: Platform, client_id: str, kiosk_id: str) -> bytes | None:
    """The certificate's PDF for the kiosk that took the application, which prints it
    for the resident who asks there (by the receipt or the card); None for any other
    kiosk, and before the certificate is issued."""
    case = case_by_client_id(platform, client_id)
    if case is None or case.kiosk_id != kiosk_id or certificate_for(platform, client_id) is None:
        return None
    rows = platform.store.query(
        "SELECT sealed FROM certificates WHERE client_id = :client", {"client": client_id}
    )
    try:
        return open_sealed(bytes(rows[0][0]), platform.keys.seal, _associated(client_id))
    except SealError:
        log.error("certificate of %s cannot be opened", case.case_number)
        return None


def _draw(pdf: canvas.Canvas, x: float, y: float, text: str, size: float, fs: FontSet) -> None:
    from reportlab.pdfbase import pdfmetrics

    for name, run in fs.runs(text):
        pdf.setFont(name, size)
        pdf.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, name, size)


def render_certificate(
    *,
    case_number: str,
    tracking_no: str,
    service_zh: str,
    service_en: str,
    holder: str,
    id_number: str,
    issued_at: str,
    verify_url: str = "",
) -> bytes:
    """One A4 page: title, holder, service, case number, date; a QR to the case
    page when ``verify_url`` is given. The ID number is printed masked."""
    fs = fonts()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=True)
    title = "办结证书 Certificate of completion"
    pdf.setTitle(title)
    pdf.setCreator("gov-kiosk reference platform")
    width, height = A4
    left = 28 * mm
    y = height - 40 * mm
    _draw(pdf, (width - fs.width(title, 22)) / 2, y, title, 22, fs)
    y -= 22 * mm
    day = issued_at[:10]
    rows = [
        ("持证人 Holder", holder or "-"),
        ("公民身份号码 ID number", mask_id_number(id_number) if id_number else "-"),
        ("办理事项 Service", service_zh),
        ("", service_en),
        ("受理编号 Case number", case_number),
        ("查询编号 Tracking number", tracking_no or "-"),
        ("办结日期 Date", day),
    ]
    for label, value in rows:
        if label:
            _draw(pdf, left, y, label, 12, fs)
        _draw(pdf, left + 55 * mm, y, value, 13, fs)
        y -= 10 * mm
    y -= 8 * mm
    for line in (
        "经审核，上述事项已办结，特此证明。",
        "The service above has been completed after review.",
        "本证书由政务服务平台参考实现生成，仅用于演示。",
        "Issued by the reference platform, for demonstration only.",
    ):
        _draw(pdf, left, y, line, 11, fs)
        y -= 8 * mm
    if verify_url:
        img = qrcode.make(verify_url, border=1)
        png = io.BytesIO()
        img.save(png, format="PNG")
        png.seek(0)
        pdf.drawImage(ImageReader(png), width - left - 35 * mm, 30 * mm, 35 * mm, 35 * mm)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()
