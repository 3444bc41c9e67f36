"""Debian's chromium through Playwright, for the tours of the platform's web pages.

Playwright's own browser download cannot reach its CDN from a county's
machines; the system's chromium is the one they have anyway.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any


def in_chromium(
    label: str, tour: Callable[[Any], list[Path]], browser: Any = None
) -> list[Path]:
    """Run ``tour(browser)``: with the browser given (the tests' own: a process runs
    one Playwright at a time), else with Debian's chromium started here and closed
    after; with neither chromium nor Playwright, say so and take no pictures."""
    if browser is not None:
        return tour(browser)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if chromium is None:
        print(f"{label} tour: no chromium or Playwright; scripts/ensure-system-deps.sh and "
              "pip install -e '.[dev]' bring them")  # fmt: skip
        return []
    with sync_playwright() as pw:
        started = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            return tour(started)
        finally:
            started.close()
