"""USB exports never follow a link the stick holds (issue 15, item 8).

A stranger's stick carries links named like the kiosk's exports, pointing at
a kiosk file; before, the export wrote through them and overwrote the target.
The stick is a real tmpfs mounted for the test where the machine allows it,
else a folder (the rules are the same: no link is followed, none is allowed
on the way from the mount to the folder).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.i18n import describe_error
from kiosk.logs import setup_logging
from kiosk.outbox import NewItem, Outbox
from kiosk.storage import Storage
from kiosk.technician import sync_tools
from kiosk.technician.logs import export_logs
from kiosk.technician.usb import UnsafeExportPath, mount_of, write_export

PRECIOUS = b"the kiosk's own file\n"


@pytest.fixture
def stick(tmp_path: Path) -> Iterator[Path]:
    """A mounted tmpfs when root may mount one (CI), else a plain folder."""
    mnt = tmp_path / "stick"
    mnt.mkdir()
    mounted = False
    if os.geteuid() == 0:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)],
            capture_output=True,
            text=True,
            timeout=10,
        )
        mounted = done.returncode == 0
    yield mnt
    if mounted:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=10)


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk-data" / "kiosk.db"
    path.parent.mkdir()
    path.write_bytes(PRECIOUS)
    return path


def _item(storage: Storage, config: Config) -> tuple[Outbox, str]:
    outbox = Outbox(storage, config.kiosk.code)
    item = outbox.enqueue(NewItem("application", b"sealed", "S1", 1, "张*", "11010519491231002X"))
    outbox.quarantine(item.client_id, "rejected: test")
    return outbox, item.client_id


def test_an_item_export_replaces_a_link_instead_of_writing_through_it(
    stick: Path, victim: Path, storage: Storage, kiosk_config: Config
) -> None:
    outbox, client_id = _item(storage, kiosk_config)
    item = outbox.get(client_id)
    assert item is not None
    planted = stick / f"outbox-{item.tracking_no}.json"
    planted.symlink_to(victim)
    path = sync_tools.export_item(storage, outbox, client_id, stick)
    assert victim.read_bytes() == PRECIOUS
    assert path == planted and not path.is_symlink()
    assert json.loads(path.read_text(encoding="utf-8"))["client_id"] == client_id
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert not list(stick.glob(".*.part"))  # nothing half-written left on the stick


def test_a_log_export_replaces_a_link_instead_of_writing_through_it(
    stick: Path, victim: Path, tmp_path: Path
) -> None:
    log_dir = tmp_path / "logs"
    setup_logging(log_dir, console=False)
    logging.getLogger("kiosk.test").info("printer ok")
    for handler in logging.getLogger().handlers:
        handler.flush()
    now = dt.datetime.now()
    planted = []
    for second in range(0, 20):  # the name carries the time of the export
        stamp = (now + dt.timedelta(seconds=second)).strftime("%Y%m%d-%H%M%S")
        link = stick / f"kiosk-logs-GD01-{stamp}.zip"
        link.symlink_to(victim)
        planted.append(link)
    target = export_logs(log_dir, stick, "GD01")
    assert victim.read_bytes() == PRECIOUS
    assert target in planted and not target.is_symlink()
    assert zipfile.ZipFile(target).namelist() == ["kiosk.log"]


def test_a_folder_that_is_a_link_is_refused(
    stick: Path, tmp_path: Path, storage: Storage, kiosk_config: Config
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (stick / "exports").symlink_to(outside)
    outbox, client_id = _item(storage, kiosk_config)
    with pytest.raises(KioskError) as info:
        sync_tools.export_item(storage, outbox, client_id, stick / "exports")
    assert info.value.key == "error.export.unsafe"
    assert "nothing was written" in describe_error(info.value, "en")
    with pytest.raises(UnsafeExportPath):
        export_logs(tmp_path, stick / "exports", "GD01")
    assert list(outside.iterdir()) == []


def test_a_link_higher_up_the_path_is_refused_too(stick: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "deeper").mkdir(parents=True)
    (stick / "a").symlink_to(outside)
    with pytest.raises(UnsafeExportPath):
        write_export(stick / "a" / "deeper", "x.json", lambda h: None)
    assert list((outside / "deeper").iterdir()) == []


@pytest.mark.parametrize("name", ["../x.json", "a/b.json", "..", "", "x\0y"])
def test_a_name_that_is_not_one_file_name_is_refused(stick: Path, name: str) -> None:
    with pytest.raises(UnsafeExportPath):
        write_export(stick, name, lambda h: None)


def test_a_bad_kiosk_code_never_reaches_the_file_name(stick: Path, tmp_path: Path) -> None:
    target = export_logs(tmp_path, stick, "../../escape")
    assert target.parent == stick and target.name.startswith("kiosk-logs-KIOSK-")


def test_the_stick_is_its_own_mount_when_mounted(stick: Path) -> None:
    assert mount_of(stick / "sub") in (stick, *stick.parents)
