"""The Qt wrapper: worker-thread callbacks arrive as GUI-thread signals."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QThread  # noqa: E402

from devices.manager import DeviceManager  # noqa: E402
from devices.sim.idcard_sim import IdCardSimulator  # noqa: E402
from devices.sim.printer_sim import PrinterSimulator  # noqa: E402
from tests.devices.test_manager import section  # noqa: E402
from ui.devices_backend import Devices  # noqa: E402


def test_card_and_states_reach_the_gui_thread(
    qapp: Any, qtbot: Any, card_sim: IdCardSimulator, printer_sim: PrinterSimulator
) -> None:
    manager = DeviceManager(section(card=card_sim.url, printer=printer_sim.url))
    devices = Devices(manager)
    seen_threads: list[bool] = []
    devices.cardInserted.connect(
        lambda ident: seen_threads.append(QThread.currentThread() is qapp.thread())
    )
    try:
        manager.start()
        card_sim.place({"name": "赵六"})
        with qtbot.waitSignal(devices.cardInserted, timeout=5000) as blocker:
            pass
        assert blocker.args[0].name == "赵六"
        assert seen_threads == [True]
        assert devices.cardPresent and devices.cardSummary.startswith("赵*")
        qtbot.waitUntil(lambda: _state(devices, "printer") == "ok", timeout=5000)
        printer_sim.set_paper("near_end")
        qtbot.waitUntil(lambda: _state(devices, "printer") == "paper_near_end", timeout=5000)
        with qtbot.waitSignal(devices.printFinished, timeout=5000) as done:
            devices.testPrint()
        assert done.args == [True, ""]
        with qtbot.waitSignal(devices.cardRemoved, timeout=5000):
            card_sim.remove()
        assert not devices.cardPresent
    finally:
        manager.stop()


def _state(devices: Devices, name: str) -> str:
    model = devices.model
    roles = {bytes(v).decode(): k for k, v in model.roleNames().items()}
    for row in range(model.rowCount()):
        idx = model.index(row)
        if model.data(idx, roles["device"]) == name:
            return str(model.data(idx, roles["status"]))
    return ""
