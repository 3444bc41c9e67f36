"""Reading QR codes as a phone's camera would: zbar (``zbarimg``) on a picture."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ZBARIMG = shutil.which("zbarimg")


def decode(image: Path | bytes) -> list[str]:
    """Every QR payload zbar finds in the picture (a PNG path or PNG bytes)."""
    if ZBARIMG is None:
        pytest.skip("no zbarimg: scripts/ensure-system-deps.sh installs zbar-tools")
    with tempfile.TemporaryDirectory() as tmp:
        if isinstance(image, bytes):
            path = Path(tmp) / "qr.png"
            path.write_bytes(image)
        else:
            path = image
        out = subprocess.run(
            [ZBARIMG, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(path)],
            capture_output=True,
            timeout=30,
            check=False,
        )
    return [line for line in out.stdout.decode("utf-8").splitlines() if line]
