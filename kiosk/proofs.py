"""Which services are proofs: documents the platform issues and the kiosk prints on A4.

The catalog marks every platform-bound service (``needs_online``) but has no
field that says "this one is a printout" (社保参保证明打印, 户籍证明打印 ...).
Until it has one, the rule is the one the catalog's authors follow when they
name such services: a platform-bound service whose Chinese name says it
prints (打印) or proves (证明). The rule lives here, in the domain, so the
screen that lists proofs only shows what this module decides, and a catalog
flag, when it comes, replaces one function.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

PROOF_WORDS = ("打印", "证明")


def is_proof(service: Any) -> bool:
    """A catalog service (or its summary) that is fetched from the platform and printed."""
    online = bool(getattr(service, "needs_online", False))
    name = str(getattr(service, "name_zh", ""))
    return online and any(word in name for word in PROOF_WORDS)


def proof_services(services: Iterable[Any]) -> list[Any]:
    """The proofs among ``services``, in the order given."""
    return [s for s in services if is_proof(s)]
