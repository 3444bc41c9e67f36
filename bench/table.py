"""Prints bench/results.json as the README's Performance table (markdown)."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def fmt(value: float) -> str:
    return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"


def main() -> None:
    rows = json.loads((HERE / "results.json").read_text(encoding="utf-8"))
    print("| benchmark | figure | baseline (same run) | ratio | target | met |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        base = r["baseline"]
        met = {True: "yes", False: "**no**", None: "-"}[r.get("met")]
        print(
            f"| {r['name']} | {r['metric']}: {fmt(r['value'])} {r['unit']} | "
            f"{base['name']}: {fmt(base['value'])} | {r['ratio']} | {r.get('target', '')} | {met} |"
        )
    m = rows[0]["machine"] if rows else {}
    print(f"\nMachine: {m.get('cores')} cores, Python {m.get('python')}, Qt {m.get('qt')}.")


if __name__ == "__main__":
    main()
