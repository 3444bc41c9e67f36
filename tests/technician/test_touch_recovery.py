"""The technician reads, on the kiosk page, what a recovery saved and what it could not,
and how long the kiosk waited for its disk (issue 15, items 1 and 2).

The reports are made by real recoveries of damaged files (a zeroed header, a
file cut short) in folders of their own, then kept in the shared app's
database as start-up keeps them; the page is opened by the corner, the PIN
pad and the tab, and read from the screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from kiosk.backup import backup_now, open_recovered  # noqa: E402
from kiosk.outbox import NewItem, Outbox  # noqa: E402
from kiosk.recovery_report import (  # noqa: E402
    RECOVERY_SETTING,
    WAIT_SETTING,
    RecoveryReport,
    last_recovery,
    remember_recovery,
    remember_wait,
)
from kiosk.storage import backup_dir_for  # noqa: E402
from tests.technician.test_touch_pages import (  # noqa: E402, F401 (fixtures)
    enter,
    row_value,
    screen,
    t,
    tech_app,
)


def _recovered_report(folder: Path, cut: bool) -> dict[str, Any]:
    """A real recovery: 5 in the backup, 5 after it, then the file damaged."""
    db = folder / "kiosk.db"
    storage = open_recovered(db)
    outbox = Outbox(storage, "GD01")
    for _ in range(5):
        outbox.enqueue(NewItem("application", b"a" * 900, "S1", 1))
    backup_now(storage, backup_dir_for(db))
    for _ in range(5):
        outbox.enqueue(NewItem("application", b"b" * 900, "S1", 1))
    with storage.read_lock():
        storage.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    storage.close()
    data = bytearray(db.read_bytes())
    if cut:
        del data[len(data) * 2 // 5 :]
    else:
        data[:100] = bytes(100)
    db.write_bytes(bytes(data))
    storage = open_recovered(db)
    try:
        report = last_recovery(storage)
    finally:
        storage.close()
    assert report is not None
    return report


@pytest.fixture
def clean_reports(tech_app: Any) -> Iterator[Any]:  # noqa: F811 (the imported fixture)
    storage = tech_app.backends.storage
    yield storage
    with storage.transaction() as conn:
        conn.execute("DELETE FROM settings WHERE key IN (?, ?)", (RECOVERY_SETTING, WAIT_SETTING))


def test_kiosk_page_lists_what_a_recovery_could_not_save_and_the_wait_for_the_disk(
    tech_app: Any,  # noqa: F811 (the imported fixtures)
    screen: Any,  # noqa: F811
    clean_reports: Any,
    tmp_path: Path,
) -> None:
    s = screen
    cut = _recovered_report(tmp_path / "cut", cut=True)
    lost = [str(n) for n in cut["missing_tracking_numbers"]]
    assert lost
    remember_recovery(clean_reports, RecoveryReport(**cut))
    remember_wait(
        clean_reports,
        "2026-12-01T02:00:00+00:00",
        "2026-12-01T02:40:00+00:00",
        "error.storage.full",
        "database or disk is full",
    )
    enter(s)
    s.tap(t("tech.page.kiosk"))
    s.wait_for(t("tech.info.recovery"))
    said = row_value(s, t("tech.info.recovery"))
    assert t("tech.info.recovery_lost", numbers=", ".join(lost)) in said
    waited = row_value(s, t("tech.info.storage_wait"))
    assert t("error.storage.full") in waited

    # a zeroed header: everything read back, and the page says nothing was lost
    whole = _recovered_report(tmp_path / "zeroed", cut=False)
    assert whole["missing_tracking_numbers"] == []
    remember_recovery(clean_reports, RecoveryReport(**whole))
    s.tap(t("tech.page.sync"))
    s.wait_for(t("tech.sync.now"))
    s.tap(t("tech.page.kiosk"))
    s.wait_for(t("tech.info.recovery"))
    said = row_value(s, t("tech.info.recovery"))
    assert t("tech.info.recovery_salvaged", count=5) in said
    assert t("tech.info.recovery_none_lost") in said
