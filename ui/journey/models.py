"""The journey's lists as QML models: one role per field, rows updated in place.

Each list a journey screen repeats (materials, review rows, receipt lines,
cases, proofs, rating levels and reasons) is a ``RowsModel`` subclass that
names its roles. A QVariantList property would be rebuilt and re-read whole
on every change; a model tells QML which rows changed, so a ticked material
repaints one row and the screen keeps its scroll position.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

Index = QModelIndex | QPersistentModelIndex
Row = dict[str, Any]


class RowsModel(QAbstractListModel):
    """Rows of plain values; a subclass lists its roles in ``ROLES``."""

    ROLES: ClassVar[tuple[str, ...]] = ()
    countChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._ids = {Qt.ItemDataRole.UserRole + 1 + i: n for i, n in enumerate(self.ROLES)}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        return {k: QByteArray(v.encode()) for k, v in self._ids.items()}

    def data(self, index: Index, role: int = 0) -> Any:
        name = self._ids.get(role)
        if name is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()].get(name)

    def _get_count(self) -> int:
        return len(self._rows)

    count = Property(int, _get_count, notify=countChanged)

    def rows(self) -> list[Row]:
        """A copy of what the list shows, for Python callers and tests."""
        return [dict(r) for r in self._rows]

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show ``rows``: the same number of rows changes in place, another resets."""
        new = [{n: r.get(n) for n in self.ROLES} for r in rows]
        if len(new) == len(self._rows):
            changed = [i for i, (a, b) in enumerate(zip(self._rows, new, strict=True)) if a != b]
            self._rows = new
            if changed:
                self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()
        self.countChanged.emit()

    def clear(self) -> None:
        self.set_rows([])


class MaterialsModel(RowsModel):
    """The service's materials checklist; ``mandatory`` rather than ``required``,
    which QML reserves for delegate properties."""

    ROLES = ("code", "name", "mandatory", "ticked")


class LabelValueModel(RowsModel):
    """Label and value pairs: the review of the answers, the receipt's lines."""

    ROLES = ("label", "value")


class CasesModel(RowsModel):
    """Applications found by a progress query."""

    ROLES = ("trackingNo", "service", "maskedName", "status", "created", "caseNumber")


class ProofServicesModel(RowsModel):
    """Proofs the platform prints for the resident."""

    ROLES = ("code", "name")


class LevelsModel(RowsModel):
    """The five rating levels (非常满意 ... 非常不满意)."""

    ROLES = ("level", "label", "selected")


class ReasonsModel(RowsModel):
    """What went wrong, asked after a bad rating."""

    ROLES = ("code", "label", "selected")
