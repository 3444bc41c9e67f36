"""The kiosk's configuration: one TOML file, typed sections, strict keys.

An unknown key or a wrong type stops start-up with a message that names the
key and the file, because a typo in a village kiosk's config is otherwise
found months later as "the printer never worked".

Each section is a strict pydantic model: no coercion (``"90"`` is not an
int, ``1`` is not a bool; an int is taken for a float and kept as a float),
no extra keys. Assignment is validated too, so ``cfg.ui.idle_seconds = "5"``
fails at once with the same typed error instead of surfacing later.
The file is read with tomllib; ``kiosk config show`` writes TOML with tomli-w.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, ClassVar

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError

from kiosk.errors import ConfigError

APP_NAME = "gov-kiosk"
LANGUAGES = ("zh", "en")
SCANNER_SUFFIXES = ("CR", "LF", "CRLF", "TAB", "NONE")
_UNSET = object()


class _Section(BaseModel):
    """One TOML table: strict types, no unknown keys, checked on assignment too."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_assignment=True)
    # where this table sits in the file, for messages about a run-time assignment
    table: ClassVar[str] = ""

    def __setattr__(self, name: str, value: Any) -> None:
        before = self.__dict__.get(name, _UNSET)
        try:
            super().__setattr__(name, value)
        except PydanticValidationError as exc:
            if before is not _UNSET:  # a rule over two keys fails after the value is set
                self.__dict__[name] = before
            raise _config_error(exc, "(set at run time)", self.table) from exc


class KioskSection(_Section):
    table: ClassVar[str] = "kiosk"

    id: str = ""
    code: str = "DEMO01"
    name: str = "政务服务自助终端"
    region: str = ""
    languages: list[str] = Field(default_factory=lambda: list(LANGUAGES))
    default_language: str = "zh"
    data_dir: str = ""
    demo: bool = False

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: list[str]) -> list[str]:
        for lang in value:
            if lang not in LANGUAGES:
                raise PydanticCustomError(
                    "config_value", "has unsupported '{lang}'", {"lang": lang}
                )
        return value

    @model_validator(mode="after")
    def _default_is_offered(self) -> KioskSection:
        if self.default_language not in self.languages:
            raise PydanticCustomError(
                "config_value",
                "must be one of kiosk.languages",
                {"field": "default_language"},
            )
        return self


class UiSection(_Section):
    table: ClassVar[str] = "ui"

    idle_seconds: int = Field(default=90, gt=0)
    warning_seconds: int = Field(default=20, gt=0)
    elderly_default: bool = False
    fullscreen: bool = False
    width: int = 1080
    height: int = 1920


class SerialDevice(_Section):
    port: str = ""
    baudrate: int = 9600
    timeout: float = 1.0
    enabled: bool = True


class IdCardSection(SerialDevice):
    table: ClassVar[str] = "devices.idcard"

    baudrate: int = 115200
    poll_seconds: float = 1.0


class PrinterSection(SerialDevice):
    table: ClassVar[str] = "devices.printer"

    baudrate: int = 9600
    encoding: str = "gb18030"
    paper_width_chars: int = 32
    status_seconds: float = 5.0  # DLE EOT poll interval while idle


class ScannerSection(SerialDevice):
    table: ClassVar[str] = "devices.scanner"

    baudrate: int = 9600
    suffix: str = "CR"
    gap_ms: int = 50
    max_length: int = 4096
    trigger: str = ""  # hex bytes sent to start a scan (host trigger), e.g. "16 54 0D"

    @field_validator("suffix")
    @classmethod
    def _known_suffix(cls, value: str) -> str:
        if value.upper() not in SCANNER_SUFFIXES:
            raise PydanticCustomError("config_value", "must be CR, LF, CRLF, TAB or NONE")
        return value

    @field_validator("trigger")
    @classmethod
    def _hex_trigger(cls, value: str) -> str:
        try:
            bytes.fromhex(value)
        except ValueError:
            raise PydanticCustomError("config_value", "must be hex bytes") from None
        return value


