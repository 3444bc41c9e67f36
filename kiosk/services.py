"""Where the journey looks services up, and a fixed set for tests and tools.

A service is the catalog's ``Service`` (kiosk.catalog.model) everywhere: the
guide, the form, the submit and the receipt read the same object, so there
is no second model of a service to keep in step with the first. The kiosk
looks services up in its catalog store; tests, the reliability runs and the
benchmarks, which need no catalog, use ``StaticServices(DEMO_SERVICES)``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, Protocol

from kiosk.catalog.model import Service


class ServiceSource(Protocol):
    """Where the journey looks services up (the catalog store, or a fixed list).

    None, or a ``KioskError``, when the source has no such service (version).
    """

    def service(self, code: str, version: int | None = None) -> Service | None: ...


class StaticServices:
    """A fixed set of services: tests and tools that need no catalog."""

    def __init__(self, services: Sequence[Service]) -> None:
        self._by_code = {s.code: s for s in services}

    def service(self, code: str, version: int | None = None) -> Service | None:
        found = self._by_code.get(code)
        if found is None or (version is not None and found.version != version):
            return None
        return found

    def all(self) -> list[Service]:
        return list(self._by_code.values())


def _field(fid: str, ftype: str, zh: str, en: str, **more: Any) -> dict[str, Any]:
    return {"id": fid, "type": ftype, "label_zh": zh, "label_en": en, "required": True, **more}


# Two services in the catalog's own document format, for the domain's tests,
# the reliability runs and the benchmarks. The kiosk itself finds services in
# its catalog only.
_DEMO_DOCUMENT: tuple[dict[str, Any], ...] = (
    {
        "code": "HJ-001",
        "version": 3,
        "name_zh": "居住证申领",
        "name_en": "Residence permit application",
        "department": "gongan",
        "service_type": "confirmation",
        "summary_zh": "在居住地居住半年以上的人员申领居住证",
        "summary_en": "A residence permit for people living here for six months or more",
        "identity": "card_or_manual",
        "channels": ["kiosk"],
        "legal_days": 15,
        "promised_days": 15,
        "materials": [
            {"code": "id_card", "name_zh": "居民身份证", "name_en": "Resident ID card"},
            {
                "code": "photo",
                "name_zh": "近期一寸白底照片",
                "name_en": "Recent 1-inch photo, white background",
            },
            {
                "code": "lease",
                "name_zh": "租房合同或房产证明",
                "name_en": "Lease or proof of ownership",
            },
        ],
        "form": [
            _field("name", "text", "姓名", "Name", prefill="name"),
            _field("id_number", "id_number", "公民身份号码", "ID number", prefill="id_number"),
            _field("phone", "phone", "联系电话", "Phone number"),
            _field("address", "address", "现居住地址", "Current address", prefill="address"),
            _field(
                "reason",
                "select",
                "申领原因",
                "Reason",
                options=[
                    {"value": "work", "label_zh": "务工", "label_en": "Work"},
                    {"value": "study", "label_zh": "就学", "label_en": "Study"},
                    {"value": "family", "label_zh": "随迁", "label_en": "Family"},
                ],
            ),
            _field("note", "text", "备注", "Note", required=False),
        ],
    },
    {
        "code": "SB-101",
        "version": 1,
        "name_zh": "社保参保证明打印",
        "name_en": "Social insurance certificate",
        "department": "renshe",
        "service_type": "public_service",
        "summary_zh": "打印个人社会保险参保证明",
        "summary_en": "Print a certificate of social insurance",
        "channels": ["kiosk"],
        "needs_online": True,
    },
)
# Read when first asked for (PEP 562): checking the document at import made the
# kiosk build the catalog model's validators before it could answer a touch
# (``defer_build``, kiosk/catalog/model.py), and the kiosk never uses these.
DEMO_SERVICES: tuple[Service, ...]


@functools.cache
def _demo_services() -> tuple[Service, ...]:
    return tuple(Service.from_dict(s) for s in _DEMO_DOCUMENT)


def __getattr__(name: str) -> Any:
    if name == "DEMO_SERVICES":
        return _demo_services()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
