"""Disk full: on a small filesystem the kiosk refuses new applications with a clear
message while there is still room, keeps what it has when the disk does fill,
and takes applications again once space returns.

The data dir lives on a 16 MB tmpfs the test mounts (root in a container or
CI runner); where mounting is not allowed the test is skipped and says why.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.applications import PLATFORM_KEY_SETTING, ApplicationService
from kiosk.errors import KioskError
from kiosk.i18n import translate
from kiosk.outbox import Outbox
from kiosk.services import DEMO_SERVICES, StaticServices
from kiosk.settings import set_setting
from kiosk.storage import open_storage
from protocol.sealing import public_key_bytes
from sync.admission import AdmissionRefused, disk_free_mb, ensure_can_accept
from tests.journey.conftest import make_identity
from tests.reliability.conftest import kiosk_config
from tests.reliability.powercut import SERVICE_VALUES, check_database
from tests.reliability.smalldisk import mounted_tmpfs

SIZE_MB = 16
FLOOR_MB = 4


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    yield from mounted_tmpfs(tmp_path / "small", SIZE_MB)


def _fill(path: Path, leave_mb: float) -> None:
    """Write a filler file until only ``leave_mb`` is free (0: until ENOSPC)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for size in (65536, 512, 1):
            try:
                while disk_free_mb(path.parent) > leave_mb or leave_mb == 0:
                    os.write(fd, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
            if leave_mb:
                break
    finally:
        os.close(fd)


def test_full_disk_refuses_first_keeps_everything_and_recovers(small_disk: Path) -> None:
    cfg = kiosk_config(small_disk / "data")
    cfg.sync.min_free_disk_mb = FLOOR_MB
    storage = open_storage(cfg.database_path)
    key = X25519PrivateKey.generate()
    set_setting(storage, PLATFORM_KEY_SETTING, public_key_bytes(key.public_key()).hex())
    outbox = Outbox(storage, cfg.kiosk.code)
    services = StaticServices(DEMO_SERVICES)
    apps = ApplicationService(
        storage, outbox, cfg, services, admission=lambda: ensure_can_accept(outbox, cfg)
    )
    unguarded = ApplicationService(storage, outbox, cfg, services)
    service = DEMO_SERVICES[0]
    materials = [m.code for m in service.materials]

    def submit(svc: ApplicationService) -> str:
        return svc.submit(service, make_identity(), SERVICE_VALUES, materials).client_id

    confirmed = {submit(apps) for _ in range(5)}

    # 1. the floor is reached while there is still room: a clear refusal
    _fill(small_disk / "filler-1", leave_mb=FLOOR_MB - 1)
    with pytest.raises(AdmissionRefused) as refused:
        submit(apps)
    assert refused.value.key == "error.sync.disk_low"
    message = translate(refused.value.key, "zh")
    assert "服务窗口" in message and message != refused.value.key
    assert translate(refused.value.tech_key, "en", **refused.value.params) != refused.value.tech_key
    assert disk_free_mb(small_disk) > 1  # refused before the disk was full
    assert confirmed <= {str(r["client_id"]) for r in storage.query("SELECT client_id FROM outbox")}

    # 2. the disk fills up anyway (logs, a runaway process): writes fail with a
    #    typed error or still succeed; either way nothing already kept is lost
    _fill(small_disk / "filler-2", leave_mb=0)
    failures = 0
    for _ in range(30):
        try:
            confirmed.add(submit(unguarded))
        except KioskError as exc:
            assert exc.key == "error.storage.full", exc
            failures += 1
    assert failures > 0, "the disk never filled up"
    assert storage.integrity_ok()
    storage.close()
    check_database(cfg, confirmed)  # reopened on the full disk: sound and complete

    # 3. space returns: the kiosk takes applications again
    (small_disk / "filler-1").unlink()
    (small_disk / "filler-2").unlink()
    storage = open_storage(cfg.database_path)
    try:
        outbox = Outbox(storage, cfg.kiosk.code)
        apps = ApplicationService(
            storage, outbox, cfg, services, admission=lambda: ensure_can_accept(outbox, cfg)
        )
        confirmed.add(submit(apps))
    finally:
        storage.close()
    check_database(cfg, confirmed)
