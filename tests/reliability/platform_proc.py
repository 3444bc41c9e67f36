"""The reference platform in its own process, for tests that fork the kiosk.

Usage: python -m tests.reliability.platform_proc DB_PATH
Prints one JSON line ``{"url": ..., "token": ...}`` once it serves, then serves
until its stdin closes. A separate process keeps uvicorn's thread out of the
test process, so ``os.fork()`` there copies no running server.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from central.server import PlatformServer, open_platform


def main() -> int:
    platform = open_platform(Path(sys.argv[1]))
    server = PlatformServer(platform).start()
    tokens = [platform.store.create_token() for _ in range(4)]
    print(json.dumps({"url": server.url, "tokens": tokens}), flush=True)
    sys.stdin.read()
    server.stop()
    platform.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
