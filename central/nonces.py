"""Spending a signed request's nonce without an fsync per GET.

Before: every signed request, GETs included, inserted its nonce into SQLite
and committed (synchronous=FULL: one fsync) on the event loop, and one in 200
pruned the table with an unindexed scan. At a province's 20,000 kiosks that
was most of the platform's time per request.

Now, one ``NonceWindow`` per store (per worker process):

- a nonce is kept in memory for as long as the timestamp window could still
  let its request in (arrival + 2 x window: its timestamp may be up to one
  window ahead of the clock), so a replay to this worker is refused from
  memory;
- a GET's nonce is written to the ``nonces`` table in batches, at most every
  ``flush_seconds`` (one transaction, one fsync for them all), so a restarted
  platform reloads the window and still refuses a replay across the restart
  (all but the last second's GETs after a power cut: a GET changes nothing);
- a request that changes something (every method but GET and HEAD) spends
  its nonce in the database itself (``PlatformStore.use_nonce``: the table's
  primary key), so its replay is refused across workers and machines that
  share the database;
- the window is bounded (``max_entries``): when it is full, GETs spend their
  nonces in the database too, slower but never less safe.

``central.api.auth`` checks a GET on the event loop (memory only) and every
other request in the thread pool (its nonce is a database write).
"""

from __future__ import annotations

import logging
import threading
import time
import weakref

from central.store import PlatformStore

log = logging.getLogger(__name__)

READ_ONLY = frozenset({"GET", "HEAD"})


class NonceWindow:
    """The nonces one worker has seen within the timestamp window."""

    def __init__(
        self,
        store: PlatformStore,
        window: int,
        *,
        max_entries: int = 2_000_000,
        flush_seconds: float = 1.0,
    ) -> None:
        self.store = store
        self.window = window
        self.max_entries = max_entries
        self.flush_seconds = flush_seconds
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()
        # "kiosk\0nonce" -> monotonic moment it may be forgotten; insertion order
        # is arrival order, so the oldest are always at the front
        self._seen: dict[str, float] = {}
        self._pending: list[tuple[str, str, int]] = []
        self._flushed_at = time.monotonic()
        self._flushing = False
        self._load()
        store.before_close.append(self.flush)  # a clean stop keeps the last second too

    def _load(self) -> None:
        """The window as the database holds it (a restart keeps refusing replays)."""
        rows = self.store.recent_nonces(int(time.time()) - self.window)
        keep_until = time.monotonic() + 2 * self.window
        for kiosk_id, nonce in rows[: self.max_entries]:
            self._seen[f"{kiosk_id}\0{nonce}"] = keep_until
        if rows:
            log.info("nonce window: %d recent nonces reloaded", len(rows))

    def spend(self, kiosk_id: str, nonce: str, ts: int, method: str) -> bool:
        """True the first time ``nonce`` is presented by ``kiosk_id``; False for a replay.

        A GET's nonce costs a dictionary lookup (the event loop may call this for
        one: no I/O happens here, the batch is written by a thread of its own);
        any other method's is written to the database before this returns, so
        call it off the event loop for those."""
        key = f"{kiosk_id}\0{nonce}"
        now = time.monotonic()
        durable = method.upper() not in READ_ONLY
        with self._lock:
            self._expire(now)
            if key in self._seen:
                return False
            if not durable and len(self._seen) < self.max_entries:
                self._seen[key] = now + 2 * self.window
                self._pending.append((kiosk_id, nonce, ts))
                if now - self._flushed_at >= self.flush_seconds and not self._flushing:
                    self._flushing = True
                    self._flushed_at = now
                    threading.Thread(target=self._flush_now, name="nonce-flush",
                                     daemon=True).start()  # fmt: skip
                return True
        # not a GET, or the window is full (2,000,000: some 40,000 kiosks' 20 minutes):
        # the database decides, slower but as safe
        if not self.store.use_nonce(kiosk_id, nonce, ts, self.window):
            return False  # spent before: in another worker, or before a restart
        with self._lock:
            if len(self._seen) < self.max_entries:
                self._seen[key] = now + 2 * self.window
        return True

    def _flush_now(self) -> None:
        try:
            self.flush()
        except Exception:  # a closed store at shutdown: the close hook has flushed
            log.exception("nonce window not written")
        finally:
            with self._lock:
                self._flushing = False

    def flush(self) -> None:
        """Write the GETs' nonces seen since the last flush (one transaction)."""
        with self._flush_lock:
            with self._lock:
                rows, self._pending = self._pending, []
            if rows:
                self.store.record_nonces(rows, int(time.time()) - 2 * self.window)

    def _expire(self, now: float) -> None:
        seen = self._seen
        while seen:
            oldest = next(iter(seen))
            if seen[oldest] > now:
                return
            del seen[oldest]

    def __len__(self) -> int:
        return len(self._seen)


_WINDOWS: weakref.WeakKeyDictionary[PlatformStore, NonceWindow] = weakref.WeakKeyDictionary()
_WINDOWS_LOCK = threading.Lock()


def nonce_window(store: PlatformStore, window: int) -> NonceWindow:
    """The one window of ``store`` in this process: the kiosk API and the phone
    pages' signed routes share it, so a nonce spent on one is spent on both."""
    with _WINDOWS_LOCK:
        found = _WINDOWS.get(store)
        if found is None or found.window != window:
            found = _WINDOWS[store] = NonceWindow(store, window)
        return found
