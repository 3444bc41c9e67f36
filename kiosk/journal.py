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

A line is written after the outbox COMMIT and before the receipt prints, and
fsynced. A crash between the two leaves an application in the database that
the journal lacks: harmless, since the check looks only for journalled items
missing from the database, and that tracking number was never printed.
Each line carries a CRC32, so a torn last line or a damaged one is counted,
never misread.
"""

from __future__ import annotations

import os
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

from kiosk.fsutil import FILE_MODE

JOURNAL_FILE = "confirmed.journal"
_VERSION = "c1"


@dataclass(frozen=True)
class Confirmed:
    client_id: str
    kind: str  # "a" application, "e" evaluation
    day: str  # YYYYMMDD of the tracking number ("-" for an evaluation)
    seq: int  # the daily sequence (0 for an evaluation)
    tracking_no: str  # "" for an evaluation


@dataclass(frozen=True)
class JournalRead:
    entries: list[Confirmed]
    damaged_lines: int  # torn (a crash mid-write) or failing their CRC


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
    if len(parts) != 6 or parts[0] != _VERSION or parts[1] not in ("a", "e"):
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

    def read(self) -> JournalRead:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return JournalRead([], 0)
        entries: list[Confirmed] = []
        damaged = 0
        for line in raw.decode("ascii", errors="replace").split("\n"):
            if not line:
                continue
            entry = _parse(line)
            if entry is None:
                damaged += 1
            else:
                entries.append(entry)
        return JournalRead(entries, damaged)

    def high_water(self) -> dict[str, int]:
        """The highest daily sequence ever confirmed, per day."""
        marks: dict[str, int] = {}
        for e in self.read().entries:
            if e.kind == "a" and e.seq > marks.get(e.day, 0):
                marks[e.day] = e.seq
        return marks

    def close(self) -> None:
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
