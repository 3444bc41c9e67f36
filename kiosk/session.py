"""The resident's session: everything of one visit, wiped at its end.

A session holds the identity and whatever the resident typed. Anything else
that keeps session data (UI models, caches) registers a wipe callback, so a
single ``wipe()`` on finish, idle timeout or card removal clears all of it.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class Session:
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    identity: Any = None
    data: dict[str, Any] = field(default_factory=dict)


class SessionManager:
    def __init__(self) -> None:
        self.current = Session()
        self._on_wipe: list[Callable[[], None]] = []

    def on_wipe(self, callback: Callable[[], None]) -> None:
        self._on_wipe.append(callback)

    def wipe(self, reason: str) -> None:
        """Forget the visit: identity, form data, and every registered holder."""
        old = self.current
        old.identity = None
        old.data.clear()
        self.current = Session()
        for callback in self._on_wipe:
            callback()
        log.info("session wiped (%s)", reason)
