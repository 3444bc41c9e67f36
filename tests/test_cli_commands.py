"""The technician's commands, run as real processes (issue 13, item 4).

- a failed ``kiosk sync --once`` says so on its first line and exits non-zero;
- ``kiosk platform --db FOLDER`` takes a folder, before or after the action,
  and a database it cannot open is a message, never a traceback;
- table outputs have headers, and ``--lang zh`` translates them;
- ``kiosk status`` lists the devices as far as the shell can tell;
- ``kiosk sim DEVICE --help`` lists the simulator's control commands.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when the block ends


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    (tmp_path / "run").mkdir()
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    return path


def kiosk(cfg: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_RUNTIME_DIR=str(cfg.parent / "run"))
    result = subprocess.run(
        [sys.executable, "main.py", "--config", str(cfg), *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def first_line(text: str) -> str:
    return next((line for line in text.splitlines() if line.strip()), "")


# -- sync --once -------------------------------------------------------------------------


@pytest.fixture
def enrolled_then_gone(cfg: Path, tmp_path: Path) -> Path:
    """A kiosk provisioned with a real platform that has since gone away: its
    port on loopback now refuses connections."""
    from central.server import PlatformServer, open_platform

    server = PlatformServer(open_platform(tmp_path / "platform" / "central.db")).start()
    try:
        token = server.platform.store.create_token()
        done = kiosk(cfg, "provision", "--url", server.url, "--token", token)
        assert done.returncode == 0, done.stderr
    finally:
        server.stop()
        server.platform.store.close()
    return cfg


def test_failed_sync_once_says_so_first_and_exits_non_zero(enrolled_then_gone: Path) -> None:
    result = kiosk(enrolled_then_gone, "sync", "--once")
    assert result.returncode != 0
    assert first_line(result.stdout).startswith("sync failed:"), result.stdout
    assert "cannot be reached" in first_line(result.stdout)
    zh = kiosk(enrolled_then_gone, "--lang", "zh", "sync", "--once")
    assert zh.returncode != 0
    assert first_line(zh.stdout).startswith("同步失败"), zh.stdout
    as_json = kiosk(enrolled_then_gone, "sync", "--once", "--json")
    assert as_json.returncode != 0 and json.loads(as_json.stdout)["ok"] is False


# -- platform --db -------------------------------------------------------------------------


@pytest.mark.parametrize("made", [True, False], ids=["existing-folder", "new-folder"])
def test_platform_db_folder_before_or_after_the_action(
    cfg: Path, tmp_path: Path, made: bool
) -> None:
    folder = tmp_path / "somefolder"
    if made:
        folder.mkdir()
    after = kiosk(cfg, "platform", "list", "--db", str(folder))
    assert after.returncode == 0, after.stderr
    assert (folder / "central.db").is_file()
    before = kiosk(cfg, "platform", "--db", str(folder), "list", "--json")
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout) == []
    token = kiosk(cfg, "platform", "token", "--db", str(folder))
    assert token.returncode == 0 and token.stdout.startswith("token: ")


def test_platform_db_that_cannot_be_opened_is_a_message(cfg: Path, tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("this is not SQLite\n" * 100, encoding="utf-8")
    result = kiosk(cfg, "platform", "--db", str(not_a_db), "list")
    assert result.returncode != 0
    assert "cannot open the platform database" in result.stderr and str(not_a_db) in result.stderr


# -- tables: headers, in the chosen language -------------------------------------------------


def test_devices_list_has_headers(cfg: Path) -> None:
    result = kiosk(cfg, "devices", "list")
    assert result.returncode == 0, result.stderr
    lines = [line.split() for line in result.stdout.splitlines()]
    assert ["ROLE", "PORT"] in lines  # above the configured ports
    assert any(words[:1] == ["idcard"] for words in lines)
    ports = result.stdout.split("configured:")[0]
    assert "DEVICE" in ports or "no serial ports" in ports


def test_lang_zh_translates_the_tables(cfg: Path) -> None:
    status = kiosk(cfg, "--lang", "zh", "status")
    assert status.returncode == 0, status.stderr
    assert "待上报" in status.stdout and "queue depth" not in status.stdout
    assert ["设备", "端口", "状态", "来源", "说明"] in [
        line.split() for line in status.stdout.splitlines()
    ]
    assert "PORT" not in status.stdout and "STATE" not in status.stdout

    devices = kiosk(cfg, "--lang", "zh", "devices", "list")
    assert "已配置" in devices.stdout and "configured" not in devices.stdout
    assert ["设备", "端口"] in [line.split() for line in devices.stdout.splitlines()]

    imported = kiosk(cfg, "catalog", "import", str(REPO / "assets" / "catalog" / "sample.json"))
    assert imported.returncode == 0, imported.stderr
    search = kiosk(cfg, "--lang", "zh", "catalog", "search", "sfz", "--limit", "3")
    assert search.returncode == 0, search.stderr
    header = search.stdout.splitlines()[0].split()
    assert header[:3] == ["事项编码", "中文名称", "英文名称"], search.stdout
    english = kiosk(cfg, "catalog", "search", "sfz", "--limit", "3").stdout.splitlines()[0]
    assert english.split()[:1] == ["CODE"]


# -- status lists the devices -------------------------------------------------------------------


@pytest.fixture
def listening() -> Iterator[int]:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(4)
        yield int(server.getsockname()[1])


def test_status_lists_each_device_with_its_port_and_state(
    tmp_path: Path, cfg: Path, listening: int
) -> None:
    gone = _closed_port()
    cfg.write_text(
        cfg.read_text(encoding="utf-8")
        + f'[devices.idcard]\nport = "{tmp_path / "ttyUSB9"}"\n'
        + f'[devices.printer]\nport = "socket://127.0.0.1:{gone}"\n'
        + f'[devices.scanner]\nport = "socket://127.0.0.1:{listening}"\n'
        + "[devices.a4]\nenabled = false\n",
        encoding="utf-8",
    )
    result = kiosk(cfg, "status")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert str(tmp_path / "ttyUSB9") in rows["idcard"] and "port not found" in rows["idcard"]
    assert f":{gone}" in rows["printer"] and "connection refused" in rows["printer"]
    assert "port accepts connections" in rows["scanner"]
    assert "Disabled" in rows["a4"]
    data = json.loads(kiosk(cfg, "status", "--json").stdout)
    assert data["devices"] == {
        "idcard": "absent", "printer": "refused", "scanner": "listening", "a4": "disabled"
    }  # fmt: skip
    zh = kiosk(cfg, "--lang", "zh", "status").stdout
    assert "找不到端口" in zh and "连接被拒绝" in zh and "已停用" in zh


# -- sim --help ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("device", "commands"),
    [
        (
            "printer",
            [
                "paper ok|near_end|out",
                "cover open|closed",
                "offline on|off",
                "fail_after N",
                "status",
            ],
        ),
        ("idcard", ["card [JSON]", "remove", "fault none", "replug", "status"]),
        ("scanner", ["scan TEXT", "raw HEX", "suffix CR|LF|CRLF|NONE", "pace MS"]),
    ],
)
def test_sim_help_lists_the_control_commands(cfg: Path, device: str, commands: list[str]) -> None:
    result = kiosk(cfg, "sim", device, "--help")
    assert result.returncode == 0, result.stderr
    assert "control commands" in result.stdout
    for command in [*commands, "help", "quit"]:
        assert command in result.stdout, command
