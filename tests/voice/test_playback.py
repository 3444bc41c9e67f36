"""Prompts played through Qt Multimedia, heard at a private PulseAudio server.

A null sink stands in for the loudspeaker: its monitor is recorded with
``parec`` while the kiosk's Player plays a prompt, and the recording must
hold sound. Without a sound server the Player must stay silent without a
single Qt message (no QT_LOGGING_RULES here: the kiosk never loads Qt
Multimedia when no server's socket exists).
"""

from __future__ import annotations

import array
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

PROMPT = "您好，请把身份证放在读卡区"
needs = pytest.mark.skipif(
    not all(shutil.which(p) for p in ("espeak-ng", "pulseaudio", "parec")),
    reason="espeak-ng, pulseaudio or parec missing: scripts/ensure-system-deps.sh installs them",
)


def _play(env: dict[str, str], volume: int = 80) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(REPO / "tests" / "voice" / "play_one.py"), PROMPT, str(volume)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    result["log"] = done.stderr
    return result


def _heard(runtime: Path, volume: int) -> tuple[dict[str, object], int]:
    """Play at ``volume`` while recording the null sink; the loudest sample heard."""
    recording = runtime / f"heard-{volume}.raw"
    with recording.open("wb") as out:
        parec = subprocess.Popen(
            ["parec", "--device=kiosk.monitor", "--raw", "--format=s16le", "--rate=22050",
             "--channels=1"],
            env=_env(runtime), stdout=out, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            # Qt's multimedia plug-in warns of optional libraries (PipeWire, VA-API)
            # it does not find: nothing to do with playing a WAV, so not counted here
            rules = "qt.multimedia.symbolsresolver=false"
            result = _play(_env(runtime, QT_LOGGING_RULES=rules), volume)
        finally:
            parec.terminate()
            parec.wait(timeout=10)
    samples = array.array("h")
    data = recording.read_bytes()
    samples.frombytes(data[: len(data) // 2 * 2])
    assert samples, "nothing recorded"
    return result, max(abs(s) for s in samples)


def _env(runtime: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PULSE_SERVER", "QT_LOGGING_RULES")}
    env.update(XDG_RUNTIME_DIR=str(runtime), HOME=str(runtime), QT_QPA_PLATFORM="offscreen")
    env.update(extra)
    return env


@pytest.fixture
def sound_server(tmp_path: Path) -> Iterator[Path]:
    """A PulseAudio server of this test's own with a null sink named kiosk."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    socket = runtime / "pulse" / "native"
    server = subprocess.Popen(
        ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disable-shm=yes",
         f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
         "--load=module-null-sink sink_name=kiosk"],
        env=_env(runtime), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while not socket.exists():
            assert server.poll() is None, "pulseaudio stopped"
            assert time.monotonic() < deadline, "pulseaudio did not open its socket"
            time.sleep(0.05)
        yield runtime
    finally:
        server.terminate()
        server.wait(timeout=10)


@needs
def test_a_prompt_reaches_the_loudspeaker_at_the_halls_volume(sound_server: Path) -> None:
    result, peak = _heard(sound_server, 80)
    assert result["started"] and result["finished"], result
    # an info line naming the FFmpeg version, and no warning
    assert all(m.startswith("QtInfoMsg") for m in result["messages"]), result  # type: ignore[attr-defined]
    assert peak > 2000  # speech, not the null sink's silence
    result, quiet = _heard(sound_server, 0)  # [voice] volume = 0
    assert result["started"] and result["finished"], result
    assert quiet < peak / 20, (quiet, peak)


def test_without_a_sound_server_the_prompt_is_not_played_and_qt_says_nothing(
    tmp_path: Path,
) -> None:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng missing")
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    result = _play(_env(runtime))
    assert (result["started"], result["finished"], result["messages"]) == (False, False, [])
    assert "no sound server" in str(result["log"])  # one line says why it is silent
