"""The confirmed journal: what it says after a clean run, a failed COMMIT, a cut
between its fsync and the COMMIT, and a damaged line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.backup import open_recovered
from kiosk.journal import ROOM, Confirmed, ConfirmedJournal, journal_path
from kiosk.outbox import NewItem, Outbox, Verdict
from kiosk.recovery_report import last_recovery


def _lines_of(path: Path) -> bytes:
    """The journal's lines, without the room of zeros written ahead of them."""
    return path.read_bytes().rstrip(b"\0")


def test_every_confirmed_item_is_journalled_with_its_commit_mark(tmp_path: Path) -> None:
    storage = open_recovered(tmp_path / "kiosk.db")
    outbox = Outbox(storage, "GD-01")  # a kiosk code may hold a dash
    apps = [outbox.enqueue(NewItem("application", b"s", "S1", 1)) for _ in range(3)]
    rating = outbox.enqueue(NewItem("evaluation", b"e"))
    storage.close()
    read = ConfirmedJournal(journal_path(tmp_path)).read()
    assert [e.client_id for e in read.entries] == [a.client_id for a in apps] + [rating.client_id]
    assert [e.tracking_no for e in read.entries[:3]] == [a.tracking_no for a in apps]
    assert [e.seq for e in read.entries] == [1, 2, 3, 0]
    assert read.uncertain == frozenset() and read.damaged_lines == 0
    assert ConfirmedJournal(journal_path(tmp_path)).high_water() == {apps[0].tracking_no[6:14]: 3}


def test_a_cut_between_the_journal_fsync_and_the_commit_is_no_false_alarm(tmp_path: Path) -> None:
    """The files as a power cut in that moment leaves them: the journal's entry is on
    disk without its COMMIT mark, the row is not in the database. No receipt was
    printed for it, so no loss is reported, and its tracking number is never reused."""
    storage = open_recovered(tmp_path / "kiosk.db")
    outbox = Outbox(storage, "GD01")
    kept = outbox.enqueue(NewItem("application", b"s", "S1", 1))
    storage.close()
    day = str(kept.tracking_no).split("-")[1]
    cut = Confirmed("0" * 8 + "-0000-4000-8000-" + "0" * 12, "a", day, 2, f"GD01-{day}-0002")
    ConfirmedJournal(journal_path(tmp_path)).append(cut)

    storage = open_recovered(tmp_path / "kiosk.db")
    try:
        assert last_recovery(storage) is None
        following = Outbox(storage, "GD01").enqueue(NewItem("application", b"t", "S1", 1))
        assert following.tracking_no == f"GD01-{day}-0003"
    finally:
        storage.close()
    storage = open_recovered(tmp_path / "kiosk.db")  # and the next start stays quiet
    try:
        assert last_recovery(storage) is None
    finally:
        storage.close()


def test_a_damaged_line_is_counted_never_misread(tmp_path: Path) -> None:
    journal = ConfirmedJournal(tmp_path / "j")
    journal.append(Confirmed("a" * 36, "a", "20261201", 7, "GD01-20261201-0007"))
    journal.mark("a" * 36, committed=True)
    raw = bytearray((tmp_path / "j").read_bytes())
    raw[20] ^= 0x01  # a flipped bit in the entry
    (tmp_path / "j").write_bytes(bytes(raw) + b"c1 a torn")
    read = journal.read()
    assert read.entries == [] and read.damaged_lines == 2


def test_start_up_drops_accepted_entries_and_keeps_the_high_water_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each start reads the journal whole, so it is kept small: what the platform has
    accepted leaves it (the platform holds it); the tracking numbers' mark stays."""
    import kiosk.backup

    monkeypatch.setattr(kiosk.backup, "COMPACT_AFTER", 10)
    storage = open_recovered(tmp_path / "kiosk.db")
    outbox = Outbox(storage, "GD01")
    items = [outbox.enqueue(NewItem("application", b"s", "S1", 1)) for _ in range(12)]
    outbox.record_verdicts(
        [Verdict(i.client_id, "accepted", f"C{n}") for n, i in enumerate(items[:9])]
    )
    storage.close()
    before = len(_lines_of(journal_path(tmp_path)))

    storage = open_recovered(tmp_path / "kiosk.db")
    try:
        read = ConfirmedJournal(journal_path(tmp_path)).read()
        assert [e.client_id for e in read.entries] == [i.client_id for i in items[9:]]
        assert read.uncertain == frozenset() and read.damaged_lines == 0
        assert len(_lines_of(journal_path(tmp_path))) < before / 2
        assert last_recovery(storage) is None
        # the mark survives a restore that rolls the counter back
        with storage.transaction() as conn:
            conn.execute("UPDATE tracking_sequence SET last = 3")
    finally:
        storage.close()
    storage = open_recovered(tmp_path / "kiosk.db")
    try:
        following = Outbox(storage, "GD01").enqueue(NewItem("application", b"t", "S1", 1))
        assert str(following.tracking_no).endswith("-0013")
    finally:
        storage.close()


def test_lines_go_into_room_written_ahead_and_a_reopened_journal_continues_after_them(
    tmp_path: Path,
) -> None:
    """A line overwrites zeros the file already holds (its sync changes no metadata);
    a second writer of the file, or the next start, writes after the last line,
    never over it, and a line cut off mid-write stays a damaged line of its own."""
    path = tmp_path / "j"
    first, second = ConfirmedJournal(path), ConfirmedJournal(path)
    first.append(Confirmed("a" * 36, "a", "20261201", 1, "GD01-20261201-0001"))
    size, lines = path.stat().st_size, len(_lines_of(path))
    assert size >= ROOM and path.read_bytes()[lines:] == bytes(size - lines)
    second.stage(Confirmed("b" * 36, "a", "20261201", 2, "GD01-20261201-0002"))
    first.mark("b" * 36, committed=True)
    first.close()
    second.close()
    assert path.stat().st_size == size  # the room taken, the file not grown
    with path.open("r+b") as f:  # a power cut in the middle of the next line
        f.seek(len(_lines_of(path)))
        f.write(b"c1 a cccc")
    third = ConfirmedJournal(path)
    third.append(Confirmed("d" * 36, "a", "20261201", 4, "GD01-20261201-0004"))
    read = third.read()
    third.close()
    assert [e.client_id for e in read.entries] == ["a" * 36, "b" * 36, "d" * 36]
    assert read.damaged_lines == 1 and read.uncertain == {"a" * 36, "d" * 36}
    assert read.high_water == {"20261201": 4}


def test_the_room_is_renewed_when_the_lines_reach_it(tmp_path: Path) -> None:
    path = tmp_path / "j"
    journal = ConfirmedJournal(path)
    n = ROOM // 80 + 10  # lines of about 90 bytes: more than the first room holds
    for seq in range(1, n + 1):
        journal.append(Confirmed(f"{seq:036d}", "a", "20261201", seq, f"GD01-20261201-{seq:04d}"))
    journal.close()
    assert path.stat().st_size >= 2 * ROOM
    read = ConfirmedJournal(path).read()
    assert len(read.entries) == n and read.damaged_lines == 0
