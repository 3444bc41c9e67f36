"""Who may call what: a kiosk's signature opens no console page, a console session
opens no kiosk or operator endpoint, API tokens are per account, by role and
revocable, and the kiosk API's docs are served in demo mode only."""

from __future__ import annotations

import re
import time
from typing import Any

import requests

from app.demo_platform import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_console
from central.app import create_app
from central.console.db import ConsoleDB
from central.server import PlatformServer, open_platform
from kiosk.settings import get_setting
from protocol.signing import sign_headers
from sync import keys
from tests.console.accounts import api_token
from tests.console.conftest import PASSWORD, Kiosk


def session_cookie(platform: PlatformServer, username: str, password: str = PASSWORD) -> str:
    """Log in as a script would (the cookie is Secure, which ``requests`` keeps for
    https only, so it is carried by hand here)."""
    form = requests.get(f"{platform.url}/console/login", timeout=10)
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    answer = requests.post(
        f"{platform.url}/console/login",
        data={"username": username, "password": password, "csrf": csrf},
        headers={"Cookie": f"__Host-console-login={csrf}"}, allow_redirects=False, timeout=10,
    )  # fmt: skip
    assert answer.status_code == 303, answer.text
    found = re.search(r"__Host-console=([^;]+)", answer.headers["set-cookie"])
    assert found is not None
    return found.group(1)


def signed(kiosk: Kiosk, method: str, path: str) -> dict[str, str]:
    key = keys.load_or_create_signing_key(kiosk.config.data_dir)
    return sign_headers(key, get_setting(kiosk.storage, keys.KIOSK_ID), method, path, b"",
                        int(time.time()))  # fmt: skip


def test_a_kiosk_signature_opens_no_console_page(platform: PlatformServer, kiosk: Kiosk) -> None:
    # the signature is good: the kiosk API answers it
    ok = requests.get(f"{platform.url}/api/v1/statuses?since=0",
                      headers=signed(kiosk, "GET", "/api/v1/statuses?since=0"), timeout=10)
    assert ok.status_code == 200  # fmt: skip
    for path in ("/console/cases", "/console/fleet", "/console/users", "/console/audit"):
        answer = requests.get(platform.url + path, headers=signed(kiosk, "GET", path),
                              allow_redirects=False, timeout=10)  # fmt: skip
        assert answer.status_code == 303 and "/console/login" in answer.headers["location"]
    post = requests.post(f"{platform.url}/console/fleet/tokens", data={"csrf": "x"},
                         headers=signed(kiosk, "POST", "/console/fleet/tokens"), timeout=10)
    assert post.status_code == 401  # fmt: skip
    assert "注册令牌" not in post.text and ConsoleDB(platform.platform.store).audit_rows() == []


