"""好差评: the five-level rating offered once per visit, stored and synced like applications.

A rating is optional and never blocks the resident. The two bad levels ask
what went wrong (choices plus optional text). The free text may hold personal
remarks, so the evaluation is sealed like an application; the outbox index
keeps only the service code.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.catalog.model import FieldType, FormField
from kiosk.errors import ValidationError
from kiosk.forms import validate_field
from kiosk.outbox import NewItem, Outbox, iso, utcnow
from kiosk.storage import Storage

log = logging.getLogger(__name__)

# Level 5 is best, as the national 好差评 system counts them.
LEVELS: tuple[tuple[int, str], ...] = (
    (5, "very_satisfied"),  # 非常满意
    (4, "satisfied"),  # 满意
    (3, "basically_satisfied"),  # 基本满意
    (2, "dissatisfied"),  # 不满意
    (1, "very_dissatisfied"),  # 非常不满意
)
BAD_LEVELS = (1, 2)
REASONS = ("long_wait", "hard_to_use", "device_fault", "unclear_guide", "staff", "other")
# the free text is judged as a form field is: the same characters refused
_TEXT = FormField(id="comment", type=FieldType.TEXT, label_zh="意见", label_en="Comment", max=200)


@dataclass(frozen=True)
class Evaluation:
    level: int
    reasons: tuple[str, ...] = ()
    comment: str = ""
    service_code: str = ""
    application_id: str = ""  # client id of the application rated, if any


def check(evaluation: Evaluation) -> Evaluation:
    if evaluation.level not in dict(LEVELS):
        raise ValidationError("no such level", key="evaluate.error.level")
    reasons = tuple(dict.fromkeys(evaluation.reasons))
    if any(r not in REASONS for r in reasons):
        raise ValidationError("unknown reason", key="evaluate.error.reason")
    comment = validate_field(_TEXT, evaluation.comment)
    if evaluation.level in BAD_LEVELS and not reasons:
        raise ValidationError("a bad rating needs a reason", key="evaluate.error.need_reason")
    if evaluation.level not in BAD_LEVELS:
        reasons, comment = (), ""
    return Evaluation(
        evaluation.level, reasons, comment, evaluation.service_code, evaluation.application_id
    )


def submit_evaluation(
    storage: Storage,
    outbox: Outbox,
    kiosk_code: str,
    evaluation: Evaluation,
    now: dt.datetime | None = None,
) -> str:
    """Validate, seal and enqueue; returns the client id."""
    from kiosk.applications import seal_json  # same key, same box

    evaluation = check(evaluation)
    now = now or utcnow()
    client_id = str(uuid.uuid4())
    document = {
        "v": 1,
        "kind": "evaluation",
        "client_id": client_id,
        "kiosk": kiosk_code,
        "service_code": evaluation.service_code,
        "application_id": evaluation.application_id,
        "level": evaluation.level,
        "reasons": list(evaluation.reasons),
        "comment": evaluation.comment,
        "at": iso(now),
    }
    sealed = seal_json(storage, document, client_id)
    outbox.enqueue(
        NewItem(
            kind="evaluation",
            sealed=sealed,
            service_code=evaluation.service_code,
            client_id=client_id,
        ),
        now=now,
    )
    log.info("evaluation queued (level %d)", evaluation.level)
    return client_id


def levels() -> Sequence[tuple[int, str]]:
    return LEVELS
