"""Scanner framing: suffix plus gap, bounds, UTF-8; over a real pty too."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from devices import errors
from devices.scanner import ScanFramer, Scanner
from devices.sim.scanner_sim import ScannerSimulator


def frame_all(framer: ScanFramer, parts: list[tuple[float, bytes]]) -> list[Any]:
    out: list[Any] = []
    for t, data in parts:
        out += framer.feed(data, t)
    out += framer.poll(parts[-1][0] + 10)
    return out


def test_cr_inside_a_payload_within_the_gap_is_data() -> None:
    f = ScanFramer(b"\r", gap=0.05)
    got = frame_all(f, [(0.0, b"LINE1\r"), (0.01, b"LINE2\r")])
    assert got == ["LINE1\rLINE2"]


def test_suffix_then_quiet_ends_a_code() -> None:
    f = ScanFramer(b"\r\n", gap=0.05)
    got = frame_all(f, [(0.0, b"A\r\n"), (0.2, b"B\r\n")])
    assert got == ["A", "B"]


def test_no_suffix_means_gap_alone_frames() -> None:
    f = ScanFramer(b"", gap=0.05)
    assert frame_all(f, [(0.0, b"AB"), (0.01, b"C"), (0.5, b"D")]) == ["ABC", "D"]


def test_over_the_bound_is_dropped_whole_and_reported() -> None:
    f = ScanFramer(b"\r", gap=0.05, max_length=16)
    got = frame_all(f, [(0.0, b"X" * 40 + b"\r"), (0.5, b"OK\r")])
    assert isinstance(got[0], errors.ScanTooLong)
    assert got[1:] == ["OK"]


def test_undecodable_bytes_are_a_clear_error() -> None:
    f = ScanFramer(b"\r", gap=0.05)
    (err,) = frame_all(f, [(0.0, b"AB\xff\xfeCD\r")])
    assert isinstance(err, errors.ScanUndecodable)
    assert err.params["position"] == 2


def test_fragment_without_suffix_goes_stale() -> None:
    f = ScanFramer(b"\r", gap=0.05, stale=0.3)
    assert f.feed(b"HALF", 0.0) == []
    assert f.poll(0.1) == []
    (err,) = f.poll(0.4)
    assert isinstance(err, errors.ScanError) and err.key == "error.scanner.incomplete"


def scanner(sim: ScannerSimulator, transport_for: Any, **kw: Any) -> Scanner:
    return Scanner(transport_for(sim.url), gap_ms=150, **kw)  # roomy: CI machines stall


def later(fn: Any, delay: float = 0.1) -> threading.Thread:
    def run() -> None:
        time.sleep(delay)
        fn()

    t = threading.Thread(target=run)
    t.start()
    return t


def test_codes_over_a_pty(scanner_sim: ScannerSimulator, transport_for: Any) -> None:
    s = scanner(scanner_sim, transport_for)
    s.transport.open()
    payload = "https://gov.example.cn/case/1?第一行\r第二行\n完"
    t = later(lambda: scanner_sim.scan(payload))
    assert s.read_code(3.0) == payload
    t.join()
    t = later(lambda: scanner_sim.scan("4401" * 10, char_ms=2))  # a slow, typed-out code
    assert s.read_code(3.0) == "4401" * 10
    t.join()


def test_code_over_the_bound_over_a_pty(scanner_sim: ScannerSimulator, transport_for: Any) -> None:
    s = scanner(scanner_sim, transport_for, max_length=64)
    s.transport.open()
    t = later(lambda: scanner_sim.scan("Z" * 500))
    with pytest.raises(errors.ScanTooLong):
        s.read_code(3.0)
    t.join()
    t = later(lambda: scanner_sim.scan("NEXT"))
    assert s.read_code(3.0) == "NEXT"
    t.join()


def test_host_trigger_is_sent(scanner_sim: ScannerSimulator, transport_for: Any) -> None:
    s = scanner(scanner_sim, transport_for, trigger=bytes.fromhex("16540D"))
    s.transport.open()
    t = later(lambda: scanner_sim.triggered.wait(2) and scanner_sim.scan("T1"), 0.0)
    assert s.read_code(3.0) == "T1"
    t.join()
    assert bytes(scanner_sim.received) == b"\x16T\r"


def test_no_code_times_out(scanner_sim: ScannerSimulator, transport_for: Any) -> None:
    with pytest.raises(errors.DeviceTimeout):
        scanner(scanner_sim, transport_for).read_code(0.2)
