"""What each device is doing, as plain data: the state names and ``DeviceState``.

The heartbeat sends it as it is, the Qt layer mirrors it, the CLI prints it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

DEVICE_NAMES = ("idcard", "printer", "scanner", "a4")

# States a device can be in; the UI translates "device.state.<state>".
OK = "ok"
MISSING = "missing"
ERROR = "error"
DISABLED = "disabled"
NOT_CONFIGURED = "not_configured"
STARTING = "starting"
NO_PRINTER = "no_printer"



@dataclass(frozen=True)
class DeviceState:
    device: str
    state: str = STARTING
    reason: str = ""  # a message key when state is not ok
    detail: str = ""  # for technicians; never personal data
    port: str = ""
    since: str = field(
        default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    )

    @property
    def ok(self) -> bool:
        return self.state in (OK, "paper_near_end", "card_present")

    def as_dict(self) -> dict[str, Any]:
        return {
            "device": self.device,
            "state": self.state,
            "ok": self.ok,
            "reason": self.reason,
            "detail": self.detail,
            "port": self.port,
            "since": self.since,
        }
