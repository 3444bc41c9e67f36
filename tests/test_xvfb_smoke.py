"""`kiosk run --demo` in a real X window, driven from outside like a resident would.

Xvfb gives the kiosk a screen; xdotool moves the X pointer and presses keys;
``xwd`` photographs the window after every step. The test never reaches into
the process: where to tap comes from the accessibility dump the kiosk writes
when ``KIOSK_A11Y_DUMP`` is set (ui/testing/a11y_dump.py: each shown control's
role, accessible name and rectangle, and the visible texts). A tap after which
the expected next screen never appears is a dead button and fails the test.

The walk, from the attract screen to the printed receipt, is the one of
tests/journey/test_touch_journey.py (offscreen, in-process); here it runs over
the real xcb platform, the real event loop and the demo's simulators, platform
and sync. Run with -s to see each step; the pictures are in the test's tmp_path.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

pytest.importorskip("PySide6")

from ui.testing.screen import plain  # noqa: E402  (PySide6 checked above)

TITLE = "政务服务自助终端"  # Main.qml's title: I18n app.title
SERVICE = "城乡居民基本医疗保险参保登记"
PHONE = "13700001111"
WAIT = 15.0  # seconds a screen may take to answer, on 2 busy cores

Dump = dict[str, Any]


# -- xwd → PNG (Pillow cannot read xwd) -------------------------------------------------
def xwd_to_png(src: Path, dest: Path) -> None:
    """Convert a 24/32-bit TrueColor ZPixmap xwd (what Xvfb's xwd writes) to PNG."""
    from PIL import Image

    data = src.read_bytes()
    header_size = struct.unpack(">I", data[:4])[0]
    fields = struct.unpack(">25I", data[:100])
    (_, version, pixmap_format, depth, width, height, _, byte_order, _, _, _, bpp,
     bytes_per_line, _, red_mask, _, blue_mask, _, _, ncolors) = fields[:20]
    if version != 7 or pixmap_format != 2 or bpp != 32 or depth not in (24, 32):
        raise ValueError(f"{src}: unsupported xwd (version {version}, format {pixmap_format}, "
                         f"depth {depth}, {bpp} bpp)")
    offset = header_size + ncolors * 12
    pixels = data[offset:offset + bytes_per_line * height]
    little = byte_order == 0
    if red_mask == 0xFF0000 and blue_mask == 0xFF:
        raw = "BGRX" if little else "XRGB"
    else:
        raw = "RGBX" if little else "XBGR"
    image = Image.frombuffer("RGB", (width, height), pixels, "raw", raw, bytes_per_line, 1)
    image.save(dest, compress_level=1)


# -- processes ------------------------------------------------------------------------
def _stop(proc: subprocess.Popen[bytes] | None) -> None:
    """End a child and everything it started (its own process group)."""
    if proc is None or proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _start_xvfb(log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Xvfb on a display it picks itself (-displayfd: free, and ready when told)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (scripts/ensure-system-deps.sh installs xvfb)")
    read_fd, write_fd = os.pipe()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1080x1920x24",
             "-nolisten", "tcp", "-noreset"],
            stdout=out, stderr=subprocess.STDOUT, pass_fds=(write_fd,),
            start_new_session=True,
        )
    os.close(write_fd)
    number = b""
    deadline = time.monotonic() + 20
    os.set_blocking(read_fd, False)
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                chunk = os.read(read_fd, 16)
            except BlockingIOError:
                time.sleep(0.05)
                continue
            number += chunk
            if b"\n" in number or not chunk:
                break
    finally:
        os.close(read_fd)
    if not number.strip().isdigit():
        _stop(proc)
        reason = log.read_text(errors="replace").strip()[-500:]
        pytest.skip(f"Xvfb would not start: {reason or 'no display number'}")
    return proc, ":" + number.decode().strip()


def _tool(*names: str) -> None:
    for name in names:
        if shutil.which(name) is None:
            pytest.fail(f"{name} is not installed: run scripts/ensure-system-deps.sh "
                        f"(packages xdotool, x11-apps)")


