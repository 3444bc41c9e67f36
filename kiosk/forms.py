"""A service's application form: prefill from the identity, and what a value may be.

The catalog describes each field (``kiosk.catalog.model.FormField``, the one
model of a field: the guide, the form screen and the submit read the same
object); this module decides what a value typed into it may be.
Validation is per field and returns message keys (``form.error.*``) that the
UI shows next to the field, so a resident sees *which* field is wrong and why,
in words, never by colour alone. Every field type refuses what no honest
answer contains: control characters, bidirectional override marks (a
spoofing trick), private-use and surrogate code points, emoji and other
pictographs, and anything longer than the field allows. The check is on the
characters, not on "SQL-looking" patterns: queries are parametrised, so a
quote is harmless in storage, but a name field has no use for one either.

``hints`` tells the UI which on-screen keyboard fits: digits for phones,
digits plus X for ID numbers, the pinyin/English keyboard for names and
addresses.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.catalog.model import FieldType, FormField, PrefillSource
from kiosk.catalog.patterns import PatternError, full_match
from kiosk.errors import ValidationError
from kiosk.identity import Identity, IdentitySource, validate_id_number

# Keyboard hints, as names the UI maps to Qt.InputMethodHints.
HINTS = {
    FieldType.TEXT: "text",
    FieldType.ADDRESS: "text",
    FieldType.ID_NUMBER: "id_number",
    FieldType.PHONE: "phone",
    FieldType.DATE: "date",
    FieldType.NUMBER: "digits",
    FieldType.SELECT: "none",
    FieldType.MULTI_SELECT: "none",
    FieldType.CHECKBOX: "none",
}

NAME_MAX = 30  # a text field prefilled with the name is a name: the name rules apply
DEFAULT_MAX = {
    FieldType.ID_NUMBER: 18,
    FieldType.PHONE: 20,
    FieldType.ADDRESS: 120,
    FieldType.DATE: 10,
}
TEXT_MAX = 200
# Bidirectional controls and zero-width characters: category Cf catches them all.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "So", "Sk", "Zl", "Zp"}
_NAME_EXTRA = set("·• ")
_ADDRESS_EXTRA = set(" -#()（）·,，、/.。")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}")
_LENGTH_BY_MAX = (FieldType.TEXT, FieldType.ADDRESS)  # their ``max`` is a length
_PATTERNED = (FieldType.TEXT, FieldType.ADDRESS, FieldType.NUMBER, FieldType.PHONE)

# Identity attributes a field may be prefilled from.
PREFILL_SOURCES = ("name", "id_number", "address", "birth_date", "sex", "nation")


def is_name(spec: FormField) -> bool:
    """A text field the identity's name fills: judged, and masked, as a name."""
    return spec.type is FieldType.TEXT and spec.prefill is PrefillSource.NAME


def limit(spec: FormField) -> int:
    """The longest answer the field takes, in characters."""
    if spec.type in _LENGTH_BY_MAX and spec.max is not None:
        return int(spec.max)
    if is_name(spec):
        return NAME_MAX
    return DEFAULT_MAX.get(spec.type, TEXT_MAX)


def hints(spec: FormField) -> str:
    """The on-screen keyboard the field wants."""
    return HINTS.get(spec.type, "text")


def _bounds(spec: FormField) -> tuple[float | None, float | None]:
    """A number's value range, or a date's in days from today; none for lengths."""
    if spec.type in (FieldType.NUMBER, FieldType.DATE):
        return spec.min, spec.max
    return None, None


# Fields a card read fills and binds: the resident cannot change them.
CARD_BOUND = ("name", "id_number", "sex", "birth_date", "address", "nation")


def card_bound(spec: FormField, identity: Identity | None) -> bool:
    """The field shows what the ID card says, so it is read-only for this visit."""
    return bool(
        identity is not None
        and identity.source is IdentitySource.CARD
        and spec.prefill in CARD_BOUND
    )


def _birth_from_number(id_number: str) -> dt.date | None:
    """A typed-in identity has no card's birth date; the number holds it (GB 11643)."""
    from stdnum.cn import ric

    try:
        return ric.get_birth_date(id_number)
    except Exception:  # noqa: BLE001 - any malformed number simply has no usable date
        return None


