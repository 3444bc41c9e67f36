"""The technician's pages through the real screens, tapped with the pointer.

Nothing here calls the Technician's Python to get in: five taps in the
window's top-right corner open the PIN pad, the PIN is tapped on its keys,
each page is opened by tapping its tab, and what the screen says is read back.
Any QML warning fails a test (pytest-qt's qt_log_level_fail, pyproject.toml).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from kiosk.i18n import translate  # noqa: E402
from kiosk.settings import get_setting, set_setting  # noqa: E402
from kiosk.technician import audit  # noqa: E402
from kiosk.technician.pin import LOCK_SETTING, PIN_SETTING  # noqa: E402

PIN = "246810"
FIRST_RUN_SETTING = "technician.first_run_code"  # kiosk.technician.pin's, hashed
ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def t(key: str, lang: str = "zh", **params: Any) -> str:
    return translate(key, lang, **params)


@pytest.fixture
def tech_app(journey_app: Any) -> Iterator[Any]:
    """The shared app on its attract screen, with the demo PIN and a clean lockout."""
    b = journey_app.backends
    b.shell.endSession("test")
    guard = b.areas["TechEntry"].guard
    if not guard.is_set():
        guard.set_pin(PIN)
    set_setting(b.storage, LOCK_SETTING, "")
    yield journey_app
    b.areas["Technician"].leave()
    b.shell.endSession("test")
    if not guard.is_set():
        guard.set_pin(PIN)
    set_setting(b.storage, LOCK_SETTING, "")


@pytest.fixture
def screen(tech_app: Any) -> Any:
    from ui.testing.screen import Screen

    tech_app.window.resize(1080, 1920)
    s = Screen(tech_app.window)
    s.wait_for("政务服务自助终端")
    return s


def corner_taps(s: Any) -> None:
    """Five quick taps on the very corner of the glass, top right."""
    from PySide6.QtCore import QPointF

    corner = QPointF(s.window.width() - 6, 6)
    for _ in range(5):
        s.tap_at(corner)


def tap_digits(s: Any, digits: str) -> None:
    for digit in digits:
        s.tap(digit)
    s.tap(t("tech.pin.enter"))


def enter(s: Any, pin: str = PIN) -> None:
    corner_taps(s)
    s.wait_for(t("tech.pin.title"))
    tap_digits(s, pin)
    s.wait_for(t("tech.title"))


def row_value(s: Any, label: str) -> str:
    """The value shown right after a label on a page of label/value rows."""
    texts = s.texts()
    assert label in texts, f"{label!r} is not on the screen: {texts}"
    return str(texts[texts.index(label) + 1])


def shown_time(iso: str, lang: str) -> str:
    """How a stored UTC moment must read: local time, written the page's way."""
    local = dt.datetime.fromisoformat(iso).astimezone()
    month = t("tech.time.months", lang).split(",")[local.month - 1]
    return t(
        "tech.time.format", lang, year=local.year, month=month, day=local.day,
        hour=f"{local.hour:02d}", minute=f"{local.minute:02d}",
    )  # fmt: skip


# -- item 1: in by the corner and the PIN pad, then every page by its tab -----------------
PAGE_SAYS = {
    "devices": "tech.devices.test_print",
    "sync": "tech.sync.now",
    "kiosk": "tech.info.kiosk_code",
    "logs": "tech.logs.export",
    "provision": "tech.provision.scan_hint",
    "reprint": "tech.reprint.button",
}


def test_corner_taps_open_the_pin_pad_and_every_page_opens_by_its_tab(
    tech_app: Any, screen: Any
) -> None:
    s = screen
    corner_taps(s)
    s.wait_for(t("tech.pin.title"))
    tap_digits(s, "111111")  # a wrong PIN: said plainly, the pad stays
    s.wait_for(t("error.pin.wrong", left=4))
    assert not tech_app.backends.areas["Technician"].property("active")
    tap_digits(s, PIN)
    s.wait_for(t("tech.title"))
    assert s.says(t("tech.info.kiosk_code"))  # the kiosk page opens first
    for page, says in PAGE_SAYS.items():
        s.tap(t(f"tech.page.{page}"))
        s.wait_for(t(says))
    s.tap(t("tech.leave"))
    s.wait_for("政务服务自助终端")
    assert not tech_app.backends.areas["Technician"].property("active")


