"""The technician pages' lists as QML models: one role per field, rows updated in place.

A page that lists devices, ports, sync figures, quarantined items or log
lines binds to a model, so a device's new state repaints its own card and a
page keeps its scroll position. Rows come from ``kiosk.technician.pages``
(what a page lists); these classes only name the roles. Role names avoid
properties every QML item already has (``state``, ``enabled``).
"""

from __future__ import annotations

from ui.models import LabelValueModel, RowsModel

__all__ = [
    "DeviceRowsModel",
    "LabelValueModel",
    "LogLinesModel",
    "PortChoicesModel",
    "PortsModel",
    "QuarantinedModel",
]


class DeviceRowsModel(RowsModel):
    """The serial roles: port and baud (with the port's index among the choices), live state."""

    ROLES = (
        "device", "port", "portIndex", "baud", "deviceEnabled",
        "status", "ok", "reason", "warning",
    )  # fmt: skip


class PortsModel(RowsModel):
    """Serial ports the kiosk sees, and the role using each ("" for none)."""

    ROLES = ("port", "usedBy")


class PortChoicesModel(RowsModel):
    """What a port selector offers: no port first, then every port."""

    ROLES = ("port",)


class QuarantinedModel(RowsModel):
    """Outbox items the platform refused, with the reason."""

    ROLES = ("clientId", "title", "kind", "at", "reason")


class LogLinesModel(RowsModel):
    """The newest lines of the kiosk's log."""

    ROLES = ("line",)
