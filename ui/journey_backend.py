"""The resident's journey as QML sees it: identify, form, materials, review, submit,
receipt, progress, proofs, phone case, evaluation.

Python decides every step; QML only shows the properties below and calls the
slots. Nothing here keeps an ``Identity``: it lives in the session
(``SessionManager.current.identity``) and every piece of the visit held here
(form values, materials ticked, results shown) is dropped by ``wipe``, which
the session manager calls on finish, idle timeout and card removal.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

import qrcode
from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)

from kiosk import a4_spool
from kiosk.applications import (
    ApplicationService,
    FormInvalid,
    Submission,
    case_url,
    platform_base_url,
    prepare_seal,
)
from kiosk.errors import KioskError, ValidationError
from kiosk.evaluations import BAD_LEVELS, LEVELS, REASONS, Evaluation, submit_evaluation
from kiosk.forms import FieldSpec, card_bound, check_against_identity, prefill, validate_field
from kiosk.i18n import translate
from kiosk.identity import Identity, IdentitySource, manual_identity
from kiosk.outbox import Outbox
from kiosk.platform import OfflineGateway, PlatformGateway
from kiosk.privacy import mask_id_number, mask_name
from kiosk.progress import CaseView, ProgressQuery
from kiosk.receipts import ReceiptContent, application_receipt, local_time, phone_case_receipt
from kiosk.services import DEMO_SERVICES, ServiceSpec, StaticServices
from protocol.sealing import OneTimeKey
from sync.admission import ensure_can_accept

log = logging.getLogger(__name__)

PROOF_WORDS = ("打印", "证明")
# The A4 outcomes that mean paper came out; every other outcome needs the staff.
A4_PRINTED = ("submitted.a4.done", "proofs.printed", "phone.printed")

FORM_ROLES = (
    "name",
    "label",
    "value",
    "error",
    "hints",
    "type",
    "mandatory",
    "choices",
    "prefilled",
    "help",
    "fromCard",
)


class FormModel(QAbstractListModel):
    """The fields of one service's form; validates each field as it changes."""

    ROLE_IDS = {Qt.ItemDataRole.UserRole + 1 + i: n for i, n in enumerate(FORM_ROLES)}
    countChanged = Signal()
    errorsChanged = Signal()  # the screen's summary ("3 items to fix") recounts

    def __init__(
        self, language: Any, identity: Any = lambda: None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._language = language  # callable returning the current language
        self._identity = identity  # callable returning the visit's Identity or None
        self._specs: list[FieldSpec] = []
        self._values: dict[str, str] = {}
        self._errors: dict[str, tuple[str, dict[str, Any]]] = {}
        self._prefilled: set[str] = set()
        self._bound: set[str] = set()  # read from the ID card: not to be changed

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._specs)

    @Property(int, notify=countChanged)
    def count(self) -> int:
        return len(self._specs)

    def roleNames(self) -> dict[int, QByteArray]:
        return {k: QByteArray(v.encode()) for k, v in self.ROLE_IDS.items()}

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._specs):
            return None
        spec = self._specs[index.row()]
        name = self.ROLE_IDS.get(role)
        lang = self._language()
        if name == "name":
            return spec.name
        if name == "label":
            return spec.label(lang)
        if name == "value":
            return self._values.get(spec.name, "")
        if name == "error":
            err = self._errors.get(spec.name)
            return translate(err[0], lang, **err[1]) if err else ""
        if name == "hints":
            return spec.hints
        if name == "type":
            return spec.type
        if name == "mandatory":
            return spec.required
        if name == "choices":
            return [{"value": v, "label": en if lang == "en" else zh} for v, zh, en in spec.choices]
        if name == "prefilled":
            return spec.name in self._prefilled
        if name == "help":
            return (spec.help_en if lang == "en" else spec.help_zh) or spec.help_zh
        if name == "fromCard":
            return spec.name in self._bound
        return None

    def load(self, specs: tuple[FieldSpec, ...], values: dict[str, str]) -> None:
        self.beginResetModel()
        self._specs = list(specs)
        self._values = dict(values)
        self._prefilled = {k for k, v in values.items() if v}
        identity = self._identity()
        self._bound = {
            s.name for s in self._specs if s.name in self._prefilled and card_bound(s, identity)
        }
        self._errors = {}
        self.endResetModel()
        self.countChanged.emit()
        self.errorsChanged.emit()

    def retranslate(self) -> None:
        if self._specs:
            self.dataChanged.emit(self.index(0), self.index(len(self._specs) - 1))

    @Slot(int, str)
    def setValue(self, row: int, text: str) -> None:
        """Store one field as the resident types. It is not judged while they
        type (or compose pinyin); a message already shown is re-checked, so it
        goes as soon as the answer is right."""
        if not 0 <= row < len(self._specs):
            return
        spec = self._specs[row]
        if spec.name in self._bound:
            self._changed(row)  # the field shows the card's value again
            return
        self._values[spec.name] = text
        if spec.name in self._errors:
            self._check(spec)
        self._changed(row)

    @Slot(int, str)
    def chooseValue(self, row: int, text: str) -> None:
        """A choice tapped or a box ticked: a finished answer, checked at once."""
        self.setValue(row, text)
        self.checkField(row)

    @Slot(int)
    def checkField(self, row: int) -> None:
        """The resident left the field: check it and say what is wrong, if anything."""
        if 0 <= row < len(self._specs):
            self._check(self._specs[row])
            self._changed(row)

    def _changed(self, row: int) -> None:
        idx = self.index(row)
        self.dataChanged.emit(idx, idx)
        self.errorsChanged.emit()

    def _check(self, spec: FieldSpec) -> bool:
        value = self._values.get(spec.name, "")
        try:
            cleaned = validate_field(spec, value)
            check_against_identity(spec, cleaned, self._identity())
        except ValidationError as exc:
            self._errors[spec.name] = (
                exc.key,
                {k: v for k, v in exc.params.items() if k != "field"},
            )
            return False
        self._errors.pop(spec.name, None)
        return True

    def error_count(self) -> int:
        return len(self._errors)

    def validate_all(self) -> bool:
        ok = all([self._check(spec) for spec in self._specs])
        self.retranslate()
        self.errorsChanged.emit()
        return ok

    def show_errors(self, errors: dict[str, tuple[str, dict[str, Any]]]) -> None:
        self._errors = dict(errors)
        self.retranslate()
        self.errorsChanged.emit()

    def values(self) -> dict[str, str]:
        return dict(self._values)

    def rows_for_review(self, lang: str) -> list[dict[str, str]]:
        rows = []
        for spec in self._specs:
            value = self._values.get(spec.name, "")
            labels = {v: (en if lang == "en" else zh) for v, zh, en in spec.choices}
            if spec.type == "choice":
                value = labels.get(value, value)
            elif spec.type == "multi_choice":
                value = "、".join(labels.get(v, v) for v in value.split(",") if v)
            elif spec.type == "checkbox":
                key = "journey.selected" if value == "true" else "journey.not_selected"
                value = translate(key, lang)
            rows.append({"label": spec.label(lang), "value": value})
        return rows

    def rows_for_copy(self, lang: str) -> list[tuple[str, str]]:
        """The answers for the A4 copy, with names, ID numbers and phones masked."""
        rows = []
        for row, spec in zip(self.rows_for_review(lang), self._specs, strict=True):
            value = row["value"]
            if spec.type == "name":
                value = mask_name(value)
            elif spec.type == "id_number":
                value = mask_id_number(value)
            elif spec.type == "phone" and len(value) > 7:
                value = value[:3] + "*" * (len(value) - 7) + value[-4:]
            rows.append((row["label"], value))
        return rows

    def wipe(self) -> None:
        self.beginResetModel()
        self._values.clear()
        self._errors.clear()
        self._prefilled.clear()
        self._bound.clear()
        self._specs = []
        self.endResetModel()
        self.countChanged.emit()


