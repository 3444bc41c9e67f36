"""The service catalog, the one model of a service and its form, in pydantic.

The catalog arrives as one JSON document (``assets/catalog/sample.json`` on a
fresh kiosk, the platform's catalog endpoint later). The same objects serve
the guide, the search index, the form the resident fills, the submit and the
receipt, so a service means one thing everywhere. Every model is frozen: a
service read for an application cannot change under the resident's feet; a
newer catalog is a new object.

``Catalog.from_dict`` (and ``Service.from_dict``) check the whole document and
raise ``CatalogInvalid`` with *every* problem, each naming the service code
and the field path (``kiosk.catalog.problems`` turns pydantic's errors into
that list). ``model_dump(mode="json")`` writes the same format back: the store
keeps each service version in it, and old versions must stay readable, so
fields are only ever added with a default.

Format (version 1), all names in both languages::

    {"format": 1, "version": 3, "published": "2026-11-01", "region": "...",
     "departments": [{"id": "gongan", "name_zh": "公安局", "name_en": "..."}],
     "life_events": [{"id": "birth", "name_zh": "出生", "name_en": "Birth", "glyph": "..."}],
     "synonyms": [["医保", "医疗保险"], ...],
     "services": [{"code": "...", "version": 1, ... see Service}]}

The closed lists (field types, channels ...) are in ``kiosk.catalog.kinds``.
Scalars are strict (``"3"`` is not a version, ``true`` is not a count); a
``null`` reads as the field left out; unknown keys are ignored, so a newer
platform's additions do not lock an older kiosk out.

One module because the models refer to one another and their validators cross
(a form's fields and rules, a service's channels and materials), which pydantic
resolves in one namespace.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    Strict,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic import ValidationError as PydanticError

from kiosk.catalog.kinds import (
    Category,
    Channel,
    FieldType,
    IdentityRequirement,
    MaterialForm,
    PrefillSource,
    ServiceType,
)
from kiosk.catalog.patterns import MAX_PATTERN, PatternError, compile_pattern
from kiosk.catalog.problems import (
    REFERENCES,
    CatalogInvalid,
    problems_of,
    raw_reference_problems,
    reference_problems,
    references,
    rule,
    rules,
)
from kiosk.i18n import pick

__all__ = [
    "FORMAT",
    "Catalog",
    "CatalogInvalid",
    "Category",
    "Channel",
    "Department",
    "Fee",
    "FieldType",
    "FormField",
    "IdentityRequirement",
    "LifeEvent",
    "Material",
    "MaterialForm",
    "Option",
    "PrefillSource",
    "Service",
    "ServiceType",
    "pick",
]

FORMAT = 1
# Bounds on what a catalog may hold. A 2-million-character name took over 120 s to
# index (pinyin runs per character, over every synonym spelling), and a version of
# 1e40 left the kiosk no newer catalog to take; Qt's int is 32 bits anyway.
MAX_VERSION = 2**31 - 1
MAX_NAME = 200  # a service name, a keyword or a synonym: indexed in pinyin
MAX_TEXT = 1_000  # other one-line texts: ids, labels, summaries
MAX_NOTE = 4_000  # help, conditions, notes, where to go

Text = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=MAX_TEXT)
]
Note = Annotated[  # may be empty
    str, StringConstraints(strict=True, strip_whitespace=True, max_length=MAX_NOTE)
]
Days = Annotated[int, Strict(), Field(ge=0)]
Flag = Annotated[bool, Strict()]
Number = Annotated[float, Strict()]  # an integer is a number too
Age = Annotated[int, Strict(), Field(ge=0)]
_FIELD_ID = re.compile(r"[a-z][a-z0-9_]*")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


class _Model(BaseModel):
    """Frozen, unknown keys ignored, ``null`` read as left out (the old reader's rules).

    ``defer_build``: pydantic builds a model's validator when it is first used,
    not when the class is defined; building them all at import was about 100 ms
    of the kiosk's start before a touch is answered (the kiosk builds them
    later from a thread: ``build_validators``)."""

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _null_is_missing(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v is not None}
        return data


class Department(_Model):
    id: Text
    name_zh: Text
    name_en: Text
    name_ug: Note = ""  # Uyghur (Arabic script); the Chinese is shown where it is missing

    def name(self, lang: str) -> str:
        return pick(self.name_zh, self.name_en, lang, self.name_ug)


class LifeEvent(_Model):
    id: Text
    name_zh: Text
    name_en: Text
    glyph: Note = ""
    name_ug: Note = ""


class Material(_Model):
    """One document the resident brings (or the platform fetches electronically).

    ``code`` names it in a submitted application's ticked list; a catalog may
    leave it out, and its position in the service (``m0``, ``m1`` ...) names it.
    """

    name_zh: Text
    name_en: Text
    form: MaterialForm = MaterialForm.ORIGINAL
    count: Annotated[int, Strict(), Field(ge=1)] = 1
    required: Flag = True
    condition_zh: Note = ""  # when not required: the case in which it is needed
    condition_en: Note = ""
    notes_zh: Note = ""
    notes_en: Note = ""
    code: Note = ""

    def name(self, lang: str) -> str:
        return pick(self.name_zh, self.name_en, lang)

    @model_validator(mode="after")
    def _conditional(self) -> Self:
        if not self.required and not (self.condition_zh and self.condition_en):
            raise rule("a conditional material needs its condition in zh and en", "condition_zh")
        return self


class Fee(_Model):
    item_zh: Text
    item_en: Text
    amount_yuan: Annotated[float, Strict(), Field(ge=0)]
    basis_zh: Note = ""  # the rule that sets the fee
    basis_en: Note = ""


class Option(_Model):
    """One answer of a select. ``min_age``/``max_age``: who may give it, checked
    against the birth date of the identity (60周岁以上老人 needs 60 years)."""

    value: Text
    label_zh: Text
    label_en: Text
    min_age: Age | None = None
    max_age: Age | None = None

    def label(self, lang: str) -> str:
        return pick(self.label_zh, self.label_en, lang)


class FormField(_Model):
    """One field of a service's form; ``kiosk.forms`` judges the values typed into it.

    ``min``/``max`` bound the value of a number, the length of text and
    address fields, the number of ticks of a multi-select, and for a date the
    offset in days from today (``max: 0`` = not in the future).
    """

    id: Text
    type: FieldType
    label_zh: Text
    label_en: Text
    help_zh: Note = ""
    help_en: Note = ""
    required: Flag = False
    pattern: Note = ""  # a full-match regular expression for text-like fields
    min: Number | None = None
    max: Number | None = None
    options: tuple[Option, ...] = ()
    prefill: PrefillSource | None = None

    def label(self, lang: str) -> str:
        return pick(self.label_zh, self.label_en, lang) or self.id

    def help(self, lang: str) -> str:
        return pick(self.help_zh, self.help_en, lang)

    @field_validator("prefill", mode="before")
    @classmethod
    def _empty_prefill(cls, value: Any) -> Any:
        return None if value == "" else value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        found: list[tuple[str, str]] = []
        if not _FIELD_ID.fullmatch(self.id):
            found.append(("id", "must be lower-case letters, digits and _"))
        if self.pattern:
            try:  # RE2: linear time; what it cannot run is refused here, not at a keystroke
                compile_pattern(self.pattern)
            except PatternError as exc:
                found.append(("pattern", f"(at most {MAX_PATTERN} characters) {exc}"))
        if self.type in (FieldType.SELECT, FieldType.MULTI_SELECT):
            if not self.options:
                found.append(("options", f"a {self.type.value} field needs options"))
            values = [o.value for o in self.options]
            if len(set(values)) != len(values):
                found.append(("options", "option values must be unique"))
        elif self.options:
            found.append(("options", f"a {self.type.value} field has no options"))
        if self.min is not None and self.max is not None and self.min > self.max:
            found.append(("min", "must not exceed max"))
        if found:
            raise rules(found)
        return self


class Service(_Model):
    """One service (事项) with its guide and its form, at one version."""

    code: Text
    version: Annotated[int, Strict(), Field(ge=1, le=MAX_VERSION)]
    name_zh: Text
    name_en: Text
    department: Text
    service_type: ServiceType
    summary_zh: Text
    summary_en: Text
    name_ug: Note = ""  # Uyghur name and summary: shown, searched and printed in ug
    summary_ug: Note = ""
    categories: tuple[Category, ...] = (Category.PERSONAL,)
    life_events: tuple[Text, ...] = ()
    materials: tuple[Material, ...] = ()
    fees: tuple[Fee, ...] = ()  # empty: free of charge
    legal_days: Days = 0  # 法定办结时限, working days; 0 = on the spot
    promised_days: Days = 0  # 承诺办结时限, working days; 0 = on the spot (即办)
    channels: Annotated[tuple[Channel, ...], Field(min_length=1)]
    needs_online: Flag = False  # the platform must answer to finish (proof printing)
    identity: IdentityRequirement = IdentityRequirement.CARD
    where_zh: Note = ""  # counter and address for the paper route
    where_en: Note = ""
    keywords: tuple[Text, ...] = ()  # extra search words (zh or en)
    form: tuple[FormField, ...] = ()
    # What the kiosk does for a service it does not take (print a proof, book a
    # time, the guide on the phone) and where to go instead, in plain words.
    kiosk_help_zh: Note = ""
    kiosk_help_en: Note = ""

    @property
    def free(self) -> bool:
        return not any(f.amount_yuan > 0 for f in self.fees)

    @property
    def at_kiosk(self) -> bool:
        return Channel.KIOSK in self.channels

    @property
    def allow_manual(self) -> bool:
        """A typed name and ID number identify the resident (no card needed)."""
        return self.identity is IdentityRequirement.CARD_OR_MANUAL

    def name(self, lang: str) -> str:
        return pick(self.name_zh, self.name_en, lang, self.name_ug)

    def field(self, field_id: str) -> FormField | None:
        return next((f for f in self.form if f.id == field_id), None)

    @field_validator("name_zh", "name_en", "keywords")
    @classmethod
    def _short_names(cls, value: str | tuple[str, ...]) -> str | tuple[str, ...]:
        for name in (value,) if isinstance(value, str) else value:
            if len(name) > MAX_NAME:
                raise rule(f"must be at most {MAX_NAME} characters, not {len(name)}")
        return value

    @field_validator("code")
    @classmethod
    def _code(cls, code: str) -> str:
        if not _CODE.fullmatch(code):
            raise rule("must be 1-64 letters, digits, '.', '_' or '-'")
        return code

    @field_validator("categories")
    @classmethod
    def _personal_by_default(cls, value: tuple[Category, ...]) -> tuple[Category, ...]:
        return value or (Category.PERSONAL,)

    @field_validator("materials")
    @classmethod
    def _material_codes(cls, value: tuple[Material, ...]) -> tuple[Material, ...]:
        return tuple(
            m if m.code else m.model_copy(update={"code": f"m{i}"}) for i, m in enumerate(value)
        )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        found: list[tuple[str, str]] = []
        if self.legal_days and self.promised_days > self.legal_days:
            found.append(("promised_days", "must not exceed legal_days"))
        ids = [f.id for f in self.form]
        for i, fid in enumerate(ids):
            if ids.index(fid) != i:
                found.append((f"form[{i}].id", f"duplicate field id {fid!r}"))
        if Channel.COUNTER in self.channels and not (self.where_zh and self.where_en):
            found.append(("where_zh", "a counter service needs where_zh and where_en"))
        if found:
            raise rules(found)
        return self

    @classmethod
    def from_dict(cls, data: Any) -> Service:
        """Read one service on its own (raises CatalogInvalid naming code and field)."""
        try:
            return cls.model_validate(data)
        except PydanticError as exc:
            raise CatalogInvalid(problems_of(exc, data, service=True)) from None


class Catalog(_Model):
    version: Annotated[int, Strict(), Field(ge=1, le=MAX_VERSION)]
    departments: Annotated[tuple[Department, ...], Field(min_length=1)]
    life_events: tuple[LifeEvent, ...] = ()
    services: Annotated[tuple[Service, ...], Field(min_length=1)]
    # groups of words that mean the same
    synonyms: tuple[Annotated[tuple[Text, ...], Field(min_length=2)], ...] = ()
    published: Note = ""  # ISO date
    region: Note = ""
    format: Annotated[int, Strict()] = FORMAT
    _by_code: dict[str, Service] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        self._by_code = {s.code: s for s in self.services}

    def service(self, code: str) -> Service | None:
        return self._by_code.get(code)

    def department(self, dep_id: str) -> Department | None:
        return next((d for d in self.departments if d.id == dep_id), None)

    @field_validator("synonyms")
    @classmethod
    def _short_synonyms(cls, value: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        for group in value:
            if any(len(word) > MAX_NAME for word in group):
                raise rule(f"each word must be at most {MAX_NAME} characters")
        return value

    @field_validator("format")
    @classmethod
    def _supported(cls, value: int) -> int:
        if value != FORMAT:
            raise rule(f"format {value} is not supported (expected {FORMAT})")
        return value

    @field_validator("published")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        if value:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise rule("must be an ISO date (YYYY-MM-DD)") from None
        return value

    @model_validator(mode="after")
    def _references(self) -> Self:
        found = reference_problems(
            [d.id for d in self.departments],
            [e.id for e in self.life_events],
            [(s.code, s.department, s.life_events) for s in self.services],
        )
        if found:
            raise references(found)
        return self

    @classmethod
    def from_dict(cls, data: Any) -> Catalog:
        """Check the whole document; raise CatalogInvalid listing every problem."""
        try:
            return cls.model_validate(data)
        except PydanticError as exc:
            found = problems_of(exc, data)
            if not any(e["type"] == REFERENCES for e in exc.errors()):
                # a part failed, so the whole-document rules did not run on the models
                found += raw_reference_problems(data)
            raise CatalogInvalid(found) from None


def build_validators() -> None:
    """Build the validators that ``defer_build`` left for their first use: the
    kiosk calls this once it is ready, so the first guide opened does not wait."""
    for model in _Model.__subclasses__():
        model.model_rebuild()
