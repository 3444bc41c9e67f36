"""Cold start of the real ``kiosk run`` in an X window: to the attract screen's
first frame, and to ready for a touch; its resident memory at rest after that.

``python main.py --config kiosk.toml run`` starts under Xvfb on the xcb
platform, as on a kiosk: the CLI, the TOML config, file logging, the attract
screen over the shell, then the areas (database, devices, sync, catalog,
journey) right after the first frame. The kiosk writes the two moments to
the file named by ``KIOSK_START_MARKS`` (ui/app.py), nothing else changes.
Median of 5 against the floor: a bare Qt Quick window loading the same
virtual keyboard, in the same X display (bench/qt_probe.py bare). Targets:
first frame at most 1.5x the floor, ready for a touch at most 2x, plain
``kiosk run`` at rest under 200 MB (``idle_rss_mb``, 3 s after ready, its
floor ``bare_idle_rss_mb``). Beside the wall-clock figures, the CPU time the
kiosk's process has used when each moment is seen (``*_cpu_ms``, every thread,
from /proc) against the bare window's at its first frame: on a machine
shared with other benchmarks the wall clock also counts their turns, the CPU
time only the kiosk's own work.

The project's bytecode is compiled first, as pip does when it installs the
kiosk (this machine sets PYTHONDONTWRITEBYTECODE, which would otherwise make
every start compile the sources again). Without Xvfb the row says it was
skipped, and why.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit, median  # noqa: E402
from bench.xvfb import xvfb_display  # noqa: E402

RUNS = 5
REPO = Path(__file__).resolve().parent.parent
PROBE = Path(__file__).resolve().parent / "qt_probe.py"
PAGE = os.sysconf("SC_PAGE_SIZE")
FRAME_TARGET, READY_TARGET, IDLE_MB = 1.5, 2.0, 200.0


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * PAGE / 1e6


def x_env(display: str) -> dict[str, str]:
    # The software renderer, as `make` sets it: the boards have no GPU, and Mesa's
    # llvmpipe would compile shaders on every start.
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=display, PYTHONPATH=str(REPO))
    env.setdefault("QT_QUICK_BACKEND", "software")
    env.pop("WAYLAND_DISPLAY", None)
    return env


def cpu_s(pid: int) -> float:
    """CPU seconds a process has used so far, summed over its threads (ns counters)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text(encoding="ascii").split()[0])
        except (OSError, ValueError, IndexError):  # a thread that just ended
            continue
    return total / 1e9


