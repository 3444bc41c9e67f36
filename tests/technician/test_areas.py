"""The technician area's shape: small objects with their own signals, lists as models."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("PySide6")


@pytest.fixture
def backends(qapp: Any, config: Any) -> Iterator[Any]:
    from kiosk.storage import open_storage
    from ui.backends import build_backends

    storage = open_storage(config.database_path)
    b = build_backends(config, storage)
    yield b
    b.close()
    storage.close()


def test_every_technician_property_has_a_signal_of_its_own(backends: Any) -> None:
    """No object goes back to one ``changed`` for everything, and no list that changes
    is a QVariantList: lists that change are models with roles."""
    from PySide6.QtCore import QObject

    from ui.technician import NAMES

    for name in NAMES:
        meta = backends.areas[name].metaObject()
        notifies: Counter[str] = Counter()
        for i in range(QObject.staticMetaObject.propertyCount(), meta.propertyCount()):
            prop = meta.property(i)
            if prop.isConstant():
                continue  # a list model (it signals its own rows) or a fixed list
            assert prop.typeName() != "QVariantList", f"{name}.{prop.name()} is a plain list"
            assert prop.hasNotifySignal(), f"{name}.{prop.name()} has no notify signal"
            notifies[bytes(prop.notifySignal().name()).decode()] += 1
        assert all(count == 1 for count in notifies.values()), (name, notifies)


def test_the_pages_lists_are_models_with_roles(backends: Any) -> None:
    from PySide6.QtCore import QAbstractListModel

    from ui.technician import TechnicianAreas

    tech = TechnicianAreas.of(backends)
    tech.entry.guard.set_pin("246810")
    backends.navigator.start()
    for _ in range(5):
        backends.shell.cornerTap()
    tech.entry.enterPin("246810")
    models = {
        "devices": tech.devices.rows, "ports": tech.devices.ports,
        "choices": tech.devices.portChoices, "sync": tech.sync.rows,
        "quarantined": tech.sync.quarantined, "info": tech.info.rows, "logs": tech.logs.lines,
    }  # fmt: skip
    for what, model in models.items():
        assert isinstance(model, QAbstractListModel), what
        assert model.roleNames(), what
    assert [r["device"] for r in tech.devices.rows.rows()] == ["idcard", "printer", "scanner"]
    assert tech.devices.portChoices.rows()[0] == {"port": ""}  # "no port" comes first
    assert tech.info.rows.count == len(tech.info.rows.rows()) > 0
    tech.shell.leave()
