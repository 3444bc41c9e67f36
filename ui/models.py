"""List models QML repeats: one role per field, rows updated in place.

A QVariantList property is rebuilt and re-read whole on every change; a model
tells QML which rows changed, so a ticked box repaints one row and the screen
keeps its scroll position. The journey's and the technician's lists subclass
``RowsModel`` and name their roles.
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
        """Show ``rows`` in place: changed rows repaint, the tail is added or removed.

        Never a reset: a reset made a ListView drop delegates it was still
        creating ("DelegateModel::cancel: index out range") and redraw the
        whole list under the resident's finger.
        """
        new = [{n: r.get(n) for n in self.ROLES} for r in rows]
        old = len(self._rows)
        if len(new) < old:
            self.beginRemoveRows(QModelIndex(), len(new), old - 1)
            del self._rows[len(new) :]
            self.endRemoveRows()
        common = min(old, len(new))
        changed = [i for i in range(common) if self._rows[i] != new[i]]
        self._rows[:common] = new[:common]
        if changed:
            self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))
        if len(new) > old:
            self.beginInsertRows(QModelIndex(), old, len(new) - 1)
            self._rows.extend(new[old:])
            self.endInsertRows()
        if len(new) != old:
            self.countChanged.emit()

    def clear(self) -> None:
        self.set_rows([])


class LabelValueModel(RowsModel):
    """Label and value pairs: the review of the answers, the receipt's lines."""

    ROLES = ("label", "value")
