"""The journey's lists as QML models (``ui.models.RowsModel`` with their roles).

Each list a journey screen repeats (materials, review rows, receipt lines,
cases, proofs, rating levels and reasons) is a ``RowsModel`` subclass that
names its roles. A QVariantList property would be rebuilt and re-read whole
on every change; a model tells QML which rows changed, so a ticked material
repaints one row and the screen keeps its scroll position.
"""

from __future__ import annotations

from ui.models import RowsModel


class MaterialsModel(RowsModel):
    """The service's materials checklist; ``mandatory`` rather than ``required``,
    which QML reserves for delegate properties."""

    ROLES = ("code", "name", "mandatory", "ticked")


class CasesModel(RowsModel):
    """Applications found by a progress query."""

    ROLES = ("trackingNo", "service", "maskedName", "status", "created", "caseNumber",
             "certificate")  # fmt: skip


class ProofServicesModel(RowsModel):
    """Proofs the platform prints for the resident."""

    ROLES = ("code", "name")


class LevelsModel(RowsModel):
    """The five rating levels (非常满意 ... 非常不满意)."""

    ROLES = ("level", "label", "selected")


class ReasonsModel(RowsModel):
    """What went wrong, asked after a bad rating."""

    ROLES = ("code", "label", "selected")
