"""Pushing the outbox to one platform: one batch on the wire while the kiosk
records the verdicts of the batch before it and claims the next.

Why overlap: the kiosk's share of a batch (claiming it, building the request,
recording 500 verdicts in SQLite) and the platform's share (reading, checking and
committing it) took turns, each core idle while the other worked; a drain of
10,000 applications spent half its time waiting (issue 19). Now the next batch
is claimed, and its request built, while the platform works on this one, and it
goes on the wire before this one's verdicts are written. The wire's thread only
sends and waits: the requests are built and the answers read on the push's own
thread (a body built on the wire's thread waited on the GIL behind the verdicts
being written).

What does not change: at most one request is on the wire at a time, in the
order the batches were claimed; every item is marked "sending" in a committed
transaction before it is sent, so a crash leaves it to be sent again (and the
platform's "duplicate" counts as accepted); a transient failure puts what was
claimed back to "pending" and ends the push; a batch the platform refuses
outright is retried item by item so one bad item is quarantined alone.
"""

from __future__ import annotations

import contextlib
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from kiosk.outbox import ClaimedItem, Outbox, Verdict
from sync.client import PlatformClient, RequestRefused

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

VERDICTS = ("accepted", "duplicate", "conflict", "rejected")


class PushReport(Protocol):
    """The counters of a cycle's report that a push adds to (sync.engine.SyncReport)."""

    pushed: int
    accepted: int
    duplicates: int
    conflicts: int
    rejected: int
    quarantined: int
    batches: int


@dataclass
class _Claimed:
    batch: list[ClaimedItem]
    body: bytes  # its request, built (PlatformClient.submission_body)


@dataclass
class _InFlight:
    batch: list[ClaimedItem]
    answer: Future[requests.Response]


def push(
    outbox: Outbox,
    client: PlatformClient,
    report: PushReport,
    *,
    max_items: int,
    max_bytes: int,
    sealed_for: str | None,
) -> None:
    """Push every item sealed for ``sealed_for`` (sync.engine decides which key),
    until the queue is empty, a batch comes back incomplete, or a send fails
    (raised, after what was claimed went back to "pending")."""
    one_by_one = False
    stop = False
    sent: _InFlight | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as wire:

        def send(ready: _Claimed) -> _InFlight:
            report.batches += 1
            return _InFlight(ready.batch, wire.submit(client.post_submission, ready.body))

        while True:
            ready: _Claimed | None = None
            if not stop:
                batch = outbox.claim_batch(
                    1 if one_by_one else max_items,
                    max_bytes,
                    sealed_for=sealed_for,
                    after=sent.batch[-1] if sent else None,  # not what is on the wire
                )
                if batch:
                    # its request built here, while the one before is on the wire: the
                    # wire's thread only waits on the socket (PlatformClient.submission_body)
                    ready = _Claimed(batch, client.submission_body(batch))
            if sent is None:
                if ready is None:
                    return
                sent = send(ready)
                continue
            done, sent = sent, None
            claimed = ready.batch if ready is not None else []
            try:
                answer = done.answer.result()
            except RequestRefused as exc:
                _put_back(outbox, claimed)  # claimed, never sent
                ids = [b.client_id for b in done.batch]
                if len(done.batch) == 1:
                    outbox.quarantine(ids[0], f"refused: {exc.detail}")
                    report.quarantined += 1
                    continue
                # Something in this batch makes the platform refuse all of it:
                # go one by one to find it, the others go through.
                outbox.requeue(ids, exc.detail)
                one_by_one = True
                continue
            except BaseException as exc:
                _put_back(outbox, claimed)
                outbox.requeue([b.client_id for b in done.batch], f"{type(exc).__name__}: {exc}")
                raise
            if ready is not None:
                sent = send(ready)  # on the wire while this one's answer is read and written
            try:
                verdicts = client.submission_verdicts(answer)
            except Exception as exc:  # an answer not the protocol's: both go back
                if sent is not None:
                    with contextlib.suppress(Exception):
                        sent.answer.result()  # let it finish; a resend is answered "duplicate"
                    outbox.requeue([b.client_id for b in sent.batch], "")
                outbox.requeue([b.client_id for b in done.batch], f"{type(exc).__name__}: {exc}")
                raise
            if not _record(outbox, done.batch, verdicts, report):
                stop = True  # what is on the wire still gets its verdicts; then stop


def _record(
    outbox: Outbox, batch: list[ClaimedItem], verdicts: list[Verdict], report: PushReport
) -> bool:
    """Write a batch's verdicts; False when the platform left some unanswered
    (they go back to "pending" and the push ends, as a transient failure would)."""
    counts = outbox.record_verdicts(verdicts)
    answered = {v.client_id for v in verdicts if v.verdict in VERDICTS}
    missing = [b.client_id for b in batch if b.client_id not in answered]
    outbox.requeue(missing, "no verdict in the platform's answer")
    report.pushed += len(batch)
    report.accepted += counts["accepted"]
    report.duplicates += counts["duplicate"]
    report.conflicts += counts["conflict"]
    report.rejected += counts["rejected"]
    report.quarantined += counts["conflict"] + counts["rejected"]
    return not missing


def _put_back(outbox: Outbox, batch: list[ClaimedItem]) -> None:
    """A batch claimed but never sent goes back to "pending" with no error of its own."""
    if batch:
        outbox.requeue([b.client_id for b in batch], "")
