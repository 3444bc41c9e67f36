"""Text is text (issue 15, item 6): markup in catalog or resident data is shown as
written, never rendered, and never makes the kiosk fetch anything.

A catalog service whose name, summary and material hold
``<img src=http://127.0.0.1:PORT/...>`` is imported into the running kiosk; a
real HTTP server on loopback records every request. The resident browses to it,
searches for it, reads its guide, types the same markup into a form field and
reviews it, all by taps through the screen driver. At every screen reached,
every Text item of the window (shown or not) must be ``Text.PlainText``; at
the end the markup is on the glass as characters and the server got nothing.
Before, a Text's default (AutoText) took such a string for rich text: the name
showed without the tag and the kiosk fetched the picture.
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from kiosk.catalog.files import SAMPLE_CATALOG, load_catalog_file  # noqa: E402
from kiosk.catalog.model import Catalog  # noqa: E402
from kiosk.catalog.store import CatalogStore  # noqa: E402

PLAIN_TEXT = 0  # Text.PlainText
OURS = (Path(__file__).resolve().parents[2] / "ui" / "qml").as_uri()
CODE = "XS0001"
TITLE = "跨省测试参保登记"


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        type(self).hits.append(self.path)
        body = bytes.fromhex(  # a 1x1 PNG, so a fetch would succeed
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
        )
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []
    handler = type("Handler", (_Recorder,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def _tag(base: str, name: str) -> str:
    return f'<img src="{base}/{name}.png">'


@pytest.fixture
def hostile_catalog(kiosk: Any, recorder: tuple[str, list[str]]) -> Iterator[str]:
    """The sample catalog plus one service full of markup, then the sample again."""
    base, _hits = recorder
    doc = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    template = next(s for s in doc["services"] if s["code"] == "YB0102")
    service = copy.deepcopy(template)
    service.update(
        code=CODE,
        name_zh=_tag(base, "name") + TITLE,
        name_en=_tag(base, "name-en") + "Test enrolment",
        summary_zh="<b>粗体</b>" + _tag(base, "summary") + "测试用的事项",
    )
    service["materials"][0]["name_zh"] = _tag(base, "material") + "居民身份证"
    service.pop("name_ug", None), service.pop("summary_ug", None)
    doc["services"].append(service)
    doc["version"] += 1
    backends = kiosk.backends
    store = CatalogStore(backends.storage)
    try:
        store.import_catalog(Catalog.from_dict(doc), force=True)
    finally:
        store.close()
    shelf = backends.wired.catalog.shelf
    shelf.reload()
    yield base
    store = CatalogStore(backends.storage)
    try:
        store.import_catalog(load_catalog_file(SAMPLE_CATALOG), force=True)
    finally:
        store.close()
    shelf.reload()


def _assert_plain(s: Any, screen: str, checked: dict[str, int]) -> None:
    """Every Text item our QML made, or a control made for itself, is PlainText.

    Qt's own QML (the virtual keyboard's key caps, from its style.qml) shows its
    own labels and none of ours; the candidates it offers are Main.qml's delegate.
    """
    s.next_frame()
    count = 0
    bad = []
    for item, source in s.text_items():
        if source and not source.startswith(OURS):
            continue
        count += 1
        if s.text_format(item) != PLAIN_TEXT:
            bad.append((source.rsplit("/", 1)[-1] or "(made by a control)", item.property("text")))
    assert not bad, f"{screen}: Text items that may render markup: {bad}"
    checked[screen] = count


def test_markup_in_catalog_and_resident_data_shows_as_text_and_fetches_nothing(
    kiosk: Any,
    screen: Any,
    sims: dict[str, Any],
    recorder: tuple[str, list[str]],
    hostile_catalog: str,
) -> None:
    from devices.sim.idcard_sim import sample_card
    from ui.testing.screen import settle

    base, hits = recorder
    name_tag = _tag(base, "name")
    s = screen
    checked: dict[str, int] = {}
    _assert_plain(s, "Attract", checked)
    s.tap("政务服务 一站办理")
    s.wait_for("搜索服务")
    _assert_plain(s, "Home", checked)
    # Search, by the service code
    s.tap("搜索服务")
    s.wait_for("搜索事项")
    s.type_text(CODE)
    s.wait_for(TITLE)
    assert s.says(name_tag + TITLE)  # the markup, as characters
    _assert_plain(s, "Search", checked)
    s.tap(name_tag + TITLE)
    # Guide
    s.wait_for("开始办理")
    assert s.says("<b>粗体</b>") and s.says(_tag(base, "summary"))
    _assert_plain(s, "Guide", checked)
    s.tap("首页")
    # Browse, by department, down to the same service
    s.tap("办理事项")
    s.wait_for("按部门")
    s.tap("按部门")
    s.wait_for("县医疗保障局")
    # the department chip has no accessible name of its own: tap its touch area
    chip = next(i for i in s.items() if str(i.property("text") or "").startswith("县医疗保障局"))
    s.tap_item(next(c for c in chip.parentItem().childItems() if c.inherits("QQuickMouseArea")))
    s.scroll_to(TITLE)
    assert s.says(name_tag + TITLE)
    _assert_plain(s, "Browse", checked)
    s.tap(name_tag + TITLE)
    s.wait_for("开始办理")
    s.tap("开始办理")
    # Identify, Form: the resident types the same markup into a free field
    s.wait_for("请将身份证放在读卡区")
    _assert_plain(s, "Identify", checked)
    sims["card"].place(sample_card(name="欧阳丽华", id_number="440106198001011230"))
    s.wait_for("欧**华", timeout=8)
    s.tap("继续")
    s.wait_for("填写申请表")
    note = _tag(base, "note")
    s.tap("联系电话")
    s.type_text("13700001111")
    s.tap("就读学校")
    s.type_text(note)
    s.tap("城乡居民")
    s.tap("本人承诺所填信息真实有效")
    _assert_plain(s, "Form", checked)
    s.tap("下一步：材料")
    s.wait_for("居民户口簿")
    assert s.says(_tag(base, "material") + "居民身份证")
    _assert_plain(s, "Materials", checked)
    s.tap(_tag(base, "material") + "居民身份证")
    s.tap("居民户口簿")
    s.tap("下一步：核对")
    # Review: the service name and the resident's answer, both as written
    s.wait_for("确认提交")
    s.scroll_to(note)
    assert s.says(note)
    _assert_plain(s, "Review", checked)
    s.tap("确认提交")
    s.wait_for("回执", timeout=8)
    _assert_plain(s, "Submitted", checked)
    s.tap("评价本次服务")
    s.wait_for("非常满意")
    _assert_plain(s, "Evaluate", checked)
    s.tap("非常满意")
    s.tap("提交评价")
    s.wait_for("感谢")
    s.tap("完成并退出")
    s.wait_for("政务服务自助终端")
    assert len(checked) == 11 and all(n > 0 for n in checked.values()), checked
    # a fetch a screen started seconds ago would have reached the server by now;
    # the event loop turns a moment more for one started by the last screen
    settle(1000)
    assert hits == [], f"the kiosk fetched {hits}"
