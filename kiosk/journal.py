"""The confirmed journal: one durable line per application or evaluation the kiosk confirmed.

The database is the truth of what is queued, but a database can lose rows
without noticing: a flipped bit in the WAL ends SQLite's replay at that frame
and every later commit is silently gone, with ``integrity_check`` still "ok";
a restored backup is older than the file it replaces. The journal is a small
append-only file beside the database, outside it and outside its backups:
each confirmed item's client id, and for an application its day and daily
sequence. At start-up the database is checked against it (every journalled
client id must be in the outbox), and the tracking numbers' high-water mark
is taken from it, so a restore can never hand out a tracking number twice.

An application's line costs no flush of its own. The file keeps ``ROOM``
bytes of zeros past its last line, written and fsynced once, so a line
overwrites blocks the file already has and needs none of the file's metadata
(size, blocks) to be read back. The outbox writes the line just before its
COMMIT and waits until the disk has it (``stage``: sync_file_range, the data
handed to the device, not yet flushed from its write cache); SQLite's
fdatasync at that COMMIT then flushes the device's cache, and with it the
line, which the disk completed before that flush: one flush makes both
durable before the receipt prints, as two did. Where that does not hold (a
file system that copies on write, such as btrfs, or no sync_file_range),
``stage`` syncs the line itself.

Then a short "committed" line follows, or a "void" line when the COMMIT
failed, without a flush of its own: the next entry's flush carries it, and
the operating system writes it back after a crash of the process. Enqueues
are one at a time, so only the newest entry can lack both, and only after a
power cut in that moment: that entry is "uncertain" (its COMMIT may never
have happened, no receipt was printed), never "lost". Each line carries a
CRC32, so a torn last line or a damaged one is counted, never misread; the
zeros of the room ahead are not lines.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kiosk.fsutil import FILE_MODE, fsync_dir, write_private

JOURNAL_FILE = "confirmed.journal"
_VERSION = "c1"
# Zeros kept written past the last line (about 460 lines): a line's sync then
# changes no metadata; the room is renewed, with one fsync, when it runs out.
ROOM = 64 * 1024
_datasync = getattr(os, "fdatasync", os.fsync)  # macOS has no fdatasync
# File systems that write a file's data in place, in blocks already allocated:
# there a line's bytes on the disk need no metadata, and the next flush of the
# device (any file's fdatasync) makes them durable.
IN_PLACE = frozenset({"ext4", "ext3", "ext2", "xfs"})
_WAIT_BEFORE, _WRITE, _WAIT_AFTER = 1, 2, 4  # SYNC_FILE_RANGE_*


@cache
def _sync_file_range() -> Callable[[int, int, int, int], int] | None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        call = libc.sync_file_range
    except (OSError, AttributeError):  # not Linux
        return None
    call.argtypes = (ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint)
    call.restype = ctypes.c_int
    return call  # type: ignore[no-any-return]


def file_system(path: Path) -> str:
    """The type of the file system ``path`` is on, from /proc/self/mountinfo by its
    device number ("" where it cannot be told: then nothing is assumed of it)."""
    try:
        dev = os.stat(path).st_dev
        lines = Path("/proc/self/mountinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    wanted = f"{os.major(dev)}:{os.minor(dev)}"
    found = ""
    for line in lines:
        fields = line.split(" ")
        if len(fields) > 2 and fields[2] == wanted and " - " in line:
            found = line.split(" - ", 1)[1].split(" ", 1)[0]  # the last mount wins
    return found


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
    """Writes each line at the end of the lines, into room written ahead; reads the
    whole file at start-up.

    Another writer of the same file (a second instance in this process, another
    process) is allowed for: each write takes an ``flock``, and where the byte at
    this instance's end is no longer a zero, the end is found again first."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._fd_pid = 0
        self._end = 0  # where the next line goes
        self._size = 0  # the file's size: lines, then zeros
        self._torn = False  # the last line lacks its newline (cut off mid-write)
        self._staging: bool | None = None  # may ``stage`` leave the flush to the COMMIT?

    def _open(self) -> int:
        """The file, open for writing, with its end found; opened again in a forked
        child (a shared file offset and lock are the parent's) or when a compaction
        replaced the file."""
        fd = self._fd
        if fd is not None and self._fd_pid == os.getpid():
            try:
                if os.stat(self.path).st_ino == os.fstat(fd).st_ino:
                    return fd
            except FileNotFoundError:
                pass
            os.close(fd)
        created = not self.path.exists()
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        if created:
            fsync_dir(self.path.parent)  # the new name, once
        self._fd, self._fd_pid = fd, os.getpid()
        self._find_end(fd)
        return fd

    def _find_end(self, fd: int) -> None:
        self._size = os.fstat(fd).st_size
        data = os.pread(fd, self._size, 0)
        self._end = len(data.rstrip(b"\0"))
        self._torn = self._end > 0 and data[self._end - 1] != ord("\n")

    def _put(self, data: bytes, durable: bool, staged: bool = False) -> None:
        """``data`` after the last line; synced when ``durable`` (fdatasync: the
        blocks are there already, see ``ROOM``), or with ``staged`` handed to the
        device and waited for, for the caller's own flush to make durable."""
        with self._lock:
            fd = self._open()
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                if os.pread(fd, 1, self._end) not in (b"", b"\0"):
                    self._find_end(fd)  # another writer wrote here meanwhile
                if self._torn:  # a cut-off line stays its own (damaged) line
                    data, self._torn = b"\n" + data, False
                if self._end + len(data) > self._size:
                    self._make_room(fd, len(data))
                view = memoryview(data)
                while view:
                    written = os.pwrite(fd, view, self._end)
                    self._end += written
                    view = view[written:]
                if staged and self._can_stage():
                    call = _sync_file_range()
                    assert call is not None
                    if call(fd, 0, 0, _WAIT_BEFORE | _WRITE | _WAIT_AFTER) != 0:
                        err = ctypes.get_errno()
                        raise OSError(err, os.strerror(err), str(self.path))
                elif durable or staged:
                    _datasync(fd)
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)

    def _make_room(self, fd: int, need: int) -> None:
        """Zeros written past the end and fsynced (the size and the blocks, once per
        ``ROOM``); raises OSError when the disk is full, as an append would."""
        room = max(ROOM, need)
        zeros = memoryview(bytes(room))
        offset = self._size
        while zeros:
            written = os.pwrite(fd, zeros, offset)
            offset += written
            zeros = zeros[written:]
        os.fsync(fd)
        self._size = offset

    def _can_stage(self) -> bool:
        if self._staging is None:
            self._staging = (
                _sync_file_range() is not None and file_system(self.path) in IN_PLACE
            )
        return self._staging

    def append(self, entry: Confirmed) -> None:
        """One line, written in one call and synced (raises OSError when the disk is full)."""
        self._put(_line(entry), durable=True)

    def stage(self, entry: Confirmed) -> None:
        """One line, on the disk but not yet flushed from its cache: durable once the
        caller flushes the same disk, as the outbox's COMMIT (SQLite's fdatasync)
        does right after. Synced here where that cannot be relied on (``IN_PLACE``).
        Raises OSError when the disk is full."""
        self._put(_line(entry), durable=False, staged=True)

    def mark(self, client_id: str, committed: bool) -> None:
        """The COMMIT's outcome for an entry: "k" or "v", on the disk with the next entry."""
        kind = "k" if committed else "v"
        self._put(_line(Confirmed(client_id, kind, "-", 0, "")), durable=False)

    def read(self) -> JournalRead:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return JournalRead([], 0)
        entries: dict[str, Confirmed] = {}
        marked: set[str] = set()
        marks: dict[str, int] = {}
        damaged = 0
        for line in raw.rstrip(b"\0").decode("ascii", errors="replace").split("\n"):
            if not line.strip("\0"):  # the room ahead, or a line's bytes never written
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
        self._put(b"".join(_line(Confirmed(c, "v", "-", 0, "")) for c in client_ids), True)

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
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
