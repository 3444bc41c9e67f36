"""What the journey needs to know about a service, whatever the catalog's shape.

The catalog area owns the catalog model; the journey reads a small, stable
view of one service through ``ServiceSpec.from_catalog``, which accepts the
catalog's objects or plain dicts (attribute or key access). Keeping the
adapter here means a change in the catalog model touches one function.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kiosk.forms import FieldSpec


@dataclass(frozen=True)
class Material:
    code: str
    name_zh: str
    name_en: str = ""
    required: bool = True

    def name(self, lang: str) -> str:
        return (self.name_en if lang == "en" else self.name_zh) or self.name_zh


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    version: str
    name_zh: str
    name_en: str = ""
    department_zh: str = ""
    department_en: str = ""
    fields: tuple[FieldSpec, ...] = ()
    materials: tuple[Material, ...] = ()
    time_limit_days: int = 0  # the promised time limit (承诺时限), working days
    online_only: bool = False  # proofs printed from the platform
    allow_manual: bool = False  # manual identity entry allowed
    identity_required: bool = True
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def name(self, lang: str) -> str:
        return (self.name_en if lang == "en" else self.name_zh) or self.name_zh

    def department(self, lang: str) -> str:
        return (self.department_en if lang == "en" else self.department_zh) or self.department_zh

    @classmethod
    def from_catalog(cls, service: Any) -> ServiceSpec:
        """Adapt a catalog Service (object or dict) to the journey's view."""
        if isinstance(service, ServiceSpec):
            return service

        def get(key: str, default: Any = None) -> Any:
            if isinstance(service, Mapping):
                return service.get(key, default)
            return getattr(service, key, default)

        def text(key: str, lang: str) -> str:
            direct = get(f"{key}_{lang}")
            if direct:
                return str(direct)
            value = get(key)
            if isinstance(value, Mapping):
                return str(value.get(lang, "") or "")
            if lang == "zh" and isinstance(value, str):
                return value
            return ""

        raw_fields: Any = get("fields") or get("form") or ()
        if isinstance(raw_fields, Mapping):
            raw_fields = raw_fields.get("fields", ())
        materials: list[Material] = []
        for index, item in enumerate(get("materials") or ()):
            if isinstance(item, Mapping):
                name = item.get("name", {})
                materials.append(
                    Material(
                        code=str(item.get("code", "") or item.get("id", "") or f"m{index}"),
                        name_zh=str(
                            item.get("name_zh", "")
                            or (name.get("zh", "") if isinstance(name, Mapping) else name)
                        ),
                        name_en=str(
                            item.get("name_en", "")
                            or (name.get("en", "") if isinstance(name, Mapping) else "")
                        ),
                        required=bool(item.get("required", True)),
                    )
                )
            elif isinstance(item, str):
                materials.append(Material(code=item, name_zh=item))
            else:
                materials.append(
                    Material(
                        code=str(
                            getattr(item, "code", "") or getattr(item, "id", "") or f"m{index}"
                        ),
                        name_zh=str(getattr(item, "name_zh", "") or getattr(item, "name", "")),
                        name_en=str(getattr(item, "name_en", "") or ""),
                        required=bool(getattr(item, "required", True)),
                    )
                )
        identity_mode = str(get("identity", "") or get("identity_requirement", "") or "")
        allow_manual = bool(get("allow_manual", False) or get("manual_identity", False))
        if identity_mode in ("manual", "card_or_manual", "any"):
            allow_manual = True
        return cls(
            code=str(get("code", "")),
            version=str(get("version", "") or ""),
            name_zh=text("name", "zh"),
            name_en=text("name", "en"),
            department_zh=text("department", "zh"),
            department_en=text("department", "en"),
            fields=tuple(FieldSpec.from_mapping(f) for f in raw_fields),
            materials=tuple(materials),
            time_limit_days=int(
                get("time_limit_days", 0)
                or get("promised_days", 0)
                or get("promised_time_limit_days", 0)
                or 0
            ),
            online_only=bool(get("online_only", False) or get("needs_online", False)),
            allow_manual=allow_manual,
            identity_required=identity_mode != "none",
        )


class ServiceSource(Protocol):
    """Where the journey looks services up (the catalog store, or a fixed list)."""

    def service(self, code: str, version: str | None = None) -> Any: ...


class StaticServices:
    """A fixed set of services: tests and tools that need no catalog."""

    def __init__(self, services: Sequence[ServiceSpec]) -> None:
        self._by_code = {s.code: s for s in services}

    def service(self, code: str, version: str | None = None) -> ServiceSpec | None:
        found = self._by_code.get(code)
        if found is None or (version and found.version != version):
            return None
        return found

    def all(self) -> list[ServiceSpec]:
        return list(self._by_code.values())


def _f(name: str, ftype: str, zh: str, en: str, **kw: Any) -> FieldSpec:
    return FieldSpec(name=name, type=ftype, label_zh=zh, label_en=en, **kw)


# Fixed services for the domain's tests, the reliability runs and the benchmarks,
# which need no catalog. The kiosk itself finds services in its catalog only.
DEMO_SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec(
        code="HJ-001",
        version="3",
        name_zh="居住证申领",
        name_en="Residence permit application",
        department_zh="公安局",
        department_en="Public Security Bureau",
        fields=(
            _f("name", "name", "姓名", "Name", prefill="name"),
            _f("id_number", "id_number", "公民身份号码", "ID number", prefill="id_number"),
            _f("phone", "phone", "联系电话", "Phone number"),
            _f("address", "address", "现居住地址", "Current address", prefill="address"),
            _f(
                "reason",
                "choice",
                "申领原因",
                "Reason",
                choices=(
                    ("work", "务工", "Work"),
                    ("study", "就学", "Study"),
                    ("family", "随迁", "Family"),
                ),
            ),
            _f("note", "text", "备注", "Note", required=False),
        ),
        materials=(
            Material("id_card", "居民身份证", "Resident ID card"),
            Material("photo", "近期一寸白底照片", "Recent 1-inch photo, white background"),
            Material("lease", "租房合同或房产证明", "Lease or proof of ownership"),
        ),
        time_limit_days=15,
        allow_manual=True,
    ),
    ServiceSpec(
        code="SB-101",
        version="1",
        name_zh="社保参保证明打印",
        name_en="Social insurance certificate",
        department_zh="人力资源和社会保障局",
        department_en="Human Resources and Social Security Bureau",
        online_only=True,
    ),
)
