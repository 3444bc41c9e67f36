"""From the console to the kiosk's own screens: a status change a reviewer makes
in the browser shows on the kiosk's progress screen after a sync, and the
certificate the reviewer issues is printed at the kiosk from that screen
(tapped through the screen driver on the shared Qt app, enrolled for the test
with a real platform on loopback)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from central.certificates import certificate_of_case  # noqa: E402
from central.console.db import ConsoleDB  # noqa: E402
from central.console.security import create_account  # noqa: E402
from central.server import PlatformServer  # noqa: E402
from tests.console.conftest import PASSWORD, login  # noqa: E402
from tests.live import attract_screen, enrolled_with, running_platform, sync_once  # noqa: E402
from tests.phone.conftest import submit_by_card  # noqa: E402


@dataclass
class Enrolled:
    app: Any
    server: PlatformServer
    screen: Any

    def sync(self) -> None:
        sync_once(self.app)


@pytest.fixture
def enrolled(journey_app: Any, tmp_path: Path) -> Iterator[Enrolled]:
    """The shared kiosk app enrolled with a platform that has a reviewer; put back after."""
    with running_platform(tmp_path) as server:
        create_account(ConsoleDB(server.platform.store), "rui", "reviewer", PASSWORD)
        with enrolled_with(journey_app, server):
            yield Enrolled(journey_app, server, attract_screen(journey_app))
            journey_app.backends.shell.endSession("test")


def submit(app: Any) -> Any:
    """One card-identified application, queued by the kiosk's own ApplicationService."""
    from ui.journey import JourneyAreas

    ctx = JourneyAreas.of(app.backends).ctx
    return submit_by_card(ctx.apps, ctx.services.service("GA0101"))


def ask_progress(s: Any, tracking_no: str) -> None:
    """The resident asks on the progress screen with the receipt's number."""
    s.tap("输入受理编号或扫描回执二维码")
    s.type_text(tracking_no)
    s.tap("查询")


def test_console_status_and_certificate_reach_the_kiosk_screen(
    enrolled: Enrolled, desk: Any
) -> None:
    from ui.journey import JourneyAreas

    sub = submit(enrolled.app)
    enrolled.sync()
    store = enrolled.server.platform.store
    case = store.case_numbers()[sub.client_id]
    # the reviewer accepts it in the browser, with a reason
    login(desk, enrolled.server, "rui")
    desk.goto(f"{enrolled.server.url}/console/cases/{case}")
    desk.get_by_label("新状态 New status").select_option("accepted")
    desk.get_by_label("原因 Reason").fill("材料齐全，予以受理")
    desk.get_by_role("button", name="变更状态 Change status").click()
    assert "状态已变更" in desk.get_by_role("status").inner_text()
    enrolled.sync()  # the kiosk's next cycle pulls it
    s = enrolled.screen
    s.tap("政务服务 一站办理")
    s.tap("进度查询")
    s.wait_for("办件进度查询")
    ask_progress(s, sub.tracking_no)
    s.wait_for("平台已受理")
    assert s.says(sub.tracking_no) and s.says(case)
    assert not s.says("打印办结证书")  # no certificate yet
    # reviewed, approved, and the certificate issued from the case's page
    for status in ("in_review", "approved"):
        desk.get_by_label("新状态 New status").select_option(status)
        desk.get_by_label("原因 Reason").fill("审核通过")
        desk.get_by_role("button", name="变更状态 Change status").click()
    desk.get_by_role("button", name="出具证书 Issue certificate").click()
    assert "证书已出具" in desk.get_by_role("status").inner_text()
    enrolled.sync()
    s.tap("查询")  # the same number, asked again
    s.wait_for("证照已制作完成")
    s.tap("打印办结证书")
    receipt = JourneyAreas.of(enrolled.app.backends).receipt
    s.wait_until(lambda: receipt.a4Message != "", 10, "the certificate went to A4")
    cert = certificate_of_case(enrolled.server.platform, case)
    assert cert is not None
    if receipt.a4Printed:  # CUPS took it
        assert s.says("证书已发送 A4 打印机")
    else:  # no A4 printer here: the PDF is kept for the staff, and the screen says so
        assert s.says("证书已获取，但 A4 打印机不可用")
        kept = Path(receipt.last_pdf)
        assert hashlib.sha256(kept.read_bytes()).hexdigest() == cert.sha256
        assert kept.stat().st_mode & 0o077 == 0
