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
