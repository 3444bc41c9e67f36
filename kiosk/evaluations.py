"""好差评: the five-level rating offered once per visit, stored and synced like applications.

A rating is optional and never blocks the resident. The two bad levels ask
what went wrong (choices plus optional text). These are the rules, shared by
the kiosk and the platform's phone page; the kiosk queues a rating with
``kiosk.evaluation_queue``. The free text may hold personal
remarks, so the evaluation is sealed like an application; the outbox index
keeps only the service code.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.catalog.model import FieldType, FormField
from kiosk.errors import ValidationError
from kiosk.forms import validate_field

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
# made when first judged: a FormField made at import built pydantic's validator
# before the kiosk could answer a touch (``defer_build``, kiosk/catalog/model.py)
@functools.cache
def _comment_field() -> FormField:
    return FormField(
        id="comment", type=FieldType.TEXT, label_zh="意见", label_en="Comment", max=200
    )


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
    comment = validate_field(_comment_field(), evaluation.comment)
    if evaluation.level in BAD_LEVELS and not reasons:
        raise ValidationError("a bad rating needs a reason", key="evaluate.error.need_reason")
    if evaluation.level not in BAD_LEVELS:
        reasons, comment = (), ""
    return Evaluation(
        evaluation.level, reasons, comment, evaluation.service_code, evaluation.application_id
    )


def levels() -> Sequence[tuple[int, str]]:
    return LEVELS
