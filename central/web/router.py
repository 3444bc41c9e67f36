"""The phone pages' routes (see ``central.web``). Plain ``def`` routes: FastAPI runs
them in its thread pool, like the kiosk API's."""
# No ``from __future__ import annotations``: FastAPI resolves route annotations at run time.

import logging
from typing import Annotated, Any
from urllib.parse import parse_qsl, unquote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response

from central.api.auth import signed_kiosk_dependency
from central.cases import (
    applicant_of,
    case_by_client_id,
    local_time,
    platform_catalog,
    service_of,
    timeline,
)
from central.certificates import CertificateError, certificate_for, open_certificate
from central.notices import DemoInbox, inbox
from central.platform import Platform, error_response
from central.ratings import rate_from_phone, rating_of
from central.web import drafts
from central.web.limits import RateLimit
from central.web.render import HERE, lang_of, page, qr_svg
from kiosk.catalog.guide import guide_view
from kiosk.errors import ValidationError
from kiosk.evaluations import BAD_LEVELS, LEVELS, REASONS, Evaluation
from kiosk.i18n import translate
from protocol.models import ResolveRequest
from protocol.signing import PROTOCOL

log = logging.getLogger(__name__)

MAX_FORM_BYTES = 16_384
STEPS = ("received", "accepted", "in_review", "approved", "certificate_ready")


def pdf_download(pdf: bytes, filename: str) -> Response:
    """A PDF the phone saves rather than shows, never kept by a cache on the way."""
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
    })  # fmt: skip


def _client(request: Request) -> str:
    return request.client.host if request.client else "-"


async def _form(request: Request) -> dict[str, list[str]]:
    """An urlencoded form, bounded; every value kept (checkboxes repeat)."""
    body = await request.body()
    out: dict[str, list[str]] = {}
    for key, value in parse_qsl(body[:MAX_FORM_BYTES].decode("utf-8", "replace"),
                                keep_blank_values=True):  # fmt: skip
        out.setdefault(key, []).append(value)
    return out


def _first(form: dict[str, list[str]], key: str) -> str:
    return form.get(key, [""])[0]