def qr_matrix(text: str) -> tuple[int, list[int]]:
    """The QR code's modules, row by row, for a QML Canvas to draw (no image files)."""
    qr = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    rows = qr.get_matrix()
    return len(rows), [1 if cell else 0 for row in rows for cell in row]


class Journey(QObject):
    changed = Signal()  # one notify for the whole journey: screens re-read what they show
    receiptReady = Signal()  # tests and the tour wait for it
    _a4Done = Signal(str)

    def __init__(self, backends: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._b = backends
        self.config = backends.config
        self.storage = backends.storage
        self.sessions = backends.sessions
        self.outbox = Outbox(self.storage, self.config.kiosk.code)
        self.gateway: PlatformGateway = (
            getattr(backends, "platform_gateway", None) or OfflineGateway()
        )
        self.services_override: Any = None  # tests and tools may pin a service source
        self.progress = ProgressQuery(self.storage, self.outbox)
        self._one_time_key: OneTimeKey | None = None
        a4_spool.prune(self._a4_dir)  # a day's unprinted PDFs, left from before a restart
        self.form = FormModel(lambda: self._b.i18n.language, self._identity, self)
        self.form.errorsChanged.connect(self._recount)
        self.devices: Any = None
        self.last_receipt: ReceiptContent | None = None
        self.last_pdf: Path | None = None
        backends.i18n.languageChanged.connect(self._retranslate)
        backends.sessions.on_wipe(self.wipe)
        backends.navigator.screenChanged.connect(self._on_screen)
        self._a4Done.connect(self._on_a4_done, Qt.ConnectionType.QueuedConnection)
        self._reset_state()

    # -- state ---------------------------------------------------------------------
    def _reset_state(self) -> None:
        self._service: ServiceSpec | None = None
        self._error = ""  # message key of the current screen's problem
        self._error_params: dict[str, Any] = {}
        self._notice = ""  # message key of a neutral notice (offline, printed...)
        self._notice_params: dict[str, Any] = {}
        self._phone_mode = False
        self._ticked: set[str] = set()
        self._submission: Submission | None = None
        self._qr_url = ""
        self._qr: tuple[int, list[int]] = (0, [])
        self._print_state = ""  # "", printing, printed, failed
        self._print_reason = ""
        self._a4_state = ""
        self._cases: list[CaseView] = []
        self._progress_done = False
        self._level = 0
        self._reasons: set[str] = set()
        self._comment = ""
        self._evaluated = False
        self._phone_case: Any = None
        self._card_on_reader = False  # the card read for this visit still lies there
        self._done = ""  # what this visit did, for the rating: a service code, or ""
        self._waiting_print = False
        self.last_receipt = None
        self.last_pdf = None
        self._copy_rows: list[tuple[str, str]] = []  # masked answers for the A4 copy

    def wipe(self) -> None:
        """Drop everything of the visit; called by SessionManager.wipe."""
        self.form.wipe()
        self._one_time_key = None
        self._reset_state()
        self.changed.emit()

    def _identity(self) -> Identity | None:
        ident = self.sessions.current.identity
        return ident if isinstance(ident, Identity) else None

    def _lang(self) -> str:
        return str(self._b.i18n.language)

    def _t(self, key: str, **params: Any) -> str:
        return translate(key, self._lang(), **params) if key else ""

    def _set_error(self, key: str, **params: Any) -> None:
        self._error, self._error_params = key, params
        self.changed.emit()

    def _fail(self, exc: KioskError) -> None:
        self._set_error(exc.key, **{k: v for k, v in exc.params.items() if k != "field"})

    def _retranslate(self) -> None:
        self.form.retranslate()
        self.changed.emit()

    def attach_devices(self, devices: Any) -> None:
        """Connect the Devices backend: card in/out, scanned codes, print results."""
        self.devices = devices
        devices.cardInserted.connect(self.acceptCard)
        devices.cardRemoved.connect(self.onCardRemoved)
        devices.cardRejected.connect(lambda key: self._set_error(key))
        devices.codeScanned.connect(self.acceptCode)
        devices.printFinished.connect(self._on_print_finished)

    # -- service -------------------------------------------------------------------
    def _catalog(self) -> Any:
        return self._b.areas.get("Catalog")

    @property
    def services(self) -> Any:
        """The catalog store when the catalog area is there, else the demo services."""
        if self.services_override is not None:
            return self.services_override
        store = getattr(self._catalog(), "store", None)
        return store if store is not None else StaticServices(DEMO_SERVICES)

    def _recount(self) -> None:
        """The form's summary follows the fields: fewer to fix, then none."""
        if self._error == "form.error.summary":
            count = self.form.error_count()
            self._error, self._error_params = (
                ("form.error.summary", {"count": count}) if count else ("", {})
            )
            self.changed.emit()

    def _on_screen(self) -> None:
        """A screen's messages belong to it: leaving it clears them.

        Arriving at Identify from a service guide takes the exact version read
        there, and a card still on the reader is read for this visit.
        """
        if self._error or self._notice:
            self._error, self._error_params = "", {}
            self._notice, self._notice_params = "", {}
            self.changed.emit()
        if self._b.navigator.screen != "Identify":
            return
        if self._identity() is None:
            self._rearm_card()
        picked = getattr(self._catalog(), "selected_service", None)
        service = picked() if callable(picked) else None
        if service is None:
            return
        spec = ServiceSpec.from_catalog(service)
        if self._service is None or (spec.code, spec.version) != (
            self._service.code,
            self._service.version,
        ):
            self._service = spec
            self.form.wipe()
            self._ticked.clear()
            self._error = ""
            self.changed.emit()

    def _lookup(self, code: str) -> ServiceSpec | None:
        for source in (self.services, StaticServices(DEMO_SERVICES)):
            try:
                found = source.service(code)
            except KioskError:
                found = None
            if found is not None:
                return ServiceSpec.from_catalog(found)
        return None

    @Slot(str)
    def selectService(self, code: str) -> None:
        self._service = self._lookup(code)
        self._error = "" if self._service else "error.submit.unknown_service"
        self.form.wipe()
        self._ticked.clear()
        self.changed.emit()

    @Slot(str)
    def startApply(self, code: str) -> None:
        """From a service guide's Apply button: pick the service, then identify."""
        self.selectService(code)
        if self._service is not None:
            self._b.navigator.go("Identify")
            self._admit()  # says at once when the kiosk cannot take an application

    @Property(str, notify=changed)
    def serviceCode(self) -> str:
        return self._service.code if self._service else ""

    @Property(str, notify=changed)
    def serviceName(self) -> str:
        return self._service.name(self._lang()) if self._service else ""

    @Property(bool, notify=changed)
    def allowManual(self) -> bool:
        return bool(self._service and self._service.allow_manual)

    @Property(bool, notify=changed)
    def online(self) -> bool:
        try:
            return bool(self.gateway.online())
        except Exception:  # a broken client must not break the screen
            log.exception("platform gateway online() failed")
            return False

    @Property(str, notify=changed)
    def error(self) -> str:
        return self._t(self._error, **self._error_params)

    @Property(str, notify=changed)
    def notice(self) -> str:
        return self._t(self._notice, **self._notice_params)

    # -- identify ------------------------------------------------------------------
    @Property(bool, notify=changed)
    def identified(self) -> bool:
        return self._identity() is not None

    @Property(str, notify=changed)
    def maskedName(self) -> str:
        ident = self._identity()
        return ident.masked_name if ident else ""

    @Property(str, notify=changed)
    def maskedIdNumber(self) -> str:
        ident = self._identity()
        return ident.masked_id_number if ident else ""

    @Property(bool, notify=changed)
    def phoneMode(self) -> bool:
        return self._phone_mode

    def _accept_identity(self, identity: Identity) -> bool:
        try:
            identity.check()
        except KioskError as exc:
            identity.wipe()
            self._fail(exc)
            return False
        old = self._identity()
        if old is not None and old is not identity:
            old.wipe()
        self.sessions.current.identity = identity
        self._error = ""
        self._phone_mode = False
        log.info("identified by %s", identity.source.value)
        screen = self._b.navigator.screen
        if screen == "Progress":
            self.queryProgressByCard()
        self.changed.emit()
        return True

    @Slot(object)
    def acceptCard(self, identity: Identity) -> None:
        """A card read. One identity per visit: a card laid down once someone is
        identified is not taken (it is read for the next visit, or after
        "change identity")."""
        if self._identity() is not None or self._b.navigator.screen == "Attract":
            identity.wipe()
            return
        if self._accept_identity(identity):
            self._card_on_reader = True
            self.changed.emit()

    @Slot()
    def onCardRemoved(self) -> None:
        """The resident took the card back, as asked: the visit goes on."""
        if self._card_on_reader:
            self._card_on_reader = False
            self.changed.emit()

    @Property(bool, notify=changed)
    def takeCard(self) -> bool:
        """Read, and still on the reader: ask for it to be taken back (请取回身份证)."""
        ident = self._identity()
        by_card = ident is not None and ident.source is IdentitySource.CARD
        return self._card_on_reader and by_card

    def _rearm_card(self) -> None:
        """Let the reader report the card lying on it again (a new visit, a new identity)."""
        rearm = getattr(self.devices, "rearmCard", None)
        if callable(rearm):
            rearm()

    @Slot(str, str)
    def identifyManual(self, name: str, id_number: str) -> None:
        if not self.allowManual:
            self._set_error("identify.manual.not_allowed")
            return
        try:
            identity = manual_identity(name[:64], id_number[:64])
        except KioskError as exc:
            self._fail(exc)
            return
        self._accept_identity(identity)

    @Slot()
    def usePhoneQr(self) -> None:
        if not self.online:
            self._phone_mode = False
            self._set_error("identify.phone.offline")
            return
        self._phone_mode = True
        self._error = ""
        self.changed.emit()

    @Slot(str)
    def acceptCode(self, code: str) -> None:
        """A scanned code: meaning depends on the screen the resident is on."""
        screen = self._b.navigator.screen
        if screen == "Identify":
            if not self.online:
                self._set_error("identify.phone.offline")
                return
            try:
                identity = self.gateway.resolve_phone_qr(code[:4096])
            except KioskError as exc:
                self._fail(exc)
                return
            self._accept_identity(identity)
        elif screen == "Progress":
            self.queryProgress(code)
        elif screen == "PhoneCase":
            self.fetchPhoneCase(code)

    @Slot()
    def forgetIdentity(self) -> None:
        ident = self._identity()
        if ident is not None:
            ident.wipe()
        self.sessions.current.identity = None
        self._card_on_reader = False
        self.form.wipe()
        self.changed.emit()
        if self._b.navigator.screen == "Identify":
            self._rearm_card()

    def _admit(self) -> bool:
        """Backlog too old or disk nearly full: refuse before the resident fills a form."""
        try:
            ensure_can_accept(self.outbox, self.config)
        except KioskError as exc:
            self._fail(exc)
            return False
        return True

    @Slot()
    def continueAfterIdentify(self) -> None:
        if self._service is None:
            self._set_error("journey.no_service")
            return
        if self._identity() is None:
            self._set_error("error.submit.no_identity")
            return
        if self._service.online_only:
            self._b.navigator.go("Proofs")
            return
        if not self._admit():
            return
        self.form.load(self._service.fields, prefill(self._service.fields, self._identity()))
        self._error = ""
        self.changed.emit()
        self._b.navigator.go("Form")

    # -- form, materials, review ---------------------------------------------------
    @Property(QObject, constant=True)
    def formModel(self) -> FormModel:
        return self.form

    @Slot()
    def toMaterials(self) -> None:
        if not self.form.validate_all():
            errors = len(self.form._errors)
            self._set_error("form.error.summary", count=errors)
            return
        self._error = ""
        self.changed.emit()
        if self._service and self._service.materials:
            self._b.navigator.go("Materials")
        else:
            self._go_review()

    @Property("QVariantList", notify=changed)
    def materials(self) -> list[dict[str, Any]]:
        if self._service is None:
            return []
        lang = self._lang()
        return [
            {
                "code": m.code,
                "name": m.name(lang),
                "required": m.required,
                "ticked": m.code in self._ticked,
            }
            for m in self._service.materials
        ]

    @Slot(str)
    def toggleMaterial(self, code: str) -> None:
        self._ticked.symmetric_difference_update({code})
        if self._error == "error.submit.materials" and self._service is not None:
            missing = self._missing_materials()
            self._error, self._error_params = (
                ("error.submit.materials", {"count": missing}) if missing else ("", {})
            )
        self.changed.emit()

    def _missing_materials(self) -> int:
        if self._service is None:
            return 0
        return sum(1 for m in self._service.materials if m.required and m.code not in self._ticked)

    @Slot()
    def toReview(self) -> None:
        if self._service is None:
            return
        missing = self._missing_materials()
        if missing:
            self._set_error("error.submit.materials", count=missing)
            return
        self._error = ""
        self.changed.emit()
        self._go_review()

    def _go_review(self) -> None:
        # The sealing key's slow half is made while the resident reads the
        # answers, so the confirm tap only encrypts and commits.
        if self._one_time_key is None:
            self._one_time_key = prepare_seal(self.storage)
        self._b.navigator.go("Review")

    @Property("QVariantList", notify=changed)
    def reviewRows(self) -> list[dict[str, str]]:
        return self.form.rows_for_review(self._lang())

    @Property(str, notify=changed)
    def reviewMaterials(self) -> str:
        return "、".join(m["name"] for m in self.materials if m["ticked"])

    # -- submit and receipt --------------------------------------------------------
    @Slot()
    def submit(self) -> None:
        """ONE durable outbox write; only after it returns is the receipt printed."""
        if self._service is None:
            self._set_error("journey.no_service")
            return
        apps = ApplicationService(
            self.storage,
            self.outbox,
            self.config,
            self.services_for_submit(),
            admission=lambda: ensure_can_accept(self.outbox, self.config),
        )
        prepared, self._one_time_key = self._one_time_key, None  # one box per key
        # provisioning may have given this kiosk its code since the area was built
        self.outbox.kiosk_code = self.config.kiosk.code
        try:
            sub = apps.submit(
                self._service,
                self._identity(),
                self.form.values(),
                sorted(self._ticked),
                prepared=prepared,
            )
        except FormInvalid as exc:
            self._b.navigator.go("Form")
            self.form.show_errors(exc.errors.errors)
            self._set_error("form.error.summary", count=self.form.error_count())
            return
        except KioskError as exc:
            self._fail(exc)
            return
        self._submission = sub
        self._error = ""
        base = platform_base_url(self.storage, self.config)
        self._qr_url = case_url(base, sub.client_id)
        self._qr = qr_matrix(self._qr_url)
        self.last_receipt = application_receipt(
            sub,
            self._service.name(self._lang()),
            self.config.kiosk.name,
            self.config.kiosk.code,
            base,
            self._lang(),
        )
        self._copy_rows = self.form.rows_for_copy(self._lang())
        self.form.wipe()  # the sealed copy in the outbox is the only full one now
        self._done = self._service.code
        # Back from the receipt leads Home, never into the form that was sent
        self._b.navigator.restart_from("Submitted")
        self.changed.emit()
        self.printReceipt()

    def services_for_submit(self) -> Any:
        outer = self

        class _Both:
            def service(self, code: str, version: str | None = None) -> Any:
                try:
                    found = outer.services.service(code)
                except KioskError:
                    found = None
                return found if found is not None else StaticServices(DEMO_SERVICES).service(code)

        return _Both()

    @Slot()
    def printReceipt(self) -> None:
        receipt = self.last_receipt
        if receipt is None:
            return
        if self.devices is None:
            self._print_state, self._print_reason = "failed", "error.device.not_found"
            self.changed.emit()
            self.receiptReady.emit()
            return
        from devices.receipt import document_from_content

        doc = document_from_content(receipt)
        self._print_state, self._print_reason = "printing", ""
        self._waiting_print = True
        self.changed.emit()
        self.devices.printReceipt(doc)

    def _on_print_finished(self, ok: bool, key: str) -> None:
        if not self._waiting_print:
            return
        self._waiting_print = False
        self._print_state = "printed" if ok else "failed"
        self._print_reason = key
        self.changed.emit()
        self.receiptReady.emit()

    @Property(str, notify=changed)
    def trackingNo(self) -> str:
        return self._submission.tracking_no if self._submission else ""

    @Property(str, notify=changed)
    def qrUrl(self) -> str:
        return self._qr_url

    @Property(int, notify=changed)
    def qrSize(self) -> int:
        return self._qr[0]

    @Property("QVariantList", notify=changed)
    def qrModules(self) -> list[int]:
        return self._qr[1]

    @Property(str, notify=changed)
    def printState(self) -> str:
        return self._print_state

    @Property(str, notify=changed)
    def printMessage(self) -> str:
        if self._print_state == "printing":
            return self._t("submitted.printing")
        if self._print_state == "printed":
            return self._t("submitted.printed")
        if self._print_state == "failed":
            reason = self._t(self._print_reason or "error.device")
            if "{" in reason:  # a device message that wants details we do not have
                reason = self._t("error.device")
            return self._t("submitted.print_failed", reason=reason)
        return ""

    @Property("QVariantList", notify=changed)
    def receiptLines(self) -> list[dict[str, str]]:
        r = self.last_receipt
        return [{"label": a, "value": b} for a, b in r.lines] if r else []

    @Slot()
    def printA4(self) -> None:
        """Render the A4 copy (masked data only) and hand it to CUPS, or keep it."""
        receipt = self.last_receipt
        if receipt is None:
            return
        from kiosk.pdf import application_copy_pdf

        copy = dataclasses.replace(receipt, title=self._t("a4.title"))
        pdf = application_copy_pdf(copy, self._copy_rows)
        self.last_pdf = a4_spool.spool(self._a4_dir, f"{self.trackingNo or 'copy'}-", pdf)
        manager = getattr(self.devices, "manager", None)
        if manager is None or not hasattr(manager, "print_a4"):
            self._on_a4_done("submitted.a4.saved")
            return
        self._a4_state = "printing"
        self._send_a4(manager, self.last_pdf, "submitted.a4.done", "submitted.a4.saved")

    @property
    def _a4_dir(self) -> Path:
        return self.config.data_dir / "a4"

    def _send_a4(self, manager: Any, pdf: Path, done_key: str, kept_key: str) -> None:
        """Hand a spooled PDF to CUPS; once it has the job, our copy goes."""

        def finished(future: Any) -> None:
            if future.exception():
                self._a4Done.emit(kept_key)
            else:
                a4_spool.printed(pdf)
                self._a4Done.emit(done_key)

        manager.print_a4(pdf).add_done_callback(finished)

    def _on_a4_done(self, key: str) -> None:
        self._a4_state = key
        self.changed.emit()

    @Property(str, notify=changed)
    def a4Message(self) -> str:
        return self._t(self._a4_state) if "." in self._a4_state else ""

    @Property(bool, notify=changed)
    def a4Printed(self) -> bool:
        """Only a job CUPS took is a success; a copy kept for the staff is a warning."""
        return self._a4_state in A4_PRINTED

    # -- progress ------------------------------------------------------------------
    @Slot(str)
    def queryProgress(self, text: str) -> None:
        try:
            found = self.progress.lookup(text[:600])
        except KioskError as exc:
            self._cases, self._progress_done = [], False
            self._fail(exc)
            return
        self._cases = [found] if found else []
        self._progress_done = True
        self._error = ""
        self.changed.emit()

    @Slot()
    def queryProgressByCard(self) -> None:
        ident = self._identity()
        if ident is None:
            self._set_error("proofs.need_identity")
            return
        self._cases = self.progress.by_id_number(ident.id_number)
        self._progress_done = True
        self._error = ""
        self.changed.emit()

    @Property("QVariantList", notify=changed)
    def cases(self) -> list[dict[str, str]]:
        lang = self._lang()
        out = []
        for case in self._cases:
            svc = self._lookup(case.service_code)
            out.append(
                {
                    "trackingNo": case.tracking_no,
                    "service": svc.name(lang) if svc else case.service_code,
                    "maskedName": case.masked_name,
                    "status": self._t(case.status_key),
                    "created": local_time(_parse(case.created_at)),
                    "caseNumber": case.case_number,
                }
            )
        return out

    @Property(bool, notify=changed)
    def progressSearched(self) -> bool:
        return self._progress_done

    @Property(str, notify=changed)
    def lastSyncText(self) -> str:
        last = self.progress.last_sync()
        if last is None:
            return self._t("progress.never_synced")
        return self._t("progress.last_sync", time=local_time(last))

    # -- proofs and phone cases ----------------------------------------------------
    @Property("QVariantList", notify=changed)
    def proofServices(self) -> list[dict[str, str]]:
        lang = self._lang()
        listing = getattr(self.services, "all_services_az", None) or getattr(
            self.services, "all", None
        )
        rows: list[dict[str, str]] = []
        if callable(listing):
            try:
                for s in listing():
                    online = getattr(s, "needs_online", False) or getattr(s, "online_only", False)
                    # the catalog marks every platform-bound service; proofs are the printouts
                    if online and any(w in str(getattr(s, "name_zh", "")) for w in PROOF_WORDS):
                        name = getattr(s, "name_en" if lang == "en" else "name_zh", "")
                        rows.append({"code": s.code, "name": name or s.name_zh})
            except KioskError as exc:
                log.warning("listing online-only services failed: %s", exc.detail)
        if not rows:
            rows = [{"code": s.code, "name": s.name(lang)} for s in DEMO_SERVICES if s.online_only]
        return rows

    @Slot(str)
    def printProof(self, code: str) -> None:
        ident = self._identity()
        if ident is None:
            self._set_error("proofs.need_identity")
            return
        if not self.online:
            self._qr_url = f"{platform_base_url(self.storage, self.config)}/proofs/{code}"
            self._qr = qr_matrix(self._qr_url)
            self._set_error("proofs.offline")
            return
        try:
            pdf = self.gateway.fetch_proof(code, ident)
        except KioskError as exc:
            self._fail(exc)
            return
        self.last_pdf = a4_spool.spool(self._a4_dir, "proof-", pdf)
        manager = getattr(self.devices, "manager", None)
        self._error = ""
        self._done = code
        if manager is None:
            self._on_a4_done("proofs.saved")
            return
        self._send_a4(manager, self.last_pdf, "proofs.printed", "proofs.saved")

    @Slot(str)
    def fetchPhoneCase(self, code: str) -> None:
        if not self.online:
            self._set_error("phone.offline")
            return
        try:
            self._phone_case = self.gateway.fetch_phone_case(code[:4096])
        except KioskError as exc:
            self._fail(exc)
            return
        self._notice, self._notice_params = (
            "phone.found",
            {"tracking": self._phone_case.tracking_no},
        )
        self._error = ""
        self.changed.emit()

    @Property(bool, notify=changed)
    def phoneCaseFound(self) -> bool:
        return self._phone_case is not None

    @Property(bool, notify=changed)
    def phoneCaseHasDocuments(self) -> bool:
        return bool(self._phone_case is not None and self._phone_case.documents)

    @Slot()
    def printPhoneReceipt(self) -> None:
        case = self._phone_case
        if case is None:
            return
        svc = self._lookup(case.service_code)
        self._done = case.service_code
        self.last_receipt = phone_case_receipt(
            case,
            svc.name(self._lang()) if svc else case.service_code,
            self.config.kiosk.code,
            platform_base_url(self.storage, self.config),
            self._lang(),
        )
        self.printReceipt()

    @Slot()
    def printPhoneDocuments(self) -> None:
        case = self._phone_case
        if case is None or not case.documents:
            return
        manager = getattr(self.devices, "manager", None)
        for _title, pdf in case.documents:
            self.last_pdf = a4_spool.spool(self._a4_dir, "case-", pdf)
            if manager is None:
                self._on_a4_done("phone.docs_saved")
                continue
            self._send_a4(manager, self.last_pdf, "phone.printed", "phone.docs_saved")

    # -- evaluation ----------------------------------------------------------------
    @Property("QVariantList", notify=changed)
    def levels(self) -> list[dict[str, Any]]:
        return [
            {"level": n, "label": self._t(f"evaluate.level.{n}"), "selected": n == self._level}
            for n, _ in LEVELS
        ]

    @Property("QVariantList", notify=changed)
    def reasons(self) -> list[dict[str, Any]]:
        return [
            {"code": r, "label": self._t(f"evaluate.reason.{r}"), "selected": r in self._reasons}
            for r in REASONS
        ]

    @Property(str, notify=changed)
    def ratingSubject(self) -> str:
        """What the rating is for: the service done in this visit, or the hall."""
        if self._done:
            svc = self._lookup(self._done)
            name = svc.name(self._lang()) if svc else self._done
            return self._t("evaluate.for_service", service=name)
        return self._t("evaluate.for_hall")

    @Property(bool, notify=changed)
    def needsReason(self) -> bool:
        return self._level in BAD_LEVELS

    @Property(bool, notify=changed)
    def evaluated(self) -> bool:
        return self._evaluated

    @Slot(int)
    def setLevel(self, level: int) -> None:
        self._level = level
        self._error = ""
        self.changed.emit()

    @Slot(str)
    def toggleReason(self, code: str) -> None:
        self._reasons.symmetric_difference_update({code})
        self.changed.emit()

    @Slot(str)
    def setComment(self, text: str) -> None:
        self._comment = text[:1000]

    @Slot()
    def submitEvaluation(self) -> None:
        evaluation = Evaluation(
            level=self._level,
            reasons=tuple(sorted(self._reasons)),
            comment=self._comment,
            service_code=self._done,  # "" rates the hall: nothing was done in this visit
            application_id=self._submission.client_id if self._submission else "",
        )
        try:
            submit_evaluation(self.storage, self.outbox, self.config.kiosk.code, evaluation)
        except KioskError as exc:
            self._fail(exc)
            return
        self._evaluated = True
        self._error = ""
        self.changed.emit()

    @Slot()
    def skipEvaluation(self) -> None:
        self._b.shell.endSession("finish")


def _parse(value: str) -> Any:
    import datetime as dt

    return dt.datetime.fromisoformat(value)


def create(backends: Any) -> dict[str, QObject]:
    """AREA_FACTORIES entry: the Journey singleton and its form model."""
    journey = Journey(backends)
    sync = backends.areas.get("Sync")
    if getattr(backends, "platform_gateway", None) is None and sync is not None:
        # The sync area's client: offline until enrolled, "online" while its cycles succeed.
        from sync.gateway import EnrolledGateway

        service = sync.service
        journey.gateway = EnrolledGateway(
            backends.storage, backends.config, online_fn=lambda: bool(service.online)
        )
    devices = backends.areas.get("Devices")
    if devices is not None:
        journey.attach_devices(devices)
    return {"Journey": journey}
