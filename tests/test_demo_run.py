"""`make run` with a display: demo mode brings up simulators, the platform and sync.

Qt's "minimal" platform stands in for a screen (it opens a real window system
integration without drawing), so the non-headless path of `kiosk run --demo` runs.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO


def test_demo_run_starts_devices_platform_and_syncs(tmp_path: Path) -> None:
    cfg = tmp_path / "kiosk.toml"
    data = tmp_path / "data"
    cfg.write_text(f'[kiosk]\ndata_dir = "{data}"\n', encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="minimal")
    proc = subprocess.Popen(
        [sys.executable, "main.py", "--config", str(cfg), "run", "--demo"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    log = data / "logs" / "kiosk.log"
    text = ""
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            text = log.read_text(encoding="utf-8") if log.exists() else ""
            if "sync ok" in text and "kiosk started" in text:
                break
            time.sleep(0.3)
    finally:
        proc.send_signal(signal.SIGTERM)
        out = proc.communicate(timeout=30)[0].decode(errors="replace")
    assert "kiosk started" in text, out[-2000:]
    assert "device idcard: ok" in text and "device printer: ok" in text
    assert "enrolled as" in text and "sync ok" in text
    assert "Demo: simulated card reader" in out
