"""Cold start: process start to the attract screen's first frame, offscreen.

Median of 5 against the floor: a bare Qt Quick window loading the same
virtual keyboard. Target: at most 1.5 times the floor.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit, median  # noqa: E402

RUNS = 5
PROBE = Path(__file__).resolve().parent / "qt_probe.py"


DATA_DIR = tempfile.mkdtemp(prefix="kiosk-cold-start-")


def measure(mode: str) -> float:
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, str(PROBE), mode, f"{t0:.6f}", DATA_DIR],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    measure("bare")  # warm the disk cache for both
    measure("kiosk")  # first start of this kiosk: seeds the catalog, as on install
    kiosk, bare = [], []
    for _ in range(RUNS):
        bare.append(measure("bare"))
        kiosk.append(measure("kiosk"))
    value, floor = median(kiosk) * 1000, median(bare) * 1000
    emit(
        "cold_start",
        "median first frame",
        value,
        "ms",
        "bare Qt Quick + keyboard",
        floor,
        target="<= 1.5x floor",
        met=value <= 1.5 * floor,
        runs=RUNS,
    )


if __name__ == "__main__":
    main()