def bare(display: str) -> tuple[float, float]:
    """Seconds to the bare window's first frame; its CPU seconds then."""
    t0 = time.time()
    proc = subprocess.Popen(
        [sys.executable, str(PROBE), "bare-stay", f"{t0:.6f}"], env=x_env(display), cwd=REPO,
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        frame = float(proc.stdout.readline())
        return frame, cpu_s(proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)


def bare_idle_mb(display: str) -> float:
    """The floor of memory at rest: the bare window 3 s after its first frame."""
    proc = subprocess.Popen(
        [sys.executable, str(PROBE), "bare-stay", "0"], env=x_env(display), cwd=REPO,
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    proc.stdout.readline()
    time.sleep(3)
    value = rss_mb(proc.pid)
    proc.terminate()
    proc.wait(10)
    return value


def kiosk(
    display: str, folder: Path, *, idle: bool = False
) -> tuple[float, float, float, float, float]:
    """Seconds to the first frame and to ready for a touch, CPU seconds used when
    each was seen (polled every 10 ms); RSS at rest (MB) if asked."""
    marks = folder / "marks"
    marks.unlink(missing_ok=True)
    env = dict(x_env(display), KIOSK_START_MARKS=str(marks))
    t0 = time.time()
    proc = subprocess.Popen(
        [sys.executable, "main.py", "--config", str(folder / "kiosk.toml"), "run"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        seen: dict[str, float] = {}
        cpu: dict[str, float] = {}
        while "ready" not in seen:
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                raise RuntimeError(f"kiosk run did not get ready: {err[-1500:]}")
            time.sleep(0.01)
            if marks.exists():
                for line in marks.read_text(encoding="ascii").splitlines():
                    name, at = line.split()
                    seen[name] = float(at)
                    cpu.setdefault(name, cpu_s(proc.pid))
        rest = 0.0
        if idle:
            time.sleep(3)
            rest = rss_mb(proc.pid)
        first, ready = seen["first_frame"] - t0, seen["ready"] - t0
        return first, ready, cpu["first_frame"], cpu["ready"], rest
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)


def main() -> None:
    packages = [str(REPO / p) for p in ("app", "kiosk", "devices", "sync", "ui", "protocol")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], check=True)
    folder = Path(tempfile.mkdtemp(prefix="kiosk-cold-start-"))
    (folder / "kiosk.toml").write_text(
        f'[kiosk]\ndata_dir = "{folder / "data"}"\n', encoding="utf-8"
    )
    # a kiosk in service: its database holds the catalog the platform sent
    from kiosk.catalog.store import ensure_sample_catalog
    from kiosk.storage import open_storage

    (folder / "data").mkdir()
    storage = open_storage(folder / "data" / "kiosk.db")
    ensure_sample_catalog(storage)
    storage.close()
    with xvfb_display() as display:
        if display is None:
            emit("cold_start", "skipped: Xvfb is not installed or would not start", 0, "ms",
                 "bare Qt Quick + keyboard", 0, target="<= 1.5x floor", met=None,
                 path="through `kiosk run` under Xvfb (xcb)")  # fmt: skip
            return
        bare(display)  # warm the disk cache for both
        kiosk(display, folder)  # first start of this kiosk: migrations, as on install
        first, ready, floor, first_cpu, ready_cpu, floor_cpu = [], [], [], [], [], []
        for _ in range(RUNS):
            b, b_cpu = bare(display)
            floor.append(b)
            floor_cpu.append(b_cpu)
            f, r, f_cpu, r_cpu, _ = kiosk(display, folder)
            first.append(f)
            ready.append(r)
            first_cpu.append(f_cpu)
            ready_cpu.append(r_cpu)
        *_, idle = kiosk(display, folder, idle=True)
        idle_floor = bare_idle_mb(display)
    value, base = median(first) * 1000, median(floor) * 1000
    ready_ms = median(ready) * 1000
    emit(
        "cold_start",
        "median first frame of `kiosk run`",
        value,
        "ms",
        "bare Qt Quick + keyboard, same X display",
        base,
        target=f"first frame <= {FRAME_TARGET}x floor, ready <= {READY_TARGET}x",
        met=value <= FRAME_TARGET * base and ready_ms <= READY_TARGET * base,
        path="through `kiosk run` under Xvfb (xcb), process start to frame",
        runs=RUNS,
        ready_for_touch_ms=round(ready_ms, 1),
        ready_ratio=round(ready_ms / base, 3),
        first_frame_met=value <= FRAME_TARGET * base,
        ready_met=ready_ms <= READY_TARGET * base,
        first_frame_cpu_ms=round(median(first_cpu) * 1000, 1),
        ready_cpu_ms=round(median(ready_cpu) * 1000, 1),
        bare_first_frame_cpu_ms=round(median(floor_cpu) * 1000, 1),
        ready_cpu_ratio=round(median(ready_cpu) / median(floor_cpu), 3),
    )
    emit(
        "idle_memory",
        "RSS of plain `kiosk run` at rest, 3 s after ready",
        idle,
        "MB",
        "bare Qt Quick + keyboard at rest",
        idle_floor,
        target=f"< {IDLE_MB:g} MB",
        met=idle < IDLE_MB,
        path="through `kiosk run` under Xvfb (xcb), /proc/PID/statm",
    )


if __name__ == "__main__":
    main()
