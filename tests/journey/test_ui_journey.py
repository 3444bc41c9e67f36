"""The journey through the Python backends with the real QML loaded.

These drive the journey's areas the way the screens' buttons do, then look at
what is left: the outbox row, the screens' object tree after the wipe, the
log, and the sizes of every touch target and text in the elderly version.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")


from kiosk.applications import PLATFORM_KEY_SETTING  # noqa: E402
from kiosk.settings import set_setting  # noqa: E402
from tests.journey.conftest import ID_NUMBER, NAME, db_bytes, encodings, make_identity  # noqa: E402

PHONE = "13912345678"
# The sample catalog's 城乡居民基本医疗保险参保登记: card or typed identity, a select,
# a checkbox, the address from the card, two required materials.
SERVICE = "YB0102"
SECRETS = (NAME, ID_NUMBER, PHONE, "建国路")
JOURNEY_SCREENS = (
    "Identify", "Form", "Materials", "Review", "Submitted",
    "Progress", "Proofs", "PhoneCase", "Evaluate",
)  # fmt: skip


@pytest.fixture
def app(journey_app: Any) -> Any:
    return journey_app


@pytest.fixture
def b(app: Any) -> Iterator[Any]:
    app.backends.shell.endSession("test")
    yield app.backends
    app.backends.shell.endSession("test")


def settle(ms: int = 60) -> None:
    from ui.tour import settle as _settle

    _settle(ms)


def journey(b: Any) -> Any:
    from ui.journey import JourneyAreas

    return JourneyAreas.of(b)


def fill_and_review(b: Any) -> Any:
    j = journey(b)
    b.navigator.start()
    j.identify.startApply(SERVICE)
    assert b.navigator.screen == "Identify"
    j.identify.acceptCard(make_identity())
    assert j.visit.identified and j.visit.maskedName == "张*丰"
    assert j.visit.maskedIdNumber == "110105********002X"
    j.identify.continueAfterIdentify()
    assert b.navigator.screen == "Form"
    form = j.apply.form
    values = form.values()
    assert values["name"] == NAME and values["id_number"] == ID_NUMBER  # prefilled
    form.setValue(form.row_of("phone"), PHONE)
    form.chooseValue(form.row_of("insured_type"), "adult")
    form.chooseValue(form.row_of("agree"), "true")
    j.apply.toMaterials()
    assert b.navigator.screen == "Materials", j.visit.error
    j.apply.toReview()
    assert b.navigator.screen == "Materials" and "必需材料" in j.visit.error  # nothing ticked
    for m in j.apply.materials.rows():
        j.apply.toggleMaterial(m["code"])
    j.apply.toReview()
    assert b.navigator.screen == "Review"
    return j


def _role(model: Any, name: str) -> int:
    return next(k for k, v in model.ROLE_IDS.items() if v == name)


def test_offline_application_gets_receipt_and_a_sealed_row(app: Any, b: Any, qtbot: Any) -> None:
    from protocol.sealing import open_sealed

    j = fill_and_review(b)
    made_at_review = j.apply.prepared_seal  # the sealing key's slow half, made while reading
    assert made_at_review is not None
    with qtbot.waitSignal(j.receipt.receiptReady, timeout=5000):
        j.apply.submit()
    assert b.navigator.screen == "Submitted", j.visit.error
    assert j.receipt.trackingNo.startswith("DEMO01-")
    # no receipt printer is configured here: the application is safe all the same
    assert j.receipt.printState == "failed" and "安全保存" in j.receipt.printMessage
    item = j.ctx.outbox.by_tracking_no(j.receipt.trackingNo)
    assert item is not None and item.state == "pending" and item.masked_name == "张*丰"
    assert j.receipt.qrUrl == f"https://zwfw.example.gov.cn/cases/{item.client_id}"
    assert j.receipt.qrSize > 20 and len(j.receipt.qrModules) == j.receipt.qrSize**2
    sealed = j.ctx.outbox.sealed_payload(item.client_id)
    assert sealed is not None
    assert PHONE.encode() in open_sealed(sealed, app.platform_key, item.client_id.encode())
    assert sealed[9:41] == made_at_review.eph_pub and j.apply.prepared_seal is None  # used once
    raw = db_bytes(b.config.database_path)
    for secret in SECRETS:
        for enc in encodings(secret):
            assert enc not in raw, secret
    # the A4 copy: rendered, kept (no CUPS queue here), masked data only
    j.receipt.printA4()
    settle()
    assert j.receipt.last_pdf is not None and j.receipt.last_pdf.read_bytes().startswith(b"%PDF")
    copy_rows = dict(j.receipt.copy_rows())
    assert "139****5678" in copy_rows.values() and NAME not in copy_rows.values()
    assert j.receipt.a4Message
    # progress by number, by the receipt's QR URL, and by card; offline says so
    tracking, url = j.receipt.trackingNo, j.receipt.qrUrl
    b.navigator.go("Progress")
    j.progress.queryProgress(tracking)
    assert [c["trackingNo"] for c in j.progress.cases.rows()] == [tracking]
    assert "等待上报" in j.progress.cases.rows()[0]["status"]
    # the shared app may have synced for an earlier test: the line says when, or never
    never = j.ctx.progress.last_sync() is None
    assert ("尚未" in j.progress.lastSyncText) == never
    assert never or "最近同步" in j.progress.lastSyncText
    j.progress.queryProgress(url)
    assert [c["trackingNo"] for c in j.progress.cases.rows()] == [tracking]
    j.progress.queryProgressByCard()
    assert tracking in [c["trackingNo"] for c in j.progress.cases.rows()]
    # evaluation: bad level needs a reason, then it is queued
    b.navigator.go("Evaluate")
    j.evaluation.setLevel(1)
    assert j.evaluation.needsReason
    j.evaluation.submitEvaluation()
    assert "原因" in j.visit.error and not j.evaluation.evaluated
    j.evaluation.toggleReason("long_wait")
    j.evaluation.submitEvaluation()
    assert j.evaluation.evaluated
    assert j.ctx.outbox.counts()["pending"] >= 2


def test_finish_wipes_every_model_qml_property_and_log(
    app: Any, b: Any, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    import tempfile

    from PySide6.QtGui import QGuiApplication

    from kiosk.logs import setup_logging

    caplog.set_level(logging.DEBUG)
    # the kiosk's own rotating log file, at DEBUG, and a private temp dir to scan
    log_file = setup_logging(tmp_path / "logs", "DEBUG", console=False)
    temp_dir = tmp_path / "tmp"
    temp_dir.mkdir()
    saved_tempdir, tempfile.tempdir = tempfile.tempdir, str(temp_dir)
    try:
        j = fill_and_review(b)
        settle()
        j.apply.submit()
        settle()
        j.receipt.printA4()  # renders a PDF: whatever it writes must hold no plain data
        settle()
        b.navigator.go("Review")  # a screen that shows the answers
        settle()
        # a resident copies their ID number from a field (long-press, copy)
        QGuiApplication.clipboard().setText(f"{NAME} {ID_NUMBER}")
        b.shell.finish()
        settle(150)
    finally:
        tempfile.tempdir = saved_tempdir
        _remove_kiosk_log_handlers()
    assert b.navigator.screen == "Attract"
    assert b.sessions.current.identity is None
    assert log_file.read_text(encoding="utf-8")  # the scan below reads a real log
    clipboard = QGuiApplication.clipboard().text()
    files = [p for p in [*(tmp_path / "logs").rglob("*"), *temp_dir.rglob("*")] if p.is_file()]
    files += [p for p in Path(b.config.data_dir).rglob("*") if p.is_file()]
    for secret in SECRETS:
        assert not _found_in_python(b, secret), secret
        assert not _found_in_qml(app, secret), secret
        assert secret not in caplog.text, secret
        assert secret not in clipboard, secret
        for path in files:
            data = path.read_bytes()
            for enc in encodings(secret):
                assert enc not in data, (secret, path.name)
    assert j.apply.form.rowCount() == 0 and j.receipt.trackingNo == "" and j.visit.maskedName == ""


def _remove_kiosk_log_handlers() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()


def test_review_screen_really_shows_the_answers_before_the_wipe(app: Any, b: Any) -> None:
    # guards the wipe test: the tree walk does find data while it is on screen
    fill_and_review(b)
    settle(150)
    assert _found_in_qml(app, PHONE)
    assert _found_in_python(b, PHONE)


def test_taking_the_card_back_keeps_the_visit(app: Any, b: Any) -> None:
    j = fill_and_review(b)
    j.identify.onCardRemoved()
    assert b.navigator.screen == "Review" and j.visit.identified
    assert j.apply.form.rowCount() > 0


def test_bad_input_shows_messages_and_stores_nothing(app: Any, b: Any) -> None:
    j = fill_and_review(b)
    before = j.ctx.outbox.counts()["pending"]
    bad = ["x" * 10_000, "建国路\x00\x1b[2J", "😀😀", "\u202e路88号", "'); DELETE FROM outbox;--"]
    form = j.apply.form
    row = form.row_of("phone")  # the address came from the card and cannot be typed over
    for value in bad:
        form.setValue(row, value)
        form.checkField(row)  # the resident moves on
        err = form.data(form.index(row), _role(form, "error"))
        assert err, value
        j.apply.submit()
        assert b.navigator.screen == "Form" and "需要修改" in j.visit.error
        assert j.ctx.outbox.counts()["pending"] == before
    # a wrong ID number is refused at manual identification, before any form
    b.shell.endSession("test")
    b.navigator.start()
    j.identify.startApply(SERVICE)
    j.identify.identifyManual("李四", "110105194912310021")
    assert not j.visit.identified and "校验" in j.visit.error
    j.identify.identifyManual("李四\u200f", "11010519491231002X")
    assert not j.visit.identified
    # an expired card is refused with a plain message
    j.identify.acceptCard(make_identity(valid_to=__import__("datetime").date(2020, 1, 1)))
    assert not j.visit.identified and "有效期" in j.visit.error


def test_stale_catalog_version_is_refused(app: Any, b: Any) -> None:
    j = fill_and_review(b)
    j.visit.set_service(j.visit.service.model_copy(update={"version": 0}))  # an older form
    before = j.ctx.outbox.counts()["pending"]
    j.apply.submit()
    assert b.navigator.screen == "Review" and "更新" in j.visit.error
    assert j.ctx.outbox.counts()["pending"] == before


def test_not_enrolled_kiosk_refuses_with_a_technician_message(app: Any, b: Any) -> None:
    from kiosk.settings import get_setting

    key = get_setting(b.storage, PLATFORM_KEY_SETTING)
    set_setting(b.storage, PLATFORM_KEY_SETTING, "")
    try:
        j = fill_and_review(b)
        j.apply.submit()
        assert b.navigator.screen == "Review" and "工作人员" in j.visit.error
    finally:
        set_setting(b.storage, PLATFORM_KEY_SETTING, key)


def test_offline_phone_code_proofs_and_phone_case_explain(app: Any, b: Any) -> None:
    j = journey(b)
    b.navigator.start()
    j.identify.startApply(SERVICE)
    j.identify.usePhoneQr()
    assert "身份证" in j.visit.error and not j.identify.phoneMode
    j.identify.acceptCode("PHONE-QR-123")
    assert "联网" in j.visit.error
    j.identify.acceptCard(make_identity())
    b.navigator.go("Proofs")
    j.proofs.printProof("RS0102")
    assert "二维码" in j.visit.error and j.proofs.qrUrl.endswith("/proofs/RS0102")
    b.navigator.go("PhoneCase")
    j.proofs.fetchPhoneCase("CASE-1")
    assert "联网" in j.visit.error
    b.i18n.toggle()
    assert "network" in j.visit.error


def test_elderly_mode_sizes_on_every_journey_screen(app: Any, b: Any) -> None:
    j = fill_and_review(b)
    settle(100)
    # the walk can fail: standard mode's 21-24 px text is below the elderly floor
    assert any("text" in p for p in _size_problems(app))
    b.style.toggleElderly()
    problems: list[str] = []
    for screen in JOURNEY_SCREENS:
        if screen == "Submitted":
            j.apply.submit()
        else:
            b.navigator.go(screen)
        if screen == "Evaluate":
            j.evaluation.setLevel(1)
        settle(100)
        assert b.navigator.screen == screen
        problems += [f"{screen}: {p}" for p in _size_problems(app)]
    assert not problems, problems[:20]


# -- helpers ---------------------------------------------------------------------------


def _size_problems(app: Any) -> list[str]:
    from PySide6.QtQuick import QQuickItem

    out: list[str] = []

    def walk(item: QQuickItem) -> None:
        cls = item.metaObject().className()
        if "InputPanel" in cls or not item.isVisible():
            return
        if item.width() > 0 and item.height() > 0:
            if (
                item.inherits("QQuickAbstractButton")
                or item.inherits("QQuickTextField")
                or (item.inherits("QQuickMouseArea"))
            ):
                if item.height() < 60 or item.width() < 60:
                    out.append(f"{cls} {item.width():.0f}x{item.height():.0f}")
            if item.inherits("QQuickText") and item.property("text"):
                size = item.property("font").pixelSize()
                if size < 28:
                    out.append(f"text '{item.property('text')[:20]}' {size}px")
        for child in item.childItems():
            walk(child)

    walk(app.window.contentItem())
    return out


# Property types that can hold text; others (pointers, geometry...) are skipped,
# and reading some of them on a half-built item crashes the binding.
TEXT_TYPES = {"QString", "QStringList", "QVariantList", "QVariantMap", "QVariant", "QUrl"}


def _found_in_qml(app: Any, secret: str) -> bool:
    from PySide6.QtCore import QCoreApplication, QEvent, QObject

    # objects the Loader let go of are deleted now, not at some later loop turn
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    seen: set[int] = set()
    # PySide makes a fresh wrapper per C++ object read and frees it after: kept
    # here, no wrapper's id() is reused by another item, which would be skipped
    kept: list[QObject] = []

    def props(obj: QObject) -> bool:
        meta = obj.metaObject()
        for i in range(meta.propertyCount()):
            prop = meta.property(i)
            if prop.typeName() not in TEXT_TYPES:
                continue
            name = prop.name()
            try:
                value = obj.property(name)
            except Exception:  # some properties cannot be read from Python
                continue
            if secret in _flatten(value):
                return True
        return False

    def walk(obj: QObject) -> bool:
        if id(obj) in seen:
            return False
        seen.add(id(obj))
        kept.append(obj)
        if props(obj):
            return True
        children = list(obj.children())
        if hasattr(obj, "childItems"):
            children += list(obj.childItems())
        return any(walk(c) for c in children)

    roots = [app.window, *app.engine.rootObjects(), *app.backends.singletons().values()]
    return any(walk(r) for r in roots)


def _flatten(value: Any, depth: int = 0) -> str:
    if depth > 4 or value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(_flatten(v, depth + 1) + str(k) for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return " ".join(_flatten(v, depth + 1) for v in value)
    return ""


def _found_in_python(b: Any, secret: str) -> bool:
    from PySide6.QtCore import QAbstractListModel

    seen: set[int] = set()

    def walk(obj: Any, depth: int) -> bool:
        if depth > 6 or id(obj) in seen:
            return False
        seen.add(id(obj))
        if isinstance(obj, str):
            return secret in obj
        if isinstance(obj, bytes | int | float | bool | type(None) | Path):
            return False
        if isinstance(obj, dict):
            return any(walk(k, depth + 1) or walk(v, depth + 1) for k, v in obj.items())
        if isinstance(obj, list | tuple | set | frozenset):
            return any(walk(v, depth + 1) for v in obj)
        attrs = getattr(obj, "__dict__", None)
        if attrs is not None and type(obj).__module__.split(".")[0] in ("kiosk", "ui", "devices"):
            return walk(attrs, depth + 1)
        if hasattr(obj, "__dataclass_fields__"):
            return any(walk(getattr(obj, f), depth + 1) for f in obj.__dataclass_fields__)
        return False

    # every row of every list model of every area (the form, materials, review,
    # receipt lines, cases ...), read through its roles as QML reads it
    model_text = [
        model.data(model.index(r), role)
        for area in b.areas.values()
        for model in area.findChildren(QAbstractListModel)
        for r in range(model.rowCount())
        for role in model.roleNames()
    ]
    return walk([b.sessions, *b.areas.values(), model_text], 0)


def test_form_screen_builds_one_editor_per_field(app: Any, b: Any) -> None:
    """The QML side really shows the model: a broken delegate would leave it empty."""
    from PySide6.QtQuick import QQuickItem

    j = fill_and_review(b)
    b.navigator.go("Form")
    settle(100)
    inputs: list[QQuickItem] = []

    def walk(item: QQuickItem) -> None:
        if item.inherits("QQuickTextField") and item.isVisible():
            inputs.append(item)
        for child in item.childItems():
            walk(child)

    walk(app.window.contentItem())
    types = j.apply.form.field_types()
    typed = [n for n, t in types.items() if t not in ("select", "multi_select", "checkbox")]
    assert len(inputs) == len(typed) > 0
    values = j.apply.form.values()
    assert sorted(i.property("text") for i in inputs) == sorted(values[n] for n in typed)


def test_kiosk_that_cannot_keep_an_application_says_so_before_the_form(app: Any, b: Any) -> None:
    """Disk below the floor (sync.admission): refused on Identify with the counter
    message, and submit refuses too, so no form is filled in vain."""
    j = journey(b)
    floor = b.config.sync.min_free_disk_mb
    b.config.sync.min_free_disk_mb = 10**12  # more than any disk has free
    try:
        b.navigator.start()
        j.identify.startApply(SERVICE)
        assert b.navigator.screen == "Identify"
        assert "服务窗口" in j.visit.error
        j.identify.acceptCard(make_identity())
        j.identify.continueAfterIdentify()
        assert b.navigator.screen == "Identify" and "服务窗口" in j.visit.error
    finally:
        b.config.sync.min_free_disk_mb = floor
    j.identify.continueAfterIdentify()
    assert b.navigator.screen == "Form", j.visit.error
