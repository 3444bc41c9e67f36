"""The catalog desk (upload checked by the kiosk's own model, problems by service
and field, publish, kiosks pull it) and ``kiosk platform user ...``."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from central.console.db import ConsoleDB
from central.server import PlatformServer, open_platform
from kiosk.settings import get_setting
from sync.engine import SyncEngine
from tests.console.conftest import Kiosk, login


def test_upload_check_publish_and_the_kiosk_pulls_it(
    platform: PlatformServer, desk: Any, kiosk: Kiosk, tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:  # fmt: skip
    SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once()
    assert get_setting(kiosk.storage, "sync.catalog_version") == "1"
    document = json.loads(platform.platform.catalog_path.read_text(encoding="utf-8"))
    bad = json.loads(json.dumps(document))
    bad["version"] = 2
    bad["services"][0]["form"][0]["type"] = "colour"
    del bad["services"][1]["name_zh"]
    (tmp_path / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    login(desk, platform, "ada")
    desk.goto(f"{platform.url}/console/catalog")
    assert "版本 Version 1" in desk.locator("main section").first.inner_text()
    desk.get_by_label("目录文件 Catalog file (JSON)").set_input_files(str(tmp_path / "bad.json"))
    desk.get_by_role("button", name="检查 Check").click()
    problems = desk.get_by_role("alert").inner_text()
    first, second = bad["services"][0]["code"], bad["services"][1]["code"]
    assert "未通过检查" in problems and first in problems and second in problems
    assert "form[0].type" in problems and "name_zh" in problems
    assert desk.get_by_role("button", name="发布 Publish version 2").count() == 0
    good = json.loads(json.dumps(document))
    good["version"] = 2
    good["services"][0]["name_zh"] += "（新）"
    (tmp_path / "good.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    desk.get_by_label("目录文件 Catalog file (JSON)").set_input_files(str(tmp_path / "good.json"))
    desk.get_by_role("button", name="检查 Check").click()
    # changed under its old service version: the kiosks would keep the old text
    assert "the service changed" in desk.get_by_role("alert").inner_text()
    good["services"][0]["version"] += 1
    (tmp_path / "good.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    desk.get_by_label("目录文件 Catalog file (JSON)").set_input_files(str(tmp_path / "good.json"))
    desk.get_by_role("button", name="检查 Check").click()
    assert "待发布 Ready to publish" in desk.locator(".staged").inner_text()
    desk.get_by_role("button", name="发布 Publish version 2").click()
    assert "已发布 Published: version 2" in desk.get_by_role("status").inner_text()
    report = SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once()
    assert report.ok and report.catalog_updated and report.catalog_version == "2"
    from kiosk.catalog.store import CatalogStore

    store = CatalogStore(kiosk.storage)
    try:
        assert store.version() == 2
        code, name = good["services"][0]["code"], good["services"][0]["name_zh"]
        assert store.service(code).name_zh == name
    finally:
        store.close()
    # a restart serves what was published, not the file it was started with
    again = open_platform(platform.platform.store.path)
    try:
        assert again.catalog_path.name == "catalog-v2.json"
    finally:
        again.store.close()
    assert answered_422(request) == 2


def answered_422(request: pytest.FixtureRequest) -> int:
    from tests.console.conftest import answered

    return answered(request, 422)


def cli(*argv: str, stdin: str = "") -> tuple[int, str]:
    import sys

    out = io.StringIO()
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with redirect_stdout(out):
            code = main(list(argv))
    finally:
        sys.stdin = old
    return code, out.getvalue()


def test_the_first_admin_from_the_shell(tmp_path: Path, desk: Any) -> None:
    db_dir = str(tmp_path / "platform")
    code, out = cli("platform", "--db", db_dir, "user", "list")
    assert code == 0 and "no accounts yet" in out
    code, _ = cli("platform", "--db", db_dir, "user", "add", "chief", "--role", "admin",
                  "--password-stdin", stdin="short\n")  # fmt: skip
    assert code == 1  # too short: refused
    code, out = cli("platform", "--db", db_dir, "user", "add", "chief", "--role", "admin",
                    "--name", "局长", "--password-stdin",
                    stdin="first admin password\n")  # fmt: skip
    assert code == 0 and "chief (admin) added" in out
    code, _ = cli("platform", "--db", db_dir, "user", "add", "desk1", "--role", "clerk",
                  "--password-stdin", stdin="a clerk password\n")  # fmt: skip
    assert code == 1  # a clerk needs a hall
    code, out = cli("platform", "--db", db_dir, "user", "list", "--json")
    (chief,) = json.loads(out)
    assert chief["role"] == "admin" and chief["name"] == "局长" and not chief["disabled"]
    code, out = cli("platform", "--db", db_dir, "user", "token", "chief", "--label", "ci")
    assert code == 0 and out.splitlines()[-1].startswith("gkp_")
    # the first admin logs in on the console served from that database
    server = PlatformServer(open_platform(Path(db_dir) / "central.db")).start()
    try:
        login(desk, server, "chief", "first admin password")
        assert "局长" in desk.locator("header form.me").inner_text()
        assert cli("platform", "--db", db_dir, "user", "disable", "chief")[0] == 0
        desk.goto(f"{server.url}/console/users")
        assert "/console/login" in desk.url  # disabling ended the session
        assert cli("platform", "--db", db_dir, "user", "enable", "chief")[0] == 0
        code, _ = cli("platform", "--db", db_dir, "user", "reset", "chief", "--password-stdin",
                      stdin="second admin password\n")  # fmt: skip
        assert code == 0
        login(desk, server, "chief", "second admin password")
        assert "局长" in desk.locator("header form.me").inner_text()
        rows = ConsoleDB(server.platform.store).audit_rows(actor="(shell)")
        actions = [r["action"] for r in rows]
        assert {"account_added", "account_disabled", "account_enabled", "password_reset",
                "api_token_issued"} <= set(actions)  # fmt: skip
    finally:
        server.stop()
        server.platform.store.close()
    assert cli("platform", "--db", db_dir, "user", "disable", "nobody")[0] == 1


def test_a_county_sized_catalog_fits_the_upload(platform: PlatformServer) -> None:
    """The console's upload has its own body cap (16 MiB, central.limits): a catalog
    of 600 services, about 2 MiB, is checked and staged, not refused for its size."""
    import re

    import requests

    from tests.console.test_separation import session_cookie

    document = json.loads(platform.platform.catalog_path.read_text(encoding="utf-8"))
    services = list(document["services"])
    for copy in ("X", "Y"):
        for s in services:
            s = json.loads(json.dumps(s))
            s["code"] += copy
            document["services"].append(s)
    document["version"] = 2
    body = json.dumps(document, ensure_ascii=False).encode()
    assert len(body) > 1024 * 1024  # over the platform's default cap for a form
    cookie = session_cookie(platform, "ada")
    page = requests.get(f"{platform.url}/console/catalog", timeout=10,
                        headers={"Cookie": f"__Host-console={cookie}"})  # fmt: skip
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    answer = requests.post(
        f"{platform.url}/console/catalog/upload", data={"csrf": csrf},
        files={"document": ("county.json", body, "application/json")},
        headers={"Cookie": f"__Host-console={cookie}"}, timeout=60,
    )  # fmt: skip
    assert answer.status_code == 200, answer.text[:500]
    assert f"{len(document['services'])} 项 services" in answer.text
