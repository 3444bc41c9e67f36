"""Fixtures of the trust tests: the sync tests' real platform and enrolled kiosk."""

from tests.sync.conftest import kiosk, platform, platform_db

__all__ = ["kiosk", "platform", "platform_db"]
