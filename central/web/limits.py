"""A small sliding-window rate limit for the phone pages, against guessing.

The case page's capability is an unguessable client id (a UUID4: 122 random
bits), so guessing cannot find a case; the limit keeps a scanner from trying
anyway, and keeps the second factor (four characters) from being tried fast.
Counted per client address in memory: a platform behind a proxy passes the
real address, and a province's gateway usually limits too.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque


class RateLimit:
    """At most ``limit`` events per ``window`` seconds per key."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._events: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _trim(self, key: str, now: float) -> deque[float]:
        events = self._events[key]
        while events and events[0] <= now - self.window:
            events.popleft()
        return events

    def blocked(self, key: str) -> bool:
        with self._lock:
            return len(self._trim(key, time.monotonic())) >= self.limit

    def hit(self, key: str) -> bool:
        """Count one event; True when the key is over its limit now."""
        with self._lock:
            now = time.monotonic()
            events = self._trim(key, now)
            events.append(now)
            if len(self._events) > 10_000:  # forget idle keys, so memory stays bounded
                for k in [k for k, v in self._events.items() if not v]:
                    del self._events[k]
            return len(events) > self.limit
