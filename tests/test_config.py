from pathlib import Path

import pytest

from app.cli import main
from kiosk.config import load_config, parse_config
from kiosk.errors import ConfigError


def test_defaults_are_usable() -> None:
    cfg = parse_config("")
    assert cfg.ui.idle_seconds > cfg.ui.warning_seconds > 0
    assert cfg.devices.idcard.baudrate == 115200
    assert cfg.kiosk.languages == ["zh", "en"]


def test_sections_and_nested_device_tables() -> None:
    cfg = parse_config(
        """
[kiosk]
code = "GD-TH-001"
[devices.printer]
port = "socket://127.0.0.1:9100"
baudrate = 19200
[sync]
timeout_seconds = 5
"""
    )
    assert cfg.kiosk.code == "GD-TH-001"
    assert cfg.devices.printer.port == "socket://127.0.0.1:9100"
    assert cfg.devices.printer.baudrate == 19200
    assert cfg.sync.timeout_seconds == 5.0


def test_unknown_key_names_key_and_file(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[devices.printer]\nbaud = 9600\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "devices.printer.baud" in info.value.detail
    assert str(path) in info.value.detail
    assert info.value.key == "error.config.unknown"


@pytest.mark.parametrize(
    "text, name",
    [
        ('[ui]\nidle_seconds = "90"\n', "ui.idle_seconds"),
        ("[ui]\nfullscreen = 1\n", "ui.fullscreen"),
        ("[kiosk]\nlanguages = [1]\n", "kiosk.languages[0]"),
        ("kiosk = 3\n", "kiosk"),
        ('[kiosk]\nlanguages = ["fr"]\n', "kiosk.languages"),
    ],
)
def test_wrong_type_or_value_is_refused(text: str, name: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(text, "x.toml")
    assert name in info.value.detail


def test_broken_toml_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        parse_config("[ui\n")


def test_show_round_trips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('[kiosk]\ncode = "YN-01"\n', encoding="utf-8")
    assert main(["--config", str(path), "config", "show"]) == 0
    out = capsys.readouterr().out
    assert 'code = "YN-01"' in out
    assert parse_config(out.split("\n", 1)[1]).kiosk.code == "YN-01"


def test_cli_bad_key_exits_2_with_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[sync]\nurll = 'x'\n", encoding="utf-8")
    assert main(["--config", str(path), "config", "show"]) == 2
    err = capsys.readouterr().err
    assert "sync.urll" in err and str(path) in err
