"""Tour steps of the technician pages: the PIN pad, and every page in both languages.

A fresh kiosk's PIN pad (no PIN yet: it asks for the one-time set-up code, then
the new PIN) and the question before the kiosk program exits are shown too.

The devices page uses the device tour's simulators (paper near its end, so the
warning shows); the sync page gets one quarantined item; the provisioning page
shows the plain message of a refused token. The tour runs in a data folder of
its own, so none of this touches a real kiosk.
"""

from __future__ import annotations

from typing import Any

from kiosk.outbox import NewItem, Outbox
from kiosk.settings import set_setting
from kiosk.technician.pages import PAGES
from kiosk.technician.pin import LOCK_SETTING, PIN_SETTING
from ui.technician import TechnicianAreas
from ui.tour import TourStep

TOUR_PIN = "246810"


def _tech(b: Any) -> TechnicianAreas:
    tech = TechnicianAreas.of(b)
    if not tech.entry.guard.is_set():
        tech.entry.guard.set_pin(TOUR_PIN)
    return tech


def _clean_count(b: Any) -> None:
    """The tour's own data folder: start each step with no wrong tries counted."""
    set_setting(b.storage, LOCK_SETTING, "")


def _taps(b: Any) -> None:
    b.navigator.start()
    for _ in range(5):
        b.shell.cornerTap()  # what Main.qml's corner calls


def _corner(b: Any) -> None:
    _tech(b)
    _taps(b)


def _pin_wrong(b: Any) -> None:
    _corner(b)
    _tech(b).entry.enterPin("000000")


def _first_run(b: Any) -> None:
    """A kiosk without a PIN: the pad asks for the one-time set-up code."""
    set_setting(b.storage, PIN_SETTING, "")  # the tour's own data folder: a fresh kiosk
    _clean_count(b)
    _taps(b)


def _first_run_new_en(b: Any) -> None:
    """The set-up code was right: the pad asks for the new PIN."""
    _first_run(b)
    entry = TechnicianAreas.of(b).entry
    code, _ = entry.guard.issue_setup_code()
    entry.enterPin(code)
    b.i18n.toggle()


def _enter(b: Any) -> TechnicianAreas:
    tech = _tech(b)
    _corner(b)
    _clean_count(b)
    tech.entry.enterPin(TOUR_PIN)
    return tech


def _exit_asked(lang: str) -> TourStep:
    def setup(b: Any) -> None:
        tech = _enter(b)
        if lang == "en":
            b.i18n.toggle()
        tech.shell.exitKiosk()  # asks; only the question's confirm button ends the program

    return TourStep(f"technician-exit-confirm-{lang}", setup)


def _devices(b: Any, tech: TechnicianAreas) -> None:
    from ui.tours.devices import _ensure_demo, _wait

    demo = _ensure_demo(b)
    demo.printer.set_paper("near_end")
    for _ in range(40):
        if b.wired.devices.states()["printer"]["state"] == "paper_near_end":
            break
        _wait(50)
    tech.devices.code_scanned("ABC-123456")  # what a test scan shows


def _sync(b: Any, tech: TechnicianAreas) -> None:
    outbox = Outbox(b.storage, b.config.kiosk.code)
    if not outbox.quarantined():
        item = outbox.enqueue(NewItem("application", b"tour", "S1", 1, "张*", ""))
        outbox.quarantine(item.client_id, "rejected: form version 1 withdrawn by the platform")


def _provision(b: Any, tech: TechnicianAreas) -> None:
    tech.shell.say(b.i18n.t("error.provision.token", ""))


PREPARE = {"devices": _devices, "sync": _sync, "provision": _provision}


def _page(page: str, lang: str, elderly: bool = False) -> TourStep:
    def setup(b: Any) -> None:
        tech = _enter(b)
        if lang == "en":
            b.i18n.toggle()
        if elderly:
            b.style.toggleElderly()
        prepare = PREPARE.get(page)
        if prepare is not None and page != "provision":
            prepare(b, tech)
        tech.shell.setPage(page)
        if page == "provision":
            _provision(b, tech)

    return TourStep(f"technician-{page}-{'elderly-' if elderly else ''}{lang}", setup)


STEPS: list[TourStep] = [
    TourStep("technician-pin-zh", _corner),
    TourStep("technician-pin-wrong-zh", _pin_wrong),
    TourStep("technician-first-run-zh", _first_run),
    TourStep("technician-first-run-new-en", _first_run_new_en),
    _exit_asked("zh"),
    _exit_asked("en"),
    *[_page(page, lang) for page in PAGES for lang in ("zh", "en")],
    _page("devices", "zh", elderly=True),
    _page("sync", "en", elderly=True),
]
