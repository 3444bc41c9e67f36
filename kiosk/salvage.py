"""Reading rows out of a damaged SQLite file, page by page, without SQLite.

When a database fails its integrity check (a zeroed header, a file cut short,
a page of garbage) or silently lost its last commits (a flipped bit in the
WAL ends SQLite's replay there), the rows are usually still on disk: in the
table leaf pages SQLite can no longer reach, or in WAL frames after the bad
one. This module walks every page of the main file and every frame of the
WAL, takes each table-leaf page (type 0x0D) and decodes its cells (rowid and
record, overflow chains followed) as the file format documents them
(https://www.sqlite.org/fileformat2.html). It needs no schema: the caller
tells which records belong to which table by their shape. Only WAL frames of
committed transactions count (up to the last commit frame of the current
salt): a kill in the middle of a COMMIT leaves frames that must not come back
as an application the resident was never given a receipt for.

SQLite's own recovery (the CLI's ``.recover``) would do this too, but the
Debian 12 build (3.40.1) fails on every file with "SQL logic error", so the
kiosk carries this reader rather than depend on the CLI.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_HEADER = b"SQLite format 3\x00"
Value = int | float | str | bytes | None


@dataclass(frozen=True)
class Record:
    rowid: int
    values: tuple[Value, ...]
    source: str  # "db:<page>" or "wal:<frame>"


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        if pos + i >= len(buf):
            raise ValueError("varint past the end")
        byte = buf[pos + i]
        if i == 8:
            return (value << 8) | byte, pos + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, pos + i + 1
    raise AssertionError("unreachable")


def _signed(value: int, bits: int) -> int:
    return value - (1 << bits) if value >= 1 << (bits - 1) else value


def decode_record(payload: bytes) -> tuple[Value, ...]:
    """A record's values; raises ValueError on anything that does not add up."""
    header_size, pos = _varint(payload, 0)
    if header_size < 1 or header_size > len(payload):
        raise ValueError("bad record header")
    types: list[int] = []
    while pos < header_size:
        serial, pos = _varint(payload, pos)
        types.append(serial)
    if pos != header_size:
        raise ValueError("record header overruns")
    values: list[Value] = []
    body = header_size
    for serial in types:
        if serial == 0:
            values.append(None)
        elif 1 <= serial <= 6:
            size = (1, 2, 3, 4, 6, 8)[serial - 1]
            raw = int.from_bytes(payload[body : body + size], "big")
            values.append(_signed(raw, size * 8))
            body += size
        elif serial == 7:
            (number,) = struct.unpack(">d", payload[body : body + 8])
            values.append(number)
            body += 8
        elif serial in (8, 9):
            values.append(serial - 8)
        elif serial >= 12:
            size = (serial - 12) // 2
            chunk = payload[body : body + size]
            if len(chunk) != size:
                raise ValueError("record body too short")
            values.append(chunk if serial % 2 == 0 else chunk.decode("utf-8"))
            body += size
        else:
            raise ValueError("reserved serial type")
        if body > len(payload):
            raise ValueError("record body too short")
    return tuple(values)


class _Pages:
    """The file's pages, each number's newest copy (WAL frames over the main file)."""

    def __init__(self, main: bytes, wal: bytes, page_size: int) -> None:
        self.size = page_size
        self.main = main
        self.wal_frames: list[tuple[int, bytes]] = []
        if len(wal) >= 32 and wal[:4] in (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83"):
            wal_size = int.from_bytes(wal[8:12], "big") or page_size
            frame = 24 + wal_size
            salts = wal[16:24]
            pending: list[tuple[int, bytes]] = []
            for offset in range(32, len(wal) - frame + 1, frame):
                if wal[offset + 8 : offset + 16] != salts:
                    continue  # a frame of an earlier generation of the WAL, checkpointed
                number = int.from_bytes(wal[offset : offset + 4], "big")
                pending.append((number, wal[offset + 24 : offset + frame]))
                if int.from_bytes(wal[offset + 4 : offset + 8], "big"):
                    # a commit frame: its transaction, and every one before, committed.
                    # Checksums are not checked (one flipped bit breaks all that follow);
                    # frames after the last commit frame never committed and are left.
                    self.wal_frames += pending
                    pending = []
        self.newest = {n: data for n, data in self.wal_frames}

    def get(self, number: int) -> bytes | None:
        if number in self.newest:
            return self.newest[number]
        start = (number - 1) * self.size
        page = self.main[start : start + self.size]
        return page if len(page) == self.size else None

    def candidates(self) -> Iterator[tuple[str, int, bytes]]:
        for index in range(len(self.main) // self.size):
            yield (
                f"db:{index + 1}",
                index + 1,
                self.main[index * self.size : (index + 1) * self.size],
            )
        for index, (number, data) in enumerate(self.wal_frames):
            yield f"wal:{index}", number, data


def _page_size(main: bytes, hint: int) -> int:
    if main[:16] == _HEADER:
        raw = int.from_bytes(main[16:18], "big")
        size = 65536 if raw == 1 else raw
        if size >= 512 and size & (size - 1) == 0:
            return size
    return hint


def _leaf_cells(
    pages: _Pages, number: int, page: bytes, usable: int
) -> Iterator[tuple[int, bytes]]:
    start = 100 if number == 1 else 0
    if len(page) < start + 8 or page[start] != 0x0D:
        return
    count = int.from_bytes(page[start + 3 : start + 5], "big")
    for i in range(count):
        at = start + 8 + 2 * i
        offset = int.from_bytes(page[at : at + 2], "big")
        try:
            size, pos = _varint(page, offset)
            rowid, pos = _varint(page, pos)
            yield _signed(rowid, 64), _payload(pages, page, pos, size, usable)
        except (ValueError, IndexError):
            continue


def _payload(pages: _Pages, page: bytes, pos: int, size: int, usable: int) -> bytes:
    most = usable - 35
    if size <= most:
        data = page[pos : pos + size]
        if len(data) != size:
            raise ValueError("cell past the page")
        return data
    least = ((usable - 12) * 32 // 255) - 23
    local = least + (size - least) % (usable - 4)
    if local > most:
        local = least
    chunks = bytearray(page[pos : pos + local])
    next_page = int.from_bytes(page[pos + local : pos + local + 4], "big")
    seen: set[int] = set()
    while len(chunks) < size:
        if next_page == 0 or next_page in seen:
            raise ValueError("overflow chain broken")
        seen.add(next_page)
        overflow = pages.get(next_page)
        if overflow is None:
            raise ValueError("overflow page missing")
        next_page = int.from_bytes(overflow[:4], "big")
        chunks += overflow[4:usable][: size - len(chunks)]
    return bytes(chunks)


def read_records(db_path: Path, *, page_size_hint: int = 4096) -> Iterator[Record]:
    """Every record still decodable in ``db_path`` and its ``-wal`` file.

    A row may come out more than once (an older copy in a freed page, a WAL
    frame and the page it was checkpointed to): the caller picks.
    """
    main = _read(db_path)
    wal = _read(Path(str(db_path) + "-wal"))
    size = _page_size(main, page_size_hint)
    reserved = main[20] if main[:16] == _HEADER and len(main) > 20 else 0
    pages = _Pages(main, wal, size)
    for source, number, page in pages.candidates():
        for rowid, payload in _leaf_cells(pages, number, page, size - reserved):
            try:
                yield Record(rowid, decode_record(payload), source)
            except (ValueError, UnicodeDecodeError, struct.error):
                continue


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""
