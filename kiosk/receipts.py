"""What a receipt says, independent of the printer that prints it.

The receipt is the resident's proof that the kiosk took the application: its
tracking number, the service, the masked name, the time, the kiosk, the
promised time limit, what happens next, and a QR code whose URL (platform
base URL + ``/cases/`` + client id) lets the phone follow the case. It holds
no unmasked personal data: a receipt left on the counter gives nothing away.
The device area turns ``ReceiptContent`` into ESC/POS bytes; the UI shows it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kiosk.applications import Submission, case_url
from kiosk.i18n import translate
from kiosk.outbox import OutboxItem
from kiosk.platform import PhoneCase


@dataclass(frozen=True)
class ReceiptContent:
    title: str
    lines: tuple[tuple[str, str], ...]  # (label, value)
    notes: tuple[str, ...]
    qr_url: str
    qr_caption: str
    footer: str = ""
    language: str = "zh"
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    def as_text(self) -> str:
        """Plain text, as a printer simulator or a log of reprints would read it."""
        out = [self.title]
        out += [f"{label}: {value}" for label, value in self.lines]
        out += list(self.notes)
        out += [self.qr_caption, self.qr_url] if self.qr_url else [self.qr_caption]
        if self.footer:
            out.append(self.footer)
        return "\n".join(out)


def local_time(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def application_receipt(
    submission: Submission,
    service_name: str,
    kiosk_name: str,
    kiosk_code: str,
    base_url: str,
    lang: str = "zh",
) -> ReceiptContent:
    def t(key: str, **params: object) -> str:
        return translate(key, lang, **params)

    limit = (
        t("receipt.limit.days", days=submission.promised_days)
        if submission.promised_days
        else t("receipt.limit.none")
    )
    return ReceiptContent(
        title=t("receipt.title"),
        lines=(
            (t("receipt.service"), service_name),
            (t("receipt.tracking_no"), submission.tracking_no),
            (t("receipt.applicant"), submission.masked_name),
            (t("receipt.time"), local_time(submission.created_at)),
            (t("receipt.kiosk"), f"{kiosk_name} ({kiosk_code})"),
            (t("receipt.limit"), limit),
        ),
        notes=(t("receipt.next.1"), t("receipt.next.2")),
        qr_url=case_url(base_url, submission.client_id),
        qr_caption=t("receipt.qr") if base_url else t("receipt.noqr"),
        footer=t("receipt.footer"),
        language=lang,
    )


def reprint_receipt(
    item: OutboxItem,
    service_name: str,
    kiosk_name: str,
    kiosk_code: str,
    base_url: str,
    promised_days: int = 0,
    lang: str = "zh",
) -> ReceiptContent:
    """The receipt again, from the outbox index alone (technician's reprint).

    The index holds everything a receipt shows (it shows nothing unmasked), so a
    reprint needs neither the sealed payload nor the resident.
    """
    if item.kind != "application" or not item.tracking_no:
        raise ValueError("only applications have receipts")
    submission = Submission(
        client_id=item.client_id,
        tracking_no=item.tracking_no,
        service_code=item.service_code,
        service_version=item.service_version,
        masked_name=item.masked_name,
        created_at=dt.datetime.fromisoformat(item.created_at),
        promised_days=promised_days,
    )
    receipt = application_receipt(submission, service_name, kiosk_name, kiosk_code, base_url, lang)
    return ReceiptContent(
        title=receipt.title + translate("receipt.reprint", lang),
        lines=receipt.lines,
        notes=receipt.notes,
        qr_url=receipt.qr_url,
        qr_caption=receipt.qr_caption,
        footer=receipt.footer,
        language=lang,
    )


def phone_case_receipt(
    case: PhoneCase, service_name: str, kiosk_code: str, base_url: str, lang: str = "zh"
) -> ReceiptContent:
    """A receipt for a case started on the phone and picked up at the kiosk."""

    def t(key: str, **params: object) -> str:
        return translate(key, lang, **params)

    return ReceiptContent(
        title=t("receipt.title"),
        lines=(
            (t("receipt.service"), service_name),
            (t("receipt.tracking_no"), case.tracking_no),
            (t("receipt.kiosk"), kiosk_code),
        ),
        notes=(case.receipt_text,) if case.receipt_text else (),
        # the phone page is reached by the client id alone; a case number is guessable
        qr_url=case_url(base_url, case.client_id) if case.client_id else "",
        qr_caption=t("receipt.qr") if base_url and case.client_id else t("receipt.noqr"),
        footer=t("receipt.footer"),
        language=lang,
    )
