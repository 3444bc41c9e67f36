"""Prints bench/results.json (or the file named) as the README's Performance table.

Each row says what path it measures (``path`` in its JSON line: "through
`kiosk run`", "key event to frame"...), its figure beside the baseline
measured in the same run, and whether it meets its target; a row that misses
says so in bold, and a skipped one says why.

Usage: python bench/table.py [bench/results.json | bench/results-weak.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# The figures beside the headline that decide a row's target, by benchmark name.
EXTRAS = {
    "cold_start": [("ready_for_touch_ms", "ready for touch {} ms"), ("ready_ratio", "{}x floor")],
    "durable_submit": [("median_ratio", "median ratio {}"), ("ratio_min", "min {}"),
                       ("ratio_max", "max {}")],
    "idcard_read": [("wire_median_ms", "simulator pacing {} ms")],
    "journey_submit": [("p95_without_journal", "{} ms with the confirmed journal set aside")],
    "memory": [("idle_mb", "idle {} MB"), ("growth_percent", "growth {} %")],
    "sync_drain": [("kiosk_cpu_us_per_item", "kiosk CPU {} µs/app"),
                   ("platform_cpu_us_per_item", "platform CPU {} µs/app")],
    "touch_to_next_screen": [("first_tap_of_visit_p95_ms", "first tap of a visit p95 {} ms")],
}  # fmt: skip


# What each row measures, for the lines that do not say it themselves.
PATHS = {
    "catalog_search": "store.search() alone, no UI (the UI row is search_key_to_frame)",
    "touch_to_next_screen": "mouse tap (QTest) on a home tile to the next frame, offscreen",
    "memory": "visits tapped through the real screens, offscreen, own RSS",
    "devices_idle_cpu": "the device manager's threads polling the simulators",
    "journey_submit": "confirm tap's backend call to committed row",
    "receipt_native_qr": "receipt bytes through the printer driver to the simulator",
    "voice_prompt": "tap to the spoken prompt's WAV (cached), espeak-ng",
    "hostile_bodies": "`kiosk platform serve` under hostile POST bodies",
}


def fmt(value: float) -> str:
    return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"


def extras(r: dict[str, Any]) -> str:
    base = r["name"].split(" @")[0]
    parts = [text.format(fmt(r[key])) for key, text in EXTRAS.get(base, []) if key in r]
    return f" ({', '.join(parts)})" if parts else ""


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "results.json"
    rows = json.loads(source.read_text(encoding="utf-8"))
    print(
        "| benchmark | path measured | figure | baseline (same run) | ratio | target | met | load |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        if "skipped" in r:
            print(f"| {r['name']} | - | skipped: {r['skipped']} | - | - | - | - | - |")
            continue
        base = r["baseline"]
        met = {True: "yes", False: "**no: misses its target**", None: "-"}[r.get("met")]
        print(
            f"| {r['name']} | {r.get('path') or PATHS.get(r['name'].split(' @')[0], '-')} | "
            f"{r['metric']}: {fmt(r['value'])} {r['unit']}{extras(r)} | "
            f"{base['name']}: {fmt(base['value'])} | {r['ratio']} | {r.get('target', '')} | "
            f"{met} | {r.get('machine', {}).get('load_1min', '-')} |"
        )
    m = next((r["machine"] for r in rows if "machine" in r), {})
    loads = [r["machine"]["load_1min"] for r in rows if "load_1min" in r.get("machine", {})]
    load = f" 1-minute load during the run: {min(loads)}-{max(loads)}." if loads else ""
    print(f"\nMachine: {m.get('cores')} cores, Python {m.get('python')}, Qt {m.get('qt')}.{load}")


if __name__ == "__main__":
    main()
