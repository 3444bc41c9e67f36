"""Touch to next screen: a tap on a home tile to the next screen's first frame.

p95 over 200 taps, software renderer, offscreen, portrait 1080x1920, in 20
visits of 10 taps: each visit ends as a resident's does (Finish: the wipe,
the attract screen for 2 s, a touch on it, the home screen), then the tile is
tapped, and Home shown again between taps. The screens a home tile opens are
made ahead while the kiosk is idle and kept for the visit (Main.qml); the
visit's end destroys them and they are made again on the attract screen, so
the first tap of each visit (``first_tap_of_visit_p95_ms``) is the one after
that. The baseline is the frame after a tap that changes nothing on screen
(the renderer's floor for one frame of this window). Target: p95 under 50 ms,
the first taps of the visits too.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit, percentile  # noqa: E402

VISITS, TAPS_PER_VISIT = 20, 10
TAPS = VISITS * TAPS_PER_VISIT
ATTRACT_S = 2.0  # the attract screen's moment between two residents


def main() -> None:
    from ui.qt_env import prepare_qt_environment

    prepare_qt_environment(offscreen=True)
    from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
    from PySide6.QtQuick import QQuickItem
    from PySide6.QtTest import QTest

    from app.demo import prepare_demo_storage
    from kiosk.config import Config
    from ui.app import create_app

    config = Config()
    config.kiosk.data_dir = tempfile.mkdtemp(prefix="kiosk-bench-")
    app = create_app(config, prepare=lambda _b, storage: prepare_demo_storage(storage))
    window = app.window
    nav = app.backends.navigator

    def wait_frame(timeout_ms: int = 2000) -> None:
        loop = QEventLoop()
        window.frameSwapped.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        window.update()
        loop.exec()
        window.frameSwapped.disconnect(loop.quit)

    def first_tile() -> QPoint:
        def walk(item: QQuickItem) -> QQuickItem | None:
            for child in item.childItems():
                if child.metaObject().className().startswith("Tile_"):
                    return child
                found = walk(child)
                if found is not None:
                    return found
            return None

        tile = walk(window.contentItem())
        assert tile is not None, "no home tile"
        centre = tile.mapToScene(tile.boundingRect().center())
        return QPoint(int(centre.x()), int(centre.y()))

    def click(point: QPoint) -> None:
        QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)

    def turn_loop(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    centre = QPoint(window.width() // 2, window.height() // 2)
    nav.start()
    wait_frame()
    point = first_tile()
    target = None
    taps, idle, first, cpu = [], [], [], []
    for _ in range(VISITS):
        app.backends.shell.finish()  # the visit ends: wiped, the attract screen
        turn_loop(ATTRACT_S)
        click(centre)  # the next resident touches the attract screen
        wait_frame()
        assert nav.screen == "Home", nav.screen
        for n in range(TAPS_PER_VISIT):
            if n:
                nav.home()
                wait_frame()
            app.backends.idle.disarm()
            started, cpu_started = time.perf_counter(), time.thread_time()
            click(point)
            wait_frame()
            taps.append(time.perf_counter() - started)
            cpu.append(time.thread_time() - cpu_started)
            if n == 0:
                first.append(taps[-1])
            target = nav.screen
            # Baseline: a tap on the title text, which changes nothing but a frame.
            started = time.perf_counter()
            click(QPoint(540, 150))
            wait_frame()
            idle.append(time.perf_counter() - started)
    assert target != "Home", "the tap did not change the screen"
    p95, floor = percentile(taps, 95) * 1000, percentile(idle, 95) * 1000
    first_p95 = percentile(first, 95) * 1000
    emit(
        "touch_to_next_screen",
        f"p95 tap on home tile to first frame of {target}",
        p95,
        "ms",
        "p95 tap that only repaints",
        floor,
        target="< 50 ms",
        met=p95 < 50 and first_p95 < 50,
        path=f"mouse tap (QTest) on a home tile to the next frame, offscreen, {VISITS} visits",
        first_tap_of_visit_p95_ms=round(first_p95, 2),
        # the GUI thread's CPU for the same taps: steadier than the wall clock
        # on a shared machine, and under bench/weak.py's quota the wall clock
        # is about this times the slowdown
        cpu_p50_ms=round(percentile(cpu, 50) * 1000, 2),
        cpu_p95_ms=round(percentile(cpu, 95) * 1000, 2),
        taps=TAPS,
    )


if __name__ == "__main__":
    main()
