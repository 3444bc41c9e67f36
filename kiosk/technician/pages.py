"""What the technician's pages list, decided here rather than in the Qt layer.

The UI turns these rows into list models and shows them; which devices a page
lists, which states warn about paper, how an age or a moment reads, and how
much of a scanned code may be shown are the kiosk's rules, so they live with
the rest of the technician's domain and are testable without Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.config import DevicesSection
from kiosk.i18n import translate
from kiosk.identity import Identity
from kiosk.outbox import Outbox
from kiosk.technician import device_config, sync_tools
from kiosk.technician.info import InfoRow, local_time_text

# The tabs, in the order shown; the kiosk page opens first (it answers "which kiosk is this").
PAGES = ("devices", "sync", "kiosk", "logs", "provision", "reprint")
FIRST_PAGE = "kiosk"
# Device states that warn about paper, and the sentence each shows.
PAPER_WARNINGS = {"paper_near_end": "tech.devices.paper_low", "paper_out": "tech.devices.paper_out"}
# A scanned code may carry a phone identity token: a test scan shows its start only.
SCAN_PREVIEW_CHARS = 24


@dataclass(frozen=True)
class DeviceRow:
    """One serial role on the devices page; ``reason`` and ``warning`` are sentences."""

    device: str
    port: str
    baud: int
    enabled: bool
    status: str
    ok: bool
    reason: str
    warning: str


@dataclass(frozen=True)
class PortRow:
    """A serial port the kiosk sees, and the role using it ("" for none)."""

    port: str
    role: str


@dataclass(frozen=True)
class QuarantinedView:
    """A quarantined outbox item as the sync page lists it."""

    client_id: str
    title: str
    kind: str
    at: str
    reason: str


def _sentence(text: str, lang: str) -> str:
    """A worker's reason is a message key ("error.device.timeout") or already plain words."""
    return translate(text, lang) if text and "." in text else text


def device_rows(
    section: DevicesSection, states: Mapping[str, Mapping[str, Any]], lang: str
) -> list[DeviceRow]:
    """The serial roles with their configured port and baud and their live state."""
    rows: list[DeviceRow] = []
    for role in device_config.SERIAL_ROLES:
        conf = getattr(section, role)
        state = states.get(role, {})
        status = str(state.get("state", "unknown"))
        warning = PAPER_WARNINGS.get(status, "")
        rows.append(
            DeviceRow(
                device=role,
                port=conf.port,
                baud=conf.baudrate,
                enabled=conf.enabled,
                status=status,
                ok=bool(state.get("ok", False)),
                reason=_sentence(str(state.get("reason", "")), lang),
                warning=translate(warning, lang) if warning else "",
            )
        )
    return rows


def port_rows(section: DevicesSection) -> list[PortRow]:
    """Every port to choose from (found or configured), with the role that has it."""
    return [
        PortRow(port, device_config.role_of_port(section, port))
        for port in device_config.serial_ports(section)
    ]


def probe_text(state: str, reason: str, lang: str) -> str:
    """What a probe's answer reads as: the state, and why when it is not ok."""
    return f"{state}: {translate(reason, lang)}" if reason else state


def card_preview(identity: Identity) -> str:
    """A test card read, as the page may show it: masked, never the plain values."""
    return f"{identity.masked_name} {identity.masked_id_number}"


def scan_preview(code: str) -> str:
    """A test scan, shortened: a code may carry a phone identity token."""
    return code if len(code) <= SCAN_PREVIEW_CHARS else code[:SCAN_PREVIEW_CHARS] + "…"


def sync_rows(
    snapshot: Mapping[str, Any], online: bool, lang: str, now: dt.datetime | None = None
) -> list[InfoRow]:
    """The sync page's figures from ``sync.service.status_snapshot`` and the live online flag."""
    age = float(snapshot.get("oldest_pending_age_seconds") or 0)
    oldest = "-"
    if age:
        moment = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(seconds=age)
        oldest = f"{local_time_text(moment, lang)} ({age / 3600:.1f} h)"
    yes, no = translate("tech.yes", lang), translate("tech.no", lang)
    revoked: list[InfoRow] = []
    if snapshot.get("revoked_at"):
        # the platform's operator revoked this kiosk: syncing has stopped until it is
        # provisioned again; said first, in words, so nobody waits for a sync
        when = local_time_text(snapshot.get("revoked_at"), lang)
        revoked = [InfoRow("tech.sync.revoked", translate("tech.sync.revoked_text", lang, at=when))]
    elsewhere = [
        InfoRow(
            "tech.sync.elsewhere",
            translate(
                "tech.sync.elsewhere_text" if w.get("sendable") else "tech.sync.elsewhere_export",
                lang,
                count=w.get("count", 0),
                url=w.get("url") or "?",
            ),
        )
        for w in snapshot.get("elsewhere") or []
    ]
    return revoked + [
        InfoRow("tech.sync.enrolled", yes if snapshot.get("enrolled") else no),
        InfoRow("tech.sync.online", yes if online else no),
        InfoRow("tech.sync.queue", str(snapshot.get("queue_depth", 0))),
        InfoRow("tech.sync.oldest", oldest),
        InfoRow("tech.sync.last", local_time_text(snapshot.get("last_success_at"), lang)),
        InfoRow("tech.sync.quarantined", str(snapshot.get("quarantined", 0))),
        *elsewhere,
    ]


def quarantined_views(outbox: Outbox, lang: str) -> list[QuarantinedView]:
    """Quarantined items, named by tracking number (or the id's start), in local time."""
    return [
        QuarantinedView(
            client_id=r.client_id,
            title=r.tracking_no or r.client_id[:8],
            kind=r.kind,
            at=local_time_text(r.created_at, lang),
            reason=r.reason,
        )
        for r in sync_tools.quarantined_rows(outbox)
    ]
