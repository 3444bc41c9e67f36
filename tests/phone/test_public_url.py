"""The public URL a province's platform is served under reaches the kiosk at enrollment,
through the real command (``kiosk platform serve --public-url``) and the real API."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from central.server import free_port
from kiosk.applications import platform_base_url
from kiosk.config import Config
from kiosk.enrollment import read_enrollment
from kiosk.storage import open_storage
from sync.enroll import enroll

PUBLIC = "https://zwfw.example.gov.cn"


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_kiosk_qr_codes_carry_the_public_url_handed_over_at_enrollment(tmp_path: Path) -> None:
    port = free_port()
    db = tmp_path / "platform" / "central.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    serve = subprocess.Popen(
        [str(Path(sys.executable).with_name("kiosk")), "platform", "--db", str(db), "serve",
         "--port", str(port), "--public-url", PUBLIC + "/"],  # fmt: skip
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not _listening(port):
            assert serve.poll() is None, serve.stdout.read() if serve.stdout else ""
            assert time.monotonic() < deadline, "the platform did not start"
            time.sleep(0.1)
        from central.store import PlatformStore

        token_store = PlatformStore(db)  # the operator's token, as `kiosk platform token` makes
        token = token_store.create_token()
        token_store.close()
        cfg = Config()
        cfg.kiosk.data_dir = str(tmp_path / "kiosk")
        cfg.source = "(test)"
        storage = open_storage(cfg.database_path)
        url = f"http://127.0.0.1:{port}"
        enroll(storage, cfg, url, token)
        enrolled = read_enrollment(storage)
        assert enrolled.url == url and enrolled.public_url == PUBLIC
        assert platform_base_url(storage, cfg) == PUBLIC  # the receipt's and guide's QR
        storage.close()
    finally:
        serve.terminate()
        serve.wait(timeout=10)
