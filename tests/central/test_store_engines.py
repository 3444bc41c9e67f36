"""The platform's store on both engines: the migrations build the schema, an older
platform's database is adopted with its rows, and "exactly once" holds between
stores that share one database (workers), on the database's constraints."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from central.console.db import ConsoleDB
from central.store import IncomingItem, PlatformStore
from central.store.schema import metadata
from tests.engines import PlatformDB, platform_db

__all__ = ["platform_db"]


@pytest.fixture
def store(platform_db: PlatformDB) -> Iterator[PlatformStore]:
    opened = PlatformStore(platform_db.where)
    yield opened
    opened.close()


def test_the_migrations_build_exactly_the_schema(store: PlatformStore) -> None:
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert differences == []
    assert version == "0002"


def test_opening_again_migrates_nothing_and_keeps_the_rows(platform_db: PlatformDB) -> None:
    first = PlatformStore(platform_db.where)
    kiosk = first.enroll(first.create_token(), "ab" * 32, "GD01")
    first.close()
    again = PlatformStore(platform_db.where)
    try:
        assert [k["kiosk_id"] for k in again.kiosks()] == [kiosk]
    finally:
        again.close()


# The schema an older platform made at each start (central/store.py before the
# migrations): a county's central.db of that time must open with its rows.
LEGACY_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE kiosks (kiosk_id TEXT PRIMARY KEY, code TEXT NOT NULL DEFAULT '',
    public_key TEXT NOT NULL UNIQUE, enrolled_at TEXT NOT NULL, last_seen_at TEXT,
    health TEXT NOT NULL DEFAULT '{}');
CREATE TABLE applications (id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL, kind TEXT NOT NULL,
    payload_hash TEXT NOT NULL, sealed BLOB NOT NULL, case_number TEXT UNIQUE,
    tracking_no TEXT, service_code TEXT NOT NULL DEFAULT '',
    service_version TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL DEFAULT '',
    received_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'received',
    status_at TEXT NOT NULL);
CREATE TABLE status_events (seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kiosk_id TEXT NOT NULL, client_id TEXT NOT NULL, case_number TEXT NOT NULL,
    status TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', at TEXT NOT NULL);
CREATE INDEX status_events_kiosk ON status_events(kiosk_id, seq);
"""


def test_a_database_of_an_older_platform_is_adopted_with_its_rows(tmp_path: Path) -> None:
    db = tmp_path / "central.db"
    old = sqlite3.connect(db)
    old.executescript(LEGACY_SCHEMA)
    old.execute(
        "INSERT INTO kiosks VALUES ('K-OLD', 'GD01', ?, '2026-01-01', '2026-01-02', "
        "'{\"queue_depth\": 3}')",
        ("cd" * 32,),
    )
    old.execute(
        "INSERT INTO applications (client_id, kiosk_id, kind, payload_hash, sealed, "
        "case_number, received_at, status_at) VALUES ('c-old', 'K-OLD', 'application', "
        "'h', x'00', 'ZW1', '2026-01-02', '2026-01-02')"
    )
    old.commit()
    old.close()

    store = PlatformStore(db)
    try:
        kiosks = store.kiosks()
        assert kiosks[0]["kiosk_id"] == "K-OLD"
        assert kiosks[0]["health"] == {"queue_depth": 3}
        assert store.case_numbers() == {"c-old": "ZW1"}
        # the tables it never had are made, the walk indexes of 0002 too
        inspector = sa.inspect(store.engine)
        assert inspector.has_table("console_accounts") and inspector.has_table("certificates")
        assert "applications_kind_id" in {i["name"] for i in inspector.get_indexes("applications")}
        # and its ids go on from the old rows (AUTOINCREMENT kept)
        kiosk = "K-OLD"
        store.submit(kiosk, [IncomingItem("c-new", "application", "h2", b"\x01")], {})
        ids = store.query("SELECT id FROM applications ORDER BY id")
        assert [int(r[0]) for r in ids] == [1, 2]
    finally:
        store.close()


