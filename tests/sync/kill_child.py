"""The child the kill test SIGKILLs: runs sync cycles on a kiosk database until drained.

Usage: python -m tests.sync.kill_child DATA_DIR
Prints "ready" once imports are done, so the parent's kill lands during sync.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.storage import open_storage
from sync.engine import SyncEngine
from tests.sync.conftest import make_config


def main() -> int:
    config = make_config(Path(sys.argv[1]))
    config.sync.batch_max_items = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    storage = open_storage(config.database_path)
    engine = SyncEngine.from_settings(storage, config)
    print("ready", flush=True)
    for _ in range(1000):
        report = engine.run_once(heartbeat=False)
        if report.ok and report.queue_depth == 0:
            return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
