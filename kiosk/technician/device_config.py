"""Device roles, ports and baud rates a technician set on the spot.

The TOML config is what the image ships with; a technician's changes are kept
as a ``device_overrides`` settings row (JSON ``{role: {port, baudrate, enabled}}``)
and laid over the TOML section at start-up and at once through
``DeviceManager.reconfigure`` (only changed devices restart). Each change
writes an audit row, which the heartbeat sends to the platform.
"""

from __future__ import annotations

import copy
import json
import logging
from typing import Any

from kiosk.config import DevicesSection
from kiosk.errors import ValidationError
from kiosk.settings import get_setting, set_setting
from kiosk.storage import Storage
from kiosk.technician import audit

log = logging.getLogger(__name__)

OVERRIDES_SETTING = "technician.device_overrides"
SERIAL_ROLES = ("idcard", "printer", "scanner")
BAUD_RATES = (9600, 19200, 38400, 57600, 115200)


def load_overrides(storage: Storage) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(get_setting(storage, OVERRIDES_SETTING, "{}") or "{}")
    except ValueError:
        log.warning("device overrides unreadable; using the config file alone")
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k in SERIAL_ROLES and isinstance(v, dict)}


def apply_overrides(
    section: DevicesSection, overrides: dict[str, dict[str, Any]]
) -> DevicesSection:
    """A copy of ``section`` with the technician's port/baud/enabled laid over it."""
    merged = copy.deepcopy(section)
    for role, change in overrides.items():
        device = getattr(merged, role, None)
        if device is None:
            continue
        if "port" in change:
            device.port = str(change["port"])
        if "baudrate" in change:
            device.baudrate = int(change["baudrate"])
        if "enabled" in change:
            device.enabled = bool(change["enabled"])
    return merged


def effective_devices(storage: Storage, section: DevicesSection) -> DevicesSection:
    return apply_overrides(section, load_overrides(storage))


def set_device(
    storage: Storage,
    section: DevicesSection,
    role: str,
    *,
    port: str,
    baudrate: int,
    enabled: bool = True,
) -> DevicesSection:
    """Save one role's port/baud, audit it, and return the new effective section.

    A port may serve one role only: giving a port to a role takes it away from
    the role that had it (that role is left without a port, so it reads
    "not configured" rather than two workers fighting over one tty).
    """
    if role not in SERIAL_ROLES:
        raise ValidationError(f"unknown device role {role!r}", key="error.tech.role", field="role")
    if baudrate not in BAUD_RATES:
        raise ValidationError(
            f"baud rate {baudrate} not supported", key="error.tech.baud", field="baudrate"
        )
    overrides = load_overrides(storage)
    current = apply_overrides(section, overrides)
    changes = [f"{role}: port={port or '-'} baud={baudrate} enabled={enabled}"]
    if port:
        for other in SERIAL_ROLES:
            if other != role and getattr(current, other).port == port:
                overrides.setdefault(other, {})["port"] = ""
                changes.append(f"{other}: port released")
    overrides[role] = {"port": port, "baudrate": baudrate, "enabled": enabled}
    set_setting(storage, OVERRIDES_SETTING, json.dumps(overrides, sort_keys=True))
    for change in changes:
        audit.record(storage, "device.changed", change)
    return apply_overrides(section, overrides)


def role_of_port(section: DevicesSection, port: str) -> str:
    for role in SERIAL_ROLES:
        if getattr(section, role).port == port:
            return role
    return ""


def serial_ports(section: DevicesSection) -> list[str]:
    """Ports pyserial finds, plus the configured ones (simulator ptys are not listed)."""
    found: list[str] = []
    try:
        from serial.tools import list_ports

        found = [p.device for p in list_ports.comports()]
    except Exception:  # a missing sysfs must not break the page
        log.exception("listing serial ports failed")
    for role in SERIAL_ROLES:
        port = getattr(section, role).port
        if port and port not in found:
            found.append(port)
    return sorted(found)
