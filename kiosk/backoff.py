"""Exponential backoff with jitter and a cap, reset on success: the sync engine
retrying the platform and the device workers reopening a port both use it.

"Equal jitter": the delay is drawn from [base/2, base], so kiosks that lost
the network together do not all come back in the same second, yet none waits
much less than the schedule says. A server's Retry-After is a floor.
"""

from __future__ import annotations

import random


class Backoff:
    def __init__(self, initial: float, cap: float, rng: random.Random | None = None) -> None:
        self.initial = max(0.001, initial)
        self.cap = max(self.initial, cap)
        self.failures = 0
        self._rng = rng or random.Random()

    def next_delay(self, retry_after: float | None = None) -> float:
        base = min(self.cap, self.initial * (2 ** min(self.failures, 60)))
        self.failures += 1
        delay = self._rng.uniform(base / 2, base)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.cap))
        return delay

    def reset(self) -> None:
        self.failures = 0
