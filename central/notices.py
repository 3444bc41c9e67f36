"""Notices to the resident when a case moves: a notifier interface, a demo inbox,
and the SMS gateway adapter a province plugs its gateway into.

Every status change is a row in ``status_events`` (the operator API, the CLI
from another process and the staff console all write there), so notices are
drained from that table behind a cursor kept in ``meta`` rather than hooked
into each writer: none is missed, none is sent twice by the same platform.
``NoticePump`` drains it in a thread beside the server; ``dispatch_pending``
is one drain.

A notice says the masked name and links to the case page, nothing more
(``TEMPLATES``): the link is the capability, and the page shows the rest.
Nothing claims to have sent an SMS that no gateway sent: without an SMS
gateway the platform keeps notices in the demo inbox (``/inbox``), and the
receipt's words say "follow it by scanning the code", not "you will get a text".
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from central.cases import applicant_of, case_by_client_id
from central.platform import Platform
from central.store import now_iso, sql
from central.store.platform_store import SET_META

log = logging.getLogger(__name__)

CURSOR_KEY = "notices.cursor"

# {name}: the masked name (张*丰); {link}: the case page. Nothing else goes in.
TEMPLATES = {
    "zh": "【政务服务】{name}您好，您的办件有新进展，请点击查看：{link}",
    "en": "[Gov services] {name}, there is news on your application: {link}",
}


def render(lang: str, masked_name: str, link: str) -> str:
    return TEMPLATES.get(lang, TEMPLATES["zh"]).format(name=masked_name or "您", link=link)


@dataclass(frozen=True)
class Notice:
    """One message about one status change of one case."""

    seq: int  # the status event's sequence number
    client_id: str
    status: str
    masked_name: str
    link: str
    phone: str = ""  # the applicant's number from the form, if the form asked for one


class Notifier(Protocol):
    """Where notices go. ``deliver`` returns (channel, state, detail) for the record:
    state ``sent`` only when a gateway accepted the message."""

    def deliver(self, notice: Notice) -> tuple[str, str, str]: ...


class SmsGateway(Protocol):
    """A province's SMS gateway (its REST or CMPP adapter): send one text, return
    the gateway's message id, raise ``SmsError`` when it refuses."""

    def send(self, phone: str, text: str) -> str: ...


class SmsError(Exception):
    """The gateway refused or could not be reached."""


class DemoInbox:
    """Keeps each notice for the demo phone-inbox page; sends nothing."""

    def __init__(self, lang: str = "zh") -> None:
        self.lang = lang

    def deliver(self, notice: Notice) -> tuple[str, str, str]:
        return "demo_inbox", "kept", ""


class SmsNotifier:
    """Renders the template and hands it to the gateway; a case without a phone
    number on its form gets no SMS (and the record says so)."""

    def __init__(self, gateway: SmsGateway, lang: str = "zh") -> None:
        self.gateway = gateway
        self.lang = lang

    def deliver(self, notice: Notice) -> tuple[str, str, str]:
        if not notice.phone:
            return "sms", "no_number", ""
        try:
            message_id = self.gateway.send(
                notice.phone, render(self.lang, notice.masked_name, notice.link)
            )
        except SmsError as exc:
            log.warning("SMS for status event %d refused: %s", notice.seq, exc)
            return "sms", "failed", str(exc)[:200]
        return "sms", "sent", message_id


def dispatch_pending(
    platform: Platform, notifier: Notifier, base_url: str, lang: str = "zh", limit: int = 200
) -> int:
    """Turn the status events after the cursor into notices; returns how many."""
    store = platform.store
    cursor = int(store.get_meta(CURSOR_KEY, "0") or 0)
    rows = store.query(
        "SELECT seq, client_id, status FROM status_events WHERE seq > :cursor "
        "ORDER BY seq LIMIT :limit",
        {"cursor": cursor, "limit": limit},
    )
    done = 0
    for seq, client_id, status in rows:
        case = case_by_client_id(platform, str(client_id))
        if case is None:
            continue
        applicant = applicant_of(platform, case.case_number)
        link = f"{base_url.rstrip('/')}/cases/{client_id}"
        notice = Notice(int(seq), str(client_id), str(status), applicant.masked_name, link,
                        applicant.phone)  # fmt: skip
        channel, state, detail = notifier.deliver(notice)
        text = render(lang, notice.masked_name, link)
        with store.transaction() as conn:
            conn.execute(
                sql(
                    "INSERT INTO notices(seq, client_id, status, channel, text, state, detail, "
                    "at) VALUES (:seq, :client, :status, :channel, :text, :state, :detail, :at) "
                    "ON CONFLICT DO NOTHING"
                ),
                {"seq": notice.seq, "client": notice.client_id, "status": notice.status,
                 "channel": channel, "text": text, "state": state, "detail": detail,
                 "at": now_iso()},
            )  # fmt: skip
            conn.execute(sql(SET_META), {"key": CURSOR_KEY, "value": str(seq)})
        done += 1
    if rows and not done:
        store.set_meta(CURSOR_KEY, str(rows[-1][0]))
    return done


@dataclass(frozen=True)
class InboxRow:
    client_id: str
    status: str
    channel: str
    state: str
    text: str
    at: str


def inbox(platform: Platform, limit: int = 50) -> list[InboxRow]:
    """The newest notices, for the demo inbox page (masked names and links only)."""
    rows = platform.store.query(
        "SELECT client_id, status, channel, state, text, at FROM notices "
        "ORDER BY id DESC LIMIT :limit",
        {"limit": limit},
    )
    return [InboxRow(*(str(v) for v in r)) for r in rows]


class NoticePump:
    """Drains status events into notices every ``interval`` seconds, in a thread."""

    def __init__(
        self,
        platform: Platform,
        notifier: Notifier,
        base_url: Callable[[], str],
        interval: float = 1.0,
    ) -> None:
        self.platform = platform
        self.notifier = notifier
        self.base_url = base_url
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> NoticePump:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="notice-pump", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                dispatch_pending(self.platform, self.notifier, self.base_url())
            except Exception:  # noqa: BLE001 - the pump must outlive one bad round
                log.exception("notice dispatch failed; trying again")

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._thread = None
