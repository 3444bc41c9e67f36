"""The kiosk's configuration: one TOML file, typed sections, strict keys.

An unknown key or a wrong type stops start-up with a message that names the
key and the file, because a typo in a village kiosk's config is otherwise
found months later as "the printer never worked".

One module because the sections, the range table and the loader must agree key
for key, and a reader checking one key's rule finds all of it here.
"""

from __future__ import annotations

import dataclasses
import math
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.errors import ConfigError
from kiosk.i18n import LANGUAGES

APP_NAME = "gov-kiosk"

# A kiosk code names files (log exports, receipts) and starts every tracking
# number, so it is a short code and never a path: "../x" once reached the disk.
KIOSK_CODE = re.compile(r"[A-Z0-9-]{1,16}")

# The range of every number, checked at load. A timeout of 0, a negative one or
# NaN made every sync raise; purge_after_days = -1 purged every sealed payload
# the platform had not even confirmed yet, inside a failed cycle.
RANGES: dict[str, tuple[float, float]] = {
    "ui.idle_seconds": (1, 86_400),
    "ui.warning_seconds": (1, 3_600),
    "ui.width": (1, 16_384),
    "ui.height": (1, 16_384),
    "devices.*.baudrate": (50, 4_000_000),
    "devices.*.timeout": (0.01, 60),
    "devices.idcard.poll_seconds": (0.01, 60),
    "devices.printer.paper_width_chars": (16, 128),
    "devices.printer.status_seconds": (0.1, 3_600),
    "devices.scanner.gap_ms": (1, 10_000),
    "devices.scanner.max_length": (1, 1_048_576),
    "sync.interval_seconds": (1, 86_400),
    "sync.heartbeat_seconds": (1, 604_800),
    "sync.timeout_seconds": (0.1, 600),
    "sync.batch_max_items": (1, 10_000),
    "sync.batch_max_bytes": (1_024, 64 * 1024 * 1024),
    "sync.backoff_initial_seconds": (0.1, 3_600),
    "sync.backoff_max_seconds": (0.1, 86_400),
    "sync.purge_after_days": (1, 3_650),
    "sync.max_pending_age_hours": (1, 8_760),
    "sync.min_free_disk_mb": (0, 1_048_576),
    "storage.backup_interval_minutes": (1, 10_080),
    "storage.backups_kept": (1, 100),
}


@dataclass
class KioskSection:
    id: str = ""
    code: str = "DEMO01"
    name: str = "政务服务自助终端"
    region: str = ""
    languages: list[str] = field(default_factory=lambda: ["zh", "en"])
    default_language: str = "zh"
    data_dir: str = ""
    demo: bool = False


@dataclass
class UiSection:
    idle_seconds: int = 90
    warning_seconds: int = 20
    elderly_default: bool = False
    fullscreen: bool = False
    width: int = 1080
    height: int = 1920


@dataclass
class SerialDevice:
    port: str = ""
    baudrate: int = 9600
    timeout: float = 1.0
    enabled: bool = True


@dataclass
class IdCardSection(SerialDevice):
    baudrate: int = 115200
    poll_seconds: float = 1.0


@dataclass
class PrinterSection(SerialDevice):
    baudrate: int = 9600
    encoding: str = "gb18030"
    paper_width_chars: int = 32
    status_seconds: float = 5.0  # DLE EOT poll interval while idle


@dataclass
class ScannerSection(SerialDevice):
    baudrate: int = 9600
    suffix: str = "CR"
    gap_ms: int = 50
    max_length: int = 4096
    trigger: str = ""  # hex bytes sent to start a scan (host trigger), e.g. "16 54 0D"


@dataclass
class A4Section:
    printer: str = ""
    enabled: bool = True


@dataclass
class DevicesSection:
    idcard: IdCardSection = field(default_factory=IdCardSection)
    printer: PrinterSection = field(default_factory=PrinterSection)
    scanner: ScannerSection = field(default_factory=ScannerSection)
    a4: A4Section = field(default_factory=A4Section)


@dataclass
class SyncSection:
    url: str = ""
    interval_seconds: int = 60
    heartbeat_seconds: int = 300
    timeout_seconds: float = 15.0
    ca_bundle: str = ""
    batch_max_items: int = 200
    batch_max_bytes: int = 4_000_000
    backoff_initial_seconds: float = 2.0
    backoff_max_seconds: float = 600.0
    purge_after_days: int = 30
    max_pending_age_hours: int = 168
    min_free_disk_mb: int = 200