class A4Section(_Section):
    table: ClassVar[str] = "devices.a4"

    printer: str = ""
    enabled: bool = True


class DevicesSection(_Section):
    table: ClassVar[str] = "devices"

    idcard: IdCardSection = Field(default_factory=IdCardSection)
    printer: PrinterSection = Field(default_factory=PrinterSection)
    scanner: ScannerSection = Field(default_factory=ScannerSection)
    a4: A4Section = Field(default_factory=A4Section)


class SyncSection(_Section):
    table: ClassVar[str] = "sync"

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


class StorageSection(_Section):
    table: ClassVar[str] = "storage"

    backup_interval_minutes: int = 60
    backups_kept: int = 3


class LoggingSection(_Section):
    table: ClassVar[str] = "logging"

    level: str = "INFO"


class Config(_Section):
    """The whole file. ``source`` (where it came from) is not a key of the file."""

    kiosk: KioskSection = Field(default_factory=KioskSection)
    ui: UiSection = Field(default_factory=UiSection)
    devices: DevicesSection = Field(default_factory=DevicesSection)
    sync: SyncSection = Field(default_factory=SyncSection)
    storage: StorageSection = Field(default_factory=StorageSection)
    logging: LoggingSection = Field(default_factory=LoggingSection)
    _source: str = PrivateAttr(default="")

    @property
    def source(self) -> str:
        return self._source

    @source.setter
    def source(self, value: str) -> None:
        if not isinstance(value, str):
            raise ConfigError(
                f"config source must be str, not {type(value).__name__}",
                key="error.config.type",
                name="source",
                file="(set at run time)",
            )
        self._source = value

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
        """Every key with its effective value (``source`` is not one)."""
        return self.model_dump()


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "kiosk.toml"


# what a wrong input should have been, by pydantic's error type
_EXPECTED = {
    "string_type": "str",
    "int_type": "int",
    "float_type": "float",
    "bool_type": "bool",
    "list_type": "a list",
}


def _dotted(loc: tuple[int | str, ...]) -> str:
    name = ""
    for part in loc:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name += f".{part}" if name else part
    return name


def _config_error(exc: PydanticValidationError, source: str, prefix: str = "") -> ConfigError:
    """The first problem pydantic found, as a ConfigError naming the dotted key and file."""
    err = exc.errors(include_url=False)[0]
    loc = tuple(err["loc"])
    ctx = err.get("ctx") or {}
    if "field" in ctx:  # a rule over two keys, reported on the key it is about
        loc = (*loc, str(ctx["field"]))
    if prefix:
        loc = (*prefix.split("."), *loc)
    name = _dotted(loc)
    kind = err["type"]
    given = type(err["input"]).__name__
    if kind in ("extra_forbidden", "no_such_attribute"):
        return ConfigError(
            f"{source}: unknown key '{name}'", key="error.config.unknown", name=name, file=source
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return ConfigError(
            f"{source}: [{name}] must be a table, not {given}",
            key="error.config.type",
            name=name,
            file=source,
        )
    if kind in _EXPECTED:
        return ConfigError(
            f"{source}: {name} must be {_EXPECTED[kind]}, not {given}",
            key="error.config.type",
            name=name,
            file=source,
        )
    if kind == "config_value":
        message = err["msg"]
    else:  # a bound (greater_than...) or anything pydantic adds later
        message = err["msg"][:1].lower() + err["msg"][1:]
    return ConfigError(
        f"{source}: {name} {message}", key="error.config.value", name=name, file=source
    )


def parse_config(text: str, source: str = "<string>") -> Config:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{source}: not valid TOML: {exc}", key="error.config.syntax", file=source
        ) from exc
    try:
        config = Config.model_validate(data)
    except PydanticValidationError as exc:
        raise _config_error(exc, source) from exc
    config.source = source
    return config


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
    import tomli_w  # only `kiosk config show` writes TOML; keep it off the start-up path

    return tomli_w.dumps(config.as_dict())
