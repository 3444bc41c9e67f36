"""The commands a technician types, in real processes against real simulators."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.sim.printer_sim import PrinterSimulator
from devices.sim.scanner_sim import ScannerSimulator
from tests.conftest import REPO


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    e = dict(os.environ)
    e["XDG_RUNTIME_DIR"] = str(tmp_path / "run")
    (tmp_path / "run").mkdir()
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(
        f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n[devices.idcard]\ntimeout = 0.5\n',
        encoding="utf-8",
    )
    e["KIOSK_TEST_CONFIG"] = str(cfg)
    return e


def kiosk(env: dict[str, str], *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "--config", env["KIOSK_TEST_CONFIG"], *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


@pytest.fixture
def card_process(env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [sys.executable, "main.py", "sim", "idcard"],
        cwd=REPO, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert "connect to" in first
    yield proc
    proc.terminate()
    proc.wait(10)


def control(proc: subprocess.Popen[str], line: str) -> str:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    while True:
        answer = proc.stdout.readline()
        if answer.startswith(("ok", "error")):
            return answer.strip()


def test_sim_in_one_shell_read_in_another(
    card_process: subprocess.Popen[str], env: dict[str, str]
) -> None:
    result = kiosk(env, "devices", "read", "idcard", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["name"] == "张*"  # masked
    assert data["id_number"].startswith("440106") and "*" in data["id_number"]
    assert data["nation"] == "汉" and data["birth_date"] == "1980-01-01"
    assert data["address"].startswith("广东省广州市")
    assert data["valid"] is True

    assert control(card_process, 'card {"valid_to": "20200101"}') == "ok card placed"
    expired = kiosk(env, "devices", "read", "idcard", "--json")
    assert expired.returncode == 1
    assert json.loads(expired.stdout)["problem"] == "error.id.expired"
    assert "expired" in expired.stderr

    control(card_process, 'card {"id_number": "440106198001011231"}')
    bad = kiosk(env, "devices", "read", "idcard")
    assert bad.returncode == 1 and "check character" in bad.stderr

    control(card_process, "remove")
    none = kiosk(env, "devices", "read", "idcard", "--wait", "0.5")
    assert none.returncode == 1 and "place your ID card" in none.stderr


def test_probe_reports_each_device(
    card_process: subprocess.Popen[str], env: dict[str, str]
) -> None:
    result = kiosk(env, "devices", "probe", "--json", "--timeout", "1")
    data = json.loads(result.stdout)
    assert data["idcard"]["state"] == "ok" and data["idcard"]["detail"] == "card on reader"
    assert data["printer"]["state"] == "not_configured"
    assert data["a4"]["state"] in ("ok", "no_printer")


def test_test_print_and_scan_with_port_override(
    printer_sim: PrinterSimulator, scanner_sim: ScannerSimulator, env: dict[str, str]
) -> None:
    result = kiosk(env, "devices", "test-print", "--port", printer_sim.url)
    assert result.returncode == 0, result.stderr
    assert printer_sim.wait_for_receipt(1, 5)
    assert printer_sim.receipts[0].qr_payloads == ["https://gov.example.cn/case/TEST-0001"]
    assert "政务服务自助终端" in printer_sim.receipts[0].lines

    proc = subprocess.Popen(
        [sys.executable, "main.py", "--config", env["KIOSK_TEST_CONFIG"], "devices", "scan",
         "--port", scanner_sim.url, "--json", "--timeout", "20"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    # Keep scanning until the command has opened the port and takes the code.
    try:
        for _ in range(100):
            scanner_sim.scan("G-2026\n扫码")
            try:
                out, err = proc.communicate(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                continue
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert json.loads(out)["code"] == "G-2026\n扫码"


def test_devices_list_runs(env: dict[str, str]) -> None:
    result = kiosk(env, "devices", "list", "--json")
    assert result.returncode == 0
    assert "configured" in json.loads(result.stdout)
