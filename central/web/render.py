"""Rendering the phone pages: one Jinja2 environment, the resident's language and
text size, the translations (the kiosk's own catalogs, ``assets/i18n``), and QR
codes drawn as inline SVG (nothing loaded from another host, no image files).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from urllib.parse import quote

import qrcode
import qrcode.image.svg
from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from kiosk.i18n import translate

HERE = Path(__file__).resolve().parent
LANGS = ("zh", "en")

env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def lang_of(request: Request) -> str:
    """``?lang=`` first (a link from the switch), then the cookie, then the browser's."""
    for value in (request.query_params.get("lang"), request.cookies.get("lang")):
        if value in LANGS:
            return str(value)
    accept = request.headers.get("accept-language", "").lower()
    return "en" if accept.startswith("en") else "zh"


def large_of(request: Request) -> bool:
    value = request.query_params.get("large") or request.cookies.get("large") or ""
    return value == "1"


def qr_svg(text: str) -> Markup:
    """The QR code of ``text`` as an inline <svg> (scales to any width, crisp)."""
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=10,
        border=2,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    buf = io.BytesIO()
    image.save(buf)
    svg = buf.getvalue().decode("utf-8")
    svg = svg[svg.index("<svg") :]  # drop the XML declaration: inline in HTML
    return Markup(svg.replace("<svg ", '<svg role="img" class="qr" ', 1))  # noqa: S704 - qrcode's own SVG


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = lang_of(request)
    large = large_of(request)

    def t(key: str, **params: Any) -> str:
        return translate(key, lang, **params)

    here = request.url.path
    query = [(k, v) for k, v in request.query_params.items() if k not in ("lang", "large")]
    back = here + ("?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in query) if query else "")
    html = env.get_template(template).render(
        t=t,
        lang=lang,
        large=large,
        other_lang="en" if lang == "zh" else "zh",
        switch_next=quote(back, safe=""),
        **context,
    )
    response = HTMLResponse(html, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"  # a case page is nobody else's
    response.headers["Referrer-Policy"] = "no-referrer"  # the URL is the capability
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
    return response
