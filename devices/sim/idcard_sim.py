"""A GA 467 card reader that answers the real frames over a pty or TCP.

A card is placed from JSON (or the built-in sample) and removed; faults are
injected for the next reply (or the next reply to one command): a bad
checksum, no answer, a partial frame, any SW3 status, or pulling the cable
part-way through the 1,295-byte read. Replies go out at the configured line
speed so timing matches a real 115200 line.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stdnum.iso7064 import mod_11_2

from devices import idcard as proto
from devices.sim.base import PortSimulator
from devices.sim.commands import one_line
from kiosk.identity import Identity, IdentitySource

log = logging.getLogger(__name__)

COMMANDS = {
    proto.CMD_FIND: "find",
    proto.CMD_SELECT: "select",
    proto.CMD_READ_BASE: "read",
    proto.CMD_RESET: "reset",
    proto.CMD_STATUS: "status",
}
FAULTS = ("bad_checksum", "no_answer", "partial", "sw3", "unplug", "garbage")


def make_id_number(first17: str) -> str:
    """Complete 17 digits with the ISO 7064 MOD 11-2 check character."""
    return first17 + mod_11_2.calc_check_digit(first17)


def sample_card(**overrides: Any) -> dict[str, Any]:
    card: dict[str, Any] = {
        "name": "张三",
        "sex": "1",
        "nation": "01",
        "birth": "19800101",
        "address": "广东省广州市天河区体育西路 100 号",
        "id_number": make_id_number("44010619800101123"),
        "authority": "广州市公安局天河分局",
        "valid_from": "20150101",
        "valid_to": "20350101",
    }
    card.update(overrides)
    return card


def _date(text: str) -> dt.date:
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def card_from_json(data: dict[str, Any]) -> tuple[bytes, bytes]:
    """(text block, photo) for a card given as JSON; missing fields from the sample.

    The text block is built field by field so a card may hold values the
    driver must refuse (an expired date, a wrong check character).
    """
    card = sample_card(**data)
    long_term = card["valid_to"] == proto.LONG_TERM
    identity = Identity(
        name=card["name"],
        id_number=card["id_number"],
        source=IdentitySource.CARD,
        sex=str(card["sex"]),
        nation_code=str(card["nation"]),
        birth_date=_date(card["birth"]),
        address=card["address"],
        authority=card["authority"],
        valid_from=_date(card["valid_from"]),
        valid_to=None if long_term else _date(card["valid_to"]),
        long_term=long_term,
    )
    photo = bytes.fromhex(card["photo_hex"]) if "photo_hex" in card else _fake_photo(card)
    return proto.build_text_block(identity), photo.ljust(proto.PHOTO_LEN, b"\0")[: proto.PHOTO_LEN]


def _fake_photo(card: dict[str, Any]) -> bytes:
    # Stand-in for WLT data: "WL" header and deterministic bytes.
    seed = str(card["id_number"]).encode()
    return (b"WLf\x00~2\x00" + seed * 64)[: proto.PHOTO_LEN]


@dataclass
class Fault:
    kind: str
    command: str = ""  # "" = the next command of any kind
    sw3: int = 0
    count: int = 1
    at: int = 0  # for partial/unplug: bytes of the reply that do go out


class IdCardSimulator(PortSimulator):
    """Owns a SimPort and answers GA 467 commands from the host."""

    def __init__(self, port: Any, *, card: dict[str, Any] | None = None) -> None:
        self.port = port
        self._buf = bytearray()
        self._lock = threading.Lock()
        self._card: tuple[bytes, bytes] | None = card_from_json(card) if card else None
        self._faults: list[Fault] = []
        self.commands: list[str] = []  # every command name received, for tests
        self.selected = False

    # -- control -------------------------------------------------------------------
    def place(self, card: dict[str, Any] | None = None) -> None:
        with self._lock:
            self._card = card_from_json(card or {})
            self.selected = False

    def remove(self) -> None:
        with self._lock:
            self._card = None
            self.selected = False

    @property
    def has_card(self) -> bool:
        return self._card is not None

    def inject(
        self, kind: str, command: str = "", *, sw3: int = 0, count: int = 1, at: int = 0
    ) -> None:
        if kind not in FAULTS:
            raise ValueError(f"unknown fault {kind!r}; one of {', '.join(FAULTS)}")
        with self._lock:
            self._faults.append(Fault(kind, command, sw3, count, at))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def control(self, line: str) -> str:
        """One line command (stdin or control socket); returns a one-line answer."""
        words = line.strip().split(maxsplit=1)
        if not words:
            return ""
        cmd, rest = words[0].lower(), (words[1] if len(words) > 1 else "")
        try:
            if cmd in ("card", "place"):
                self.place(json.loads(rest) if rest.strip() else None)
                return "ok card placed"
            if cmd == "remove":
                self.remove()
                return "ok card removed"
            if cmd == "fault":
                args = rest.split()
                if not args or args[0] == "none":
                    self.clear_faults()
                    return "ok faults cleared"
                kind, sw3, command, at = args[0], 0, "", 0
                tail = args[1:]
                if kind == "sw3":
                    sw3 = int(tail.pop(0), 16)
                if kind in ("partial", "unplug") and tail and tail[0].isdigit():
                    at = int(tail.pop(0))
                if tail:
                    command = tail[0]
                self.inject(kind, command, sw3=sw3, at=at)
                return f"ok fault {kind}"
            if cmd == "replug":
                self.port.replug()
                return "ok replugged"
            if cmd == "status":
                return f"ok card={'yes' if self.has_card else 'no'} url={self.url}"
        except (ValueError, KeyError, IndexError, json.JSONDecodeError) as exc:
            return f"error {exc}"
        return "error commands: " + one_line("idcard")

    # -- protocol ------------------------------------------------------------------
    def _take_fault(self, name: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.command in ("", name):
                    fault.count -= 1
                    if fault.count <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def _on_bytes(self, data: bytes) -> None:
        self._buf += data
        while True:
            start = self._buf.find(proto.PREAMBLE)
            if start < 0:
                del self._buf[: max(0, len(self._buf) - 4)]
                return
            del self._buf[:start]
            if len(self._buf) < proto.HEADER_LEN:
                return
            length = int.from_bytes(self._buf[5:7], "big")
            if not 3 <= length <= proto.MAX_LENGTH:
                self._send(proto.build_reply(proto.SW_LENGTH))
                del self._buf[:5]
                continue
            if len(self._buf) < proto.HEADER_LEN + length:
                return
            frame = bytes(self._buf[: proto.HEADER_LEN + length])
            del self._buf[: proto.HEADER_LEN + length]
            self._answer(frame)

    def _send(self, reply: bytes, fault: Fault | None = None) -> None:
        if fault is None:
            self.port.send(reply)
        elif fault.kind == "no_answer":
            return
        elif fault.kind == "bad_checksum":
            self.port.send(reply[:-1] + bytes((reply[-1] ^ 0xFF,)))
        elif fault.kind == "partial":
            self.port.send(reply, stop_after=fault.at or len(reply) // 2)
        elif fault.kind == "garbage":
            self.port.send(b"\x55" * 7 + reply[7:])
        elif fault.kind == "unplug":
            self.port.send(reply, stop_after=fault.at or len(reply) // 2)
            self.port.unplug()
        else:
            self.port.send(reply)

    def _answer(self, frame: bytes) -> None:
        body = frame[5:-1]
        if proto.xor(body) != frame[-1]:
            self._send(proto.build_reply(proto.SW_CHECKSUM))
            return
        cmd = (frame[7], frame[8])
        name = COMMANDS.get(cmd, "unknown")
        self.commands.append(name)
        fault = self._take_fault(name)
        if fault is not None and fault.kind == "sw3":
            self._send(proto.build_reply(fault.sw3))
            return
        self._send(self._reply_for(name), fault)

    def _reply_for(self, name: str) -> bytes:
        card = self._card
        if name == "status" or name == "reset":
            return proto.build_reply(proto.SW_SUCCESS)
        if name == "find":
            if card is None:
                return proto.build_reply(proto.SW_NO_CARD)
            return proto.build_reply(proto.SW_FIND_OK, b"\x00\x00\x00\x00")
        if name == "select":
            if card is None:
                return proto.build_reply(proto.SW_SELECT_FAILED)
            self.selected = True
            return proto.build_reply(proto.SW_SUCCESS, b"\x00" * 8)
        if name == "read":
            if card is None:
                return proto.build_reply(proto.SW_NO_CARD)
            text, photo = card
            data = len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo
            return proto.build_reply(proto.SW_SUCCESS, data)
        return proto.build_reply(proto.SW_COMMAND)


def load_card_file(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("card JSON must be an object")
    return data
