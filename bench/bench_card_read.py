"""ID card read (find, select, read base info) over a simulated 115200 line:
the driver's own cost beyond the wire.

The simulator paces each reply at the line speed (on the line's clock, see
devices/sim/port.py) and counts the time it spent doing so; that pacing is
the wire, not something the driver can beat, so it is reported beside the
figure (``wire_median_ms``) rather than used as a floor. The figure is what a
read costs beyond it: framing, checksums, parsing the text block and photo,
the transport's reads. The baseline is the same three commands written and
their replies read with bare pyserial (``read(n)`` of the known lengths, no
checks, no parsing) over the same paced line, measured the same way.
Target: the driver's own cost under 10 ms a read (a tenth of the reply's
line time), and never a timeout.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import serial  # noqa: E402

from bench.common import emit, median, percentile  # noqa: E402
from devices.idcard import (  # noqa: E402
    BASE_INFO_REPLY_LEN,
    CMD_FIND,
    CMD_READ_BASE,
    CMD_SELECT,
    HEADER_LEN,
    IdCardReader,
    build_frame,
    parse_length,
)
from devices.sim.idcard_sim import IdCardSimulator  # noqa: E402
from devices.sim.port import SimPort  # noqa: E402
from devices.transport import Transport  # noqa: E402

BAUD = 115200
RUNS = 30
TARGET_MS = 10.0


class PacedPort(SimPort):
    """The simulator's line, counting the seconds it spends sending at line speed."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.line_seconds = 0.0
        self._started = self._written = 0.0
        self.idle = threading.Event()
        self.idle.set()

    def send(self, data: bytes, *, paced: bool = True, stop_after: int | None = None) -> int:
        self.idle.clear()
        self._started = self._written = time.perf_counter()
        try:
            return super().send(data, paced=paced, stop_after=stop_after)
        finally:
            # Until the last byte was handed to the pty: from then on the
            # driver could have it, whatever the simulator does next.
            self.line_seconds += self._written - self._started
            self.idle.set()

    def _write(self, data: bytes) -> bool:
        done = super()._write(data)
        self._written = time.perf_counter()
        return done


def timed(port: PacedPort, read: Callable[[], object]) -> tuple[float, float]:
    """(total, wire) seconds of one read."""
    before = port.line_seconds
    start = time.perf_counter()
    read()
    total = time.perf_counter() - start
    # The reply's last byte reaches the driver a moment before the simulator's
    # send returns: wait for its count, outside the timed part.
    assert port.idle.wait(5), "simulator still sending"
    return total, port.line_seconds - before


def bare_read(line: serial.Serial) -> None:
    for cmd in (CMD_FIND, CMD_SELECT, CMD_READ_BASE):
        line.write(build_frame(cmd[0], cmd[1]))
        header = line.read(HEADER_LEN)
        body = line.read(parse_length(header))
        assert len(header) == HEADER_LEN and body, "bare read timed out"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        port = PacedPort(link=Path(tmp) / "card", baudrate=BAUD)
        sim = IdCardSimulator(port).start()
        sim.place()
        transport = Transport(sim.url, BAUD, 1.0)
        reader = IdCardReader(transport, 1.0)
        ours: list[tuple[float, float]] = []
        bare: list[tuple[float, float]] = []
        try:
            reader.read_card()  # warm up: open the port
            for _ in range(RUNS):
                ours.append(timed(port, reader.read_card))
            transport.close()
            with serial.serial_for_url(sim.url, baudrate=BAUD, timeout=1.0) as line:
                bare_read(line)
                for _ in range(RUNS):
                    bare.append(timed(port, lambda: bare_read(line)))
        finally:
            transport.close()
            sim.close()
    own = [(t - w) * 1000 for t, w in ours]
    own_bare = [(t - w) * 1000 for t, w in bare]
    value = median(own)
    emit(
        "idcard_read",
        "driver's own cost beyond the wire, median",
        value,
        "ms",
        "bare pyserial read of the same replies, beyond the wire",
        median(own_bare),
        target=f"< {TARGET_MS:g} ms a read beyond the wire, no timeout",
        met=value < TARGET_MS,
        path="IdCardReader.read_card over a pty, simulator paced at 115200",
        own_p95_ms=round(percentile(own, 95), 3),
        wire_median_ms=round(median([w for _, w in ours]) * 1000, 2),
        read_median_ms=round(median([t for t, _ in ours]) * 1000, 2),
        reply_line_time_ms=round(BASE_INFO_REPLY_LEN * 10 / BAUD * 1000, 2),
        runs=RUNS,
    )


if __name__ == "__main__":
    main()