@dataclass
class StorageSection:
    backup_interval_minutes: int = 60
    backups_kept: int = 3


@dataclass
class LoggingSection:
    level: str = "INFO"


@dataclass
class VoiceSection:
    enabled: bool = True  # a hall with its own announcements turns the kiosk's voice off
    volume: int = 80  # percent of the sound card's level, 0-100
    words_per_minute: int = 150  # espeak-ng's -s: slower than its default 175 for the elderly
    program: str = "espeak-ng"


@dataclass
class Config:
    kiosk: KioskSection = field(default_factory=KioskSection)
    ui: UiSection = field(default_factory=UiSection)
    devices: DevicesSection = field(default_factory=DevicesSection)
    sync: SyncSection = field(default_factory=SyncSection)
    storage: StorageSection = field(default_factory=StorageSection)
    logging: LoggingSection = field(default_factory=LoggingSection)
    voice: VoiceSection = field(default_factory=VoiceSection)
    source: str = ""

    @property
    def data_dir(self) -> Path:
        if self.kiosk.data_dir:
            return Path(self.kiosk.data_dir).expanduser()
        return Path(platformdirs.user_data_dir(APP_NAME))

    @property
    def database_path(self) -> Path:
        return self.data_dir / "kiosk.db"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    def as_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data.pop("source", None)
        return data


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "kiosk.toml"


def _type_name(tp: Any) -> str:
    return getattr(tp, "__name__", str(tp))


def _check_value(value: Any, tp: Any, where: str, source: str) -> Any:
    origin = typing.get_origin(tp)
    if origin is list:
        (item_type,) = typing.get_args(tp)
        if not isinstance(value, list):
            raise ConfigError(
                f"{source}: {where} must be a list of {_type_name(item_type)}",
                key="error.config.type",
                name=where,
                file=source,
            )
        return [_check_value(v, item_type, f"{where}[{i}]", source) for i, v in enumerate(value)]
    if origin in (types.UnionType, typing.Union):
        raise TypeError("unions are not used in config")
    ok: bool
    if tp is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        value = float(value) if ok else value
        if ok and not math.isfinite(value):  # TOML has nan and inf
            raise ConfigError(
                f"{source}: {where} must be a finite number, not {value}",
                key="error.config.value",
                name=where,
                file=source,
            )
    elif tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, tp)
    if not ok:
        raise ConfigError(
            f"{source}: {where} must be {_type_name(tp)}, not {type(value).__name__}",
            key="error.config.type",
            name=where,
            file=source,
        )
    return value


def _build(cls: type[Any], data: dict[str, Any], prefix: str, source: str) -> Any:
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls) if f.name != "source"}
    for key in data:
        if key not in known:
            name = f"{prefix}{key}"
            raise ConfigError(
                f"{source}: unknown key '{name}'",
                key="error.config.unknown",
                name=name,
                file=source,
            )
    kwargs: dict[str, Any] = {}
    for name in known:
        if name not in data:
            continue
        tp = hints[name]
        value = data[name]
        where = f"{prefix}{name}"
        if dataclasses.is_dataclass(tp):
            if not isinstance(value, dict):
                raise ConfigError(
                    f"{source}: [{where}] must be a table",
                    key="error.config.type",
                    name=where,
                    file=source,
                )
            kwargs[name] = _build(typing.cast(type, tp), value, f"{where}.", source)
        else:
            kwargs[name] = _check_value(value, tp, where, source)
    return cls(**kwargs)


def parse_config(text: str, source: str = "<string>") -> Config:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{source}: not valid TOML: {exc}", key="error.config.syntax", file=source
        ) from exc
    except RecursionError as exc:  # tomllib recurses per level: [[[[...]]]] 100,000 deep
        raise ConfigError(
            f"{source}: not valid TOML: nested too deeply", key="error.config.syntax", file=source
        ) from exc
    config: Config = _build(Config, data, "", source)
    config.source = source
    _check_rules(config)
    return config


def _numbers(data: dict[str, Any], prefix: str = "") -> dict[str, float]:
    """Every number of the config by its dotted key."""
    out: dict[str, float] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update(_numbers(value, f"{prefix}{key}."))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[f"{prefix}{key}"] = value
    return out


