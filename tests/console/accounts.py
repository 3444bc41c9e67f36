"""Console accounts for tests elsewhere (the phone pages move cases through the
operator API): an account of a role and an API token of it, made as the
console's Accounts page makes them."""

from __future__ import annotations

import secrets

from central.console.db import ConsoleDB
from central.console.security import create_account
from central.platform import Platform


def api_token(platform: Platform, role: str = "reviewer") -> str:
    """A fresh API token of a fresh account with ``role`` (one account per call)."""
    db = ConsoleDB(platform.store)
    username = f"{role}-{secrets.token_hex(3)}"
    create_account(db, username, role, secrets.token_urlsafe(16),
                   hall="test hall" if role == "clerk" else "")  # fmt: skip
    return db.new_api_token(username, "tests")[1]
