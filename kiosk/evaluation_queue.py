"""The kiosk's side of a 好差评 rating: judged by the shared rules, sealed and queued.

The free text may hold personal remarks, so the evaluation is sealed like an
application; the outbox index keeps only the service code.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from kiosk.applications import seal_json  # same key, same box
from kiosk.evaluations import Evaluation, check
from kiosk.outbox import NewItem, Outbox, iso, utcnow
from kiosk.storage import Storage

log = logging.getLogger(__name__)


def submit_evaluation(
    storage: Storage,
    outbox: Outbox,
    kiosk_code: str,
    evaluation: Evaluation,
    now: dt.datetime | None = None,
) -> str:
    """Validate, seal and enqueue; returns the client id."""
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
