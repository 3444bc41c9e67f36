"""The kiosk code a provisioning QR assigns is a code, never a path (issue 15, item 8):
it names the log export's file and starts every tracking number."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest

from kiosk.config import Config
from kiosk.errors import ValidationError
from kiosk.i18n import describe_error
from kiosk.settings import set_setting
from kiosk.storage import open_storage
from kiosk.technician.provisioning import (
    KIOSK_CODE_SETTING,
    apply_kiosk_code,
    parse_provisioning,
)


@pytest.mark.parametrize(
    "code", ["../../home/kiosk/.ssh/x", "..", "GD/07", "gd07", "A" * 17, "GD 07", "GD07\u202e"]
)
def test_a_qr_whose_code_is_not_a_code_is_refused(code: str) -> None:
    text = "gov-kiosk://provision?" + urlencode(
        {"url": "https://p.example", "token": "t", "code": code}
    )
    with pytest.raises(ValidationError) as info:
        parse_provisioning(text)
    assert info.value.key == "error.provision.code"
    assert "1-16" in describe_error(info.value, "en")


def test_a_stored_code_from_before_the_check_is_not_used(tmp_path: Path) -> None:
    storage = open_storage(tmp_path / "kiosk.db")
    try:
        config = Config()
        set_setting(storage, KIOSK_CODE_SETTING, "../x")
        apply_kiosk_code(storage, config)
        assert config.kiosk.code == "DEMO01"
        set_setting(storage, KIOSK_CODE_SETTING, "GD-07")
        apply_kiosk_code(storage, config)
        assert config.kiosk.code == "GD-07"
    finally:
        storage.close()
