import datetime as dt
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.outbox import NewItem, Outbox
from kiosk.storage import open_storage
from protocol.sealing import SealError, one_time_key, open_sealed, seal


def test_seal_round_trip_and_binding() -> None:
    platform = X25519PrivateKey.generate()
    box = seal(b'{"name": "\xe5\xbc\xa0"}', platform.public_key(), b"id-1")
    assert open_sealed(box, platform, b"id-1") == b'{"name": "\xe5\xbc\xa0"}'
    for bad in (
        lambda: open_sealed(box, platform, b"id-2"),
        lambda: open_sealed(box, X25519PrivateKey.generate(), b"id-1"),
        lambda: open_sealed(box[:-1] + bytes([box[-1] ^ 1]), platform, b"id-1"),
    ):
        try:
            bad()
        except SealError:
            continue
        raise AssertionError("tampered box opened")


def test_a_key_made_ahead_seals_for_its_platform_only() -> None:
    platform = X25519PrivateKey.generate()
    prepared = one_time_key(platform.public_key())
    box = seal(b"answers", platform.public_key(), b"id-1", prepared=prepared)
    assert box[9:41] == prepared.eph_pub  # after the version and the recipient tag
    assert open_sealed(box, platform, b"id-1") == b"answers"
    assert prepared.key.hex() not in repr(prepared)
    # re-provisioned between review and confirm: the old key does not fit the new platform
    new_platform = X25519PrivateKey.generate()
    box = seal(b"answers", new_platform.public_key(), b"id-1", prepared=prepared)
    assert box[9:41] != prepared.eph_pub
    assert open_sealed(box, new_platform, b"id-1") == b"answers"


