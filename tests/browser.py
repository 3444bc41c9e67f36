"""A real browser for the platform's web pages (phone pages, staff console).

Debian's ``chromium`` driven by Playwright through ``executable_path``:
Playwright's own browser download cannot reach its CDN from here, and the
system browser is the one a county's machines would have anyway.  A page that
logs a console error, or throws, fails the test that opened it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("no chromium: scripts/ensure-system-deps.sh installs Debian's")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def _open_page(browser: Any, viewport: dict[str, int], request: pytest.FixtureRequest) -> Any:
    context = browser.new_context(viewport=viewport, device_scale_factor=1, locale="zh-CN")
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda msg: problems.append(f"console {msg.type}: {msg.text}")
        if msg.type == "error"
        else None,
    )
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    request.node.browser_problems = problems
    return context, page, problems


@pytest.fixture
def phone(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page at a phone's size (360x740); console errors fail the test."""
    context, page, problems = _open_page(browser, PHONE, request)
    yield page
    context.close()
    assert not problems, "the browser reported: " + "; ".join(problems)


@pytest.fixture
def desk(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page at a desk screen's size (1280x800), for the staff console."""
    context, page, problems = _open_page(browser, {"width": 1280, "height": 800}, request)
    yield page
    context.close()
    assert not problems, "the browser reported: " + "; ".join(problems)
