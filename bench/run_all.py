"""Runs every bench/bench_*.py in its own process and writes bench/results.json."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    results = []
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, str(script)], cwd=HERE.parent, capture_output=True, text=True
        )
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
        if proc.returncode != 0 or not lines:
            failed.append(script.name)
            print(f"{script.name}: FAILED\n{proc.stderr[-2000:]}", file=sys.stderr)
            continue
        for line in lines:
            print(line)
            record = json.loads(line)
            record["seconds"] = round(time.monotonic() - started, 1)
            results.append(record)
    (HERE / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"{len(results)} results in bench/results.json", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
