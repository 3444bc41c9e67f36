from pathlib import Path

import pytest

from kiosk.errors import ValidationError
from kiosk.storage import open_storage
from kiosk.technician import audit
from kiosk.technician.pin import (
    LOCK_SECONDS,
    PinGuard,
    PinLocked,
    PinNotSet,
    PinWrong,
    hash_pin,
    verify_hash,
)


class FakeClock:
    """Time under test control; the lockout must follow it, not the wall clock."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def time(self) -> float:
        return self.now


def test_hash_is_scrypt_salted_and_verifies() -> None:
    a, b = hash_pin("246810"), hash_pin("246810")
    assert a.startswith("scrypt$") and a != b
    assert verify_hash("246810", a) and not verify_hash("246811", a)
    assert not verify_hash("246810", "garbage")
    with pytest.raises(ValidationError):
        hash_pin("12a4")


def test_lockout_after_five_wrong_tries_expires_and_survives_restart(tmp_path: Path) -> None:
    clock = FakeClock()
    storage = open_storage(tmp_path / "k.db")
    guard = PinGuard(storage, clock.time)
    with pytest.raises(PinNotSet):
        guard.check("246810")
    guard.set_pin("246810")
    for left in (4, 3, 2, 1):
        with pytest.raises(PinWrong) as info:
            guard.check("000000")
        assert info.value.params["left"] == left
    with pytest.raises(PinLocked):
        guard.check("000000")
    # restart: a new process, same database, the lock holds, even for the right PIN
    storage.close()
    guard = PinGuard(open_storage(tmp_path / "k.db"), clock.time)
    with pytest.raises(PinLocked) as info:
        guard.check("246810")
    assert info.value.params["seconds"] == LOCK_SECONDS
    clock.now += LOCK_SECONDS + 1
    guard.check("246810")
    actions = [e.action for e in audit.recent(guard.storage)]
    assert actions.count("entry.failed") == 4
    assert "entry.locked" in actions and actions[0] == "entry.ok"
