"""The confirmed journal: one fsynced line per application or evaluation the kiosk confirmed.

The database is the truth of what is queued, but a database can lose rows
without noticing: a flipped bit in the WAL ends SQLite's replay at that frame
and every later commit is silently gone, with ``integrity_check`` still "ok";
a restored backup is older than the file it replaces. The journal is a small
append-only file beside the database, outside it and outside its backups:
each confirmed item's client id, and for an application its day and daily
sequence. At start-up the database is checked against it (every journalled
client id must be in the outbox), and the tracking numbers' high-water mark
is taken from it, so a restore can never hand out a tracking number twice.

A line is written and fsynced in the journal's own thread while the outbox
COMMIT runs (two flushes at once cost about what one does), and the receipt
waits for both. Then a short "committed" line follows, or a "void" line when
the COMMIT failed, without an fsync of its own: the next entry's fsync
carries it, and the operating system writes it back after a crash of the
process. Enqueues are one at a time, so only the newest entry can lack both,
and only after a power cut in that moment: that entry is "uncertain" (its
COMMIT may never have happened, no receipt was printed), never "lost". Each
line carries a CRC32, so a torn last line or a damaged one is counted, never
misread.
"""

from __future__ import annotations

import os
import threading
import zlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kiosk.fsutil import FILE_MODE, write_private

JOURNAL_FILE = "confirmed.journal"
_VERSION = "c1"


@dataclass(frozen=True)
class Confirmed:
    client_id: str
    kind: str  # "a" application, "e" evaluation; "k" committed, "v" void; "h" high water
    day: str  # YYYYMMDD of the tracking number ("-" for an evaluation)
    seq: int  # the daily sequence (0 for an evaluation)
    tracking_no: str  # "" for an evaluation


@dataclass(frozen=True)
class JournalRead:
    entries: list[Confirmed]  # confirmed, in order, voided ones left out
    damaged_lines: int  # torn (a crash mid-write) or failing their CRC
    uncertain: frozenset[str] = frozenset()  # entries with neither mark (see above)
    high_water: dict[str, int] | None = None  # per day, voided lines included


def journal_path(data_dir: Path) -> Path:
    return Path(data_dir) / JOURNAL_FILE


def _line(entry: Confirmed) -> bytes:
    number = entry.tracking_no or "-"
    body = f"{_VERSION} {entry.kind} {entry.client_id} {entry.day} {entry.seq} {number}"
    return f"{body} {zlib.crc32(body.encode()):08x}\n".encode()


def _parse(raw: str) -> Confirmed | None:
    body, _, crc = raw.rpartition(" ")
    if not body or f"{zlib.crc32(body.encode()):08x}" != crc:
        return None
    parts = body.split(" ")
    if len(parts) != 6 or parts[0] != _VERSION or parts[1] not in ("a", "e", "k", "v", "h"):
        return None
    try:
        seq = int(parts[4])
    except ValueError:
        return None
    return Confirmed(parts[2], parts[1], parts[3], seq, "" if parts[5] == "-" else parts[5])


class ConfirmedJournal:
    """Appends with O_APPEND and fsync; reads the whole file at start-up."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._pid = 0

    def _open(self) -> int:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        return self._fd

    def append(self, entry: Confirmed) -> None:
        """One line, written in one call and fsynced (raises OSError when the disk is full)."""
        data = _line(entry)
        with self._lock:
            fd = self._open()
            os.write(fd, data)
            os.fsync(fd)

    def append_async(self, entry: Confirmed) -> Future[None]:
        """``append`` in the journal's thread; the future raises its OSError."""
        with self._lock:
            if self._pool is None or self._pid != os.getpid():  # a forked child has no thread
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal")
                self._pid = os.getpid()
            pool = self._pool
        return pool.submit(self.append, entry)

    def mark(self, client_id: str, committed: bool) -> None:
        """The COMMIT's outcome for an entry: "k" or "v", fsynced with the next entry."""
        kind = "k" if committed else "v"
        with self._lock:
            os.write(self._open(), _line(Confirmed(client_id, kind, "-", 0, "")))

    def read(self) -> JournalRead:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return JournalRead([], 0)
        entries: dict[str, Confirmed] = {}
        marked: set[str] = set()
        marks: dict[str, int] = {}
        damaged = 0
        for line in raw.decode("ascii", errors="replace").split("\n"):
            if not line:
                continue
            entry = _parse(line)
            if entry is None:
                damaged += 1
            elif entry.kind == "v":
                entries.pop(entry.client_id, None)
                marked.add(entry.client_id)
            elif entry.kind == "k":
                marked.add(entry.client_id)
            elif entry.kind == "h":
                marks[entry.day] = max(marks.get(entry.day, 0), entry.seq)
            else:
                entries[entry.client_id] = entry
                if entry.kind == "a" and entry.seq > marks.get(entry.day, 0):
                    marks[entry.day] = entry.seq
        uncertain = frozenset(c for c in entries if c not in marked)
        return JournalRead(list(entries.values()), damaged, uncertain, marks)

    def high_water(self) -> dict[str, int]:
        """The highest daily sequence ever handed out, per day (a voided line's too:
        its number may have been shown before the COMMIT failed)."""
        return self.read().high_water or {}

    def void_durably(self, client_ids: list[str]) -> None:
        """At start-up, once a report has named them: lost or uncertain entries are
        taken back, so the next start does not report them again."""
        if not client_ids:
            return
        data = b"".join(_line(Confirmed(c, "v", "-", 0, "")) for c in client_ids)
        with self._lock:
            fd = self._open()
            os.write(fd, data)
            os.fsync(fd)

    def compact(self, read: JournalRead, keep: Callable[[Confirmed], bool]) -> int:
        """Rewrite the file with the entries ``keep`` wants (each with its mark) and one
        high-water line per day; written beside it, fsynced, renamed. Start-up only."""
        lines = [
            _line(Confirmed("-", "h", day, seq, ""))
            for day, seq in sorted((read.high_water or {}).items())
        ]
        kept = [e for e in read.entries if keep(e)]
        for entry in kept:
            lines.append(_line(entry))
            if entry.client_id not in read.uncertain:
                lines.append(_line(Confirmed(entry.client_id, "k", "-", 0, "")))
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
            write_private(self.path, b"".join(lines))
        return len(kept)

    def close(self) -> None:
        with self._lock:
            if self._pool is not None and self._pid == os.getpid():
                self._pool.shutdown(wait=True)
            self._pool = None
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
