"""The application form as a QML list model: one row per field, checked as it changes.

The resident's answers live only here (and, once sent, sealed in the outbox);
``wipe`` drops them at the end of the visit, and ``rows_for_copy`` hands the
A4 copy masked values only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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

from kiosk.catalog.model import FieldType, FormField
from kiosk.errors import ValidationError
from kiosk.forms import card_bound, check_against_identity, hints, is_name, validate_field
from kiosk.i18n import translate
from kiosk.identity import Identity
from kiosk.privacy import mask_id_number, mask_name

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
        self,
        language: Callable[[], str],
        identity: Callable[[], Identity | None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._language = language  # the screen's language, asked at each read
        self._identity = identity  # the visit's identity: card-bound fields, age rules
        self._specs: list[FormField] = []
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
            return spec.id
        if name == "label":
            return spec.label(lang)
        if name == "value":
            return self._values.get(spec.id, "")
        if name == "error":
            err = self._errors.get(spec.id)
            return translate(err[0], lang, **err[1]) if err else ""
        if name == "hints":
            return hints(spec)
        if name == "type":
            return spec.type.value
        if name == "mandatory":
            return spec.required
        if name == "choices":
            return [{"value": o.value, "label": o.label(lang)} for o in spec.options]
        if name == "prefilled":
            return spec.id in self._prefilled
        if name == "help":
            return spec.help(lang)
        if name == "fromCard":
            return spec.id in self._bound
        return None

    def load(self, specs: tuple[FormField, ...], values: dict[str, str]) -> None:
        self.beginResetModel()
        self._specs = list(specs)
        self._values = dict(values)
        self._prefilled = {k for k, v in values.items() if v}
        identity = self._identity()
        self._bound = {
            s.id for s in self._specs if s.id in self._prefilled and card_bound(s, identity)
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
        if spec.id in self._bound:
            self._changed(row)  # the field shows the card's value again
            return
        self._values[spec.id] = text
        if spec.id in self._errors:
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

    def _check(self, spec: FormField) -> bool:
        value = self._values.get(spec.id, "")
        try:
            cleaned = validate_field(spec, value)
            check_against_identity(spec, cleaned, self._identity())
        except ValidationError as exc:
            self._errors[spec.id] = (
                exc.key,
                {k: v for k, v in exc.params.items() if k != "field"},
            )
            return False
        self._errors.pop(spec.id, None)
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
        """The answers by field name, as typed or prefilled."""
        return dict(self._values)

    def field_names(self) -> list[str]:
        """The fields' names in screen order (row i is field_names()[i])."""
        return [spec.id for spec in self._specs]

    def field_types(self) -> dict[str, str]:
        return {spec.id: spec.type.value for spec in self._specs}

    def row_of(self, name: str) -> int:
        """The row of field ``name``; ValueError when the form has no such field."""
        return self.field_names().index(name)

    def rows_for_review(self, lang: str) -> list[dict[str, str]]:
        rows = []
        for spec in self._specs:
            value = self._values.get(spec.id, "")
            labels = {o.value: o.label(lang) for o in spec.options}
            if spec.type is FieldType.SELECT:
                value = labels.get(value, value)
            elif spec.type is FieldType.MULTI_SELECT:
                value = "、".join(labels.get(v, v) for v in value.split(",") if v)
            elif spec.type is FieldType.CHECKBOX:
                key = "journey.selected" if value == "true" else "journey.not_selected"
                value = translate(key, lang)
            rows.append({"label": spec.label(lang), "value": value})
        return rows

    def rows_for_copy(self, lang: str) -> list[tuple[str, str]]:
        """The answers for the A4 copy, with names, ID numbers and phones masked."""
        rows = []
        for row, spec in zip(self.rows_for_review(lang), self._specs, strict=True):
            value = row["value"]
            if is_name(spec):
                value = mask_name(value)
            elif spec.type is FieldType.ID_NUMBER:
                value = mask_id_number(value)
            elif spec.type is FieldType.PHONE and len(value) > 7:
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
