"""Security properties that cut across areas: TLS is never switched off, the
platform's sealing key stays on the platform, private key files are 0600.

(Refusal of unsigned, tampered, replayed and stale requests is tested in
tests/sync/test_quarantine_and_auth.py; the PIN lockout across restarts in
tests/test_technician_pin.py; the kiosk signing key's 0600 in
tests/sync/test_engine_parts.py.)
"""

from __future__ import annotations

import base64
import re
import stat
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from central.server import PlatformServer, open_platform
from kiosk.services import DEMO_SERVICES
from sync.engine import SyncEngine
from sync.enroll import enroll
from tests.conftest import REPO
from tests.journey.conftest import make_identity
from tests.reliability.conftest import kiosk_config, open_kiosk
from tests.reliability.powercut import SERVICE_VALUES

# Built from pieces so this file does not match itself.
INSECURE = [
    re.compile(r"verify\s*=\s*" + "False"),
    re.compile(r"CERT_" + "NONE"),
    re.compile(r"check_hostname\s*=\s*" + "False"),
    re.compile(r"_create_unverified" + "_context"),
    re.compile(r"disable_" + "warnings"),
]
SKIP_DIRS = {".venv", ".git", "node_modules", "__pycache__", ".mypy_cache", ".ruff_cache"}


def _source_files() -> list[Path]:
    files = []
    for path in REPO.rglob("*"):
        if any(part in SKIP_DIRS for part in path.relative_to(REPO).parts):
            continue
        if path.is_file() and path.suffix in {".py", ".qml", ".toml", ".sh", ".cfg", ".ini"}:
            files.append(path)
    return files


def test_no_tls_verification_is_switched_off_anywhere_in_the_tree() -> None:
    files = _source_files()
    assert len(files) > 50  # the walk really sees the tree
    hits = [
        f"{path.relative_to(REPO)}: {pattern.pattern}"
        for path in files
        for pattern in INSECURE
        if pattern.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert not hits, hits


def test_the_grep_would_catch_it(tmp_path: Path) -> None:
    sample = "requests.get(url, verify" + "=False)\nctx.verify_mode = ssl.CERT_" + "NONE\n"
    assert sum(bool(p.search(sample)) for p in INSECURE) == 2


def _private_forms(pem: bytes) -> list[bytes]:
    key = serialization.load_pem_private_key(pem, password=None)
    raw = key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    body = b"".join(pem.strip().splitlines()[1:-1])
    return [raw, raw.hex().encode(), raw.hex().upper().encode(), base64.b64encode(raw), body]


def test_sealing_key_never_leaves_the_platform(tmp_path: Path) -> None:
    """Enroll, queue, sync, heartbeat, pull: nothing the kiosk received or stored
    holds the platform's private sealing (or signing) key in any common form."""
    platform_dir = tmp_path / "platform"
    server = PlatformServer(open_platform(platform_dir / "central.db")).start()
    try:
        cfg = kiosk_config(tmp_path / "kiosk")
        core = open_kiosk(cfg)
        storage = core.storage
        try:
            enroll(storage, cfg, server.url, server.platform.store.create_token())
            service = DEMO_SERVICES[0]
            for _ in range(3):
                core.apps.submit(
                    service, make_identity(), SERVICE_VALUES, [m.code for m in service.materials]
                )
            report = SyncEngine.from_settings(storage, cfg).run_once(heartbeat=True)
            assert report.ok and report.accepted == 3, report
            storage.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            storage.close()
        spec = (REPO / "central" / "openapi.json").read_bytes()
    finally:
        server.stop()
        server.platform.store.close()
    assert not (platform_dir / "operator_token").exists()  # API tokens are per account now
    for name in ("seal_key.pem", "signing_key.pem"):
        mode = stat.S_IMODE((platform_dir / name).stat().st_mode)
        assert mode == 0o600, (name, oct(mode))
    kiosk_bytes = [p.read_bytes() for p in Path(cfg.data_dir).rglob("*") if p.is_file()]
    assert kiosk_bytes, "the kiosk wrote nothing?"
    for name in ("seal_key.pem", "signing_key.pem"):
        for form in _private_forms((platform_dir / name).read_bytes()):
            assert form not in spec
            for data in kiosk_bytes:
                assert form not in data, name
    # and the public half did arrive: the scan looks where the keys would be
    public = server.platform.keys.seal_public_hex.encode()
    assert any(public in data for data in kiosk_bytes)
