import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError as PydanticValidationError

from app.cli import main
from kiosk.config import (
    A4Section,
    Config,
    DevicesSection,
    IdCardSection,
    PrinterSection,
    ScannerSection,
    load_config,
    parse_config,
    to_toml,
)
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


# --- pydantic models: errors name the dotted key and the file ------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("[devices.printer]\nbaud = 9600\n", "devices.printer.baud"),
        ("[nosuch]\nkey = 1\n", "nosuch"),
        ('source = "elsewhere"\n', "source"),  # where a config came from is not a key
        ("[ui]\nidle_seconds = 90\n[ui.extra]\nx = 1\n", "ui.extra"),
    ],
)
def test_unknown_key_names_dotted_key_and_file(tmp_path: Path, text: str, name: str) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == "error.config.unknown"
    assert f"'{name}'" in info.value.detail and str(path) in info.value.detail
    assert info.value.params == {"name": name, "file": str(path)}


@pytest.mark.parametrize(
    "text, name, expected",
    [
        ('[ui]\nidle_seconds = "90"\n', "ui.idle_seconds", "must be int, not str"),
        ("[ui]\nfullscreen = 1\n", "ui.fullscreen", "must be bool, not int"),
        ("[sync]\ntimeout_seconds = true\n", "sync.timeout_seconds", "must be float, not bool"),
        ("[kiosk]\nname = 1979-05-27\n", "kiosk.name", "must be str, not date"),
        ('[kiosk]\nlanguages = "zh"\n', "kiosk.languages", "must be a list, not str"),
        ("[kiosk]\nlanguages = [1]\n", "kiosk.languages[0]", "must be str, not int"),
        ("[devices.idcard]\nbaudrate = 115200.0\n", "devices.idcard.baudrate", "must be int"),
    ],
)
def test_wrong_type_names_key_and_file(tmp_path: Path, text: str, name: str, expected: str) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == "error.config.type"
    assert info.value.detail.startswith(f"{path}: {name} {expected}")
    assert info.value.params == {"name": name, "file": str(path)}


