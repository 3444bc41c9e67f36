"""Catalog search as a resident sees it: a key event to the frame that shows the results.

The kiosk runs offscreen with 10,000 services in its catalog (the synthetic
catalog of bench_catalog_search.py), reached by taps: the attract screen
(after 3 s on it, as between two residents), then the home screen's search
tile (ui/testing/screen.py, the touch tests' driver). Each query is typed as
key events into the focused search field, one character at a time; each key
is timed from the press to the next frame on the glass, and the frame is
checked to be one where the field holds the typed text and the result count
has been laid out. The baseline is the store's own
search of the same prefix in the same run (what bench_catalog_search times).
Target: p95 under 16 ms (one frame at 60 Hz).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit, percentile  # noqa: E402

N = 10_000
TARGET_MS = 16.0
QUERIES = [
    "sfz", "shenfenzheng", "gongjijin", "gjjtq", "yiliaobaoxian", "social insurance",
    "gaolingjintie", "yyzz", "passport", "canjiren", "bdc", "real estate", "shebao",
]  # fmt: skip
ROUNDS = 3
ATTRACT_MS = 3000


def main() -> None:
    from ui.qt_env import prepare_qt_environment

    prepare_qt_environment(offscreen=True)
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
    from PySide6.QtGui import QKeyEvent

    from kiosk.catalog.store import CatalogStore
    from kiosk.catalog.synthetic import synthetic_catalog
    from kiosk.config import Config
    from ui.app import create_app
    from ui.testing.screen import Screen, settle

    def prepare(_b: object, storage: object) -> None:
        CatalogStore(storage).import_catalog(synthetic_catalog(N))  # type: ignore[arg-type]

    config = Config()
    config.kiosk.data_dir = tempfile.mkdtemp(prefix="kiosk-bench-search-")
    app = create_app(config, prepare=prepare)
    window, b = app.window, app.backends
    s = Screen(window)
    s.next_frame()
    # The attract screen stands a moment first, as it does between two residents:
    # the screens a home tile opens are made then (ui/qml/components/KeptScreen.qml),
    # not while the keys below are timed.
    settle(ATTRACT_MS)
    s.tap_at(window.contentItem().boundingRect().center())  # the attract screen
    s.wait_until(lambda: b.navigator.screen == "Home", what="the home screen")
    s.tap(b.i18n.t("home.tile.search", b.i18n.language))
    s.wait_until(lambda: s.focused_item() is not None, what="the search field's focus")
    field = s.focused_item()
    assert field is not None
    catalog = b.wired.catalog
    store = catalog.store

    def send(key: int, text: str) -> None:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(
                window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
            )

    def frame() -> bool:
        loop = QEventLoop()
        swapped: list[bool] = []
        window.frameSwapped.connect(loop.quit)
        window.frameSwapped.connect(lambda: swapped.append(True))
        QTimer.singleShot(2000, loop.quit)
        loop.exec()
        window.frameSwapped.disconnect()
        return bool(swapped)

    def clear() -> None:
        while field.property("text") or field.property("preeditText"):
            send(int(Qt.Key.Key_Backspace.value), "")
            settle(5)
        settle(30)

    ours: list[float] = []
    cpu: list[float] = []
    base: list[float] = []
    for _ in range(ROUNDS):
        for query in QUERIES:
            clear()
            typed = ""
            for ch in query:
                space, a = int(Qt.Key.Key_Space.value), int(Qt.Key.Key_A.value)
                key = space if ch == " " else a + ord(ch) - ord("a")
                typed += ch
                started, cpu_started = time.perf_counter(), time.thread_time()
                send(key, ch)
                assert frame(), "no frame after a key"
                ours.append((time.perf_counter() - started) * 1000)
                cpu.append((time.thread_time() - cpu_started) * 1000)
                shown = str(field.property("text")) + str(field.property("preeditText"))
                assert shown == typed, (shown, typed)
                assert catalog.search.query == typed, (catalog.search.query, typed)
                started = time.perf_counter()
                store.search(typed, 20)
                base.append((time.perf_counter() - started) * 1000)
    p95 = percentile(ours, 95)
    emit(
        "search_key_to_frame",
        "p95 key event to the frame with the results",
        p95,
        "ms",
        "the store's search of the same prefix, same run, p95",
        percentile(base, 95),
        target=f"p95 < {TARGET_MS:g} ms at {N} services",
        met=p95 < TARGET_MS,
        path="key event to frame, offscreen software renderer, reached by taps",
        services=N,
        keystrokes=len(ours),
        p50_ms=round(percentile(ours, 50), 3),
        max_ms=round(max(ours), 3),
        # the GUI thread's CPU for the same keys (steadier on a shared machine)
        cpu_p50_ms=round(percentile(cpu, 50), 3),
        cpu_p95_ms=round(percentile(cpu, 95), 3),
    )
    app.close()


if __name__ == "__main__":
    main()
