"""Random and mutated bytes into every parser: only typed errors, never a hang."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devices import idcard
from devices.errors import DeviceError
from devices.idcard import IdCardReader
from devices.printer import parse_status
from devices.scanner import ScanFramer
from devices.sim.escpos_interp import EscPosInterpreter
from devices.sim.idcard_sim import card_from_json
from devices.sim.port import SimPort
from devices.transport import Transport
from kiosk.errors import KioskError

TEXT, PHOTO = card_from_json({})
GOOD = idcard.build_reply(0x90, b"\x01\x00\x04\x00" + TEXT + PHOTO)


@st.composite
def mutated(draw: st.DrawFn, base: bytes = GOOD) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[i] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[i:]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=8))
        else:
            del data[i]
    return bytes(data)


def parse_card(frame: bytes) -> None:
    reply = idcard.parse_reply(frame)
    idcard.raise_for_sw3(reply, 0x90)
    text, photo = idcard.parse_base_info(reply.data)
    idcard.parse_text_block(text, photo)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=1400), mutated()))
def test_card_frame_parser_raises_only_typed_errors(frame: bytes) -> None:
    try:
        parse_card(frame)
    except DeviceError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=256, max_size=256))
def test_text_block_parser_raises_only_typed_errors(block: bytes) -> None:
    try:
        idcard.parse_text_block(block)
    except DeviceError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 255), st.binary(max_size=3))
def test_status_parser_raises_only_typed_errors(n: int, data: bytes) -> None:
    try:
        flags = parse_status(n, data)
    except DeviceError:
        return
    assert n in (1, 2, 4) and all(isinstance(v, bool) for v in flags.values())


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.floats(0, 0.2), st.binary(max_size=64)), max_size=30),
    st.sampled_from([b"\r", b"\r\n", b""]),
)
def test_scanner_framer_yields_codes_or_typed_errors(
    parts: list[tuple[float, bytes]], suffix: bytes
) -> None:
    f = ScanFramer(suffix, gap=0.05, max_length=32)
    now = 0.0
    results = []
    for dt_, data in parts:
        now += dt_
        results += f.feed(data, now)
        results += f.poll(now)
    results += f.poll(now + 10)
    assert not f.pending
    for r in results:
        assert isinstance(r, str | KioskError)
        if isinstance(r, str):
            assert len(r.encode("utf-8")) <= 32 + len(suffix)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_escpos_interpreter_never_raises(data: bytes) -> None:
    EscPosInterpreter(on_status=lambda n: None).feed(data)


# The real driver over a real pty, the "reader" answering random or mutated bytes.
class Replier:
    def __init__(self, tmp: Path) -> None:
        self.reply = b""
        self.port = SimPort(link=tmp / "fuzz").start(lambda data: self.port.send(self.reply))


@pytest.fixture(scope="module")
def replier(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replier]:
    r = Replier(tmp_path_factory.mktemp("fuzz"))
    yield r
    r.port.close()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.one_of(st.binary(max_size=64), mutated()))
def test_reader_over_a_pty_never_hangs(replier: Replier, reply: bytes) -> None:
    replier.reply = reply
    transport = Transport(replier.port.url, 115200, 0.05)
    reader = IdCardReader(transport, 0.05)
    start = time.monotonic()
    try:
        reader.read_base_info()
    except DeviceError:
        pass
    finally:
        transport.close()
    # Bounded by the timeouts (header, body, resync), never stuck on the line.
    assert time.monotonic() - start < 2.0
