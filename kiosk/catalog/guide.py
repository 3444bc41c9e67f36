"""The service guide (办事指南) as the screen shows it, in one language.

Built in the core so the words a resident reads are tested without Qt, and
so the phone page behind the QR code could render the same view.
"""

from __future__ import annotations

import base64
import io
from typing import Any

from kiosk.catalog.model import Department, Service
from kiosk.i18n import pick as pick_text
from kiosk.i18n import translate


def guide_url(code: str, platform_url: str) -> str:
    """Where the phone reads the same guide: ``<platform>/guide/<code>``; "" when
    the kiosk knows no platform (a QR to nowhere is a broken promise)."""
    if not platform_url:
        return ""
    return f"{platform_url.rstrip('/')}/guide/{code}"


def load_qr_library() -> None:
    """Import qrcode, and PIL with it: about 130 ms that the kiosk's start need
    not wait for (ui/app.py loads it from a thread once the kiosk is ready)."""
    import qrcode  # noqa: F401


def qr_png(text: str, box_size: int = 10) -> bytes:
    import qrcode

    qr = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=2
    )
    qr.add_data(text)
    qr.make(fit=True)
    image = qr.make_image(fill_color="black", back_color="white")
    buf = io.BytesIO()
    image.save(buf)
    return buf.getvalue()


def qr_data_url(text: str) -> str:
    return "data:image/png;base64," + base64.b64encode(qr_png(text)).decode("ascii")


def _days(days: int, lang: str) -> str:
    if days == 0:
        return translate("catalog.days.onthespot", lang)
    return translate("catalog.days.working", lang, days=days)


def _yuan(amount: float) -> str:
    return f"{amount:.2f}".rstrip("0").rstrip(".")


def guide_view(service: Service, department: Department | None, lang: str) -> dict[str, Any]:
    """Every line of the guide, translated; lists are plain dicts for QML."""

    def t(key: str, **params: Any) -> str:
        return translate(key, lang, **params)

    def pick(zh: str, en: str, ug: str = "") -> str:
        return pick_text(zh, en, lang, ug)

    materials = []
    for m in service.materials:
        need = (
            t("catalog.material.required")
            if m.required
            else t("catalog.material.conditional", condition=pick(m.condition_zh, m.condition_en))
        )
        materials.append(
            {
                "name": pick(m.name_zh, m.name_en),
                "detail": t("catalog.material.form." + m.form.value)
                + (" · " + t("catalog.material.count", count=m.count) if m.count > 1 else ""),
                "need": need,
                "required": m.required,
                "notes": pick(m.notes_zh, m.notes_en),
            }
        )
    fees = [
        {
            "item": pick(f.item_zh, f.item_en),
            "amount": t("catalog.fee.amount", amount=_yuan(f.amount_yuan)),
            "basis": pick(f.basis_zh, f.basis_en),
        }
        for f in service.fees
    ]
    return {
        "code": service.code,
        "version": service.version,
        "name": pick(service.name_zh, service.name_en, service.name_ug),
        "department": pick(department.name_zh, department.name_en, department.name_ug)
        if department
        else "",
        "type": t("catalog.type." + service.service_type.value),
        "summary": pick(service.summary_zh, service.summary_en, service.summary_ug),
        "materials": materials,
        "fees": fees,
        "feeText": t("catalog.fee.free") if service.free else "",
        # 0 legal days with a promise: the law sets no limit (户口 moves), not "on the spot"
        "legal": t("catalog.days.nolimit")
        if service.legal_days == 0 and service.promised_days > 0
        else _days(service.legal_days, lang),
        "promised": _days(service.promised_days, lang),
        "channels": " · ".join(t("catalog.channel." + c.value) for c in service.channels),
        "where": pick(service.where_zh, service.where_en),
        "needsOnline": service.needs_online,
        "online": t("catalog.online.yes") if service.needs_online else t("catalog.online.no"),
        "identity": t("catalog.identity." + service.identity.value),
        "atKiosk": service.at_kiosk,
        # a service the kiosk does not take still leads somewhere: the county's words
        # for what the kiosk can do for it, else the general sentence
        "kioskHelp": pick(service.kiosk_help_zh, service.kiosk_help_en)
        or t("catalog.guide.counteronly"),
        "formFields": len(service.form),
    }