def age_on(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def check_against_identity(
    spec: FormField, value: str, identity: Identity | None, today: dt.date | None = None
) -> None:
    """Answers the identity contradicts: a card's fields changed, an age rule broken.

    Raises ValidationError with a ``form.error.*`` key the UI shows at the field.
    """
    if identity is None:
        return
    if card_bound(spec, identity):
        expected = prefill((spec,), identity).get(spec.id, "")
        if value != expected:
            raise ValidationError("card field changed", key="form.error.card_bound", field=spec.id)
    picked = value.split(",") if spec.type is FieldType.MULTI_SELECT else [value]
    ruled = [
        o for o in spec.options
        if o.value in picked and (o.min_age is not None or o.max_age is not None)
    ]
    if not ruled:  # most fields: no age to work out (the number's date costs ~20 µs)
        return
    birth = identity.birth_date or _birth_from_number(identity.id_number)
    if birth is None:
        return
    age = age_on(birth, today or dt.date.today())
    for option in ruled:
        low, high = option.min_age, option.max_age
        if low is not None and age < low:
            raise ValidationError("too young", key="form.error.age_min", field=spec.id, age=low)
        if high is not None and age > high:
            raise ValidationError("too old", key="form.error.age_max", field=spec.id, age=high)


def _bad_characters(value: str) -> bool:
    return any(unicodedata.category(ch) in _FORBIDDEN_CATEGORIES for ch in value)


def _only(value: str, extra: set[str]) -> bool:
    return all(ch.isalnum() or ch in extra for ch in value)


def clean(value: str) -> str:
    """Normalise what a keyboard produced: NFC, trimmed, inner runs of spaces kept."""
    return unicodedata.normalize("NFC", value).strip()


def validate_field(spec: FormField, raw: str) -> str:
    """Return the cleaned value or raise ValidationError with a ``form.error.*`` key."""
    if not isinstance(raw, str):
        raise ValidationError("not text", key="form.error.invalid", field=spec.id)
    if len(raw) > limit(spec) * 4:  # refuse floods before normalising them
        raise ValidationError(
            "value too long", key="form.error.too_long", field=spec.id, max=limit(spec)
        )
    value = clean(raw)
    if not value:
        if spec.required:
            raise ValidationError("required", key="form.error.required", field=spec.id)
        return ""
    if len(value) > limit(spec):
        raise ValidationError(
            "value too long", key="form.error.too_long", field=spec.id, max=limit(spec)
        )
    if _bad_characters(value):
        raise ValidationError("forbidden characters", key="form.error.characters", field=spec.id)
    if is_name(spec):
        if not all(ch.isalpha() or ch in _NAME_EXTRA for ch in value):
            raise ValidationError("bad name", key="form.error.name", field=spec.id)
    elif spec.type is FieldType.ID_NUMBER:
        try:
            value = validate_id_number(value)
        except ValidationError as exc:
            raise ValidationError("bad id number", key=exc.key, field=spec.id) from exc
    elif spec.type is FieldType.PHONE:
        compact = value.replace(" ", "")
        if not (_MOBILE.fullmatch(compact) or _LANDLINE.fullmatch(compact)):
            raise ValidationError("bad phone", key="form.error.phone", field=spec.id)
        value = compact
    elif spec.type is FieldType.ADDRESS:
        if not _only(value, _ADDRESS_EXTRA):
            raise ValidationError("bad address", key="form.error.address", field=spec.id)
    elif spec.type is FieldType.DATE:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValidationError("bad date", key="form.error.date", field=spec.id) from exc
        value = day.isoformat()
        offset = (day - dt.date.today()).days
        low, high = _bounds(spec)
        if (low is not None and offset < low) or (high is not None and offset > high):
            raise ValidationError("date out of range", key="form.error.date_range", field=spec.id)
    elif spec.type is FieldType.NUMBER:
        if not value.isascii() or not value.isdigit():
            raise ValidationError("bad number", key="form.error.number", field=spec.id)
        low, high = _bounds(spec)
        if (low is not None and int(value) < low) or (high is not None and int(value) > high):
            raise ValidationError(
                "number out of range", key="form.error.number_range", field=spec.id
            )
    elif spec.type is FieldType.SELECT:
        if value not in {o.value for o in spec.options}:
            raise ValidationError("bad choice", key="form.error.choice", field=spec.id)
    elif spec.type is FieldType.MULTI_SELECT:
        picked = [v for v in value.split(",") if v]
        if not picked and spec.required:
            raise ValidationError("required", key="form.error.required", field=spec.id)
        if any(v not in {o.value for o in spec.options} for v in picked):
            raise ValidationError("bad choice", key="form.error.choice", field=spec.id)
        value = ",".join(dict.fromkeys(picked))
    elif spec.type is FieldType.CHECKBOX:
        if value not in ("true", "false"):
            raise ValidationError("bad checkbox", key="form.error.invalid", field=spec.id)
        if spec.required and value != "true":
            raise ValidationError("must be ticked", key="form.error.required", field=spec.id)
    else:  # free text: letters, digits, punctuation, spaces
        if not all(ch.isprintable() for ch in value):
            raise ValidationError(
                "forbidden characters", key="form.error.characters", field=spec.id
            )
    if spec.pattern and spec.type in _PATTERNED:
        try:  # RE2, linear in the value: a catalog's (a+)+$ cannot hang the screen
            matched = full_match(spec.pattern, value)
        except PatternError:
            # an import refuses such a pattern; one kept from an older kiosk
            # must not lock residents out either
            matched = True
        if not matched:
            raise ValidationError("pattern", key="form.error.pattern", field=spec.id)
    return value


@dataclass
class FormErrors:
    """Field name -> (message key, params), in field order."""

    errors: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.errors)


def validate_form(
    specs: Iterable[FormField], values: Mapping[str, str], identity: Identity | None = None
) -> tuple[dict[str, str], FormErrors]:
    """Validate every field, and against the identity when given; returns cleaned
    values and the errors (empty if all fine)."""
    cleaned: dict[str, str] = {}
    errors = FormErrors()
    known = set()
    for spec in specs:
        known.add(spec.id)
        try:
            cleaned[spec.id] = validate_field(spec, values.get(spec.id, ""))
            check_against_identity(spec, cleaned[spec.id], identity)
        except ValidationError as exc:
            errors.errors[spec.id] = (
                exc.key,
                {k: v for k, v in exc.params.items() if k != "field"},
            )
    for name in values:
        if name not in known:
            errors.errors[name] = ("form.error.unknown_field", {})
    return cleaned, errors


def prefill(specs: Iterable[FormField], identity: Identity | None) -> dict[str, str]:
    """Initial values taken from the identity (name, ID number, address ...)."""
    values: dict[str, str] = {}
    for spec in specs:
        if identity is None or not spec.prefill:
            values[spec.id] = ""
            continue
        source = spec.prefill.value
        raw: Any = getattr(identity, source, "") if source in PREFILL_SOURCES else ""
        if isinstance(raw, dt.date):
            raw = raw.isoformat()
        values[spec.id] = str(raw or "")
    return values
