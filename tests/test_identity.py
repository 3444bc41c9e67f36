import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.iso7064 import mod_11_2

from kiosk.errors import ValidationError
from kiosk.identity import Identity, IdentitySource, manual_identity, validate_id_number


def with_check(first17: str) -> str:
    return first17 + mod_11_2.calc_check_digit(first17)


def test_valid_number_including_x_and_unknown_area() -> None:
    assert validate_id_number("11010519491231002x") == "11010519491231002X"
    # 999999 is no area code today; the number must still be accepted.
    assert validate_id_number(with_check("99999919900307447")).startswith("999999")


@pytest.mark.parametrize(
    "number, key",
    [
        ("110105194912310021", "error.id.checksum"),
        ("1101051949123100", "error.id.format"),
        (with_check("11010519491332002"), "error.id.birthdate"),
        ("ABCDEFGHIJKLMNOPQR", "error.id.format"),
    ],
)
def test_bad_numbers_are_refused_with_a_key(number: str, key: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_id_number(number)
    assert info.value.key == key
    assert info.value.field == "id_number"


@given(st.text(max_size=40))
def test_any_text_gives_valid_number_or_validation_error(text: str) -> None:
    try:
        assert len(validate_id_number(text)) == 18
    except ValidationError:
        pass


def test_expiry_and_long_term() -> None:
    ident = Identity(
        "张三", "11010519491231002X", IdentitySource.CARD, valid_to=dt.date(2020, 1, 1)
    )
    with pytest.raises(ValidationError) as info:
        ident.check(dt.date(2021, 1, 1))
    assert info.value.key == "error.id.expired"
    ident.long_term, ident.valid_to = True, None
    ident.check(dt.date(2021, 1, 1))


def test_repr_is_masked_and_manual_entry_checks() -> None:
    ident = manual_identity("欧阳娜娜", "11010519491231002X")
    assert "欧阳娜娜" not in repr(ident) and "11010519491231002X" not in str(ident)
    assert ident.masked_name == "欧**娜"
    with pytest.raises(ValidationError):
        manual_identity("DROP TABLE;--", "11010519491231002X")