# -- the driver -----------------------------------------------------------------------
@dataclass
class Outside:
    """The kiosk's window as seen from outside: X events in, dump and pictures out."""

    display: str
    dump_path: Path
    shots: Path
    app: subprocess.Popen[bytes]
    app_log: Path
    window: str = ""
    origin: tuple[int, int] = (0, 0)
    trail: list[str] = field(default_factory=list)
    _shot_no: int = 0

    # reporting
    def ok(self, what: str) -> None:
        line = f"smoke: step {len(self.trail) + 1} {what} ok"
        self.trail.append(line)
        print(line, flush=True)

    def fail(self, what: str, last: Dump | None = None) -> None:
        said = [t["text"] for t in (last or {}).get("texts", [])]
        controls = [c["name"] for c in (last or {}).get("controls", [])]
        tail = self.app_log.read_text(errors="replace")[-1500:] if self.app_log.exists() else ""
        self.shot("FAILED")
        pytest.fail(
            "\n".join(self.trail)
            + f"\nsmoke: FAILED: {what}\n  screen (diagnostics): {(last or {}).get('screen')}"
            f"\n  controls: {controls}\n  texts: {said}\n  kiosk output (tail):\n{tail}",
            pytrace=False,
        )

    # X
    def xdo(self, *args: str) -> str:
        result = subprocess.run(
            ["xdotool", *args], env=dict(os.environ, DISPLAY=self.display),
            capture_output=True, text=True, timeout=30,
        )
        if result.returncode != 0:
            self.fail(f"xdotool {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def find_window(self) -> None:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            if self.app.poll() is not None:
                self.fail(f"the kiosk exited with {self.app.returncode} before its window showed")
            out = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", f"^{TITLE}$"],
                env=dict(os.environ, DISPLAY=self.display), capture_output=True, text=True,
                timeout=30,
            ).stdout.split()
            if out:
                self.window = out[0]
                break
            time.sleep(0.2)
        else:
            self.fail(f"no visible window named {TITLE!r} within 40 s")
        geometry = dict(
            line.split("=", 1) for line in self.xdo("getwindowgeometry", "--shell", self.window)
            .split() if "=" in line
        )
        self.origin = (int(geometry["X"]), int(geometry["Y"]))

    def shot(self, name: str) -> Path:
        self._shot_no += 1
        base = self.shots / f"{self._shot_no:02d}-{name}"
        xwd = base.with_suffix(".xwd")
        args = ["xwd", "-silent", "-display", self.display, "-out", str(xwd)]
        args += ["-id", self.window] if self.window else ["-root"]
        subprocess.run(args, check=True, timeout=30)
        png = base.with_suffix(".png")
        xwd_to_png(xwd, png)
        xwd.unlink()
        return png

    # the dump
    def dump(self) -> Dump:
        try:
            data: Dump = json.loads(self.dump_path.read_text(encoding="utf-8"))
            return data
        except (OSError, ValueError):
            return {}

    def wait(self, check: Callable[[Dump], bool], what: str, timeout: float = WAIT) -> Dump:
        deadline = time.monotonic() + timeout
        last: Dump = {}
        while True:
            last = self.dump()
            if last and check(last):
                return last
            if self.app.poll() is not None:
                self.fail(f"the kiosk exited with {self.app.returncode} while waiting for {what}",
                          last)
            if time.monotonic() > deadline:
                self.fail(f"waited {timeout:.0f} s for {what}", last)
            time.sleep(0.1)

    # the point where a finger lands
    def press_at(self, x: float, y: float) -> None:
        ox, oy = self.origin
        self.xdo("mousemove", "--sync", str(round(ox + x)), str(round(oy + y)),
                 "mousedown", "1", "sleep", "0.05", "mouseup", "1")

    def swipe(self, x: float, y0: float, y1: float, steps: int = 12) -> None:
        """A slow swipe: press, move in steps, pause, release (no fling)."""
        ox, oy = self.origin
        args = ["mousemove", "--sync", str(round(ox + x)), str(round(oy + y0)), "mousedown", "1"]
        for i in range(1, steps + 1):
            y = y0 + (y1 - y0) * i / steps
            args += ["sleep", "0.02", "mousemove", str(round(ox + x)), str(round(oy + y))]
        args += ["sleep", "0.15", "mouseup", "1"]
        self.xdo(*args)

    def type(self, text: str) -> None:
        self.xdo("type", "--delay", "60", text)


def control(d: Dump, name: str) -> dict[str, Any] | None:
    """The one shown control called ``name`` (its words, decorations aside)."""
    found = [c for c in d.get("controls", []) if plain(c["name"]) == plain(name)]
    return found[0] if len(found) == 1 else None


def has_control(name: str) -> Callable[[Dump], bool]:
    return lambda d: control(d, name) is not None


