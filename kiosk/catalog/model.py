"""The service catalog: departments, life events, services, materials and forms.

The catalog arrives as one JSON document (``assets/catalog/sample.json`` on a
fresh kiosk, the platform's catalog endpoint later). Everything here is a
frozen dataclass so a service read for an application cannot change under the
resident's feet; a newer catalog is a new object. ``Catalog.from_dict`` checks
the whole document and reports *every* problem at once, each naming the
service code and the field path, because a platform operator fixing a catalog
wants the full list, not one error per upload.

Format (version 1), all names in both languages::

    {"format": 1, "version": 3, "published": "2026-11-01", "region": "...",
     "departments": [{"id": "gongan", "name_zh": "公安局", "name_en": "..."}],
     "life_events": [{"id": "birth", "name_zh": "出生", "name_en": "Birth", "glyph": "..."}],
     "synonyms": [["医保", "医疗保险"], ...],
     "services": [{"code": "...", "version": 1, ... see Service.from_dict}]}
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from kiosk.errors import ValidationError

FORMAT = 1


class Category(StrEnum):
    """Who applies: a resident (个人) or a legal person (法人)."""

    PERSONAL = "personal"
    LEGAL = "legal"


class ServiceType(StrEnum):
    """The kind of government power, as the national catalog classifies it."""

    LICENSE = "license"  # 行政许可
    PAYMENT = "payment"  # 行政给付
    CONFIRMATION = "confirmation"  # 行政确认
    COLLECTION = "collection"  # 行政征收
    REWARD = "reward"  # 行政奖励
    RULING = "ruling"  # 行政裁决
    OTHER_POWER = "other_power"  # 其他行政权力
    PUBLIC_SERVICE = "public_service"  # 公共服务


class Channel(StrEnum):
    KIOSK = "kiosk"
    WEB = "web"
    APP = "app"
    COUNTER = "counter"


class IdentityRequirement(StrEnum):
    """What identity the service accepts before its form opens."""

    CARD = "card"  # the card must be read (or a phone QR resolved)
    CARD_OR_MANUAL = "card_or_manual"  # typed name + ID number is enough
    NONE = "none"  # anonymous (e.g. an enquiry)


class MaterialForm(StrEnum):
    ORIGINAL = "original"  # 原件
    COPY = "copy"  # 复印件
    ORIGINAL_AND_COPY = "original_and_copy"  # 原件及复印件
    ELECTRONIC = "electronic"  # 电子证照, fetched by the platform


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    SELECT = "select"
    MULTI_SELECT = "multi_select"
    PHONE = "phone"
    ID_NUMBER = "id_number"
    ADDRESS = "address"
    CHECKBOX = "checkbox"


class PrefillSource(StrEnum):
    """Where a field's first value comes from; names match ``kiosk.identity.Identity``."""

    NAME = "name"
    ID_NUMBER = "id_number"
    SEX = "sex"  # "1" male, "2" female, as on the card
    NATION = "nation"  # the nation's name (汉, 回 ...)
    BIRTH_DATE = "birth_date"
    ADDRESS = "address"
    PHONE = "phone"  # not on the card: the session may know it