def phone_router(platform: Platform) -> APIRouter:
    router = APIRouter()
    misses = RateLimit(limit=30, window=600.0)  # unknown codes per address
    factor = RateLimit(limit=10, window=600.0)  # second-factor answers per address
    Kiosk = Annotated[str, Depends(signed_kiosk_dependency(platform))]

    def base_url(request: Request) -> str:
        return (platform.public_url or str(request.base_url)).rstrip("/")

    def not_found(request: Request, what: str) -> Response:
        if misses.hit(_client(request)):
            return page(request, "message.html", 429, title_key="phone.limited.title",
                        text_key="phone.limited.text")  # fmt: skip
        return page(request, "message.html", 404, title_key=f"phone.{what}.missing_title",
                    text_key=f"phone.{what}.missing_text")  # fmt: skip

    @router.get("/m/static/phone.css", include_in_schema=False)
    def stylesheet() -> FileResponse:
        return FileResponse(HERE / "static" / "phone.css", media_type="text/css",
                            headers={"Cache-Control": "max-age=3600"})  # fmt: skip

    @router.get("/m/prefs", include_in_schema=False)
    def prefs(request: Request, next: str = "/start") -> Response:
        """The language and text-size switches: remember the choice, go back."""
        target = unquote(next)
        if not target.startswith("/") or target.startswith("//"):
            target = "/start"  # never a redirect to another host
        response = RedirectResponse(target, status_code=303)
        lang = request.query_params.get("lang")
        if lang in ("zh", "en"):
            response.set_cookie("lang", lang, max_age=31536000, samesite="lax")
        large = request.query_params.get("large")
        if large in ("0", "1"):
            response.set_cookie("large", large, max_age=31536000, samesite="lax")
        return response

    # -- the guide ------------------------------------------------------------------
    @router.get("/guide/{code}", include_in_schema=False)
    def guide(request: Request, code: str) -> Response:
        service = service_of(platform, code[:64])
        if service is None:
            return not_found(request, "guide")
        catalog = platform_catalog(platform)
        department = None
        if catalog is not None:
            department = next((d for d in catalog.departments if d.id == service.department),
                              None)  # fmt: skip
        view = guide_view(service, department, lang_of(request))
        return page(request, "guide.html", view=view, startable=drafts.startable(service),
                    code=service.code)  # fmt: skip

    # -- a case ---------------------------------------------------------------------
    def case_page(request: Request, client_id: str, status_code: int = 200,
                  **extra: Any) -> Response:  # fmt: skip
        case = case_by_client_id(platform, client_id[:64])
        if case is None:
            return not_found(request, "case")
        lang = lang_of(request)
        service = service_of(platform, case.service_code)
        name = (service.name_zh if lang == "zh" else service.name_en) if service else ""
        events = timeline(platform, case.client_id)
        seen = {e.status: e for e in events}
        steps = []
        for status in STEPS:
            if status == "approved" and "rejected" in seen:
                status = "rejected"
            event = seen.get(status)
            steps.append({
                "status": status,
                "label": translate("progress.status." + status, lang),
                "at": local_time(event.at) if event else "",
                "note": event.note if event else "",
                "done": event is not None,
                "current": event is not None and case.status == status,
            })  # fmt: skip
            if status == "rejected":
                break
        rating = rating_of(platform, case.client_id)
        return page(
            request,
            "case.html",
            status_code,
            case=case,
            service_name=name or case.service_code,
            masked_name=applicant_of(platform, case.case_number).masked_name,
            steps=steps,
            received=local_time(case.received_at),
            certificate=certificate_for(platform, case.client_id),
            rating=rating,
            levels=LEVELS,
            reasons=REASONS,
            bad_levels=BAD_LEVELS,
            picked=extra.pop("picked", None),
            **extra,
        )

    @router.get("/cases/{client_id}", include_in_schema=False)
    def case(request: Request, client_id: str) -> Response:
        return case_page(request, client_id)

    @router.post("/cases/{client_id}/rating", include_in_schema=False)
    async def rate(request: Request, client_id: str) -> Response:
        form = await _form(request)
        found = case_by_client_id(platform, client_id[:64])
        if found is None:
            return not_found(request, "case")
        try:
            level = int(_first(form, "level") or 0)
        except ValueError:
            level = 0
        evaluation = Evaluation(
            level=level,
            reasons=tuple(form.get("reason", [])),
            comment=_first(form, "comment"),
            service_code=found.service_code,
            application_id=found.client_id,
        )
        try:
            fresh = rate_from_phone(platform, found.client_id, evaluation)
        except ValidationError as exc:
            return case_page(
                request,
                client_id,
                200,
                rating_error=translate(exc.key, lang_of(request), **exc.params),
                picked=evaluation,  # what was chosen stays chosen
            )
        if not fresh:
            return case_page(
                request,
                client_id,
                200,
                rating_error=translate("phone.rating.already", lang_of(request)),
            )
        return RedirectResponse(f"/cases/{found.client_id}#rating", status_code=303)

    @router.post("/cases/{client_id}/certificate", include_in_schema=False)
    async def certificate(request: Request, client_id: str) -> Response:
        form = await _form(request)
        if factor.hit(_client(request)):
            return page(request, "message.html", 429, title_key="phone.limited.title",
                        text_key="phone.limited.text")  # fmt: skip
        try:
            cert, pdf = open_certificate(platform, client_id[:64], _first(form, "last4")[:8])
        except CertificateError as exc:
            if exc.key == "error.certificate.none" and case_by_client_id(
                platform, client_id[:64]) is None:  # fmt: skip
                return not_found(request, "case")
            return case_page(
                request,
                client_id,
                200,
                cert_error=translate(exc.key, lang_of(request), **exc.params),
            )
        return pdf_download(pdf, cert.filename)

    # -- start on the phone ------------------------------------------------------------
    @router.get("/start", include_in_schema=False)
    def start_list(request: Request) -> Response:
        catalog = platform_catalog(platform)
        lang = lang_of(request)
        services = [
            {"code": s.code, "name": s.name_zh if lang == "zh" else s.name_en}
            for s in (catalog.services if catalog else ())
            if drafts.startable(s)
        ]
        return page(request, "start_list.html", services=services)

    def form_page(request: Request, code: str, values: dict[str, str],
                  errors: dict[str, str], status_code: int = 200) -> Response:  # fmt: skip
        service = service_of(platform, code[:64])
        if service is None or not drafts.startable(service):
            return not_found(request, "guide")
        lang = lang_of(request)
        fields = []
        for spec in drafts.phone_fields(service):
            fields.append({
                "id": spec.id,
                "type": spec.type.value,
                "label": spec.label_zh if lang == "zh" else spec.label_en,
                "help": spec.help_zh if lang == "zh" else spec.help_en,
                "required": spec.required,
                "options": [(o.value, o.label_zh if lang == "zh" else o.label_en)
                            for o in spec.options],
                "value": values.get(spec.id, ""),
                "error": errors.get(spec.id, ""),
            })  # fmt: skip
        name = service.name_zh if lang == "zh" else service.name_en
        return page(request, "start_form.html", status_code, service_name=name,
                    code=service.code, fields=fields, error_count=len(errors))  # fmt: skip

    @router.get("/start/{code}", include_in_schema=False)
    def start_form(request: Request, code: str) -> Response:
        return form_page(request, code, {}, {})

    @router.post("/start/{code}", include_in_schema=False)
    async def start_submit(request: Request, code: str) -> Response:
        form = await _form(request)
        service = service_of(platform, code[:64])
        if service is None or not drafts.startable(service):
            return not_found(request, "guide")
        values: dict[str, str] = {}
        for spec in service.form:
            picked = form.get(spec.id, [])
            if spec.type.value == "multi_select":
                values[spec.id] = ",".join(picked)
            elif spec.type.value == "checkbox":
                values[spec.id] = "true" if picked and picked[0] in ("true", "on") else "false"
            else:
                values[spec.id] = picked[0] if picked else ""
        cleaned, errors = drafts.check_answers(service, values)
        if errors:
            lang = lang_of(request)
            words = {k: translate(key, lang, **params) for k, (key, params) in
                     errors.errors.items()}  # fmt: skip
            return form_page(request, code, values, words)
        draft_code = drafts.create_draft(platform, service, cleaned)
        return RedirectResponse(f"/continue/{draft_code}", status_code=303)

    @router.get("/continue/{draft_code}", include_in_schema=False)
    def continue_page(request: Request, draft_code: str) -> Response:
        found = drafts.draft(platform, draft_code[:64])
        if found is None:
            return not_found(request, "draft")
        service = service_of(platform, found.service_code)
        lang = lang_of(request)
        name = (service.name_zh if lang == "zh" else service.name_en) if service else ""
        url = f"{base_url(request)}/continue/{found.code}"
        return page(request, "continue.html", draft=found, service_name=name, qr=qr_svg(url),
                    expires=local_time(found.expires_at))  # fmt: skip

    # -- 亮证: the identity QR -----------------------------------------------------------
    @router.get("/id", include_in_schema=False)
    def identity_page(request: Request) -> Response:
        provider = platform.identity_provider
        return page(request, "identity.html", provider=provider,
                    demo_passcode=getattr(provider, "DEMO_PASSCODE", ""))  # fmt: skip

    @router.post("/id", include_in_schema=False)
    async def identity_sign_in(request: Request) -> Response:
        provider = platform.identity_provider
        form = await _form(request)
        if factor.hit(_client(request)):
            return page(request, "message.html", 429, title_key="phone.limited.title",
                        text_key="phone.limited.text")  # fmt: skip
        who = provider.sign_in({k: v[0] for k, v in form.items()}) if provider else None
        if who is None:
            return page(request, "identity.html", provider=provider,
                        demo_passcode=getattr(provider, "DEMO_PASSCODE", ""),
                        error=translate("phone.id.refused", lang_of(request)))  # fmt: skip
        from central.web.identity import CODE_MINUTES

        code = platform.store.add_phone_code(who, valid_minutes=CODE_MINUTES)
        from kiosk.privacy import mask_name

        return page(request, "identity_code.html", qr=qr_svg(code), code=code,
                    masked_name=mask_name(str(who.get("name", ""))),
                    minutes=int(CODE_MINUTES))  # fmt: skip

    # -- a proof the kiosk could not fetch offline: its QR leads here ---------------------
    def proof_page(request: Request, code: str, error: str = "") -> Response:
        service = service_of(platform, code[:64])
        if service is None or not service.needs_online:
            return not_found(request, "guide")
        lang = lang_of(request)
        provider = platform.identity_provider
        return page(request, "proof.html", code=service.code,
                    service_name=service.name_zh if lang == "zh" else service.name_en,
                    provider=provider, error=error,
                    demo_passcode=getattr(provider, "DEMO_PASSCODE", ""))  # fmt: skip

    @router.get("/proofs/{code}", include_in_schema=False)
    def proof_form(request: Request, code: str) -> Response:
        return proof_page(request, code)

    @router.post("/proofs/{code}", include_in_schema=False)
    async def proof_download(request: Request, code: str) -> Response:
        form = await _form(request)
        if factor.hit(_client(request)):
            return page(request, "message.html", 429, title_key="phone.limited.title",
                        text_key="phone.limited.text")  # fmt: skip
        service = service_of(platform, code[:64])
        provider = platform.identity_provider
        if service is None or not service.needs_online:
            return not_found(request, "guide")
        who = provider.sign_in({k: v[0] for k, v in form.items()}) if provider else None
        if who is None:
            return proof_page(request, code, translate("phone.id.refused", lang_of(request)))
        from central.proofs import render_proof

        pdf = render_proof(str(who.get("id_number", "")), str(who.get("name", "")), service.code)
        log.info("proof %s downloaded on the phone after sign-in", service.code)
        return pdf_download(pdf, f"proof-{service.code}.pdf")

    # -- the demo notifier's inbox ------------------------------------------------------
    @router.get("/inbox", include_in_schema=False)
    def inbox_page(request: Request) -> Response:
        if not isinstance(platform.notifier, DemoInbox):  # every resident's notices: demo only
            return not_found(request, "case")
        return page(request, "inbox.html", notices=[
            {"text": n.text, "at": local_time(n.at), "state": n.state, "channel": n.channel,
             "link": f"/cases/{n.client_id}"}
            for n in inbox(platform)
        ])  # fmt: skip

    # -- the kiosk's claim of a phone-started application ---------------------------------
    @router.post("/api/v1/phone-drafts/claim", tags=["phone"])
    def claim(req: ResolveRequest, kiosk_id: Kiosk) -> Any:
        code = req.code.strip().rsplit("/", 1)[-1]
        found = drafts.claim_draft(platform, code, kiosk_id)
        if found is None:
            return error_response(404, "unknown_draft", "the code is unknown, used or expired")
        return JSONResponse({"protocol": PROTOCOL, **found})

    @router.post("/api/v1/cases/rating", tags=["phone"])
    def kiosk_rating(req: ResolveRequest, kiosk_id: Kiosk) -> Any:
        """The rating of a case this kiosk submitted, from whichever channel gave it."""
        found = case_by_client_id(platform, req.code.strip().rsplit("/", 1)[-1][:64])
        if found is None or found.kiosk_id != kiosk_id:
            return error_response(404, "unknown_case", "no such case of this kiosk")
        rating = rating_of(platform, found.client_id)
        body = (
            {"level": rating.level, "channel": rating.channel, "at": rating.at} if rating else None
        )
        return JSONResponse({"protocol": PROTOCOL, "rating": body})

    @router.get("/", include_in_schema=False)
    def home(request: Request) -> Response:
        return RedirectResponse("/start", status_code=303)

    return router