def shows_control(name: str) -> Callable[[Dump], bool]:
    """The control is there and some of it is on the glass (the window laid out)."""
    return lambda d: (c := control(d, name)) is not None and _visible_part(c, d) is not None


def says(fragment: str) -> Callable[[Dump], bool]:
    return lambda d: any(fragment in t["text"] for t in d.get("texts", []))


def _centre(r: list[float]) -> tuple[float, float]:
    return (r[0] + r[2] / 2, r[1] + r[3] / 2)


def _inside(point: tuple[float, float], r: list[float], margin: float = 8) -> bool:
    x, y = point
    return r[0] <= x <= r[0] + r[2] and r[1] + margin <= y <= r[1] + r[3] - margin


def _visible_part(c: dict[str, Any], d: Dump) -> list[float] | None:
    """The control's rectangle inside its clip and above the keyboard, if any of it is."""
    shown = c.get("visible")
    if not shown:
        return None
    ux, uy, uw, uh = d["uncovered"]
    top, bottom = max(shown[1], uy), min(shown[1] + shown[3], uy + uh)
    return [shown[0], top, shown[2], bottom - top] if bottom > top else None


def bring_into_view(o: Outside, name: str) -> Dump:
    """Swipe the control's list until its centre is shown, as a finger would."""
    for _ in range(30):
        d = o.wait(has_control(name), f"a control called {name!r}")
        c = control(d, name)
        assert c is not None
        rect = c["rect"]
        if c["flick"] is None:
            return d
        flick = d["flicks"][c["flick"]]
        view = list(flick["view"])
        ux, uy, uw, uh = d["uncovered"]
        view[3] = min(view[1] + view[3], uy + uh) - view[1]
        if _inside(_centre(rect), view):
            return d
        cx, cy = _centre(view)
        dy = _centre(rect)[1] - cy
        step = max(-view[3] * 0.4, min(view[3] * 0.4, dy))
        before, seq = flick["contentY"], d.get("seq", 0)
        print(f"smoke:   swipe {step:+.0f} px to bring {name!r} into view", flush=True)
        o.swipe(cx, cy, cy - step)
        settled = _rest(o, seq)
        flicks = settled.get("flicks", [])
        after = flicks[c["flick"]]["contentY"] if len(flicks) > c["flick"] else before
        if after == before:
            return settled  # at the end: nothing more a finger could do
    return o.dump()


def _rest(o: Outside, seq: int) -> Dump:
    """After a swipe: the dump rewritten and no list moving (a tap on a moving list
    only stops it). Nothing rewritten within a second and a half: nothing moved."""
    deadline = time.monotonic() + 4.0
    quiet = time.monotonic() + 1.5
    while True:
        d = o.dump()
        moved = d.get("seq", 0) > seq
        if moved and not any(f["moving"] for f in d.get("flicks", [])):
            return d
        if (not moved and time.monotonic() > quiet) or time.monotonic() > deadline:
            return d
        time.sleep(0.05)


def tap(o: Outside, name: str, expect: Callable[[Dump], bool], expected: str) -> Dump:
    """Tap the control called ``name``; the screen must then show ``expected``."""
    d = bring_into_view(o, name)
    c = control(d, name)
    if c is None:
        o.fail(f"no single shown control called {name!r}", d)
    assert c is not None
    if not c["enabled"]:
        o.wait(lambda n: bool((k := control(n, name)) and k["enabled"]),
               f"{name!r} to be enabled")
    part = _visible_part(c, d)
    if part is None:
        o.fail(f"{name!r} is off the glass (rect {c['rect']}) and no swipe brings it in", d)
    assert part is not None
    o.press_at(*_centre(part))
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        now = o.dump()
        if now and expect(now):
            o.shot("after-" + plain(name).replace(" ", "_").replace("/", "_")[:24])
            o.ok(f"tap {name!r} -> {expected}")
            return now
        if o.app.poll() is not None:
            break
        time.sleep(0.1)
    o.fail(f"dead button: tapped {name!r} at {_centre(part)}, but {expected} never appeared",
           o.dump())
    raise AssertionError  # unreachable: fail() raises


