"""The published OpenAPI document (central/openapi.json) is the one the platform serves."""

from __future__ import annotations

import json
from pathlib import Path

from central.app import create_app
from central.server import open_platform
from tests.conftest import REPO


def test_committed_openapi_matches_the_app(tmp_path: Path) -> None:
    served = create_app(open_platform(tmp_path / "c.db")).openapi()
    committed = json.loads((REPO / "central" / "openapi.json").read_text(encoding="utf-8"))
    assert committed == served, "regenerate: kiosk platform openapi > central/openapi.json"
    assert served["info"]["version"] == "1.0.0"
    for path in (
        "/api/v1/enroll",
        "/api/v1/submissions",
        "/api/v1/statuses",
        "/api/v1/catalog",
        "/api/v1/identity/resolve",
        "/api/v1/proofs",
        "/api/v1/heartbeat",
    ):
        assert path in served["paths"]
