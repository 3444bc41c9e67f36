"""The journey's core without Qt: forms, submission, receipt, PDF, progress, evaluation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.applications import ApplicationService, FormInvalid, platform_base_url
from kiosk.catalog.model import FieldType, FormField, PrefillSource, Service
from kiosk.errors import KioskError, ValidationError
from kiosk.evaluation_queue import submit_evaluation
from kiosk.evaluations import Evaluation
from kiosk.forms import hints, is_name, limit, prefill, validate_field
from kiosk.outbox import Outbox
from kiosk.progress import ProgressQuery
from kiosk.receipts import application_receipt
from kiosk.services import DEMO_SERVICES, StaticServices
from protocol.sealing import open_sealed
from tests.journey.conftest import ID_NUMBER, NAME, db_bytes, encodings, make_identity

SERVICE = DEMO_SERVICES[0]
GOOD = {
    "name": NAME,
    "id_number": ID_NUMBER,
    "phone": "13800138000",
    "address": "北京市朝阳区建国路88号",
    "reason": "work",
    "note": "",
}
ALL_MATERIALS = [m.code for m in SERVICE.materials]


def _service(storage: Any, config: Any) -> tuple[ApplicationService, Outbox]:
    outbox = Outbox(storage, config.kiosk.code)
    return ApplicationService(storage, outbox, config, StaticServices(DEMO_SERVICES)), outbox


def test_submit_seals_everything_and_stores_no_readable_personal_data(
    enrolled: Any, config: Any, platform_key: Any
) -> None:
    apps, outbox = _service(enrolled, config)
    sub = apps.submit(SERVICE, make_identity(), GOOD, ALL_MATERIALS)
    assert sub.tracking_no.startswith("DEMO01-") and sub.masked_name == "张*丰"
    item = outbox.get(sub.client_id)
    assert item is not None and item.state == "pending" and item.service_version == 3
    sealed = outbox.sealed_payload(sub.client_id)
    assert sealed is not None
    doc = json.loads(open_sealed(sealed, platform_key, sub.client_id.encode()))
    assert doc["applicant"]["id_number"] == ID_NUMBER
    assert doc["fields"]["phone"] == "13800138000"
    assert [c.tracking_no for c in outbox.by_id_number(ID_NUMBER)] == [sub.tracking_no]
    raw = db_bytes(config.database_path)
    for secret in (NAME, ID_NUMBER, "13800138000", "建国路"):
        for enc in encodings(secret):
            assert enc not in raw, (secret, enc)


def test_not_enrolled_refuses_with_technician_message(config: Any) -> None:
    from kiosk.storage import open_storage

    storage = open_storage(config.database_path)
    apps, outbox = _service(storage, config)
    with pytest.raises(KioskError) as err:
        apps.submit(SERVICE, make_identity(), GOOD, ALL_MATERIALS)
    assert err.value.key == "error.submit.not_provisioned"
    assert outbox.counts()["pending"] == 0


BAD_VALUES = [
    ("note", "x" * 10_000, "form.error.too_long"),
    ("address", "建国路\x00\x07", "form.error.characters"),
    ("address", "建国路😀", "form.error.characters"),
    ("address", "建国路\u202e88", "form.error.characters"),
    ("name", "\u200f张三", "form.error.characters"),
    ("name", "'; DROP TABLE outbox;--", "form.error.name"),
    ("address", "1' OR '1'='1", "form.error.address"),
    ("phone", "1380013800", "form.error.phone"),
    ("phone", "138 0013 8000;--", "form.error.phone"),
    ("id_number", "110105194912310021", "error.id.checksum"),
    ("id_number", "11010519491231002", "error.id.format"),
    ("reason", "holiday", "form.error.choice"),
    ("phone", "", "form.error.required"),
]


@pytest.mark.parametrize(("field", "value", "key"), BAD_VALUES)
def test_bad_input_gives_a_message_and_stores_nothing(
    enrolled: Any, config: Any, field: str, value: str, key: str
) -> None:
    apps, outbox = _service(enrolled, config)
    with pytest.raises(FormInvalid) as err:
        apps.submit(SERVICE, make_identity(), {**GOOD, field: value}, ALL_MATERIALS)
    assert err.value.errors.errors[field][0] == key
    assert outbox.counts()["pending"] == 0


def test_stale_catalog_unknown_service_missing_materials_and_expired_card(
    enrolled: Any, config: Any
) -> None:
    apps, outbox = _service(enrolled, config)
    stale = SERVICE.model_copy(update={"version": 2})
    with pytest.raises(ValidationError, match="catalog") as err:
        apps.submit(stale, make_identity(), GOOD, ALL_MATERIALS)
    assert err.value.key == "error.submit.stale_catalog"
    gone = SERVICE.model_copy(update={"code": "NOPE"})
    with pytest.raises(ValidationError) as err:
        apps.submit(gone, make_identity(), GOOD, ALL_MATERIALS)
    assert err.value.key == "error.submit.unknown_service"
    with pytest.raises(ValidationError) as err:
        apps.submit(SERVICE, make_identity(), GOOD, ALL_MATERIALS[:1])
    assert err.value.key == "error.submit.materials"
    import datetime as dt

    expired = make_identity(valid_to=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError) as err:
        apps.submit(SERVICE, expired, GOOD, ALL_MATERIALS)
    assert err.value.key == "error.id.expired"
    assert outbox.counts()["pending"] == 0


def test_receipt_text_and_qr_url_carry_the_application_id(enrolled: Any, config: Any) -> None:
    apps, _ = _service(enrolled, config)
    sub = apps.submit(SERVICE, make_identity(), GOOD, ALL_MATERIALS)
    base = platform_base_url(enrolled, config)
    assert base == "https://zwfw.example.gov.cn"
    receipt = application_receipt(sub, SERVICE.name("zh"), "村便民服务点", "DEMO01", base)
    assert receipt.qr_url == f"https://zwfw.example.gov.cn/cases/{sub.client_id}"
    text = receipt.as_text()
    for expected in (sub.tracking_no, "居住证申领", "张*丰", "15 个工作日", "DEMO01"):
        assert expected in text
    assert NAME not in text and ID_NUMBER not in text
    en = application_receipt(sub, SERVICE.name("en"), "Village point", "DEMO01", base, "en")
    assert "15 working days" in en.as_text()


def test_a4_copy_is_a_pdf_with_a_cjk_font_and_renders(
    enrolled: Any, config: Any, tmp_path: Path
) -> None:
    from kiosk.fonts import cjk_font
    from kiosk.pdf import application_copy_pdf, first_page_png

    apps, _ = _service(enrolled, config)
    sub = apps.submit(SERVICE, make_identity(), GOOD, ALL_MATERIALS)
    receipt = application_receipt(sub, "居住证申领", "便民服务点", "DEMO01", "https://x.example")
    pdf = application_copy_pdf(receipt, [("事项", "居住证申领")])
    assert pdf.startswith(b"%PDF") and cjk_font().encode() in pdf
    png = first_page_png(pdf, tmp_path / "copy.png")
    if png is not None:
        from PIL import Image

        img = Image.open(png)
        assert img.size[1] > img.size[0]  # portrait A4
        assert len(img.getcolors(1 << 20) or []) > 2


def test_progress_by_number_qr_url_and_id_card(enrolled: Any, config: Any) -> None:
    apps, outbox = _service(enrolled, config)
    sub = apps.submit(SERVICE, make_identity(), GOOD, ALL_MATERIALS)
    progress = ProgressQuery(enrolled, outbox)
    by_number = progress.lookup(sub.tracking_no.lower())
    assert by_number is not None and by_number.status_key == "progress.status.waiting_sync"
    by_qr = progress.lookup(f"https://zwfw.example.gov.cn/cases/{sub.client_id}")
    assert by_qr == by_number
    assert [c.tracking_no for c in progress.by_id_number(ID_NUMBER)] == [sub.tracking_no]
    assert progress.lookup("DEMO01-20000101-0001") is None
    assert progress.last_sync() is None
    for bad in ("x" * 10_000, "'; DROP TABLE outbox;--", "😀"):
        with pytest.raises(ValidationError):
            progress.lookup(bad)


def test_evaluation_is_sealed_and_bad_levels_need_a_reason(
    enrolled: Any, config: Any, platform_key: Any
) -> None:
    outbox = Outbox(enrolled, config.kiosk.code)
    with pytest.raises(ValidationError) as err:
        submit_evaluation(enrolled, outbox, "DEMO01", Evaluation(level=1))
    assert err.value.key == "evaluate.error.need_reason"
    with pytest.raises(ValidationError):
        submit_evaluation(enrolled, outbox, "DEMO01", Evaluation(level=9))
    with pytest.raises(ValidationError):
        submit_evaluation(enrolled, outbox, "DEMO01", Evaluation(2, ("x",)))
    cid = submit_evaluation(
        enrolled, outbox, "DEMO01", Evaluation(2, ("long_wait",), "排队太久", "HJ-001")
    )
    item = outbox.get(cid)
    assert item is not None and item.kind == "evaluation" and item.tracking_no is None
    sealed = outbox.sealed_payload(cid)
    assert sealed is not None
    doc = json.loads(open_sealed(sealed, platform_key, cid.encode()))
    assert doc["level"] == 2 and doc["reasons"] == ["long_wait"]


# the rest of a service the catalog format requires, beside what a test is about
REST = {
    "department": "gongan", "service_type": "public_service", "summary_zh": "测试",
    "summary_en": "Test", "channels": ["kiosk"],
}  # fmt: skip


def test_prefill_from_identity_and_service_read_from_the_catalog_format() -> None:
    values = prefill(SERVICE.form, make_identity())
    assert values["name"] == NAME and values["id_number"] == ID_NUMBER and values["phone"] == ""
    read = Service.from_dict(
        {
            **REST,
            "code": "X1",
            "version": 7,
            "name_zh": "测试",
            "name_en": "Test",
            "form": [{"id": "phone", "type": "phone", "label_zh": "电话", "label_en": "Phone"}],
            "materials": [{"code": "m", "name_zh": "材料", "name_en": "Material"}],
            "promised_days": 5,
            "identity": "card_or_manual",
        }
    )
    assert read.version == 7 and read.allow_manual and read.name("en") == "Test"
    assert hints(read.form[0]) == "phone" and read.materials[0].name("en") == "Material"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_validation_never_crashes_and_accepts_only_clean_text(text: str) -> None:
    for ftype in ("text", "name", "address", "phone", "id_number", "date", "number"):
        spec = FormField(
            id="f",
            type=FieldType.TEXT if ftype == "name" else FieldType(ftype),
            label_zh="项",
            label_en="Field",
            required=True,
            prefill=PrefillSource.NAME if ftype == "name" else None,
        )
        try:
            value = validate_field(spec, text)
        except ValidationError as exc:
            assert exc.key.startswith(("form.error.", "error.id."))
            continue
        assert len(value) <= limit(spec)
        assert all(ch.isprintable() for ch in value)


def test_catalog_service_reads_and_its_fields_validate() -> None:
    # the catalog area's JSON shape: id/options/min/max/pattern, materials without codes
    svc = Service.from_dict(
        {
            **REST,
            "code": "GA0101",
            "version": 2,
            "name_zh": "居民身份证换领",
            "name_en": "Renew a resident ID card",
            "materials": [{"name_zh": "户口簿", "name_en": "Hukou", "required": True}],
            "promised_days": 15,
            "needs_online": False,
            "identity": "card",
            "form": [
                {"id": "name", "type": "text", "label_zh": "姓名", "label_en": "Name",
                 "required": True, "prefill": "name"},
                {"id": "kind", "type": "select", "label_zh": "类型", "label_en": "Kind",
                 "required": True,
                 "options": [{"value": "a", "label_zh": "甲", "label_en": "A"}]},
                {"id": "tags", "type": "multi_select", "label_zh": "标签", "label_en": "Tags",
                 "options": [{"value": "x", "label_zh": "X", "label_en": "X"},
                             {"value": "y", "label_zh": "Y", "label_en": "Y"}]},
                {"id": "count", "type": "number", "label_zh": "份数", "label_en": "Copies",
                 "min": 1, "max": 3},
                {"id": "day", "type": "date", "label_zh": "日期", "label_en": "Date", "max": 0},
                {"id": "zip", "type": "text", "label_zh": "邮编", "label_en": "Postcode",
                 "pattern": "[0-9]{6}", "max": 6},
                {"id": "agree", "type": "checkbox", "label_zh": "同意", "label_en": "Agree",
                 "required": True},
            ],
        }
    )  # fmt: skip
    assert svc.version == 2 and svc.promised_days == 15 and not svc.allow_manual
    assert svc.materials[0].code == "m0"
    f = {spec.id: spec for spec in svc.form}
    assert is_name(f["name"]) and f["kind"].type is FieldType.SELECT and f["kind"].options
    assert validate_field(f["tags"], "y,x,y") == "y,x"
    ok_or_key = []
    for spec, value in (
        (f["tags"], "z"), (f["count"], "4"), (f["day"], "2999-01-01"),
        (f["zip"], "12345"), (f["agree"], "false"), (f["zip"], "1234567"),
    ):  # fmt: skip
        try:
            validate_field(spec, value)
            ok_or_key.append("ok")
        except ValidationError as exc:
            ok_or_key.append(exc.key)
    assert ok_or_key == [
        "form.error.choice", "form.error.number_range", "form.error.date_range",
        "form.error.pattern", "form.error.required", "form.error.too_long",
    ]  # fmt: skip
    assert validate_field(f["count"], "2") == "2" and validate_field(f["agree"], "true") == "true"
    online = Service.from_dict({**REST, "code": "RS0102", "version": 1, "name_zh": "证明",
                                "name_en": "Proof", "needs_online": True,
                                "identity": "card_or_manual"})  # fmt: skip
    assert online.needs_online and online.allow_manual


def test_reprint_from_the_outbox_index_alone(enrolled: Any, config: Any) -> None:
    from kiosk.receipts import reprint_receipt

    apps, outbox = _service(enrolled, config)
    sub = apps.submit(SERVICE, make_identity(), GOOD, ALL_MATERIALS)
    item = outbox.get(sub.client_id)
    assert item is not None
    again = reprint_receipt(item, "居住证申领", "便民点", "DEMO01", "https://p.example", 15)
    first = application_receipt(sub, "居住证申领", "便民点", "DEMO01", "https://p.example")
    assert again.lines == first.lines and again.qr_url == first.qr_url
    assert again.title.endswith("（补打）")


def test_a4_copy_wraps_long_labels_and_continues_on_a_second_page() -> None:
    from kiosk.pdf import _wrap, application_copy_pdf
    from kiosk.receipts import ReceiptContent

    assert _wrap("I declare that the information is true:", 22) == [
        "I declare that the",
        "information is true:",
    ]
    assert all(len(line) <= 11 for line in _wrap("本人承诺所填信息真实有效并承担法律责任", 22))
    receipt = ReceiptContent("回执", (("事项", "测试"),), ("说明",), "https://x/cases/1", "扫码")
    many = [(f"第{i}项", "内容" * 20) for i in range(40)]
    import re

    def pages(pdf: bytes) -> int:
        return len(re.findall(rb"/Type /Page(?!s)", pdf))

    assert pages(application_copy_pdf(receipt, many[:3])) == 1
    assert pages(application_copy_pdf(receipt, many)) >= 3  # nothing dropped


def test_a_kiosk_that_knows_no_platform_prints_no_qr_but_says_where_to_ask(
    enrolled: Any, config: Any
) -> None:
    from kiosk.applications import PLATFORM_URL_SETTING
    from kiosk.settings import set_setting

    set_setting(enrolled, PLATFORM_URL_SETTING, "")
    apps, _ = _service(enrolled, config)
    sub = apps.submit(SERVICE, make_identity(), GOOD, ALL_MATERIALS)
    base = platform_base_url(enrolled, config)
    receipt = application_receipt(sub, SERVICE.name("zh"), "村便民服务点", "DEMO01", base)
    assert base == "" and receipt.qr_url == ""
    assert "凭受理编号" in receipt.qr_caption and sub.tracking_no in receipt.as_text()