@pytest.fixture
def kiosk_outside(tmp_path: Path) -> Iterator[Outside]:
    xvfb, display = _start_xvfb(tmp_path / "xvfb.log")
    app: subprocess.Popen[bytes] | None = None
    try:
        _tool("xdotool", "xwd")
        data = tmp_path / "data"
        cfg = tmp_path / "kiosk.toml"
        cfg.write_text(f'[kiosk]\ndata_dir = "{data}"\n', encoding="utf-8")
        dump_path = tmp_path / "a11y.json"
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=display,
                   QT_QUICK_BACKEND="software", KIOSK_A11Y_DUMP=str(dump_path))
        env.pop("WAYLAND_DISPLAY", None)
        app_log = tmp_path / "kiosk-output.txt"
        with app_log.open("wb") as out:
            app = subprocess.Popen(
                [sys.executable, "main.py", "--config", str(cfg), "run", "--demo"],
                cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        shots = tmp_path / "screens"
        shots.mkdir()
        yield Outside(display, dump_path, shots, app, app_log)
    finally:
        _stop(app)
        _stop(xvfb)


@pytest.mark.timeout(180)
def test_demo_kiosk_in_a_real_x_window_to_the_printed_receipt(
    kiosk_outside: Outside, tmp_path: Path
) -> None:
    o = kiosk_outside
    started = time.monotonic()
    o.find_window()
    d = o.wait(shows_control("政务服务 一站办理"), "the attract screen", timeout=60)
    if d["window"]["width"] != 1080 or d["window"]["height"] != 1920:
        o.fail(f"the window is {d['window']}, not 1080×1920", d)
    o.shot("attract")
    o.ok("the attract screen is up")

    tap(o, "政务服务 一站办理", has_control("搜索服务"), "the home tiles")
    tap(o, "搜索服务", says("搜索事项"), "the search page")
    o.type("cxjmjbyl")  # initials, on the X keyboard
    o.wait(has_control(SERVICE), f"{SERVICE!r} among the results after typing cxjmjbyl")
    o.shot("search-results")
    o.ok(f"type 'cxjmjbyl' -> {SERVICE!r} found")
    tap(o, SERVICE, has_control("开始办理"), "the service guide")
    tap(o, "开始办理", says("请将身份证放在读卡区"), "the card request")
    d = o.wait(says("身份已验证"), "the demo card to be read", timeout=20)
    if not says("王*明")(d) or says("王小明")(d):
        o.fail("the identity screen should show the name masked (王*明)", d)
    o.shot("identified")
    o.ok("the demo card is read (name masked)")

    tap(o, "继续", has_control("联系电话"), "the application form")
    tap(o, "联系电话", lambda n: n.get("focus") == "联系电话", "the phone field in focus")
    o.type(PHONE)
    o.wait(says(PHONE), f"{PHONE} in the phone field")
    o.shot("phone")
    o.ok(f"type {PHONE} -> shown in 联系电话")

    def chosen(name: str) -> Callable[[Dump], bool]:
        return lambda n: any("✓" in t["text"] and plain(t["text"]) == name
                             for t in n.get("texts", []))

    def ticked(name: str) -> Callable[[Dump], bool]:
        return lambda n: bool((c := control(n, name)) and c.get("checked") is True)

    tap(o, "城乡居民", chosen("城乡居民"), "城乡居民 marked chosen")
    tap(o, "本人承诺所填信息真实有效", ticked("本人承诺所填信息真实有效"), "the pledge ticked")
    tap(o, "下一步：材料", has_control("居民户口簿"), "the materials list")
    tap(o, "居民身份证", ticked("居民身份证"), "居民身份证 ticked")
    tap(o, "居民户口簿", ticked("居民户口簿"), "居民户口簿 ticked")
    d = tap(o, "下一步：核对", has_control("确认提交"), "the review page")
    if not (says("137****1111")(d) or says(PHONE)(d)):
        o.fail("the review page does not show the phone number", d)
    tap(o, "确认提交", lambda n: says("受理回执号")(n) or says("回执")(n), "the receipt number")
    o.wait(lambda n: says("回执已打印")(n) or says("已打印")(n), "the receipt printed", timeout=20)
    o.shot("printed")
    o.ok("the screen says the receipt printed")

    receipts = tmp_path / "data" / "receipts"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not list(receipts.glob("*.png")):
        time.sleep(0.2)
    pngs = list(receipts.glob("*.png"))
    if not pngs:
        o.fail(f"no receipt PNG in {receipts}", o.dump())
    o.ok(f"receipt PNG {pngs[0].name} in the demo receipts folder")
    print(f"smoke: {len(o.trail)} steps in {time.monotonic() - started:.1f} s; "
          f"pictures in {o.shots}", flush=True)