def _check_ranges(config: Config) -> None:
    source = config.source
    for where, value in _numbers(config.as_dict()).items():
        general = re.sub(r"^devices\.[a-z0-9]+\.", "devices.*.", where)
        bounds = RANGES.get(where) or RANGES.get(general)
        if bounds is None:
            continue
        low, high = bounds
        if not low <= value <= high:  # NaN is never inside
            raise ConfigError(
                f"{source}: {where} must be between {low:g} and {high:g}, not {value}",
                key="error.config.range",
                name=where,
                file=source,
                low=f"{low:g}",
                high=f"{high:g}",
            )
    if config.sync.backoff_initial_seconds > config.sync.backoff_max_seconds:
        raise ConfigError(
            f"{source}: sync.backoff_initial_seconds must not exceed sync.backoff_max_seconds",
            key="error.config.value",
            name="sync.backoff_initial_seconds",
            file=source,
        )


def valid_kiosk_code(code: str, where: str = "kiosk.code", source: str = "") -> str:
    """``code`` if it is 1-16 capital letters, digits and '-', else ConfigError.

    Provisioning checks the code the platform's QR assigns with the same rule.
    """
    if not KIOSK_CODE.fullmatch(code):
        raise ConfigError(
            f"{source + ': ' if source else ''}{where} must be 1-16 of A-Z, 0-9 and '-',"
            f" not {code[:40]!r}",
            key="error.config.kiosk_code",
            name=where,
            file=source,
        )
    return code


def _check_rules(config: Config) -> None:
    source = config.source
    valid_kiosk_code(config.kiosk.code, "kiosk.code", source)
    _check_ranges(config)
    for lang in config.kiosk.languages:
        if lang not in LANGUAGES:
            raise ConfigError(
                f"{source}: kiosk.languages has unsupported '{lang}'",
                key="error.config.value",
                name="kiosk.languages",
                file=source,
            )
    if config.kiosk.default_language not in config.kiosk.languages:
        raise ConfigError(
            f"{source}: kiosk.default_language must be one of kiosk.languages",
            key="error.config.value",
            name="kiosk.default_language",
            file=source,
        )
    try:
        bytes.fromhex(config.devices.scanner.trigger)
    except ValueError as exc:
        raise ConfigError(
            f"{source}: devices.scanner.trigger must be hex bytes",
            key="error.config.value",
            name="devices.scanner.trigger",
            file=source,
        ) from exc
    if config.devices.scanner.suffix.upper() not in ("CR", "LF", "CRLF", "TAB", "NONE"):
        raise ConfigError(
            f"{source}: devices.scanner.suffix must be CR, LF, CRLF, TAB or NONE",
            key="error.config.value",
            name="devices.scanner.suffix",
            file=source,
        )
    if config.ui.idle_seconds <= 0 or config.ui.warning_seconds <= 0:
        raise ConfigError(
            f"{source}: ui.idle_seconds and ui.warning_seconds must be positive",
            key="error.config.value",
            name="ui.idle_seconds",
            file=source,
        )
    if not 0 <= config.voice.volume <= 100:
        raise ConfigError(
            f"{source}: voice.volume must be 0-100 (percent)",
            key="error.config.value",
            name="voice.volume",
            file=source,
        )
    if not 80 <= config.voice.words_per_minute <= 450:
        raise ConfigError(
            f"{source}: voice.words_per_minute must be 80-450",
            key="error.config.value",
            name="voice.words_per_minute",
            file=source,
        )


def load_config(path: Path | None = None) -> Config:
    """Load the file given, else the default path if it exists, else defaults."""
    if path is None:
        path = default_config_path()
        if not path.exists():
            config = Config()
            config.source = "(defaults)"
            return config
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{path}: cannot read: {exc}", key="error.config.read", file=str(path)
        ) from exc
    return parse_config(text, str(path))


def to_toml(config: Config) -> str:
    """Render the effective config as TOML (for `kiosk config show`)."""
    lines: list[str] = []

    def emit(prefix: str, data: dict[str, Any]) -> None:
        scalars = {k: v for k, v in data.items() if not isinstance(v, dict)}
        tables = {k: v for k, v in data.items() if isinstance(v, dict)}
        if scalars:
            if prefix:
                lines.append(f"[{prefix}]")
            for key, value in scalars.items():
                lines.append(f"{key} = {_toml_value(value)}")
            lines.append("")
        for key, value in tables.items():
            emit(f"{prefix}.{key}" if prefix else key, value)

    emit("", config.as_dict())
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