@pytest.mark.parametrize(
    "text, name",
    [
        ("kiosk = 3\n", "kiosk"),
        ("[devices]\nprinter = 3\n", "devices.printer"),
        ('[devices]\na4 = "cups"\n', "devices.a4"),
        ("devices = [1]\n", "devices"),
    ],
)
def test_a_section_that_is_not_a_table_is_named(text: str, name: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(text, "x.toml")
    assert info.value.key == "error.config.type"
    assert info.value.detail.startswith(f"x.toml: [{name}] must be a table")
    assert info.value.params == {"name": name, "file": "x.toml"}


def test_nested_section_wrong_type_names_the_full_key() -> None:
    with pytest.raises(ConfigError) as info:
        parse_config('[devices.scanner]\nport = "loop://"\ngap_ms = "fast"\n', "site.toml")
    assert info.value.key == "error.config.type"
    assert info.value.params == {"name": "devices.scanner.gap_ms", "file": "site.toml"}
    assert "site.toml" in info.value.detail and "devices.scanner.gap_ms" in info.value.detail


@pytest.mark.parametrize(
    "text, name",
    [
        ('[kiosk]\nlanguages = ["en"]\n', "kiosk.default_language"),
        ('[devices.scanner]\ntrigger = "zz"\n', "devices.scanner.trigger"),
        ('[devices.scanner]\nsuffix = "ETX"\n', "devices.scanner.suffix"),
        ("[ui]\nidle_seconds = 0\n", "ui.idle_seconds"),
        ("[ui]\nwarning_seconds = -1\n", "ui.warning_seconds"),
    ],
)
def test_wrong_value_names_key_and_file(text: str, name: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(text, "x.toml")
    assert info.value.key == "error.config.value"
    assert info.value.params == {"name": name, "file": "x.toml"}
    assert info.value.detail.startswith(f"x.toml: {name} ")


def test_an_int_for_a_float_is_kept_as_a_float() -> None:
    cfg = parse_config("[devices.idcard]\ntimeout = 2\npoll_seconds = 1\n")
    assert type(cfg.devices.idcard.timeout) is float
    assert type(cfg.devices.idcard.poll_seconds) is float


# --- assignment by code ----------------------------------------------------------------


def test_assignment_keeps_types(tmp_path: Path) -> None:
    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path)
    cfg.devices.a4.enabled = False
    cfg.sync.timeout_seconds = 5  # an int for a float, as a test or a TOML file gives it
    cfg.source = "(test)"
    assert cfg.database_path == tmp_path / "kiosk.db"
    assert cfg.devices.a4.enabled is False
    assert type(cfg.sync.timeout_seconds) is float and cfg.sync.timeout_seconds == 5.0
    assert cfg.source == "(test)"


@pytest.mark.parametrize(
    "section, attr, value, name, key",
    [
        ("ui", "idle_seconds", "5", "ui.idle_seconds", "error.config.type"),
        ("ui", "idle_seconds", 0, "ui.idle_seconds", "error.config.value"),
        ("devices.printer", "baudrate", 9600.0, "devices.printer.baudrate", "error.config.type"),
        ("devices.a4", "enabled", "no", "devices.a4.enabled", "error.config.type"),
        ("devices.scanner", "trigger", "zz", "devices.scanner.trigger", "error.config.value"),
        ("kiosk", "languages", ["en"], "kiosk.default_language", "error.config.value"),
        ("kiosk", "nosuch", 1, "kiosk.nosuch", "error.config.unknown"),
    ],
)
def test_assignment_is_validated_and_a_refused_value_is_not_kept(
    section: str, attr: str, value: object, name: str, key: str
) -> None:
    cfg = Config()
    target = cfg
    for part in section.split("."):
        target = getattr(target, part)
    before = cfg.as_dict()
    with pytest.raises(ConfigError) as info:
        setattr(target, attr, value)
    assert info.value.key == key
    assert info.value.params["name"] == name
    assert cfg.as_dict() == before


def test_a_section_assigned_whole_is_checked() -> None:
    cfg = Config()
    with pytest.raises(ConfigError) as info:
        cfg.devices.a4 = 3  # type: ignore[assignment]
    assert info.value.params["name"] == "devices.a4"
    cfg.devices.a4 = A4Section(printer="HP", enabled=False)
    assert cfg.devices.a4.printer == "HP"


def test_deepcopy_of_a_section_is_independent() -> None:
    cfg = Config()
    copied = copy.deepcopy(cfg.devices)
    copied.printer.enabled = False
    assert isinstance(copied, DevicesSection)
    assert cfg.devices.printer.enabled is True
    assert copy.deepcopy(cfg.devices) == cfg.devices
    whole = copy.deepcopy(parse_config("", "a.toml"))
    assert whole.source == "a.toml"


def test_sections_are_built_by_keyword() -> None:
    devices = DevicesSection(
        idcard=IdCardSection(port="loop://"),
        printer=PrinterSection(port="socket://127.0.0.1:9100", baudrate=19200),
        scanner=ScannerSection(suffix="LF"),
    )
    assert devices.idcard.baudrate == 115200 and devices.printer.baudrate == 19200
    with pytest.raises(PydanticValidationError):
        PrinterSection(baud=9600)  # type: ignore[call-arg]


# --- config show: every key, written with tomli-w ---------------------------------------


def _keys(data: dict[str, Any], prefix: str = "") -> set[str]:
    keys: set[str] = set()
    for k, v in data.items():
        keys |= _keys(v, f"{prefix}{k}.") if isinstance(v, dict) else {f"{prefix}{k}"}
    return keys


def test_show_prints_every_key_with_its_effective_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        '[ui]\nidle_seconds = 45\n[devices.scanner]\ntrigger = "16 54 0D"\n', encoding="utf-8"
    )
    assert main(["--config", str(path), "config", "show"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# source: {path}\n")
    shown = tomllib.loads(out)
    assert _keys(shown) == _keys(Config().as_dict())
    assert "source" not in shown
    assert shown["ui"]["idle_seconds"] == 45 and shown["ui"]["warning_seconds"] == 20
    assert shown["devices"]["scanner"]["trigger"] == "16 54 0D"
    assert parse_config(out).as_dict() == load_config(path).as_dict()

    assert main(["--config", str(path), "config", "show", "--json"]) == 0
    as_json = json.loads(capsys.readouterr().out)
    assert as_json == shown


def test_to_toml_round_trips_every_value() -> None:
    cfg = Config()
    cfg.kiosk.name = 'Village "East" \\ 东村'
    cfg.kiosk.languages = ["zh", "en"]
    cfg.devices.a4.enabled = False
    cfg.sync.backoff_max_seconds = 1.5
    again = parse_config(to_toml(cfg))
    assert again.as_dict() == cfg.as_dict()
