"""What the Search screen binds to (QML name ``Search``): the query and its results.

Python searches on every keystroke (pinyin pre-edit included, so results move
while the resident is still choosing a hanzi candidate).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from ui.catalog.shelf import CatalogShelf, ServiceListModel
from ui.navigator import ATTRACT

SEARCH_SCREEN = "Search"
SEARCH_LIMIT = 30


class SearchArea(QObject):
    """The resident's query; the results are a list model."""

    queryChanged = Signal()
    # The tour (and only the tour) types on the virtual keyboard through QML.
    typeOnKeyboard = Signal(str)

    def __init__(self, backends: Any, shelf: CatalogShelf) -> None:
        super().__init__()
        self._shelf = shelf
        self._navigator = backends.navigator
        self._query = ""
        self.resultsModel = ServiceListModel(self)
        shelf.reloaded.connect(self._search)
        shelf.visitEnded.connect(self.reset)
        backends.navigator.screenChanged.connect(self._on_screen)

    def _get_query(self) -> str:
        return self._query

    query = Property(str, _get_query, notify=queryChanged)

    @Slot(str)
    def setQuery(self, text: str) -> None:
        """Called by the field on every key (committed text plus pinyin pre-edit)."""
        if text == self._query:
            return
        self._query = text
        self.queryChanged.emit()
        self._search()

    def _search(self) -> None:
        q = self._query
        hits = self._shelf.store.search(q, SEARCH_LIMIT) if q.strip() else []
        self.resultsModel.set_rows([self._shelf.row(h.service) for h in hits])

    @Property(QObject, constant=True)
    def results(self) -> QObject:
        return self.resultsModel

    @Slot(str)
    def typeForTour(self, text: str) -> None:
        """Ask the screen to type ``text`` key by key on the virtual keyboard."""
        self.typeOnKeyboard.emit(text)

    def _on_screen(self) -> None:
        screen = self._navigator.screen
        if screen != ATTRACT and screen != SEARCH_SCREEN and self._query:
            # A search screen opens empty (its field too); the next one is made
            # ahead while another shows (KeptScreen.qml): not over the old rows.
            self.setQuery("")

    def reset(self) -> None:
        """Forget the query and its results for the next resident."""
        self.setQuery("")
