"""Hostile input, fuzzed: what comes in from files, the scanner, the touch screen
and the network yields a value or a typed KioskError with a message key; nothing
else escapes and nothing hangs."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.catalog.files import parse_catalog
from kiosk.config import parse_config
from kiosk.errors import KioskError
from kiosk.forms import validate_form
from kiosk.outbox import Outbox
from kiosk.progress import ProgressQuery
from kiosk.services import DEMO_SERVICES
from kiosk.storage import open_storage
from sync.client import PROTOCOL, PlatformClient

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


def deep(n: int) -> str:
    return "[" * n + "]" * n


odd_strings = st.one_of(
    st.text(max_size=300),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    st.sampled_from(
        [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>",
            "https://evil.example/cases/../../etc",
            "zwfw://x?y=" + "%00" * 50,
            "\x00\x01\x02",
            "DEMO01-20260101-" + "9" * 10_000,
            "A" * 1_000_000,
            deep(50_000),
            '{"k":' * 20_000,
        ]
    ),
)


def _only_typed(fn: Any, *args: Any) -> Any:
    try:
        return fn(*args)
    except KioskError as exc:
        assert exc.key, exc  # a message the screen can translate
        return exc


# --- files -----------------------------------------------------------------------


config_keys = st.sampled_from(
    ["kiosk.code", "kiosk.data_dir", "sync.url", "sync.timeout_seconds", "ui.language",
     "devices.printer.port", "devices.printer.baud", "sync.batch_max_items", "nosuch.key",
     "logging.level", "storage.backup_hours"]
)  # fmt: skip
toml_values = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.floats(allow_nan=True).map(lambda f: str(f).lower()),
    st.text(max_size=30).map(json.dumps),
    st.sampled_from(["true", "[1, 2]", "{a = 1}", "nan", "inf", '"""x"""', "1979-05-27"]),
)


@FUZZ
@given(st.lists(st.tuples(config_keys, toml_values), max_size=6), odd_strings)
def test_config_file_raises_only_config_errors(pairs: list[tuple[str, str]], junk: str) -> None:
    text = "\n".join(f"[{k.rsplit('.', 1)[0]}]\n{k.rsplit('.', 1)[1]} = {v}" for k, v in pairs)
    for doc in (text, junk, text + "\n" + junk[:200]):
        _only_typed(parse_config, doc, "fuzz.toml")


@FUZZ
@given(st.one_of(json_values.map(json.dumps), odd_strings, st.binary(max_size=300)))
def test_catalog_file_raises_only_typed_errors(doc: str | bytes) -> None:
    _only_typed(parse_catalog, doc, "fuzz.json")


def test_deep_json_catalog_is_a_typed_error() -> None:
    result = _only_typed(parse_catalog, deep(100_000), "deep.json")
    assert isinstance(result, KioskError)


# --- the scanner and the touch screen -----------------------------------------------


@pytest.fixture(scope="module")
def progress(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProgressQuery]:
    storage = open_storage(tmp_path_factory.mktemp("hostile") / "kiosk.db")
    yield ProgressQuery(storage, Outbox(storage, "GD01"))
    storage.close()


@FUZZ
@given(odd_strings)
def test_scanned_qr_payloads_give_a_case_none_or_a_typed_error(
    progress: ProgressQuery, payload: str
) -> None:
    _only_typed(progress.lookup, payload)


@FUZZ
@given(st.dictionaries(st.sampled_from([f.id for f in DEMO_SERVICES[0].form]), odd_strings))
def test_form_fields_give_values_or_field_errors(values: dict[str, str]) -> None:
    _only_typed(validate_form, DEMO_SERVICES[0].form, values)


# --- the platform's answers ----------------------------------------------------------


class Hostile:
    status = 200
    content_type = "application/json"
    body = b"{}"
    declare_length = True  # False: no Content-Length, the body ends with the connection


class _Handler(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(Hostile.status)
        self.send_header("Content-Type", Hostile.content_type)
        if Hostile.declare_length:
            self.send_header("Content-Length", str(len(Hostile.body)))
        else:
            self.close_connection = True
        self.end_headers()
        try:
            self.wfile.write(Hostile.body)
        except OSError:
            pass  # the kiosk stopped reading (an answer over its limit)

    do_GET = do_POST = _answer

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def hostile_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _calls(client: PlatformClient) -> list[Any]:
    return [
        lambda: client.submit([]),
        lambda: client.statuses(0),
        lambda: client.catalog(""),
        lambda: client.heartbeat({}),
        lambda: client.resolve_phone_code("123456"),
        lambda: client.lookup_case("DEMO01-20260101-0001"),
        lambda: client.enroll("token", "00" * 32, "GD01", "1"),
        lambda: client.proof("11010519491231002X", "x", "residence"),
    ]


answers = st.one_of(
    json_values.map(lambda v: json.dumps({"protocol": PROTOCOL, "results": v, "changes": v,
                                          "cursor": v, "catalog": v, "identity": v, "case": v,
                                          "kiosk_id": v, "seal_public_key": v}).encode()),
    st.dictionaries(st.sampled_from(["results", "changes", "cursor", "catalog", "more"]),
                    json_values).map(lambda d: json.dumps({"protocol": PROTOCOL, **d}).encode()),
    st.binary(max_size=300),
    st.just(b"[" * 100_000),
    st.just(b'{"protocol": "' + PROTOCOL.encode() + b'", "x": ' + b"[" * 100_000),
    st.just(b"<html>captive portal</html>" * 2000),
)  # fmt: skip


@FUZZ
@given(
    answers,
    st.sampled_from([200, 201, 204, 301, 400, 401, 403, 404, 409, 413, 429, 500, 503]),
    st.sampled_from(
        ["application/json", "text/html", "application/pdf", "", "application/json; charset=gbk"]
    ),
)  # fmt: skip
def test_platform_answers_of_any_shape_give_typed_errors(
    hostile_url: str, body: bytes, status: int, content_type: str
) -> None:
    Hostile.body, Hostile.status, Hostile.content_type = body, status, content_type
    client = PlatformClient(hostile_url, kiosk_id="k1", key=Ed25519PrivateKey.generate(), timeout=5)
    try:
        for call in _calls(client):
            _only_typed(call)
    finally:
        client.close()


def test_a_huge_body_is_a_typed_error_not_a_crash(hostile_url: str) -> None:
    Hostile.body, Hostile.status, Hostile.content_type = b"x" * 20_000_000, 200, "text/html"
    client = PlatformClient(hostile_url, kiosk_id="k1", key=Ed25519PrivateKey.generate())
    try:
        assert isinstance(_only_typed(client.heartbeat, {}), KioskError)
    finally:
        client.close()


@pytest.mark.parametrize("declared", [True, False])
def test_an_answer_over_the_limit_is_refused_without_reading_it_all(
    hostile_url: str, monkeypatch: pytest.MonkeyPatch, declared: bool
) -> None:
    """Even a well-formed protocol answer is refused past the cap: when its length is
    declared, before reading; when it is not, as soon as the cap is passed."""
    import sync.client

    monkeypatch.setattr(sync.client, "MAX_ANSWER_BYTES", 4096)
    padding = "x" * 20_000
    Hostile.body = json.dumps({"protocol": PROTOCOL, "ok": True, "pad": padding}).encode()
    Hostile.status, Hostile.content_type = 200, "application/json"
    Hostile.declare_length = declared
    client = PlatformClient(hostile_url, kiosk_id="k1", key=Ed25519PrivateKey.generate())
    try:
        error = _only_typed(client.heartbeat, {})
        assert isinstance(error, KioskError) and "limit" in error.detail, error
        monkeypatch.setattr(sync.client, "MAX_ANSWER_BYTES", 1_000_000)
        error = _only_typed(client.heartbeat, {})  # the same answer under the cap is read
        assert error is None or "limit" not in getattr(error, "detail", "")
    finally:
        Hostile.declare_length = True
        client.close()
