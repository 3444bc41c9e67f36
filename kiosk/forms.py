"""A service's application form: field specs, prefill from the identity, validation.

The catalog describes each field; this module decides what a value may be.
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

from kiosk.errors import ValidationError
from kiosk.identity import Identity, IdentitySource, validate_id_number

FIELD_TYPES = (
    "text", "name", "id_number", "phone", "address", "date", "choice", "multi_choice",
    "checkbox", "number",
)  # fmt: skip
# The catalog's type names for the same things.
TYPE_ALIASES = {"select": "choice", "multi_select": "multi_choice"}

# Keyboard hints, as names the UI maps to Qt.InputMethodHints.
HINTS = {
    "text": "text",
    "name": "text",
    "address": "text",
    "id_number": "id_number",
    "phone": "phone",
    "date": "date",
    "number": "digits",
    "choice": "none",
    "multi_choice": "none",
    "checkbox": "none",
}

DEFAULT_MAX = {"name": 30, "id_number": 18, "phone": 20, "address": 120, "date": 10}
TEXT_MAX = 200
# Bidirectional controls and zero-width characters: category Cf catches them all.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "So", "Sk", "Zl", "Zp"}
_NAME_EXTRA = set("·• ")
_ADDRESS_EXTRA = set(" -#()（）·,，、/.。")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}")

# Identity attributes a field may be prefilled from.
PREFILL_SOURCES = ("name", "id_number", "address", "birth_date", "sex", "nation")


@dataclass(frozen=True)
class FieldSpec:
    """One form field as the catalog describes it."""

    name: str
    type: str = "text"
    label_zh: str = ""
    label_en: str = ""
    required: bool = True
    max_length: int = 0
    choices: tuple[tuple[str, str, str], ...] = ()  # (value, zh, en)
    prefill: str = ""  # one of PREFILL_SOURCES, or ""
    help_zh: str = ""
    help_en: str = ""
    pattern: str = ""  # full-match regular expression from the catalog
    min_value: float | None = None  # number: value; date: days from today
    max_value: float | None = None
    # (choice value, min age, max age): answers only some ages may give
    age_limits: tuple[tuple[str, int | None, int | None], ...] = ()

    @property
    def limit(self) -> int:
        return self.max_length or DEFAULT_MAX.get(self.type, TEXT_MAX)

    @property
    def hints(self) -> str:
        return HINTS.get(self.type, "text")

    def label(self, lang: str) -> str:
        return (self.label_en if lang == "en" else self.label_zh) or self.label_zh or self.name

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> FieldSpec:
        """Build from a catalog dict or any object with the same attribute names."""

        def get(key: str, default: Any = "") -> Any:
            if isinstance(data, Mapping):
                return data.get(key, default)
            return getattr(data, key, default)

        label = get("label", None)
        label_zh = get("label_zh", "") or (
            label.get("zh", "") if isinstance(label, Mapping) else ""
        )
        label_en = get("label_en", "") or (
            label.get("en", "") if isinstance(label, Mapping) else ""
        )
        raw_choices = get("choices", ()) or get("options", ()) or ()
        choices: list[tuple[str, str, str]] = []
        ages: list[tuple[str, int | None, int | None]] = []
        for choice in raw_choices:
            low_age = _get_any(choice, "min_age")
            high_age = _get_any(choice, "max_age")
            if low_age is not None or high_age is not None:
                ages.append((str(_get_any(choice, "value")), _int(low_age), _int(high_age)))
            if isinstance(choice, Mapping):
                value = str(choice.get("value", ""))
                lab = choice.get("label", {})
                zh = str(choice.get("label_zh", "") or (lab.get("zh", value) if lab else value))
                en = str(choice.get("label_en", "") or (lab.get("en", zh) if lab else zh))
                choices.append((value, zh, en))
            elif hasattr(choice, "value"):
                value = str(choice.value)
                zh = str(getattr(choice, "label_zh", "") or value)
                choices.append((value, zh, str(getattr(choice, "label_en", "") or zh)))
            elif isinstance(choice, list | tuple):
                parts = [str(p) for p in choice] + ["", ""]
                choices.append((parts[0], parts[1] or parts[0], parts[2] or parts[1] or parts[0]))
            else:
                choices.append((str(choice), str(choice), str(choice)))
        ftype = str(get("type", "text") or "text")
        ftype = TYPE_ALIASES.get(ftype, ftype)
        if ftype not in FIELD_TYPES:
            ftype = "text"
        prefill_from = str(get("prefill", "") or "")
        if ftype == "text" and prefill_from == "name":
            ftype = "name"  # a name field: the name rules apply
        low, high = get("min", None), get("max", None)
        max_length = int(get("max_length", 0) or 0)
        if ftype in ("text", "name", "address") and high is not None and not max_length:
            max_length = int(high)
        return cls(
            name=str(get("name", "") or get("id", "") or get("key", "")),
            type=ftype,
            label_zh=str(label_zh),
            label_en=str(label_en),
            required=bool(get("required", True)),
            max_length=max_length,
            choices=tuple(choices),
            prefill=prefill_from,
            help_zh=str(get("help_zh", "") or ""),
            help_en=str(get("help_en", "") or ""),
            pattern=str(get("pattern", "") or ""),
            min_value=float(low) if isinstance(low, int | float) and ftype != "text" else None,
            max_value=float(high) if isinstance(high, int | float) and ftype != "text" else None,
            age_limits=tuple(ages),
        )


def _get_any(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, Mapping) else getattr(obj, key, None)


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) else None


# Fields a card read fills and binds: the resident cannot change them.
CARD_BOUND = ("name", "id_number", "sex", "birth_date", "address", "nation")


def card_bound(spec: FieldSpec, identity: Identity | None) -> bool:
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
    spec: FieldSpec, value: str, identity: Identity | None, today: dt.date | None = None
) -> None:
    """Answers the identity contradicts: a card's fields changed, an age rule broken.

    Raises ValidationError with a ``form.error.*`` key the UI shows at the field.
    """
    if identity is None:
        return
    if card_bound(spec, identity):
        expected = prefill((spec,), identity).get(spec.name, "")
        if value != expected:
            raise ValidationError(
                "card field changed", key="form.error.card_bound", field=spec.name
            )
    birth = identity.birth_date or _birth_from_number(identity.id_number)
    if birth is None:
        return
    age = age_on(birth, today or dt.date.today())
    picked = value.split(",") if spec.type == "multi_choice" else [value]
    for choice, low, high in spec.age_limits:
        if choice not in picked:
            continue
        if low is not None and age < low:
            raise ValidationError("too young", key="form.error.age_min", field=spec.name, age=low)
        if high is not None and age > high:
            raise ValidationError("too old", key="form.error.age_max", field=spec.name, age=high)


def _bad_characters(value: str) -> bool:
    return any(unicodedata.category(ch) in _FORBIDDEN_CATEGORIES for ch in value)


def _only(value: str, extra: set[str]) -> bool:
    return all(ch.isalnum() or ch in extra for ch in value)


def clean(value: str) -> str:
    """Normalise what a keyboard produced: NFC, trimmed, inner runs of spaces kept."""
    return unicodedata.normalize("NFC", value).strip()


def validate_field(spec: FieldSpec, raw: str) -> str:
    """Return the cleaned value or raise ValidationError with a ``form.error.*`` key."""
    if not isinstance(raw, str):
        raise ValidationError("not text", key="form.error.invalid", field=spec.name)
    if len(raw) > spec.limit * 4:  # refuse floods before normalising them
        raise ValidationError(
            "value too long", key="form.error.too_long", field=spec.name, max=spec.limit
        )
    value = clean(raw)
    if not value:
        if spec.required:
            raise ValidationError("required", key="form.error.required", field=spec.name)
        return ""
    if len(value) > spec.limit:
        raise ValidationError(
            "value too long", key="form.error.too_long", field=spec.name, max=spec.limit
        )
    if _bad_characters(value):
        raise ValidationError("forbidden characters", key="form.error.characters", field=spec.name)
    if spec.type == "name":
        if not all(ch.isalpha() or ch in _NAME_EXTRA for ch in value):
            raise ValidationError("bad name", key="form.error.name", field=spec.name)
    elif spec.type == "id_number":
        try:
            value = validate_id_number(value)
        except ValidationError as exc:
            raise ValidationError("bad id number", key=exc.key, field=spec.name) from exc
    elif spec.type == "phone":
        compact = value.replace(" ", "")
        if not (_MOBILE.fullmatch(compact) or _LANDLINE.fullmatch(compact)):
            raise ValidationError("bad phone", key="form.error.phone", field=spec.name)
        value = compact
    elif spec.type == "address":
        if not _only(value, _ADDRESS_EXTRA):
            raise ValidationError("bad address", key="form.error.address", field=spec.name)
    elif spec.type == "date":
        try:
            day = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValidationError("bad date", key="form.error.date", field=spec.name) from exc
        value = day.isoformat()
        offset = (day - dt.date.today()).days
        if (spec.min_value is not None and offset < spec.min_value) or (
            spec.max_value is not None and offset > spec.max_value
        ):
            raise ValidationError("date out of range", key="form.error.date_range", field=spec.name)
    elif spec.type == "number":
        if not value.isascii() or not value.isdigit():
            raise ValidationError("bad number", key="form.error.number", field=spec.name)
        if (spec.min_value is not None and int(value) < spec.min_value) or (
            spec.max_value is not None and int(value) > spec.max_value
        ):
            raise ValidationError(
                "number out of range", key="form.error.number_range", field=spec.name
            )
    elif spec.type == "choice":
        if value not in {c[0] for c in spec.choices}:
            raise ValidationError("bad choice", key="form.error.choice", field=spec.name)
    elif spec.type == "multi_choice":
        picked = [v for v in value.split(",") if v]
        if not picked and spec.required:
            raise ValidationError("required", key="form.error.required", field=spec.name)
        if any(v not in {c[0] for c in spec.choices} for v in picked):
            raise ValidationError("bad choice", key="form.error.choice", field=spec.name)
        value = ",".join(dict.fromkeys(picked))
    elif spec.type == "checkbox":
        if value not in ("true", "false"):
            raise ValidationError("bad checkbox", key="form.error.invalid", field=spec.name)
        if spec.required and value != "true":
            raise ValidationError("must be ticked", key="form.error.required", field=spec.name)
    else:  # free text: letters, digits, punctuation, spaces
        if not all(ch.isprintable() for ch in value):
            raise ValidationError(
                "forbidden characters", key="form.error.characters", field=spec.name
            )
    if spec.pattern and spec.type in ("text", "name", "address", "number", "phone"):
        try:
            matched = re.fullmatch(spec.pattern, value) is not None
        except re.error:
            matched = True  # a broken catalog pattern must not lock residents out
        if not matched:
            raise ValidationError("pattern", key="form.error.pattern", field=spec.name)
    return value


@dataclass
class FormErrors:
    """Field name -> (message key, params), in field order."""

    errors: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.errors)


def validate_form(
    specs: Iterable[FieldSpec], values: Mapping[str, str], identity: Identity | None = None
) -> tuple[dict[str, str], FormErrors]:
    """Validate every field, and against the identity when given; returns cleaned
    values and the errors (empty if all fine)."""
    cleaned: dict[str, str] = {}
    errors = FormErrors()
    known = set()
    for spec in specs:
        known.add(spec.name)
        try:
            cleaned[spec.name] = validate_field(spec, values.get(spec.name, ""))
            check_against_identity(spec, cleaned[spec.name], identity)
        except ValidationError as exc:
            errors.errors[spec.name] = (
                exc.key,
                {k: v for k, v in exc.params.items() if k != "field"},
            )
    for name in values:
        if name not in known:
            errors.errors[name] = ("form.error.unknown_field", {})
    return cleaned, errors


def prefill(specs: Iterable[FieldSpec], identity: Identity | None) -> dict[str, str]:
    """Initial values taken from the identity (name, ID number, address ...)."""
    values: dict[str, str] = {}
    for spec in specs:
        if identity is None or not spec.prefill:
            values[spec.name] = ""
            continue
        source = spec.prefill
        raw: Any = getattr(identity, source, "") if source in PREFILL_SOURCES else ""
        if isinstance(raw, dt.date):
            raw = raw.isoformat()
        values[spec.name] = str(raw or "")
    return values