def _race(n: int, work: Callable[[int], Any]) -> list[Any]:
    """``work(i)`` in ``n`` threads released at the same moment."""
    gate = threading.Barrier(n)
    results: list[Any] = [None] * n

    def run(i: int) -> None:
        gate.wait()
        results[i] = work(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_one_batch_sent_to_two_workers_at_once_is_stored_once(platform_db: PlatformDB) -> None:
    """Two stores on one database stand for two workers (or machines): the kiosk's
    resend reaches the second while the first still commits."""
    workers = [PlatformStore(platform_db.where) for _ in range(2)]
    try:
        kiosk = workers[0].enroll(workers[0].create_token(), "ef" * 32, "GD01")
        assert kiosk is not None
        batch = [IncomingItem(f"c-{i}", "application", f"h{i}", b"sealed") for i in range(40)]
        for round_ in range(5):
            items = [IncomingItem(f"r{round_}-{i.client_id}", i.kind, i.payload_hash, i.sealed)
                     for i in batch]  # fmt: skip
            answers = _race(2, lambda w, items=items: workers[w].submit(kiosk, items, {}))
            for first, second in zip(*answers, strict=True):
                assert {first.verdict, second.verdict} == {"accepted", "duplicate"} or (
                    first.verdict == second.verdict == "duplicate"
                )
                assert first.case_number == second.case_number
        counts = workers[0].count_by_client_id()
        assert len(counts) == 200 and set(counts.values()) == {1}
        events = workers[1].query("SELECT count(*) FROM status_events")
        assert int(events[0][0]) == 200  # one "received" event per case, not per answer
    finally:
        for w in workers:
            w.close()


@contextmanager
def _workers(db: PlatformDB, n: int) -> Iterator[list[PlatformStore]]:
    """``n`` stores on one database: ``n`` workers (or machines) of one platform."""
    stores = [PlatformStore(db.where) for _ in range(n)]
    try:
        yield stores
    finally:
        for store in stores:
            store.close()


def test_an_identity_code_is_spent_once_across_workers(platform_db: PlatformDB) -> None:
    with _workers(platform_db, 4) as workers:
        code = workers[0].add_phone_code({"name": "张三", "id_number": "11010519491231002X"})
        spent = _race(4, lambda w: workers[w].spend_phone_code(code, f"K-{w}"))
    assert sorted(spent) == [False, False, False, True]


def test_a_replayed_nonce_is_refused_by_every_other_worker(platform_db: PlatformDB) -> None:
    with _workers(platform_db, 3) as workers:
        first = _race(3, lambda w: workers[w].use_nonce("K-1", "n-once", 1_000, 300))
    assert sorted(first) == [False, False, True]


def test_the_consoles_accounts_sessions_and_alerts_on_each_engine(store: PlatformStore) -> None:
    db = ConsoleDB(store)
    db.add_account("rui", "reviewer", "argon2-hash", display_name="审核员")
    assert db.login_failed("rui", max_failures=2, lock_minutes=5) is False
    assert db.login_failed("rui", max_failures=2, lock_minutes=5) is True  # locked now
    session = db.new_session("rui", lifetime_hours=1)
    found = db.session(session, idle_minutes=10)
    assert found is not None and found.account.label == "审核员"
    token_id, token = db.new_api_token("rui", "nightly export")
    assert db.api_account(token) is not None
    assert db.revoke_api_token(token_id) and db.api_account(token) is None
    db.sync_alerts("K-1", {"printer": "paper out"})
    db.sync_alerts("K-1", {"printer": "paper out", "offline": "20 min"})
    db.sync_alerts("K-1", {"offline": "25 min"})
    alerts = {(a["kind"], a["detail"], bool(a["cleared_at"])) for a in db.alerts()}
    assert alerts == {("printer", "paper out", True), ("offline", "25 min", False)}
    db.audit("rui", "case.open", target="ZW1")
    assert [r["action"] for r in db.audit_rows(target="ZW1")] == ["case.open"]


def test_a_kiosk_that_knows_received_from_its_verdicts_pulls_only_the_rest(
    store: PlatformStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each verdict carries the case's "received"; /statuses?omit_received passes
    # those events over, and its cursor moves past them (issue 19's drain)
    import central.store.platform_store as ps

    monkeypatch.setattr(ps, "OMIT_SCAN", 3)
    items = [IncomingItem(f"c-{i}", "application", f"h{i}", b"sealed") for i in range(25)]
    verdicts = store.submit("K1", items, {})
    assert all(v.verdict == "accepted" and v.received_at for v in verdicts)
    again = store.submit("K1", items[:1], {})
    assert again[0].verdict == "duplicate" and again[0].received_at == verdicts[0].received_at
    case = verdicts[7].case_number
    store.set_status(case, "accepted", "材料齐全")

    # every event, as before, for a kiosk that does not ask
    changes, cursor, more = store.status_changes("K1", 0, 10)
    assert [c["status"] for c in changes] == ["received"] * 10 and more

    # asked to leave "received" out: a page passes over at most OMIT_SCAN pages of them
    seen: list[dict[str, Any]] = []
    since, requests = 0, 0
    while True:
        changes, since, more = store.status_changes("K1", since, 5, omit_received=True)
        seen += changes
        requests += 1
        if not more:
            break
    assert [(c["case_number"], c["status"], c["note"]) for c in seen] == [
        (case, "accepted", "材料齐全")
    ]
    assert requests == 2  # 26 events: 15 passed over, then the other 11
    assert store.status_changes("K1", since, 5, omit_received=True) == ([], since, False)
    store.set_status(case, "in_review")
    changes, _, _ = store.status_changes("K1", since, 5, omit_received=True)
    assert [c["status"] for c in changes] == ["in_review"]
