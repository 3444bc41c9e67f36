"""What every benchmark shares: the machine description and the JSON line.

Each benchmark prints exactly one JSON line (via ``emit``) with its figure and
a baseline measured in the same run, because an absolute time on a shared
two-core machine means little on its own.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
from typing import Any


def machine() -> dict[str, Any]:
    try:
        from PySide6 import __version__ as qt_version
    except ImportError:  # the core benchmarks do not need Qt
        qt_version = ""
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "qt": qt_version,
        "platform": platform.platform(terse=True),
        # Other work on the machine when the figure was taken: above about 2 on
        # these two cores, absolute times mean little (the ratios hold better).
        "load_1min": round(os.getloadavg()[0], 2),
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: list[float]) -> float:
    return statistics.median(values)


def emit(
    name: str,
    metric: str,
    value: float,
    unit: str,
    baseline_name: str,
    baseline_value: float,
    *,
    target: str = "",
    met: bool | None = None,
    **extra: Any,
) -> dict[str, Any]:
    ratio = value / baseline_value if baseline_value else float("nan")
    line = {
        "name": name,
        "metric": metric,
        "value": round(value, 4),
        "unit": unit,
        "baseline": {"name": baseline_name, "value": round(baseline_value, 4)},
        "ratio": round(ratio, 4),
        "target": target,
        "met": met,
        "machine": machine(),
        **extra,
    }
    print(json.dumps(line, ensure_ascii=False))
    sys.stdout.flush()
    return line
