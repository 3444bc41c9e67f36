"""End-to-end ID card read (find, select, read base info) over a simulated
115200 line, against the line-time floor of the 1,295-byte reply alone."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit, median, percentile  # noqa: E402
from devices.idcard import BASE_INFO_REPLY_LEN, IdCardReader  # noqa: E402
from devices.sim.idcard_sim import IdCardSimulator  # noqa: E402
from devices.sim.port import SimPort  # noqa: E402
from devices.transport import Transport  # noqa: E402

BAUD = 115200
RUNS = 30


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sim = IdCardSimulator(SimPort(link=Path(tmp) / "card", baudrate=BAUD)).start()
        sim.place()
        transport = Transport(sim.url, BAUD, 1.0)
        reader = IdCardReader(transport, 1.0)
        try:
            reader.read_card()  # warm up: open the port
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                reader.read_card()
                times.append(time.perf_counter() - start)
        finally:
            transport.close()
            sim.close()
    floor = BASE_INFO_REPLY_LEN * 10 / BAUD
    value = median(times)
    emit(
        "idcard_read",
        "read_card_median",
        value,
        "s",
        "line-time floor of the 1,295-byte reply at 115200",
        floor,
        target="within 1.2x of the floor",
        met=value <= 1.2 * floor,
        p95=round(percentile(times, 95), 4),
        runs=RUNS,
    )


if __name__ == "__main__":
    main()