def test_enqueue_is_durable_and_numbers_are_unique_when_clock_jumps_back(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    outbox = Outbox(open_storage(db), "GD01")
    day1 = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
    a = outbox.enqueue(
        NewItem("application", b"x" * 50, "S1", 1, "张*", "11010519491231002X"), now=day1
    )
    b = outbox.enqueue(NewItem("application", b"y" * 50, "S1", 1), now=day1 + dt.timedelta(days=1))
    c = outbox.enqueue(NewItem("application", b"z" * 50, "S1", 1), now=day1)  # clock went back
    numbers = [a.tracking_no, b.tracking_no, c.tracking_no]
    assert len(set(numbers)) == 3
    assert c.tracking_no is not None and c.tracking_no.endswith("-0002")
    # a fresh connection (as after a restart) sees everything
    again = Outbox(open_storage(db), "GD01")
    assert again.counts()["pending"] == 3
    assert [i.client_id for i in again.by_id_number("11010519491231002x")] == [a.client_id]
    raw = db.read_bytes() + (tmp_path / "k.db-wal").read_bytes()
    assert b"11010519491231002X" not in raw


def test_a_batch_of_verdicts_and_statuses_lands_item_by_item(tmp_path: Path) -> None:
    # the transitions are one statement per batch (issue 19); each item still
    # gets its own verdict, and an older status never overwrites a newer one
    from kiosk.outbox import StatusChange, Verdict

    outbox = Outbox(open_storage(tmp_path / "k.db"), "GD01")
    items = [outbox.enqueue(NewItem("application", bytes([i]) * 40, "S1", 1)) for i in range(5)]
    claimed = outbox.claim_batch(4, 10_000)
    assert [c.client_id for c in claimed] == [i.client_id for i in items[:4]]
    assert outbox.counts()["sending"] == 4
    # "sending" is claimed again (after a crash nobody is sending it), but not what
    # is on the wire now: the next batch starts after it
    assert [c.client_id for c in outbox.claim_batch(4, 10_000)] == [i.client_id for i in items[:4]]
    rest = outbox.claim_batch(4, 10_000, after=claimed[-1])
    assert [c.client_id for c in rest] == [items[4].client_id]
    outbox.requeue([items[4].client_id], "")
    a, b, c, d, e = (i.client_id for i in items)
    counts = outbox.record_verdicts(
        [
            Verdict(a, "accepted", "ZW-A"),
            Verdict(b, "duplicate", "ZW-B"),
            Verdict(c, "conflict", "ZW-C", "same client id, different content"),
            Verdict(d, "rejected", reason="hash mismatch"),
            Verdict(e, "surprise"),
        ]
    )
    assert counts == {"accepted": 1, "duplicate": 1, "conflict": 1, "rejected": 1}
    got = {i: outbox.get(i) for i in (a, b, c, d, e)}
    assert (got[a].state, got[a].case_number) == ("accepted", "ZW-A")
    assert (got[b].state, got[b].case_number) == ("accepted", "ZW-B")
    assert (got[c].state, got[c].quarantine_reason) == (
        "quarantined",
        "conflict: same client id, different content",
    )
    assert (got[d].state, got[d].quarantine_reason) == ("quarantined", "rejected: hash mismatch")
    assert got[e].state == "pending"  # not claimed, and an unknown verdict changes nothing
    # an accepted item keeps its first case number when the verdict comes again
    outbox.record_verdicts([Verdict(a, "duplicate", "ZW-OTHER")])
    assert outbox.get(a).case_number == "ZW-A"

    applied = outbox.apply_statuses(
        [
            StatusChange(a, "received", "2026-12-01T10:00:00+00:00", "ZW-A"),
            StatusChange(a, "approved", "2026-12-01T11:00:00+00:00", "ZW-A", "ok"),
            StatusChange(a, "in_review", "2026-12-01T10:30:00+00:00", "ZW-A"),  # older news
            StatusChange(b, "received", "2026-12-01T10:00:00+00:00", "ZW-B"),
            StatusChange("not-ours", "received", "2026-12-01T10:00:00+00:00"),
        ]
    )
    assert applied == 2
    after = outbox.get(a)
    assert after is not None
    assert (after.status, after.status_at) == ("approved", "2026-12-01T11:00:00+00:00")
    assert outbox.get(b).status == "received"
    # a later page with older news for a is ignored; newer news lands
    assert outbox.apply_statuses([StatusChange(a, "received", "2026-12-01T09:00:00+00:00")]) == 0
    assert outbox.apply_statuses([StatusChange(b, "approved", "2026-12-01T12:00:00+00:00")]) == 1
    assert outbox.get(b).status == "approved"
    assert outbox.apply_statuses([]) == 0


def test_a_verdict_tells_an_application_it_was_received(tmp_path: Path) -> None:
    # the platform's "received" rides on the verdict; it is the case's first status,
    # so it never overwrites newer news, and an evaluation (no case) keeps its own
    from kiosk.outbox import StatusChange, Verdict

    outbox = Outbox(open_storage(tmp_path / "k.db"), "GD01")
    app = outbox.enqueue(NewItem("application", b"a" * 40, "S1", 1)).client_id
    old = outbox.enqueue(NewItem("application", b"b" * 40, "S1", 1)).client_id
    ev = outbox.enqueue(NewItem("evaluation", b"c" * 40, "", 0)).client_id
    outbox.apply_statuses([StatusChange(old, "approved", "2026-12-01T12:00:00+00:00", "ZW-B")])
    outbox.claim_batch(10, 10_000)
    at = "2026-12-01T10:00:00+00:00"
    outbox.record_verdicts(
        [Verdict(app, "accepted", "ZW-A", "", at), Verdict(old, "duplicate", "ZW-B", "", at)]
        + [Verdict(ev, "accepted", "PJ-C", "", at)]
    )
    got = {i: outbox.get(i) for i in (app, old, ev)}
    assert all(g is not None and g.state == "accepted" for g in got.values())
    assert (got[app].status, got[app].status_at) == ("received", at)  # type: ignore[union-attr]
    assert got[old].status == "approved"  # type: ignore[union-attr]
    assert got[ev].status == "submitted"  # type: ignore[union-attr]
    # a platform that does not tell it: the status waits for /statuses, as before
    late = outbox.enqueue(NewItem("application", b"d" * 40, "S1", 1)).client_id
    outbox.claim_batch(10, 10_000)
    outbox.record_verdicts([Verdict(late, "accepted", "ZW-D")])
    item = outbox.get(late)
    assert item is not None and (item.state, item.status) == ("accepted", "submitted")
