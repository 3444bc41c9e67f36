"""Memory: resident set after 10 and after 200 (or 1,000) resident sessions tapped on the screen.

Each session is a whole visit tapped as a resident taps it: a service chosen
from the catalog, a card read, the form filled, materials ticked, a durable
submit with its receipt, a rating, and Finish back to the attract screen. The app runs
offscreen with its QML loaded, so the screens' bindings follow every step.
Targets: idle under 250 MB, growth from 10 to 1,000 sessions under 5%.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit  # noqa: E402

# Each visit is tapped through the real screens (about 1.5 s), as a resident
# makes it; 200 of them show a leak of a few kB per visit as well as 1,000
# calls behind the buttons did, in a few minutes rather than half an hour.
# 1,000 tapped visits (issue 19) would take about 25 minutes alone, past
# make bench's budget of about 20: 200 it is, and the row says so;
# `python bench/bench_memory.py 1000` runs the thousand.
SESSIONS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * PAGE / 1e6


def main() -> None:
    from ui.qt_env import prepare_qt_environment

    prepare_qt_environment(offscreen=True)
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from app.demo import prepare_demo_storage
    from kiosk.config import Config
    from kiosk.i18n import translate
    from ui.app import create_app
    from ui.tour import screen, walk
    from ui.tours import journey as visit

    config = Config()
    config.kiosk.data_dir = tempfile.mkdtemp(prefix="kiosk-bench-")
    app = create_app(config, prepare=lambda _b, storage: prepare_demo_storage(storage))
    walk(app)  # the visits are the tour's, tapped on the window
    b = app.backends
    QCoreApplication.processEvents()
    idle = rss_mb()

    def idle_moment() -> None:
        # What the kiosk's event loop does between touches; it is also where
        # Qt deletes the screens a Loader replaced (deleteLater), so a loop
        # of calls without it would measure screens that are never freed.
        loop = QEventLoop()
        QTimer.singleShot(0, loop.quit)
        loop.exec()

    def session() -> None:
        j = visit._submitted(b)  # tapped from the attract screen to the receipt
        assert j.receipt.trackingNo, j.visit.error
        # the rating and the end of the visit are tapped too, as a resident does
        visit._tap(b, "submitted.evaluate")
        visit._tap(b, "evaluate.level.5")
        visit._tap(b, "evaluate.submit")
        visit._tap(b, "submitted.finish")
        screen().wait_for(translate("attract.title", visit._lang(b)))
        idle_moment()

    for _ in range(10):
        session()
    gc.collect()
    after_10 = rss_mb()
    for _ in range(SESSIONS - 10):
        session()
    gc.collect()
    after_all = rss_mb()
    growth = (after_all - after_10) / after_10 * 100
    emit(
        "memory",
        f"RSS after {SESSIONS} sessions",
        after_all,
        "MB",
        "RSS after 10 sessions",
        after_10,
        target=f"< 250 MB after {SESSIONS} sessions, growth < 5%",
        met=after_all < 250 and growth < 5,
        path=f"{SESSIONS} visits tapped through the real screens, offscreen, own RSS",
        idle_mb=round(idle, 1),
        growth_percent=round(growth, 2),
        sessions=SESSIONS,
    )
    app.close()


if __name__ == "__main__":
    main()
