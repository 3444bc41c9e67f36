"""The journey's shape: small areas with their own signals, proofs chosen by the domain,
worker results carried to the GUI thread."""

from __future__ import annotations

import threading
from collections import Counter
from types import SimpleNamespace
from typing import Any

import pytest

from kiosk.proofs import is_proof, proof_services

pytest.importorskip("PySide6")


def test_proofs_are_the_platform_bound_printouts() -> None:
    def svc(name: str, online: bool) -> Any:
        return SimpleNamespace(code="X", name_zh=name, needs_online=online)

    assert is_proof(svc("社会保险参保证明打印", True))
    assert is_proof(svc("学籍证明打印", True))
    assert not is_proof(svc("往来港澳通行证签注", True))  # online, but not a printout
    assert not is_proof(svc("户籍证明打印", False))  # a printout done at the counter
    assert [s.name_zh for s in proof_services([svc("A", True), svc("B证明", True)])] == ["B证明"]


def test_the_sample_catalogs_proofs_are_listed(journey_app: Any) -> None:
    from ui.journey import JourneyAreas

    j = JourneyAreas.of(journey_app.backends)
    codes = [r["code"] for r in j.proofs.proofServices.rows()]
    assert "RS0102" in codes and "GA0202" in codes
    assert "GA0301" not in codes and "YB0102" not in codes


def test_every_area_property_has_a_signal_of_its_own_or_of_a_small_group(
    journey_app: Any,
) -> None:
    """No area goes back to one ``changed`` for everything: a signal notifies at
    most the few properties that truly change together."""
    from PySide6.QtCore import QObject

    from ui.journey import NAMES

    for name in NAMES:
        obj = journey_app.backends.areas[name]
        meta = obj.metaObject()
        notifies: Counter[str] = Counter()
        for i in range(QObject.staticMetaObject.propertyCount(), meta.propertyCount()):
            prop = meta.property(i)
            if prop.isConstant():
                continue  # a list model or the form: the model itself signals its rows
            assert prop.hasNotifySignal(), f"{name}.{prop.name()} has no notify signal"
            notifies[bytes(prop.notifySignal().name()).decode()] += 1
        assert notifies, name
        worst, count = notifies.most_common(1)[0]
        assert count <= 4, f"{name}.{worst} notifies {count} properties"


def test_gui_thread_helper_runs_a_workers_result_on_the_gui_thread(qtbot: Any) -> None:
    from ui.gui_thread import GuiThread

    helper = GuiThread()
    ran: list[tuple[str, bool]] = []
    gui = threading.current_thread()

    def done(key: str) -> None:
        ran.append((key, threading.current_thread() is gui))

    worker = threading.Thread(target=helper.post, args=(done, "submitted.a4.done"))
    worker.start()
    worker.join()
    assert ran == []  # queued: not run on the worker
    qtbot.waitUntil(lambda: bool(ran), timeout=2000)
    assert ran == [("submitted.a4.done", True)]