class Problems:
    """Collects every problem of a document, then raises them as one error."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, str]] = []  # (service code or "", field path, message)

    def add(self, code: str, path: str, message: str) -> None:
        self.items.append((code, path, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise CatalogInvalid(self.items)


class CatalogInvalid(ValidationError):
    """A catalog document that breaks the format; lists every problem found."""

    key = "error.catalog.invalid"

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        self.problems = problems
        lines = [
            (f"service {code}: {path}: {msg}" if code else f"{path}: {msg}")
            for code, path, msg in problems
        ]
        first_code, first_path, _ = problems[0]
        super().__init__(
            "; ".join(lines),
            field=f"{first_code}.{first_path}" if first_code else first_path,
            count=len(problems),
            code=first_code,
            path=first_path,
        )
        self.messages = lines


E = TypeVar("E", bound=StrEnum)


class _Reader:
    """Typed access to one JSON object that records problems instead of raising."""

    def __init__(self, data: Any, problems: Problems, code: str, path: str) -> None:
        self.problems = problems
        self.code = code
        self.path = path
        if not isinstance(data, Mapping):
            self.fail("", "must be an object")
            data = {}
        self.data: Mapping[str, Any] = data

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, message: str) -> None:
        self.problems.add(self.code, self.where(key) if key else self.path, message)

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(key, "is missing")
            return default
        if not isinstance(value, str):
            self.fail(key, "must be a string")
            return default
        if required and not value.strip():
            self.fail(key, "must not be empty")
        return value.strip()

    def integer(
        self, key: str, *, required: bool = True, default: int = 0, minimum: int = 0
    ) -> int:
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(key, "is missing")
            return default
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(key, "must be an integer")
            return default
        if value < minimum:
            self.fail(key, f"must be at least {minimum}")
        return value

    def number(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, int | float) or isinstance(value, bool):
            self.fail(key, "must be a number")
            return None
        return float(value)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, "must be true or false")
            return default
        return value

    def enum(self, key: str, enum: type[E], default: E | None = None) -> E:
        value = self.data.get(key)
        if value is None and default is not None:
            return default
        try:
            if not isinstance(value, str):
                raise ValueError(value)
            return enum(value)
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            self.fail(key, f"must be one of {allowed}, not {value!r}")
            return default if default is not None else next(iter(enum))

    def enums(self, key: str, enum: type[E], *, required: bool = False) -> tuple[E, ...]:
        items = self.array(key, required=required)
        out: list[E] = []
        for i, value in enumerate(items):
            try:
                if not isinstance(value, str):
                    raise ValueError(value)
                out.append(enum(value))
            except ValueError:
                allowed = ", ".join(e.value for e in enum)
                self.fail(f"{key}[{i}]", f"must be one of {allowed}, not {value!r}")
        return tuple(out)

    def texts(self, key: str) -> tuple[str, ...]:
        items = self.array(key, required=False)
        out: list[str] = []
        for i, value in enumerate(items):
            if isinstance(value, str) and value.strip():
                out.append(value.strip())
            else:
                self.fail(f"{key}[{i}]", "must be a non-empty string")
        return tuple(out)

    def array(self, key: str, *, required: bool = False) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(key, "is missing")
            return []
        if not isinstance(value, list):
            self.fail(key, "must be a list")
            return []
        if required and not value:
            self.fail(key, "must not be empty")
        return value

    def child(self, data: Any, path: str) -> _Reader:
        return _Reader(data, self.problems, self.code, self.where(path))


T = TypeVar("T")


def _items(
    r: _Reader, key: str, build: Callable[[_Reader], T], *, required: bool = False
) -> tuple[T, ...]:
    return tuple(
        build(r.child(item, f"{key}[{i}]"))
        for i, item in enumerate(r.array(key, required=required))
    )


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    """Keep the JSON small and readable: omit empty strings, lists and None."""
    return {k: v for k, v in data.items() if v not in ("", None, [], ())}


@dataclass(frozen=True)
class Department:
    id: str
    name_zh: str
    name_en: str

    @classmethod
    def read(cls, r: _Reader) -> Department:
        return cls(id=r.text("id"), name_zh=r.text("name_zh"), name_en=r.text("name_en"))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name_zh": self.name_zh, "name_en": self.name_en}


@dataclass(frozen=True)
class LifeEvent:
    id: str
    name_zh: str
    name_en: str
    glyph: str = ""

    @classmethod
    def read(cls, r: _Reader) -> LifeEvent:
        return cls(
            id=r.text("id"),
            name_zh=r.text("name_zh"),
            name_en=r.text("name_en"),
            glyph=r.text("glyph", required=False),
        )

    def to_dict(self) -> dict[str, Any]:
        return _drop_empty(
            {"id": self.id, "name_zh": self.name_zh, "name_en": self.name_en, "glyph": self.glyph}
        )


@dataclass(frozen=True)
class Material:
    """One document the resident brings (or the platform fetches electronically)."""

    name_zh: str
    name_en: str
    form: MaterialForm = MaterialForm.ORIGINAL
    count: int = 1
    required: bool = True
    condition_zh: str = ""  # when not required: the case in which it is needed
    condition_en: str = ""
    notes_zh: str = ""
    notes_en: str = ""

    @classmethod
    def read(cls, r: _Reader) -> Material:
        m = cls(
            name_zh=r.text("name_zh"),
            name_en=r.text("name_en"),
            form=r.enum("form", MaterialForm, MaterialForm.ORIGINAL),
            count=r.integer("count", required=False, default=1, minimum=1),
            required=r.flag("required", True),
            condition_zh=r.text("condition_zh", required=False),
            condition_en=r.text("condition_en", required=False),
            notes_zh=r.text("notes_zh", required=False),
            notes_en=r.text("notes_en", required=False),
        )
        if not m.required and not (m.condition_zh and m.condition_en):
            r.fail("condition_zh", "a conditional material needs its condition in zh and en")
        return m

    def to_dict(self) -> dict[str, Any]:
        d = _drop_empty(
            {
                "name_zh": self.name_zh,
                "name_en": self.name_en,
                "form": self.form.value,
                "count": self.count,
                "condition_zh": self.condition_zh,
                "condition_en": self.condition_en,
                "notes_zh": self.notes_zh,
                "notes_en": self.notes_en,
            }
        )
        d["required"] = self.required
        return d


@dataclass(frozen=True)
class Fee:
    item_zh: str
    item_en: str
    amount_yuan: float
    basis_zh: str = ""  # the rule that sets the fee
    basis_en: str = ""

    @classmethod
    def read(cls, r: _Reader) -> Fee:
        amount = r.number("amount_yuan")
        if amount is None:
            r.fail("amount_yuan", "is missing")
            amount = 0.0
        elif amount < 0:
            r.fail("amount_yuan", "must not be negative")
        return cls(
            item_zh=r.text("item_zh"),
            item_en=r.text("item_en"),
            amount_yuan=amount,
            basis_zh=r.text("basis_zh", required=False),
            basis_en=r.text("basis_en", required=False),
        )

    def to_dict(self) -> dict[str, Any]:
        return _drop_empty(
            {
                "item_zh": self.item_zh,
                "item_en": self.item_en,
                "amount_yuan": self.amount_yuan,
                "basis_zh": self.basis_zh,
                "basis_en": self.basis_en,
            }
        )


@dataclass(frozen=True)
class Option:
    """One answer of a select. ``min_age``/``max_age``: who may give it, checked
    against the birth date of the identity (60周岁以上老人 needs 60 years)."""

    value: str
    label_zh: str
    label_en: str
    min_age: int | None = None
    max_age: int | None = None

    @classmethod
    def read(cls, r: _Reader) -> Option:
        low, high = r.number("min_age"), r.number("max_age")
        return cls(
            value=r.text("value"),
            label_zh=r.text("label_zh"),
            label_en=r.text("label_en"),
            min_age=int(low) if low is not None else None,
            max_age=int(high) if high is not None else None,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": self.value, "label_zh": self.label_zh, "label_en": self.label_en
        }
        if self.min_age is not None:
            out["min_age"] = self.min_age
        if self.max_age is not None:
            out["max_age"] = self.max_age
        return out


@dataclass(frozen=True)
class FormField:
    """One field of a service's form.

    ``min``/``max`` bound the value of a number, the length of text and
    address fields, the number of ticks of a multi-select, and for a date the
    offset in days from today (``max: 0`` = not in the future).
    """

    id: str
    type: FieldType
    label_zh: str
    label_en: str
    help_zh: str = ""
    help_en: str = ""
    required: bool = False
    pattern: str = ""  # a full-match regular expression for text-like fields
    min: float | None = None
    max: float | None = None
    options: tuple[Option, ...] = ()
    prefill: PrefillSource | None = None

    @classmethod
    def read(cls, r: _Reader) -> FormField:
        prefill_raw = r.data.get("prefill")
        prefill = None if prefill_raw in (None, "") else r.enum("prefill", PrefillSource)
        f = cls(
            id=r.text("id"),
            type=r.enum("type", FieldType),
            label_zh=r.text("label_zh"),
            label_en=r.text("label_en"),
            help_zh=r.text("help_zh", required=False),
            help_en=r.text("help_en", required=False),
            required=r.flag("required", False),
            pattern=r.text("pattern", required=False),
            min=r.number("min"),
            max=r.number("max"),
            options=_items(r, "options", Option.read),
            prefill=prefill,
        )
        if f.id and not re.fullmatch(r"[a-z][a-z0-9_]*", f.id):
            r.fail("id", "must be lower-case letters, digits and _")
        if f.pattern:
            try:
                re.compile(f.pattern)
            except re.error as exc:
                r.fail("pattern", f"is not a valid regular expression: {exc}")
        if f.type in (FieldType.SELECT, FieldType.MULTI_SELECT):
            if not f.options:
                r.fail("options", f"a {f.type.value} field needs options")
            values = [o.value for o in f.options]
            if len(set(values)) != len(values):
                r.fail("options", "option values must be unique")
        elif f.options:
            r.fail("options", f"a {f.type.value} field has no options")
        if f.min is not None and f.max is not None and f.min > f.max:
            r.fail("min", "must not exceed max")
        return f

    def to_dict(self) -> dict[str, Any]:
        d = _drop_empty(
            {
                "id": self.id,
                "type": self.type.value,
                "label_zh": self.label_zh,
                "label_en": self.label_en,
                "help_zh": self.help_zh,
                "help_en": self.help_en,
                "pattern": self.pattern,
                "min": self.min,
                "max": self.max,
                "options": [o.to_dict() for o in self.options],
                "prefill": self.prefill.value if self.prefill else None,
            }
        )
        d["required"] = self.required
        return d


@dataclass(frozen=True)
class Service:
    """One service (事项) with its guide and its form, at one version."""

    code: str
    version: int
    name_zh: str
    name_en: str
    department: str
    service_type: ServiceType
    summary_zh: str
    summary_en: str
    categories: tuple[Category, ...] = (Category.PERSONAL,)
    life_events: tuple[str, ...] = ()
    materials: tuple[Material, ...] = ()
    fees: tuple[Fee, ...] = ()  # empty: free of charge
    legal_days: int = 0  # 法定办结时限, working days; 0 = on the spot
    promised_days: int = 0  # 承诺办结时限, working days; 0 = on the spot (即办)
    channels: tuple[Channel, ...] = (Channel.COUNTER,)
    needs_online: bool = False  # the platform must answer to finish (proof printing)
    identity: IdentityRequirement = IdentityRequirement.CARD
    where_zh: str = ""  # counter and address for the paper route
    where_en: str = ""
    keywords: tuple[str, ...] = ()  # extra search words (zh or en)
    form: tuple[FormField, ...] = ()

    @property
    def free(self) -> bool:
        return not any(f.amount_yuan > 0 for f in self.fees)

    @property
    def at_kiosk(self) -> bool:
        return Channel.KIOSK in self.channels

    def field(self, field_id: str) -> FormField | None:
        return next((f for f in self.form if f.id == field_id), None)

    @classmethod
    def read(cls, r: _Reader) -> Service:
        s = cls(
            code=r.code,
            version=r.integer("version", minimum=1, default=1),
            name_zh=r.text("name_zh"),
            name_en=r.text("name_en"),
            department=r.text("department"),
            service_type=r.enum("service_type", ServiceType),
            summary_zh=r.text("summary_zh"),
            summary_en=r.text("summary_en"),
            categories=r.enums("categories", Category) or (Category.PERSONAL,),
            life_events=r.texts("life_events"),
            materials=_items(r, "materials", Material.read),
            fees=_items(r, "fees", Fee.read),
            legal_days=r.integer("legal_days", required=False),
            promised_days=r.integer("promised_days", required=False),
            channels=r.enums("channels", Channel, required=True),
            needs_online=r.flag("needs_online"),
            identity=r.enum("identity", IdentityRequirement, IdentityRequirement.CARD),
            where_zh=r.text("where_zh", required=False),
            where_en=r.text("where_en", required=False),
            keywords=r.texts("keywords"),
            form=_items(r, "form", FormField.read),
        )
        if s.legal_days and s.promised_days > s.legal_days:
            r.fail("promised_days", "must not exceed legal_days")
        ids = [f.id for f in s.form]
        for i, fid in enumerate(ids):
            if fid and ids.index(fid) != i:
                r.fail(f"form[{i}].id", f"duplicate field id {fid!r}")
        if Channel.COUNTER in s.channels and not (s.where_zh and s.where_en):
            r.fail("where_zh", "a counter service needs where_zh and where_en")
        return s

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Service:
        """Read one service on its own (raises CatalogInvalid naming code and field)."""
        problems = Problems()
        service = _read_service(data, problems, 0)
        problems.raise_if_any()
        return service

    def to_dict(self) -> dict[str, Any]:
        d = _drop_empty(
            {
                "code": self.code,
                "version": self.version,
                "name_zh": self.name_zh,
                "name_en": self.name_en,
                "department": self.department,
                "service_type": self.service_type.value,
                "summary_zh": self.summary_zh,
                "summary_en": self.summary_en,
                "categories": [c.value for c in self.categories],
                "life_events": list(self.life_events),
                "materials": [m.to_dict() for m in self.materials],
                "fees": [f.to_dict() for f in self.fees],
                "channels": [c.value for c in self.channels],
                "identity": self.identity.value,
                "where_zh": self.where_zh,
                "where_en": self.where_en,
                "keywords": list(self.keywords),
                "form": [f.to_dict() for f in self.form],
            }
        )
        d["legal_days"] = self.legal_days
        d["promised_days"] = self.promised_days
        d["needs_online"] = self.needs_online
        return d


def _read_service(data: Any, problems: Problems, index: int) -> Service:
    code = ""
    if isinstance(data, Mapping) and isinstance(data.get("code"), str):
        code = data["code"].strip()
    r = _Reader(data, problems, code, "")
    if not code:
        problems.add("", f"services[{index}].code", "is missing")
    elif not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", code):
        r.fail("code", "must be 1-64 letters, digits, '.', '_' or '-'")
    return Service.read(r)


@dataclass(frozen=True)
class Catalog:
    version: int
    departments: tuple[Department, ...]
    life_events: tuple[LifeEvent, ...]
    services: tuple[Service, ...]
    synonyms: tuple[tuple[str, ...], ...] = ()  # groups of words that mean the same
    published: str = ""  # ISO date
    region: str = ""
    format: int = FORMAT
    _by_code: dict[str, Service] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_code.update({s.code: s for s in self.services})

    def service(self, code: str) -> Service | None:
        return self._by_code.get(code)

    def department(self, dep_id: str) -> Department | None:
        return next((d for d in self.departments if d.id == dep_id), None)

    @classmethod
    def from_dict(cls, data: Any) -> Catalog:
        """Check the whole document; raise CatalogInvalid listing every problem."""
        problems = Problems()
        r = _Reader(data, problems, "", "")
        fmt = r.integer("format", required=False, default=FORMAT)
        if fmt != FORMAT:
            r.fail("format", f"format {fmt} is not supported (expected {FORMAT})")
        version = r.integer("version", minimum=1, default=1)
        published = r.text("published", required=False)
        if published:
            try:
                dt.date.fromisoformat(published)
            except ValueError:
                r.fail("published", "must be an ISO date (YYYY-MM-DD)")
        departments = _items(r, "departments", Department.read, required=True)
        events = _items(r, "life_events", LifeEvent.read)
        _unique(problems, "departments", [d.id for d in departments])
        _unique(problems, "life_events", [e.id for e in events])
        synonyms: list[tuple[str, ...]] = []
        for i, group in enumerate(r.array("synonyms")):
            if (
                not isinstance(group, list)
                or len(group) < 2
                or not all(isinstance(w, str) and w.strip() for w in group)
            ):
                r.fail(f"synonyms[{i}]", "must be a list of at least two words")
                continue
            synonyms.append(tuple(w.strip() for w in group))
        services = tuple(
            _read_service(item, problems, i)
            for i, item in enumerate(r.array("services", required=True))
        )
        dep_ids = {d.id for d in departments}
        event_ids = {e.id for e in events}
        seen: set[str] = set()
        for s in services:
            if s.code and s.code in seen:
                problems.add(s.code, "code", "is used by more than one service")
            seen.add(s.code)
            if s.department and s.department not in dep_ids:
                problems.add(s.code, "department", f"unknown department {s.department!r}")
            for i, ev in enumerate(s.life_events):
                if ev not in event_ids:
                    problems.add(s.code, f"life_events[{i}]", f"unknown life event {ev!r}")
        problems.raise_if_any()
        return cls(
            version=version,
            departments=departments,
            life_events=events,
            services=services,
            synonyms=tuple(synonyms),
            published=published,
            region=r.text("region", required=False),
        )

    def to_dict(self) -> dict[str, Any]:
        return _drop_empty(
            {
                "format": self.format,
                "version": self.version,
                "published": self.published,
                "region": self.region,
                "departments": [d.to_dict() for d in self.departments],
                "life_events": [e.to_dict() for e in self.life_events],
                "synonyms": [list(g) for g in self.synonyms],
                "services": [s.to_dict() for s in self.services],
            }
        )


def _unique(problems: Problems, where: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for i, value in enumerate(ids):
        if value in seen:
            problems.add("", f"{where}[{i}].id", f"duplicate id {value!r}")
        seen.add(value)
