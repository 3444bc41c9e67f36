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


def test_one_time_setup_code_is_hashed_expires_and_sets_the_first_pin(tmp_path: Path) -> None:
    from kiosk.settings import get_setting
    from kiosk.technician.pin import (
        FIRST_RUN_SETTING,
        PIN_SETTING,
        PinAlreadySet,
        SetupCodeExpired,
        SetupCodeWrong,
    )

    clock = FakeClock()
    guard = PinGuard(open_storage(tmp_path / "k.db"), clock.time)
    code, expires = guard.issue_setup_code(600)
    assert code.isdigit() and len(code) == 8 and expires == clock.now + 600
    stored = get_setting(guard.storage, FIRST_RUN_SETTING)
    assert code not in stored and "scrypt$" in stored
    with pytest.raises(SetupCodeWrong) as wrong:
        guard.check_setup_code("0" * 8 if code != "0" * 8 else "1" * 8)
    assert wrong.value.params["left"] == 4
    guard.check_setup_code(code)
    with pytest.raises(ValidationError):
        guard.set_first_pin(code, "12")  # the PIN's own rules still hold
    clock.now += 601
    with pytest.raises(SetupCodeExpired):
        guard.set_first_pin(code, "135790")
    assert not guard.is_set()
    code, _ = guard.issue_setup_code(600)  # a new code replaces the old one
    guard.set_first_pin(code, "135790")
    assert get_setting(guard.storage, PIN_SETTING).startswith("scrypt$")
    guard.check("135790")
    with pytest.raises(PinAlreadySet):
        guard.check_setup_code(code)  # used up: a PIN is set now
    with pytest.raises(PinAlreadySet):
        guard.issue_setup_code()
    actions = [e.action for e in audit.recent(guard.storage)]
    assert "pin.first_set" in actions and "pin.setup_code_issued" in actions


def test_wrong_setup_codes_and_wrong_pins_share_one_lockout(tmp_path: Path) -> None:
    from kiosk.technician.pin import SetupCodeWrong

    clock = FakeClock()
    guard = PinGuard(open_storage(tmp_path / "k.db"), clock.time)
    code, _ = guard.issue_setup_code()
    for _ in range(4):
        with pytest.raises(SetupCodeWrong):
            guard.check_setup_code("99999999" if code != "99999999" else "88888888")
    with pytest.raises(PinLocked):
        guard.check_setup_code("")
    with pytest.raises(PinLocked):
        guard.check_setup_code(code)  # even the right code waits
    clock.now += LOCK_SECONDS + 1
    guard.set_first_pin(code, "246810")


def test_first_run_code_command_prints_a_code_and_refuses_once_a_pin_is_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    toml = tmp_path / "kiosk.toml"
    toml.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    assert main(["--config", str(toml), "technician", "first-run-code", "--minutes", "5"]) == 0
    out = capsys.readouterr().out.splitlines()
    code = out[0]
    assert code.isdigit() and "valid until" in out[1]
    guard = PinGuard(open_storage(tmp_path / "data" / "kiosk.db"))
    guard.set_first_pin(code, "246810")
    assert main(["--config", str(toml), "technician", "first-run-code"]) == 1
    assert "already set" in capsys.readouterr().err
