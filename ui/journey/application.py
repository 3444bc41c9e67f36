"""Filling in and sending one application, as QML sees it (singleton ``Apply``).

The form (a ``FormModel``), the materials checklist, the review, and the
confirm tap: ONE durable outbox write through the context's
``ApplicationService``; only after it returns is the receipt printed. Once
sent, the form's answers are wiped here: the sealed copy in the outbox is the
only full one.

``Apply`` rather than ``Application``: QtQuick has an ``Application``
singleton of its own, and a screen importing both would be ambiguous.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.applications import FormInvalid, prepare_seal
from kiosk.catalog.model import FieldType, PrefillSource
from kiosk.errors import KioskError
from kiosk.forms import card_bound, prefill
from kiosk.identity import Identity, normalize_id_number
from kiosk.platform import PhoneCase
from protocol.sealing import OneTimeKey
from ui.journey.context import Context
from ui.journey.form_model import FormModel
from ui.journey.models import MaterialsModel
from ui.journey.receipt import Receipt
from ui.journey.visit import Visit
from ui.models import LabelValueModel

SUMMARY = "form.error.summary"  # "3 items to fix": recounted as fields are fixed
MISSING = "error.submit.materials"  # "2 required materials not ticked"


class Apply(QObject):
    reviewMaterialsChanged = Signal()

    def __init__(
        self, ctx: Context, visit: Visit, receipt: Receipt, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit = visit
        self.receipt = receipt
        self.form = FormModel(ctx.lang, ctx.identity, self)
        self.form.errorsChanged.connect(self._recount)
        self._materials = MaterialsModel(self)
        self._review = LabelValueModel(self)
        self._ticked: set[str] = set()
        self._one_time_key: OneTimeKey | None = None
        # an application started on the phone (手机办件): its declared answers
        self._phone_draft: PhoneCase | None = None
        visit.serviceChanged.connect(self._show_materials)
        ctx.i18n.languageChanged.connect(self._retranslate)
        ctx.navigator.screenChanged.connect(self._on_screen)
        ctx.sessions.on_wipe(self.wipe)

    @property
    def prepared_seal(self) -> OneTimeKey | None:
        """The one-time sealing key made on the review screen, until a submit uses it."""
        return self._one_time_key

    def reset(self) -> None:
        """Another service or identity: no answers or ticks carry over."""
        self.form.wipe()
        self._ticked.clear()
        self._review.clear()
        self._show_materials()

    def wipe(self) -> None:
        self._one_time_key = None
        self._phone_draft = None
        self.reset()

    # -- an application started on the phone ---------------------------------------
    def continue_phone_draft(self, draft: PhoneCase) -> None:
        """Finish here what the phone started: its answers prefill the form once
        the card (or the phone's identity QR) says who the resident is."""
        self._phone_draft = draft

    @property
    def phone_draft(self) -> PhoneCase | None:
        return self._phone_draft

    def declared_id_number(self) -> str:
        """The ID number the phone declared for this application ("" if none)."""
        service, draft = self.visit.service, self._phone_draft
        if service is None or draft is None:
            return ""
        answers = dict(draft.answers)
        for spec in service.form:
            if spec.type is FieldType.ID_NUMBER and spec.prefill is PrefillSource.ID_NUMBER:
                return normalize_id_number(answers.get(spec.id, ""))
        return ""

    def identity_matches_draft(self, identity: Identity) -> bool:
        """A phone-started application is finished only by the person it declared."""
        declared = self.declared_id_number()
        return not declared or normalize_id_number(identity.id_number) == declared

    def open_form(self) -> None:
        """The service's form, prefilled from the visit's identity, and from the
        phone's answers where the card does not decide the field."""
        service = self.visit.service
        if service is None:
            return
        identity = self.ctx.identity()
        values = prefill(service.form, identity)
        if self._phone_draft is not None and self._phone_draft.service_code == service.code:
            answers = dict(self._phone_draft.answers)
            for spec in service.form:
                if spec.id in answers and not (card_bound(spec, identity) and values[spec.id]):
                    values[spec.id] = answers[spec.id]
        self.form.load(service.form, values)

    def _retranslate(self) -> None:
        self.form.retranslate()
        self._show_materials()
        if self._review.count:
            self._show_review()

    def _on_screen(self) -> None:
        if self.ctx.screen == "Review":
            self._show_review()  # the answers as they are now, after any edit

    # -- form ----------------------------------------------------------------------
    @Property(QObject, constant=True)
    def formModel(self) -> FormModel:
        return self.form

    def _recount(self) -> None:
        """The form's summary follows the fields: fewer to fix, then none."""
        if self.visit.error_key == SUMMARY:
            count = self.form.error_count()
            if count:
                self.visit.set_error(SUMMARY, count=count)
            else:
                self.visit.set_error("")

    @Slot()
    def toMaterials(self) -> None:
        if not self.form.validate_all():
            self.visit.set_error(SUMMARY, count=self.form.error_count())
            return
        self.visit.clear_error()
        service = self.visit.service
        if service and service.materials:
            self.ctx.navigator.go("Materials")
        else:
            self._go_review()

    # -- materials -----------------------------------------------------------------
    @Property(QObject, constant=True)
    def materials(self) -> MaterialsModel:
        return self._materials

    def _show_materials(self) -> None:
        service = self.visit.service
        lang = self.ctx.lang()
        rows = [
            {
                "code": m.code,
                "name": m.name(lang),
                "mandatory": m.required,
                "ticked": m.code in self._ticked,
            }
            for m in (service.materials if service else ())
        ]
        self._materials.set_rows(rows)
        self.reviewMaterialsChanged.emit()

    @Slot(str)
    def toggleMaterial(self, code: str) -> None:
        self._ticked.symmetric_difference_update({code})
        if self.visit.error_key == MISSING and self.visit.service is not None:
            missing = self._missing_materials()
            if missing:
                self.visit.set_error(MISSING, count=missing)
            else:
                self.visit.set_error("")
        self._show_materials()

    def _missing_materials(self) -> int:
        service = self.visit.service
        if service is None:
            return 0
        return sum(1 for m in service.materials if m.required and m.code not in self._ticked)

    @Slot()
    def toReview(self) -> None:
        if self.visit.service is None:
            return
        missing = self._missing_materials()
        if missing:
            self.visit.set_error(MISSING, count=missing)
            return
        self.visit.clear_error()
        self._go_review()

    # -- review --------------------------------------------------------------------
    def _go_review(self) -> None:
        # The sealing key's slow half is made while the resident reads the
        # answers, so the confirm tap only encrypts and commits.
        if self._one_time_key is None:
            self._one_time_key = prepare_seal(self.ctx.storage)
        self.ctx.navigator.go("Review")

    def _show_review(self) -> None:
        self._review.set_rows(self.form.rows_for_review(self.ctx.lang()))

    @Property(QObject, constant=True)
    def reviewRows(self) -> LabelValueModel:
        return self._review

    @Property(str, notify=reviewMaterialsChanged)
    def reviewMaterials(self) -> str:
        return "、".join(str(m["name"]) for m in self._materials.rows() if m["ticked"])

    # -- submit --------------------------------------------------------------------
    @Slot()
    def submit(self) -> None:
        """ONE durable outbox write; only after it returns is the receipt printed."""
        ctx, visit, service = self.ctx, self.visit, self.visit.service
        if service is None:
            visit.set_error("journey.no_service")
            return
        prepared, self._one_time_key = self._one_time_key, None  # one box per key
        # provisioning may have given this kiosk its code since the area was built
        ctx.outbox.kiosk_code = ctx.config.kiosk.code
        try:
            sub = ctx.apps.submit(
                service, ctx.identity(), self.form.values(), sorted(self._ticked), prepared=prepared
            )
        except FormInvalid as exc:
            ctx.navigator.go("Form")
            self.form.show_errors(exc.errors.errors)
            visit.set_error(SUMMARY, count=self.form.error_count())
            return
        except KioskError as exc:
            visit.fail(exc)
            return
        visit.clear_error()
        lang = ctx.lang()
        self.receipt.show_application(sub, service.name(lang), self.form.rows_for_copy(lang))
        self.form.wipe()  # the sealed copy in the outbox is the only full one now
        self._phone_draft = None
        self._review.clear()
        visit.mark_done(service.code, sub.client_id)
        # Back from the receipt leads Home, never into the form that was sent
        ctx.navigator.restart_from("Submitted")
        self.receipt.printReceipt()
