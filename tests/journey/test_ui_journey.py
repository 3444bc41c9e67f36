"""The journey through the Python backends with the real QML loaded.

These drive the Journey object the way the screens' buttons do, then look at
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


def fill_and_review(b: Any) -> Any:
    j = b.areas["Journey"]
    b.navigator.start()
    j.startApply("HJ-001")
    assert b.navigator.screen == "Identify"
    j.acceptCard(make_identity())
    assert j.identified and j.maskedName == "张*丰" and j.maskedIdNumber == "110105********002X"
    j.continueAfterIdentify()
    assert b.navigator.screen == "Form"
    names = [
        j.form.data(j.form.index(r), j.form.roleNames and _role(j.form, "name"))
        for r in range(j.form.rowCount())
    ]
    values = {n: j.form._values.get(n, "") for n in names}
    assert values["name"] == NAME and values["id_number"] == ID_NUMBER  # prefilled
    j.form.setValue(names.index("phone"), PHONE)
    j.form.setValue(names.index("reason"), "work")
    j.toMaterials()
    assert b.navigator.screen == "Materials", j.error
    j.toReview()
    assert b.navigator.screen == "Materials" and "必需材料" in j.error  # nothing ticked
    for m in j.materials:
        j.toggleMaterial(m["code"])
    j.toReview()
    assert b.navigator.screen == "Review"
    return j


def _role(model: Any, name: str) -> int:
    return next(k for k, v in model.ROLE_IDS.items() if v == name)


def test_offline_application_gets_receipt_and_a_sealed_row(app: Any, b: Any, qtbot: Any) -> None:
    from protocol.sealing import open_sealed

    j = fill_and_review(b)
    made_at_review = j._one_time_key  # the sealing key's slow half, made while reading
    assert made_at_review is not None
    with qtbot.waitSignal(j.receiptReady, timeout=5000):
        j.submit()
    assert b.navigator.screen == "Submitted", j.error
    assert j.trackingNo.startswith("DEMO01-")
    # no receipt printer is configured here: the application is safe all the same
    assert j.printState == "failed" and "安全保存" in j.printMessage
    item = j.outbox.by_tracking_no(j.trackingNo)
    assert item is not None and item.state == "pending" and item.masked_name == "张*丰"
    assert j.qrUrl == f"https://zwfw.example.gov.cn/cases/{item.client_id}"
    assert j.qrSize > 20 and len(j.qrModules) == j.qrSize**2
    sealed = j.outbox.sealed_payload(item.client_id)
    assert sealed is not None
    assert PHONE.encode() in open_sealed(sealed, app.platform_key, item.client_id.encode())
    assert sealed[1:33] == made_at_review.eph_pub and j._one_time_key is None  # used once
    raw = db_bytes(b.config.database_path)
    for secret in SECRETS:
        for enc in encodings(secret):
            assert enc not in raw, secret
    # the A4 copy: rendered, kept (no CUPS queue here), masked data only
    j.printA4()
    settle()
    assert j.last_pdf is not None and j.last_pdf.read_bytes().startswith(b"%PDF")
    copy_rows = dict(j._copy_rows)
    assert "139****5678" in copy_rows.values() and NAME not in copy_rows.values()
    assert j.a4Message
    # progress by number, by the receipt's QR URL, and by card; offline says so
    tracking, url = j.trackingNo, j.qrUrl
    b.navigator.go("Progress")
    j.queryProgress(tracking)
    assert [c["trackingNo"] for c in j.cases] == [tracking]
    assert "等待上报" in j.cases[0]["status"] and "尚未" in j.lastSyncText
    j.queryProgress(url)
    assert [c["trackingNo"] for c in j.cases] == [tracking]
    j.queryProgressByCard()
    assert tracking in [c["trackingNo"] for c in j.cases]
    # evaluation: bad level needs a reason, then it is queued
    b.navigator.go("Evaluate")
    j.setLevel(1)
    assert j.needsReason
    j.submitEvaluation()
    assert "原因" in j.error and not j.evaluated
    j.toggleReason("long_wait")
    j.submitEvaluation()
    assert j.evaluated
    assert j.outbox.counts()["pending"] >= 2


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
        j.submit()
        settle()
        j.printA4()  # renders a PDF: whatever it writes must hold no plain data
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
    assert j.form.rowCount() == 0 and j.trackingNo == "" and j.maskedName == ""


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
    j.onCardRemoved()
    assert b.navigator.screen == "Review" and j.identified
    assert j.form.rowCount() > 0


def test_bad_input_shows_messages_and_stores_nothing(app: Any, b: Any) -> None:
    j = fill_and_review(b)
    before = j.outbox.counts()["pending"]
    bad = ["x" * 10_000, "建国路\x00\x1b[2J", "😀😀", "\u202e路88号", "'); DELETE FROM outbox;--"]
    names = [j.form.data(j.form.index(r), _role(j.form, "name")) for r in range(j.form.rowCount())]
    row = names.index("phone")  # the address came from the card and cannot be typed over
    for value in bad:
        j.form.setValue(row, value)
        j.form.checkField(row)  # the resident moves on
        err = j.form.data(j.form.index(row), _role(j.form, "error"))
        assert err, value
        j.submit()
        assert b.navigator.screen == "Form" and "需要修改" in j.error
        assert j.outbox.counts()["pending"] == before
    # a wrong ID number is refused at manual identification, before any form
    b.shell.endSession("test")
    b.navigator.start()
    j.startApply("HJ-001")
    j.identifyManual("李四", "110105194912310021")
    assert not j.identified and "校验" in j.error
    j.identifyManual("李四\u200f", "11010519491231002X")
    assert not j.identified
    # an expired card is refused with a plain message
    j.acceptCard(make_identity(valid_to=__import__("datetime").date(2020, 1, 1)))
    assert not j.identified and "有效期" in j.error


def test_stale_catalog_version_is_refused(app: Any, b: Any) -> None:
    import dataclasses

    j = fill_and_review(b)
    j._service = dataclasses.replace(j._service, version="1")
    before = j.outbox.counts()["pending"]
    j.submit()
    assert b.navigator.screen == "Review" and "更新" in j.error
    assert j.outbox.counts()["pending"] == before


def test_not_enrolled_kiosk_refuses_with_a_technician_message(app: Any, b: Any) -> None:
    from kiosk.settings import get_setting

    key = get_setting(b.storage, PLATFORM_KEY_SETTING)
    set_setting(b.storage, PLATFORM_KEY_SETTING, "")
    try:
        j = fill_and_review(b)
        j.submit()
        assert b.navigator.screen == "Review" and "工作人员" in j.error
    finally:
        set_setting(b.storage, PLATFORM_KEY_SETTING, key)


def test_offline_phone_code_proofs_and_phone_case_explain(app: Any, b: Any) -> None:
    j = b.areas["Journey"]
    b.navigator.start()
    j.startApply("HJ-001")
    j.usePhoneQr()
    assert "身份证" in j.error and not j.phoneMode
    j.acceptCode("PHONE-QR-123")
    assert "联网" in j.error
    j.acceptCard(make_identity())
    b.navigator.go("Proofs")
    j.printProof("SB-101")
    assert "二维码" in j.error and j.qrUrl.endswith("/proofs/SB-101")
    b.navigator.go("PhoneCase")
    j.fetchPhoneCase("CASE-1")
    assert "联网" in j.error
    b.i18n.toggle()
    assert "network" in j.error


def test_elderly_mode_sizes_on_every_journey_screen(app: Any, b: Any) -> None:
    j = fill_and_review(b)
    settle(100)
    # the walk can fail: standard mode's 21-24 px text is below the elderly floor
    assert any("text" in p for p in _size_problems(app))
    b.style.toggleElderly()
    problems: list[str] = []
    for screen in JOURNEY_SCREENS:
        if screen == "Submitted":
            j.submit()
        else:
            b.navigator.go(screen)
        if screen == "Evaluate":
            j.setLevel(1)
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

    journey = b.areas["Journey"]
    model_text = [
        journey.form.data(journey.form.index(r), role)
        for r in range(journey.form.rowCount())
        for role in journey.form.ROLE_IDS
    ]
    return walk([b.sessions, journey, b.areas, model_text], 0)


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
    typed = [s for s in j.form._specs if s.type not in ("choice", "multi_choice", "checkbox")]
    assert len(inputs) == len(typed) > 0
    assert sorted(i.property("text") for i in inputs) == sorted(
        j.form._values[s.name] for s in typed
    )


def test_kiosk_that_cannot_keep_an_application_says_so_before_the_form(app: Any, b: Any) -> None:
    """Disk below the floor (sync.admission): refused on Identify with the counter
    message, and submit refuses too, so no form is filled in vain."""
    j = b.areas["Journey"]
    floor = b.config.sync.min_free_disk_mb
    b.config.sync.min_free_disk_mb = 10**12  # more than any disk has free
    try:
        b.navigator.start()
        j.startApply("HJ-001")
        assert b.navigator.screen == "Identify"
        assert "服务窗口" in j.error
        j.acceptCard(make_identity())
        j.continueAfterIdentify()
        assert b.navigator.screen == "Identify" and "服务窗口" in j.error
    finally:
        b.config.sync.min_free_disk_mb = floor
    j.continueAfterIdentify()
    assert b.navigator.screen == "Form", j.error
