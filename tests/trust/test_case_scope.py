"""What a kiosk may ask the platform about cases and people (issue 15, item 7).

Two real kiosks enrolled with one real platform on loopback. Kiosk B may not
read kiosk A's case by its number, nor have a proof printed for any ID number
it likes; a resident who presents their phone code (or their case's client id)
at B vouches for themselves there. Case numbers are not a counter. Every proof
issued is logged with the kiosk that asked.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from app.demo_platform import DEMO_IDENTITY
from central.server import PlatformServer
from central.store import CASE_ALPHABET
from kiosk.errors import SyncError
from kiosk.outbox import NewItem
from protocol.sealing import seal
from sync.client import RequestRefused
from sync.engine import SyncEngine
from sync.enroll import enroll
from sync.gateway import HttpGateway
from sync.keys import platform_seal_key
from tests.journey.conftest import make_identity
from tests.sync.conftest import Kiosk, make_kiosk

OTHER_ID = "11010519491231002X"


def _kiosk_b(tmp_path: Path, platform: PlatformServer) -> Kiosk:
    b = make_kiosk(tmp_path / "kiosk-b", platform.url)
    b.config.kiosk.code = "GD02"
    enroll(b.storage, b.config, platform.url, platform.platform.store.create_token())
    return b


def _apply(kiosk: Kiosk, id_number: str) -> str:
    """One application whose sealed payload names its applicant, synced."""
    key = platform_seal_key(kiosk.storage)
    assert key is not None
    client_id = str(uuid.uuid4())
    doc = {"applicant": {"name": "张三", "id_number": id_number}, "fields": {}}
    box = seal(json.dumps(doc, ensure_ascii=False).encode(), key, client_id.encode())
    kiosk.outbox.enqueue(NewItem("application", box, "S1", 1, "张*", id_number, client_id))
    assert SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once().ok
    return client_id


def test_a_kiosk_reads_only_cases_it_may_know(
    tmp_path: Path, platform: PlatformServer, kiosk: Kiosk
) -> None:
    b = _kiosk_b(tmp_path, platform)
    client_id = _apply(kiosk, OTHER_ID)
    number = platform.platform.store.case_numbers()[client_id]
    a_client = SyncEngine.from_settings(kiosk.storage, kiosk.config).client
    b_client = SyncEngine.from_settings(b.storage, b.config).client
    assert a_client.lookup_case(number)["client_id"] == client_id  # type: ignore[index]
    assert b_client.lookup_case(number) is None  # another kiosk's case number: nothing
    # the client id (the receipt's and the phone's QR) is the resident's own key
    found = b_client.lookup_case(f"https://example/cases/{client_id}")
    assert found is not None and found["case_number"] == number
    b.storage.close()


def test_case_numbers_are_not_a_counter(platform: PlatformServer, kiosk: Kiosk) -> None:
    ids = kiosk.enqueue(6)
    assert SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once().ok
    numbers = [platform.platform.store.case_numbers()[c] for c in ids]
    day = numbers[0][2:10]
    tails = [n.removeprefix("ZW" + day) for n in numbers]
    assert all(len(t) == 10 and set(t) <= set(CASE_ALPHABET) for t in tails), numbers
    values = [int("".join(str(CASE_ALPHABET.index(ch)) for ch in t)) for t in tails]
    steps = {abs(b - a) for a, b in zip(values, values[1:], strict=False)}
    assert not steps & {0, 1}, numbers  # the next number is not the last plus one


def test_proofs_only_for_a_resident_who_vouched_at_that_kiosk(
    tmp_path: Path, platform: PlatformServer, kiosk: Kiosk
) -> None:
    store = platform.platform.store
    b = _kiosk_b(tmp_path, platform)
    b_client = SyncEngine.from_settings(b.storage, b.config).client
    # any ID number, nothing to vouch for it: refused, nothing logged
    with pytest.raises(RequestRefused) as info:
        b_client.proof(OTHER_ID, "张三", "residence")
    assert info.value.status == 403 and "proof_not_allowed" in info.value.detail
    assert store.proof_log() == []
    # the resident shows their phone's identity QR at kiosk B: B may print their proof
    code = store.add_phone_code(DEMO_IDENTITY)
    gateway = HttpGateway(b_client)
    identity = gateway.resolve_phone_qr(code)
    assert gateway.fetch_proof("residence", identity).startswith(b"%PDF")
    # the same code is no evidence at kiosk A, where the resident never showed it
    a_client = SyncEngine.from_settings(kiosk.storage, kiosk.config).client
    with pytest.raises(RequestRefused):
        a_client.proof(DEMO_IDENTITY["id_number"], "张三", "residence", evidence=code)
    # a card read alone vouches for nothing the platform can check: said plainly
    card = make_identity()
    with pytest.raises(SyncError) as refused:
        HttpGateway(a_client).fetch_proof("residence", card)
    assert refused.value.key == "error.proof.not_allowed"
    # the client id of the resident's own case does vouch, at any kiosk
    client_id = _apply(kiosk, OTHER_ID)
    assert b_client.proof(OTHER_ID, "张三", "residence", evidence=client_id).startswith(b"%PDF")
    log = store.proof_log()
    assert [(r["kiosk_id"], r["evidence"]) for r in log] == [
        (b_client.kiosk_id, "phone_code"),
        (b_client.kiosk_id, "case"),
    ]
    assert all("*" in r["masked_id"] and OTHER_ID not in json.dumps(r) for r in log)
    b.storage.close()


def test_a_batchs_case_numbers_use_every_letter_evenly() -> None:
    # one random byte per letter, its low 5 bits (central/store/platform_store.py):
    # 20,000 letters put about 625 on each of the 32; a skewed table would not
    from collections import Counter

    from central.store.platform_store import _case_tails

    tails = _case_tails(2_000)
    assert len(set(tails)) == 2_000 and all(len(t) == 10 for t in tails)
    counts = Counter("".join(tails))
    assert set(counts) == set(CASE_ALPHABET)
    assert all(450 < n < 800 for n in counts.values()), counts
