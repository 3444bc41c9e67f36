"""The case queue and one case in words, for reviewers and counter clerks.

The queue reads the platform's applications (never writes them) with the
promised time limit (承诺办结时限, working days) of each case's service from
the platform's catalog, so an overdue case is marked as such. A case opened
shows the sealed payload decrypted on the server, each answer under its
field's label and a choice by its option's words, the materials by name;
opening is the caller's to audit (``central.console.pages.cases``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from central.cases import local_time, platform_catalog, service_of
from central.platform import Platform, open_payload
from central.store import STATUSES, TRANSITIONS, StoreError
from kiosk.catalog.kinds import FieldType
from kiosk.catalog.model import Service
from kiosk.privacy import mask_name

DONE = ("approved", "rejected", "certificate_ready")
STATUS_LABELS = {
    "received": "已接收 Received",
    "accepted": "已受理 Accepted",
    "in_review": "审核中 In review",
    "approved": "已办结 Approved",
    "rejected": "不予受理 Rejected",
    "certificate_ready": "证书已出 Certificate ready",
}
AGES = {
    "overdue": "已超期 Overdue",
    "due_soon": "两日内到期 Due within 2 days",
    "on_time": "未超期 On time",
}


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """``days`` working days after ``start`` (Saturdays and Sundays skipped; public
    holidays are a county's calendar and not known here). 0 days: the same day's end."""
    moment = start
    left = days
    while left > 0:
        moment += dt.timedelta(days=1)
        if moment.weekday() < 5:
            left -= 1
    return moment.replace(hour=23, minute=59, second=59) if days == 0 else moment


def _parse(iso: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(iso)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class QueueRow:
    case_number: str
    client_id: str
    kiosk_id: str
    kiosk_code: str
    hall: str
    tracking_no: str
    service_code: str
    service_name: str
    status: str
    received_at: str
    due_at: str
    age: str  # overdue | due_soon | on_time | done

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def received_local(self) -> str:
        return local_time(self.received_at)

    @property
    def due_local(self) -> str:
        return local_time(self.due_at) if self.due_at else "-"


@dataclass(frozen=True)
class Filters:
    status: str = ""
    service: str = ""
    kiosk: str = ""
    hall: str = ""
    age: str = ""


def _kiosk_codes(platform: Platform) -> dict[str, str]:
    rows = platform.store.query("SELECT kiosk_id, code FROM kiosks")
    return {str(r[0]): str(r[1]) for r in rows}


def queue(
    platform: Platform, halls: dict[str, str], filters: Filters, *, only_hall: str | None = None,
    now: dt.datetime | None = None, limit: int = 300, case_number: str = "",
) -> list[QueueRow]:  # fmt: skip
    """The applications matching ``filters`` (or the one ``case_number``), oldest first;
    ``only_hall`` confines a counter clerk to the kiosks of their hall."""
    now = now or dt.datetime.now(dt.UTC)
    sql = (
        "SELECT case_number, client_id, kiosk_id, tracking_no, service_code, status, "
        "received_at FROM applications WHERE kind = 'application'"
    )
    params = {
        "case_number": case_number,
        "status": filters.status,
        "service_code": filters.service,
        "kiosk_id": filters.kiosk,
    }
    for column, value in params.items():
        if value:  # the column names are these four constants, never the request's
            sql += f" AND {column} = :{column}"
    rows = platform.store.query(sql + " ORDER BY id", params)
    codes = _kiosk_codes(platform)
    out: list[QueueRow] = []
    for r in rows:
        case_number, client_id, kiosk_id, tracking_no, code, status, received_at = (
            str(v or "") for v in r
        )
        hall = halls.get(kiosk_id, "")
        if only_hall is not None and hall != only_hall:
            continue
        if filters.hall and hall != filters.hall:
            continue
        service = service_of(platform, code)
        due = ""
        age = "done" if status in DONE else "on_time"
        if service is not None and received_at:
            due_at = add_working_days(_parse(received_at), service.promised_days)
            due = due_at.isoformat(timespec="seconds")
            if age != "done":
                if due_at < now:
                    age = "overdue"
                elif due_at - now < dt.timedelta(days=2):
                    age = "due_soon"
        if filters.age and age != filters.age:
            continue
        out.append(
            QueueRow(
                case_number, client_id, kiosk_id, codes.get(kiosk_id, ""), hall, tracking_no,
                code, service.name_zh if service else code, status, received_at, due, age,
            )
        )  # fmt: skip
        if len(out) >= limit:
            break
    return out


def service_choices(platform: Platform) -> list[tuple[str, str]]:
    catalog = platform_catalog(platform)
    if catalog is None:
        return []
    return [(s.code, s.name_zh) for s in catalog.services]


@dataclass(frozen=True)
class Answer:
    label: str
    value: str


@dataclass
class CaseView:
    row: QueueRow
    applicant_name: str = ""
    applicant_id: str = ""
    identified_by: str = ""
    submitted_at: str = ""
    answers: list[Answer] = field(default_factory=list)
    materials: list[Answer] = field(default_factory=list)
    unreadable: str = ""  # why the payload could not be read in words
    timeline: list[dict[str, str]] = field(default_factory=list)

    @property
    def next_statuses(self) -> list[tuple[str, str]]:
        return [(s, STATUS_LABELS.get(s, s)) for s in TRANSITIONS.get(self.row.status, ())]

    @property
    def masked_name(self) -> str:
        return mask_name(self.applicant_name)


SOURCES = {"card": "身份证读卡 ID card read", "qr": "手机亮证 Phone code",
           "manual": "手工录入 Typed in"}  # fmt: skip


def _value_in_words(spec_type: FieldType, options: dict[str, str], value: Any) -> str:
    text = str(value)
    if spec_type is FieldType.SELECT:
        return options.get(text, text)
    if spec_type is FieldType.MULTI_SELECT:
        picked = text.split(",") if isinstance(value, str) else [str(v) for v in value]
        return "、".join(options.get(v, v) for v in picked if v) or "-"
    if spec_type is FieldType.CHECKBOX:
        return "是 Yes" if text in ("true", "True", "1") else "否 No"
    return text or "-"


def answers_in_words(service: Service | None, fields: dict[str, Any]) -> list[Answer]:
    """Each answer under its label, in the form's order; answers the catalog no longer
    names come last under their field id."""
    out: list[Answer] = []
    left = dict(fields)
    if service is not None:
        for spec in service.form:
            if spec.id not in left:
                continue
            options = {o.value: f"{o.label_zh} {o.label_en}" for o in spec.options}
            value = left.pop(spec.id)
            words = _value_in_words(spec.type, options, value)
            out.append(Answer(f"{spec.label_zh} {spec.label_en}", words))
    out.extend(Answer(key, str(value)) for key, value in left.items())
    return out


def case_view(platform: Platform, row: QueueRow) -> CaseView:
    """Open the payload (the caller audits it) and put it in words."""
    view = CaseView(row)
    view.timeline = [
        {"status": STATUS_LABELS.get(str(r[0]), str(r[0])), "at": local_time(str(r[1])),
         "note": str(r[2] or "")}
        for r in platform.store.query(
            "SELECT status, at, note FROM status_events WHERE client_id = :client ORDER BY seq",
            {"client": row.client_id},
        )
    ]  # fmt: skip
    try:
        payload = open_payload(platform, row.case_number)
    except StoreError as exc:
        view.unreadable = str(exc)
        return view
    if not isinstance(payload, dict):
        view.unreadable = "payload is not a JSON object"
        return view
    service = service_of(platform, row.service_code)
    person = payload.get("applicant") if isinstance(payload.get("applicant"), dict) else {}
    assert isinstance(person, dict)
    view.applicant_name = str(person.get("name", payload.get("name", "")))
    view.applicant_id = str(person.get("id_number", ""))
    view.identified_by = SOURCES.get(str(person.get("source", "")), str(person.get("source", "")))
    view.submitted_at = local_time(str(payload.get("submitted_at", ""))) if payload.get(
        "submitted_at") else ""  # fmt: skip
    fields = payload.get("fields")
    if not isinstance(fields, dict):  # an older or foreign payload: every key as it is
        skip = {"v", "kind", "client_id", "kiosk", "service", "submitted_at", "applicant", "name"}
        fields = {k: v for k, v in payload.items() if k not in skip}
    view.answers = answers_in_words(service, fields)
    ticked = {str(m) for m in payload.get("materials") or []}
    if service is not None:
        for material in service.materials:
            mark = (
                "已提交 Provided"
                if material.code in ticked
                else ("未提交 Not provided" if material.required else "非必需 Not required")
            )
            view.materials.append(Answer(f"{material.name_zh} {material.name_en}", mark))
    else:
        view.materials = [Answer(code, "已提交 Provided") for code in sorted(ticked)]
    return view


def status_choices() -> list[tuple[str, str]]:
    return [(s, STATUS_LABELS.get(s, s)) for s in STATUSES]
