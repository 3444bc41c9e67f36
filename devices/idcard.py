"""Driver for second-generation ID card readers (SAM module, GA 467 frames).

Host frame: ``AA AA AA 96 69``, a big-endian length counting command,
parameter, data and checksum, then ``CMD PARA data``, then the XOR of every
byte after the preamble. Replies carry ``SW1 SW2 SW3`` where the command
would be. Every reply's preamble, length and checksum is verified before any
byte of it is believed; SW3 codes become typed errors.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from dataclasses import dataclass
from functools import reduce

from devices.errors import (
    BadFrame,
    CardDataError,
    CardError,
    CardReadFailed,
    CardSelectFailed,
    ChecksumError,
    DeviceError,
    DeviceTimeout,
    NoCard,
    ReaderChecksumError,
    ReaderCommandError,
    ReaderLengthError,
    ReaderSelfTestFailed,
)
from devices.transport import Transport
from kiosk.identity import NATIONS, Identity, IdentitySource

log = logging.getLogger(__name__)

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_LEN = len(PREAMBLE) + 2
MAX_LENGTH = 4096  # no GA 467 reply is longer; a bigger length is a corrupt frame

CMD_FIND = (0x20, 0x01)
CMD_SELECT = (0x20, 0x02)
CMD_READ_BASE = (0x30, 0x01)
CMD_RESET = (0x10, 0xFF)
CMD_STATUS = (0x11, 0xFF)

SW_SUCCESS = 0x90
SW_FIND_OK = 0x9F
SW_NO_CARD = 0x80
SW_SELECT_FAILED = 0x81
SW_READ_FAILED = 0x41
SW_CHECKSUM = 0x10
SW_LENGTH = 0x11
SW_COMMAND = 0x21
SW_SELF_TEST = 0x60

SW3_ERRORS: dict[int, type[CardError]] = {
    SW_NO_CARD: NoCard,
    SW_SELECT_FAILED: CardSelectFailed,
    SW_READ_FAILED: CardReadFailed,
    SW_CHECKSUM: ReaderChecksumError,
    SW_LENGTH: ReaderLengthError,
    SW_COMMAND: ReaderCommandError,
    SW_SELF_TEST: ReaderSelfTestFailed,
}

TEXT_LEN = 256
PHOTO_LEN = 1024
BASE_INFO_DATA_LEN = 4 + TEXT_LEN + PHOTO_LEN
BASE_INFO_REPLY_LEN = HEADER_LEN + 3 + BASE_INFO_DATA_LEN + 1  # 1,295 bytes

# (field, bytes) in the order of the 256-byte text block.
TEXT_FIELDS: tuple[tuple[str, int], ...] = (
    ("name", 30),
    ("sex", 2),
    ("nation", 4),
    ("birth", 16),
    ("address", 70),
    ("id_number", 36),
    ("authority", 30),
    ("valid_from", 16),
    ("valid_to", 16),
    ("reserved", 36),
)
LONG_TERM = "长期"


def xor(data: bytes) -> int:
    return reduce(lambda a, b: a ^ b, data, 0)


def build_frame(cmd: int, para: int, data: bytes = b"") -> bytes:
    """A host-to-reader frame."""
    body = bytes((cmd, para)) + data
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes((xor(length + body),))


def build_reply(sw3: int, data: bytes = b"", *, sw1: int = 0, sw2: int = 0) -> bytes:
    """A reader-to-host frame (used by the simulator and the tests)."""
    return build_frame(sw1, sw2, bytes((sw3,)) + data)


@dataclass(frozen=True)
class Reply:
    sw1: int
    sw2: int
    sw3: int
    data: bytes


def parse_length(header: bytes) -> int:
    """Check the preamble and return the length field; BadFrame if implausible."""
    if len(header) != HEADER_LEN or header[:5] != PREAMBLE:
        raise BadFrame("reply does not start with the GA 467 preamble")
    length = int.from_bytes(header[5:7], "big")
    if not 4 <= length <= MAX_LENGTH:
        raise BadFrame(f"reply length {length} out of range", length=length)
    return length


def parse_reply(frame: bytes) -> Reply:
    """Verify a whole reply frame (preamble, length, checksum) and split it."""
    length = parse_length(frame[:HEADER_LEN])
    if len(frame) != HEADER_LEN + length:
        raise BadFrame(
            f"reply is {len(frame)} bytes, length field says {HEADER_LEN + length}",
            length=length,
        )
    body = frame[5:-1]
    if xor(body) != frame[-1]:
        raise ChecksumError("reply checksum does not match")
    return Reply(frame[7], frame[8], frame[9], frame[10:-1])


def raise_for_sw3(reply: Reply, expected: int) -> None:
    if reply.sw3 == expected:
        return
    cls = SW3_ERRORS.get(reply.sw3, CardError)
    raise cls(f"reader status {reply.sw3:02X}", sw3=reply.sw3)


def _decode_field(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-16-le")
    except UnicodeDecodeError as exc:
        raise CardDataError(f"field {name} is not UCS-2", field=name) from exc
    return text.strip(" \x00\u3000")


def _date(text: str, name: str) -> dt.date:
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        raise CardDataError(f"field {name} is not YYYYMMDD", field=name)
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError as exc:
        raise CardDataError(f"field {name} is not a real date", field=name) from exc


def parse_text_block(block: bytes, photo: bytes = b"") -> Identity:
    """Turn the 256-byte UCS-2 text block into an Identity (photo kept as bytes).

    Only structure is checked here (sizes, encodings, dates, nation code);
    the ID number's check character and the expiry are ``Identity.check()``'s.
    """
    if len(block) != TEXT_LEN:
        raise CardDataError(f"text block is {len(block)} bytes, not {TEXT_LEN}")
    fields: dict[str, str] = {}
    pos = 0
    for name, size in TEXT_FIELDS:
        fields[name] = _decode_field(block[pos : pos + size], name)
        pos += size
    if not fields["name"]:
        raise CardDataError("name is empty", field="name")
    if fields["sex"] not in ("1", "2", "0", "9"):
        raise CardDataError("sex code is not 0, 1, 2 or 9", field="sex")
    if fields["nation"] not in NATIONS:
        raise CardDataError("nation code is not one of the 56", field="nation")
    valid_to_text = fields["valid_to"]
    long_term = valid_to_text == LONG_TERM
    return Identity(
        name=fields["name"],
        id_number=fields["id_number"].upper(),
        source=IdentitySource.CARD,
        sex=fields["sex"],
        nation_code=fields["nation"],
        birth_date=_date(fields["birth"], "birth"),
        address=fields["address"],
        authority=fields["authority"],
        valid_from=_date(fields["valid_from"], "valid_from"),
        valid_to=None if long_term else _date(valid_to_text, "valid_to"),
        long_term=long_term,
        photo=photo,
    )


def build_text_block(identity: Identity) -> bytes:
    """The inverse of parse_text_block (simulator and tests)."""
    values = {
        "name": identity.name,
        "sex": identity.sex or "1",
        "nation": identity.nation_code or "01",
        "birth": identity.birth_date.strftime("%Y%m%d") if identity.birth_date else "",
        "address": identity.address,
        "id_number": identity.id_number,
        "authority": identity.authority,
        "valid_from": identity.valid_from.strftime("%Y%m%d") if identity.valid_from else "",
        "valid_to": LONG_TERM
        if identity.long_term or identity.valid_to is None
        else identity.valid_to.strftime("%Y%m%d"),
        "reserved": "",
    }
    out = bytearray()
    for name, size in TEXT_FIELDS:
        raw = values[name].encode("utf-16-le")[:size]
        out += raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)
    return bytes(out)


def parse_base_info(data: bytes) -> tuple[bytes, bytes]:
    """Split read-base-info data into (text block, photo bytes)."""
    if len(data) < 4:
        raise BadFrame("base info shorter than its length fields")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if text_len != TEXT_LEN or len(data) != 4 + text_len + photo_len:
        raise BadFrame(
            f"base info lengths {text_len}+{photo_len} do not match {len(data) - 4} bytes"
        )
    return data[4 : 4 + text_len], data[4 + text_len :]


def card_digest(text_block: bytes) -> str:
    """A fingerprint to tell "the same card still on the reader" from a new one."""
    return hashlib.sha256(text_block).hexdigest()


@dataclass
class CardRead:
    identity: Identity
    digest: str


class IdCardReader:
    """Commands over a Transport; one command at a time, each reply verified."""

    def __init__(self, transport: Transport, timeout: float = 1.0) -> None:
        self.transport = transport
        self.timeout = timeout

    def command(self, cmd: tuple[int, int], data: bytes = b"") -> Reply:
        with self.transport.lock:
            self.transport.write(build_frame(cmd[0], cmd[1], data))
            try:
                header = self.transport.read(HEADER_LEN, self.timeout)
                length = parse_length(header)
                rest = self.transport.read(length, self.timeout)
                return parse_reply(header + rest)
            except (BadFrame, DeviceTimeout):
                # Whatever is still in flight belongs to this broken reply, not
                # to the next command's.
                self._resync()
                raise

    def _resync(self) -> None:
        """After a corrupt frame, drop whatever is in flight until the line is quiet."""

        end = time.monotonic() + self.timeout
        try:
            while time.monotonic() < end and self.transport.read_some(MAX_LENGTH, 0.03):
                pass
        except DeviceError:
            pass

    def status(self) -> None:
        raise_for_sw3(self.command(CMD_STATUS), SW_SUCCESS)

    def reset(self) -> None:
        raise_for_sw3(self.command(CMD_RESET), SW_SUCCESS)

    def find(self) -> bool:
        """True if a card is in the field; NoCard becomes False."""
        reply = self.command(CMD_FIND)
        if reply.sw3 == SW_NO_CARD:
            return False
        raise_for_sw3(reply, SW_FIND_OK)
        return True

    def select(self) -> None:
        raise_for_sw3(self.command(CMD_SELECT), SW_SUCCESS)

    def read_base_info(self) -> CardRead:
        reply = self.command(CMD_READ_BASE)
        raise_for_sw3(reply, SW_SUCCESS)
        text, photo = parse_base_info(reply.data)
        return CardRead(parse_text_block(text, photo), card_digest(text))

    def read_card(self) -> CardRead:
        """Find, select and read one card; NoCard if none is on the reader."""
        if not self.find():
            raise NoCard("no card on the reader", sw3=SW_NO_CARD)
        self.select()
        return self.read_base_info()