# -- item 2: a fresh kiosk sets its first PIN on the touchscreen ----------------------------
def _first_run_code(config: Any, tmp_path: Path, capsys: Any) -> str:
    """What `kiosk technician first-run-code` prints, run against the app's data folder."""
    from app.cli import main

    toml = tmp_path / "kiosk.toml"
    toml.write_text(f'[kiosk]\ndata_dir = "{config.data_dir}"\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["--config", str(toml), "technician", "first-run-code"]) == 0
    return str(capsys.readouterr().out.splitlines()[0].strip())


def test_fresh_kiosk_sets_its_first_pin_on_the_touchscreen_with_a_one_time_code(
    tech_app: Any, screen: Any, tmp_path: Path, capsys: Any
) -> None:
    from kiosk.technician.pin import verify_hash

    s, b = screen, tech_app.backends
    set_setting(b.storage, PIN_SETTING, "")  # a fresh kiosk: no PIN yet
    corner_taps(s)
    s.wait_for(t("tech.pin.first.not_set"))
    assert s.says(t("tech.pin.first.code"))
    # the resident-facing glass never tells anyone to run a command
    assert not any("kiosk technician" in x or "set-pin" in x for x in s.texts())
    code = _first_run_code(b.config, tmp_path, capsys)
    assert code.isdigit() and len(code) == 8
    stored = get_setting(b.storage, FIRST_RUN_SETTING)
    assert code not in stored and verify_hash(code, stored.split('"hash": "')[1].split('"')[0])
    wrong = "00000000" if code != "00000000" else "11111111"
    tap_digits(s, wrong)
    s.wait_for(t("error.pin.code_wrong", left=4))  # counted toward the existing lockout
    assert '"failures": 1' in get_setting(b.storage, LOCK_SETTING)
    tap_digits(s, code)
    s.wait_for(t("tech.pin.first.new"))
    tap_digits(s, "135790")
    s.wait_for(t("tech.pin.first.confirm"))
    tap_digits(s, "135791")  # not the same: choose again
    s.wait_for(t("error.pin.mismatch"))
    assert s.says(t("tech.pin.first.new"))
    tap_digits(s, "135790")
    s.wait_for(t("tech.pin.first.confirm"))
    tap_digits(s, "135790")
    s.wait_for(t("tech.pin.first.done"))
    assert s.says(t("tech.title"))
    pin_hash = get_setting(b.storage, PIN_SETTING)
    assert pin_hash.startswith("scrypt$") and verify_hash("135790", pin_hash)
    assert get_setting(b.storage, FIRST_RUN_SETTING) == ""  # used up
    actions = [e.action for e in audit.recent(b.storage, 10)]
    assert "pin.first_set" in actions
    # the code is spent: the CLI now refuses to make one, the PIN opens the pages
    s.tap(t("tech.leave"))
    s.wait_for("政务服务自助终端")
    enter(s, "135790")
    b.areas["TechEntry"].guard.set_pin(PIN)


def test_wrong_set_up_codes_lock_the_pad_like_wrong_pins(
    tech_app: Any, screen: Any, tmp_path: Path, capsys: Any
) -> None:
    s, b = screen, tech_app.backends
    set_setting(b.storage, PIN_SETTING, "")
    code = _first_run_code(b.config, tmp_path, capsys)
    wrong = "00000000" if code != "00000000" else "11111111"
    corner_taps(s)
    s.wait_for(t("tech.pin.first.code"))
    for left in (4, 3, 2, 1):
        tap_digits(s, wrong)
        s.wait_for(t("error.pin.code_wrong", left=left))
    tap_digits(s, wrong)
    s.wait_for(t("error.pin.locked", seconds=300))
    tap_digits(s, code)  # even the right code waits for the lock to end
    s.wait_for(t("error.pin.locked", seconds=300)[:8])
    assert s.says(t("tech.pin.first.code"))
    assert not b.areas["TechEntry"].guard.is_set()


# -- item 3: exit kiosk mode asks first, in both languages --------------------------------
def test_exit_kiosk_mode_asks_first_in_both_languages(
    tech_app: Any, screen: Any, monkeypatch: Any
) -> None:
    import ui.technician.shell as backend
    from ui.testing.screen import ScreenError

    ended: list[int] = []

    class EventLoop:  # stands in for QCoreApplication: the test process keeps running
        @staticmethod
        def exit(code: int = 0) -> None:
            ended.append(code)

    monkeypatch.setattr(backend, "QCoreApplication", EventLoop)
    s = screen
    enter(s)
    s.tap(t("tech.exit_kiosk"))
    s.wait_for(t("tech.exit.title"))
    assert s.says(t("tech.exit.body")) and not ended
    with pytest.raises(ScreenError, match="covered"):  # the page waits behind the question
        s.tap(t("tech.page.devices"))
    s.tap(t("tech.exit.cancel"))
    s.wait_until(lambda: not s.says(t("tech.exit.title")), what="the question to close")
    assert not ended and s.says(t("tech.title"))
    s.tap(t("common.language"))  # the top bar's language button
    s.wait_for(t("tech.title", "en"))
    s.tap(t("tech.exit_kiosk", "en"))
    s.wait_for(t("tech.exit.title", "en"))
    assert s.says(t("tech.exit.body", "en")) and not ended
    s.tap(t("tech.exit.confirm", "en"))
    assert ended == [0]
    actions = [e.action for e in audit.recent(tech_app.backends.storage, 5)]
    assert "kiosk.exit" in actions


# -- item 4: the catalog's version, and times in local time in the page's language ---------
def test_pages_show_the_catalog_version_and_local_times_in_the_pages_language(
    tech_app: Any, screen: Any
) -> None:
    from kiosk.catalog.store import CatalogStore

    s, b = screen, tech_app.backends
    store = CatalogStore(b.storage)
    version = store.version()
    store.close()
    assert version > 0  # the app seeded its sample catalog
    last_sync = "2026-01-05T06:30:00+00:00"
    set_setting(b.storage, "sync.last_success_at", last_sync)
    enter(s)
    assert row_value(s, t("tech.info.catalog_version")) == str(version)
    imported = row_value(s, t("tech.info.catalog_imported"))
    assert imported != "-" and "年" in imported
    assert not [x for x in s.texts() if ISO_TIME.search(x)], s.texts()
    s.tap(t("tech.page.sync"))
    s.wait_for(t("tech.sync.last"))
    assert row_value(s, t("tech.sync.last")) == shown_time(last_sync, "zh")
    s.tap(t("common.language"))
    s.wait_for(t("tech.sync.last", "en"))
    assert row_value(s, t("tech.sync.last", "en")) == shown_time(last_sync, "en")
    s.tap(t("tech.page.kiosk", "en"))
    s.wait_for(t("tech.info.catalog_version", "en"))
    assert row_value(s, t("tech.info.catalog_version", "en")) == str(version)
    assert not [x for x in s.texts() if ISO_TIME.search(x)], s.texts()


# -- item 5: every control on the technician's screens has a role and a name --------------
def _unnamed_controls(s: Any) -> list[str]:
    """Items under the technician screen a finger can press that a screen reader cannot name."""
    from ui.testing.screen import _takes_press, accessible

    roots = [i for i in s.items() if "Technician" in i.metaObject().className()]
    assert roots, "no technician screen is shown"
    bad: list[str] = []
    for item in s.items():
        if not any(_ancestor(r, item) for r in roots) or not _takes_press(item):
            continue
        if item.inherits("QQuickFlickable") or item.inherits("QQuickText"):
            continue  # a page that scrolls, a text (Qt lets every Text take a press for links)
        if not s.on_glass(item):
            continue
        node, named = item, False
        while node is not None and not named:
            role, name = accessible(node)
            named = bool(role and role != "ignored" and name)
            node = node.parentItem()
        if not named:
            bad.append(
                f"{item.metaObject().className()} {item.objectName()!r} "
                f"{item.property('text') or ''!r} in {item.parentItem().metaObject().className()}"
            )
    return bad


def named(s: Any, name: str) -> bool:
    """A control a screen reader calls ``name`` (not a text that happens to say it)."""
    return any(f.via == "accessible" for f in s.find_all(name))


def _ancestor(root: Any, item: Any) -> bool:
    node = item
    while node is not None:
        if node is root:
            return True
        node = node.parentItem()
    return False


def test_every_control_on_the_technician_screens_has_a_role_and_a_name(
    tech_app: Any, screen: Any
) -> None:
    s = screen
    corner_taps(s)
    s.wait_for(t("tech.pin.title"))
    assert _unnamed_controls(s) == []
    tap_digits(s, PIN)
    s.wait_for(t("tech.title"))
    for page in PAGE_SAYS:
        s.tap(t(f"tech.page.{page}"))
        s.wait_for(t(PAGE_SAYS[page]))
        assert _unnamed_controls(s) == [], page
    # the devices page names each selector by the device it sets
    s.tap(t("tech.page.devices"))
    for role in ("idcard", "printer", "scanner"):
        name = t("tech.devices.port_of", role=t(f"device.name.{role}"))
        assert named(s, name), name
    # the provisioning and reprint fields are named by what goes in them
    s.tap(t("tech.page.provision"))
    assert named(s, t("tech.provision.token"))
    s.tap(t("tech.page.reprint"))
    assert named(s, t("tech.reprint.hint"))
    s.tap(t("tech.exit_kiosk"))
    s.wait_for(t("tech.exit.title"))
    assert _unnamed_controls(s) == []
    s.tap(t("tech.exit.cancel"))
