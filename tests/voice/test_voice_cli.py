"""``kiosk voice say`` as a real process: a WAV of sound, or a message."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.voice.wavcheck import duration_and_rms


def _kiosk(tmp_path: Path, *args: str, config: str = "") -> subprocess.CompletedProcess[str]:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n{config}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "main.py", "--config", str(cfg), *args],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng missing")
def test_say_writes_a_wav_of_the_prompt(tmp_path: Path) -> None:
    out = tmp_path / "prompt.wav"
    done = _kiosk(tmp_path, "voice", "say", "--lang", "zh", "--out", str(out),
                  "受理编号", "DEMO01-20261201-0003")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout
    seconds, rms = duration_and_rms(out.read_bytes())
    assert seconds > 4.0 and rms > 500  # 24 characters read one by one
    # slower speech in the hall's settings makes a longer file
    slow = tmp_path / "slow.wav"
    config = "[voice]\nwords_per_minute = 90\n"
    done = _kiosk(tmp_path, "voice", "say", "--out", str(slow), "受理编号", "DEMO01-20261201-0003",
                  config=config)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert duration_and_rms(slow.read_bytes())[0] > seconds * 1.3


def test_say_without_the_engine_or_a_folder_is_a_message(tmp_path: Path) -> None:
    missing = '[voice]\nprogram = "espeak-ng-not-installed"\n'
    out = str(tmp_path / "a.wav")
    done = _kiosk(tmp_path, "--lang", "zh", "voice", "say", "--out", out, "您好", config=missing)
    assert done.returncode == 1 and "espeak-ng" in done.stderr and "语音合成" in done.stderr
    if shutil.which("espeak-ng"):
        done = _kiosk(tmp_path, "voice", "say", "--out", str(tmp_path / "no" / "a.wav"), "hi")
        assert done.returncode == 1 and "Cannot write" in done.stderr