def test_a_console_session_calls_no_kiosk_or_operator_endpoint(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    cookie = {"Cookie": f"__Host-console={session_cookie(platform, 'ada')}"}
    page = requests.get(f"{platform.url}/console/fleet", headers=cookie, timeout=10)
    assert page.status_code == 200 and "终端 Fleet" in page.text  # the cookie is good
    for method, path in (("GET", "/api/v1/statuses"), ("GET", "/api/v1/catalog"),
                         ("POST", "/api/v1/heartbeat"), ("POST", "/api/v1/submissions")):
        body = {} if method == "POST" else None  # a GET with a body is refused for its size
        answer = requests.request(method, platform.url + path, headers=cookie, json=body,
                                  timeout=10)  # fmt: skip
        assert answer.status_code == 401, (path, answer.text)
    for path in ("/api/v1/operator/applications", "/api/v1/operator/kiosks"):
        assert requests.get(platform.url + path, headers=cookie, timeout=10).status_code == 401


def test_api_tokens_per_account_by_role_and_revocable(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    kiosk.submit()
    kiosk.sync()
    base = f"{platform.url}/api/v1/operator"
    reviewer = {"Authorization": f"Bearer {api_token(platform.platform, 'reviewer')}"}
    listed = requests.get(f"{base}/applications", headers=reviewer, timeout=10)
    assert listed.status_code == 200
    (case,) = [a["case_number"] for a in listed.json()["applications"]]
    opened = requests.get(f"{base}/applications/{case}/payload", headers=reviewer, timeout=10)
    assert opened.status_code == 200 and opened.json()["payload"]["applicant"]["name"]
    (row,) = ConsoleDB(platform.platform.store).audit_rows(action="case_opened")
    assert row["target"] == case and row["role"] == "reviewer" and row["detail"] == "operator API"
    assert requests.get(f"{base}/kiosks", headers=reviewer, timeout=10).status_code == 403
    tech = {"Authorization": f"Bearer {api_token(platform.platform, 'technician')}"}
    assert requests.get(f"{base}/kiosks", headers=tech, timeout=10).status_code == 200
    assert requests.get(f"{base}/applications", headers=tech, timeout=10).status_code == 403
    clerk = {"Authorization": f"Bearer {api_token(platform.platform, 'clerk')}"}
    assert requests.get(f"{base}/applications", headers=clerk, timeout=10).status_code == 403
    # the database keeps a hash, never the token; revoking ends it at once
    db = ConsoleDB(platform.platform.store)
    token = reviewer["Authorization"].split()[1]
    assert token not in platform.platform.store.path.read_bytes().decode("latin-1")
    (mine,) = [t for t in db.api_tokens() if t["username"].startswith("reviewer-")]
    assert db.revoke_api_token(int(mine["id"]))
    assert requests.get(f"{base}/applications", headers=reviewer, timeout=10).status_code == 401
    # no static token is left anywhere
    assert not (platform.platform.store.path.parent / "operator_token").exists()
    assert not hasattr(platform.platform.keys, "operator_token")
    assert requests.get(f"{base}/applications", timeout=10).status_code == 401


def test_the_api_docs_are_served_in_demo_mode_only(tmp_path: Any) -> None:
    service = PlatformServer(open_platform(tmp_path / "service" / "central.db")).start()
    demo_platform = open_platform(tmp_path / "demo" / "central.db")
    demo_console(demo_platform)
    demo = PlatformServer(demo_platform).start()
    try:
        for path in ("/api/v1/docs", "/api/v1/openapi.json"):
            assert requests.get(service.url + path, timeout=10).status_code == 404
            assert requests.get(demo.url + path, timeout=10).status_code == 200
        # and `kiosk platform openapi` still prints the document
        assert "/api/v1/submissions" in create_app(service.platform).openapi()["paths"]
        # the demo has one account per role, with the README's password
        db = ConsoleDB(demo_platform.store)
        assert sorted(a.role for a in db.accounts()) == sorted(r for _, r, _ in DEMO_ACCOUNTS)
        session_cookie(demo, "clerk", DEMO_PASSWORD)
        assert ConsoleDB(service.platform.store).accounts() == []  # in service: none
    finally:
        for server in (service, demo):
            server.stop()
            server.platform.store.close()


def test_every_console_form_refuses_a_post_without_its_csrf_token(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    """All POST routes of the console, with a good session and no token (or a wrong
    one): refused, and nothing changed (the audit records the refusals)."""
    from central.console import console_router

    kiosk.submit()
    kiosk.sync()
    case = next(iter(platform.platform.store.case_numbers().values()))
    cookie = {"Cookie": f"__Host-console={session_cookie(platform, 'ada')}"}
    kid = next(iter(k["kiosk_id"] for k in platform.platform.store.kiosks()))
    values = {"case_number": case, "kiosk_id": kid, "alert_id": "1", "username": "rui",
              "token_id": "1"}  # fmt: skip
    routes = console_router(platform.platform).routes
    posts = [str(getattr(r, "path", "")) for r in routes if "POST" in getattr(r, "methods", ())]
    paths = sorted(p for p in posts if not p.endswith(("/login", "/logout")))
    assert len(paths) >= 12, paths
    before = (platform.platform.store.case_summary(case), platform.platform.store.kiosks())
    for path in paths:
        url = platform.url + path.format(**values)
        for form in ({"status": "accepted", "reason": "x", "hall": "h", "password": "p" * 12,
                      "username": "mallory", "role": "admin"},  # fmt: skip
                     {"csrf": "forged", "status": "accepted", "reason": "x"}):
            answer = requests.post(url, data=form, headers=cookie, allow_redirects=False,
                                   files={"document": ("c.json", b"{}")} if "upload" in path
                                   else None, timeout=10)  # fmt: skip
            assert answer.status_code == 403 and "表单已失效" in answer.text, (path, answer.text)
    after = (platform.platform.store.case_summary(case), platform.platform.store.kiosks())
    assert before == after and ConsoleDB(platform.platform.store).account("mallory") is None
    refused = ConsoleDB(platform.platform.store).audit_rows(action="csrf_refused", limit=1000)
    assert len(refused) == 2 * len(paths)


def test_logins_from_one_address_are_throttled(platform: PlatformServer) -> None:
    """Twenty logins per address in five minutes, whichever accounts they try."""
    form = requests.get(f"{platform.url}/console/login", timeout=10)
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    codes = []
    for i in range(22):
        answer = requests.post(
            f"{platform.url}/console/login",
            data={"username": f"guess{i}", "password": "wrong password", "csrf": csrf},
            headers={"Cookie": f"__Host-console-login={csrf}"}, timeout=10,
        )  # fmt: skip
        codes.append(answer.status_code)
    assert codes[:20] == [401] * 20 and codes[20:] == [429, 429]
    assert "尝试过于频繁" in answer.text
    # the right password is throttled too, until the window passes
    answer = requests.post(
        f"{platform.url}/console/login",
        data={"username": "ada", "password": PASSWORD, "csrf": csrf},
        headers={"Cookie": f"__Host-console-login={csrf}"}, allow_redirects=False, timeout=10,
    )  # fmt: skip
    assert answer.status_code == 429


def test_plain_http_from_another_host_is_told_to_use_https(platform: PlatformServer) -> None:
    """Over plain HTTP to a name that is not loopback the browser would drop the Secure
    cookie: the login page says so instead of failing without a word."""
    elsewhere = requests.get(f"{platform.url}/console/login", timeout=10,
                             headers={"Host": "zwfw.example.gov.cn"})  # fmt: skip
    assert "须通过 HTTPS 访问" in elsewhere.text
    here = requests.get(f"{platform.url}/console/login", timeout=10)
    assert "HTTPS" not in here.text.split("<main>")[1].split("</form>")[0]
