"""Config sanity at load: every number in its range and finite, the kiosk code a
code, a pathological file a ConfigError naming the key and the file (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from kiosk.config import RANGES, load_config, parse_config, valid_kiosk_code
from kiosk.errors import ConfigError


@pytest.mark.parametrize(
    "section, key, value",
    [
        ("sync", "timeout_seconds", "0"),
        ("sync", "timeout_seconds", "-3"),
        ("sync", "timeout_seconds", "nan"),
        ("sync", "timeout_seconds", "inf"),
        ("sync", "purge_after_days", "-1"),
        ("sync", "purge_after_days", "0"),
        ("sync", "interval_seconds", "0"),
        ("sync", "batch_max_items", "0"),
        ("sync", "backoff_max_seconds", "-inf"),
        ("storage", "backups_kept", "0"),
        ("devices.printer", "baudrate", "-9600"),
        ("devices.idcard", "timeout", "0"),
        ("devices.scanner", "max_length", "0"),
        ("ui", "width", "-1"),
    ],
)
def test_out_of_range_or_not_finite_is_refused_naming_key_and_file(
    tmp_path: Path, section: str, key: str, value: str
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(f"[{section}]\n{key} = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert f"{section}.{key}" in info.value.detail
    assert str(path) in info.value.detail
    assert info.value.key in ("error.config.range", "error.config.value")
    assert info.value.params["name"] == f"{section}.{key}"
    assert info.value.params["file"] == str(path)


def test_every_default_is_inside_its_range() -> None:
    config = parse_config("")
    assert config.sync.purge_after_days == 30
    assert len(RANGES) >= 20  # the table is not empty


def test_backoff_floor_above_its_cap_is_refused() -> None:
    text = "[sync]\nbackoff_initial_seconds = 700.0\nbackoff_max_seconds = 600.0\n"
    with pytest.raises(ConfigError) as info:
        parse_config(text, "x.toml")
    assert "sync.backoff_initial_seconds" in info.value.detail


def test_a_100000_deep_array_is_a_config_error_not_a_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[kiosk]\nlanguages = " + "[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == "error.config.syntax"
    assert str(path) in info.value.detail


def test_cli_says_the_key_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[sync]\npurge_after_days = -1\n", encoding="utf-8")
    assert main(["--config", str(path), "config", "show"]) == 2
    err = capsys.readouterr().err
    assert "sync.purge_after_days" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "code", ["../x", "..", "GD/01", "gd01", "", "A" * 17, "GD 01", "GD01\n", "ＧＤ01", "GD_01"]
)
def test_a_kiosk_code_that_is_not_a_code_is_refused(code: str) -> None:
    escaped = code.replace("\\", "\\\\").replace("\n", "\\n")
    with pytest.raises(ConfigError) as info:
        parse_config(f'[kiosk]\ncode = "{escaped}"\n', "x.toml")
    assert info.value.key == "error.config.kiosk_code"
    assert "kiosk.code" in info.value.detail
    with pytest.raises(ConfigError):
        valid_kiosk_code(code)


@pytest.mark.parametrize("code", ["DEMO01", "GD-TH-001", "YN-01", "A", "0123456789ABCDEF"])
def test_kiosk_codes_in_use_stay_valid(code: str) -> None:
    assert parse_config(f'[kiosk]\ncode = "{code}"\n').kiosk.code == code
