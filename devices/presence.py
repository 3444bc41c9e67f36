"""What the shell can tell about each device without talking to it.

``kiosk status`` runs beside a kiosk that may hold the ports, so it sends no
byte to a device (that is ``kiosk devices probe``): it reports the configured
port (or the running simulator's), whether a device path exists and may be
opened, whether a ``socket://`` port accepts a connection, and the CUPS queue
of the A4 printer.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from devices.a4 import A4Printer
from devices.sim.runner import running_sim_url
from devices.state import DISABLED, NO_PRINTER, NOT_CONFIGURED, OK
from kiosk.config import DevicesSection

log = logging.getLogger(__name__)

SERIAL_DEVICES = ("idcard", "printer", "scanner")

PRESENT = "present"  # a device path that exists and that we may open
ABSENT = "absent"  # no such device path: unplugged or a wrong name
NO_ACCESS = "no_access"  # the path exists, but this user may not open it
LISTENING = "listening"  # a socket:// port that accepts a connection
REFUSED = "refused"  # a socket:// port where nothing listens
VIRTUAL = "virtual"  # loop:// and other URLs with nothing to look at


@dataclass(frozen=True)
class Presence:
    device: str
    port: str
    state: str
    source: str = "config"  # config | simulator | cups
    detail: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _tcp(host: str, port: int, timeout: float) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def port_presence(url: str, timeout: float = 0.3) -> tuple[str, str]:
    """(state, detail) of one port URL or device path, without sending a byte."""
    if "://" in url:
        parts = urlsplit(url)
        if parts.scheme in ("socket", "rfc2217"):
            host, port = parts.hostname or "", parts.port
            if not host or port is None:
                return ABSENT, "no host:port in the URL"
            return (LISTENING, "") if _tcp(host, port, timeout) else (REFUSED, f"{host}:{port}")
        return VIRTUAL, f"{parts.scheme}://"
    path = Path(url)
    if not path.exists():
        return ABSENT, "broken link" if path.is_symlink() else ""
    if not os.access(path, os.R_OK | os.W_OK):
        return NO_ACCESS, "add this user to the dialout group"
    return PRESENT, ""


def serial_presence(name: str, devices: DevicesSection, timeout: float = 0.3) -> Presence:
    section = getattr(devices, name)
    if not section.enabled:
        return Presence(name, section.port, DISABLED)
    port, source = section.port, "config"
    if not port:
        port, source = running_sim_url(name), "simulator"
    if not port:
        return Presence(name, "", NOT_CONFIGURED)
    state, detail = port_presence(port, timeout)
    return Presence(name, port, state, source, detail)


def a4_presence(devices: DevicesSection) -> Presence:
    if not devices.a4.enabled:
        return Presence("a4", devices.a4.printer, DISABLED, "cups")
    st = A4Printer(devices.a4.printer).status()
    state = OK if st.state == "ok" else NO_PRINTER
    return Presence("a4", st.queue, state, "cups", "" if state == OK else st.reason)


def all_presence(devices: DevicesSection, timeout: float = 0.3) -> list[Presence]:
    """Each device, in the order the technician page shows them."""
    found = [serial_presence(name, devices, timeout) for name in SERIAL_DEVICES]
    return [*found, a4_presence(devices)]
