"""The tour runs end to end in a fresh process and writes real pictures."""

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import REPO


# the kiosk's screens, then the console's and the phone's pages in chromium: more
# than the suite's 300 s on a loaded two-core machine; the subprocess has 600 s
@pytest.mark.timeout(700)
def test_tour_writes_every_screen_in_both_orientations(tmp_path: Path) -> None:
    out = tmp_path / "tour"
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "main.py", "--config", str(cfg), "tour", "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    portrait = sorted((out / "portrait").glob("*.png"))
    landscape = sorted((out / "landscape").glob("*.png"))
    assert len(portrait) == len(landscape) >= 7
    for path in portrait:
        img = Image.open(path)
        assert img.size == (1080, 1920)
        assert len(img.getcolors(1 << 20) or []) > 2, f"{path.name} is blank"
    for path in landscape:
        assert Image.open(path).size == (1920, 1080)
    assert "pictures in" in result.stdout
