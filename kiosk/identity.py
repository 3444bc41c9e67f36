"""A resident's identity as the kiosk holds it for one session.

Where the identity comes from (card reader, phone QR, manual entry) does not
matter to the rest of the journey. The ID number check follows GB 11643: the
ISO 7064 MOD 11-2 check character and a real birth date. The six-digit area
code is *not* checked against today's list: counties merge and get renamed but
a number never changes, so an unknown area is no reason to refuse a card.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.errors import ValidationError
from kiosk.privacy import mask_id_number, mask_name

# GB/T 3304 codes of the 56 nationalities, as the card's nation field holds them.
NATIONS: dict[str, str] = {
    "01": "汉", "02": "蒙古", "03": "回", "04": "藏", "05": "维吾尔", "06": "苗",
    "07": "彝", "08": "壮", "09": "布依", "10": "朝鲜", "11": "满", "12": "侗",
    "13": "瑶", "14": "白", "15": "土家", "16": "哈尼", "17": "哈萨克", "18": "傣",
    "19": "黎", "20": "傈僳", "21": "佤", "22": "畲", "23": "高山", "24": "拉祜",
    "25": "水", "26": "东乡", "27": "纳西", "28": "景颇", "29": "柯尔克孜", "30": "土",
    "31": "达斡尔", "32": "仫佬", "33": "羌", "34": "布朗", "35": "撒拉", "36": "毛南",
    "37": "仡佬", "38": "锡伯", "39": "阿昌", "40": "普米", "41": "塔吉克", "42": "怒",
    "43": "乌孜别克", "44": "俄罗斯", "45": "鄂温克", "46": "德昂", "47": "保安",
    "48": "裕固", "49": "京", "50": "塔塔尔", "51": "独龙", "52": "鄂伦春", "53": "赫哲",
    "54": "门巴", "55": "珞巴", "56": "基诺",
}  # fmt: skip


class IdentitySource(StrEnum):
    CARD = "card"
    PHONE_QR = "phone_qr"
    MANUAL = "manual"


def normalize_id_number(number: str) -> str:
    return number.strip().replace(" ", "").upper()


def load_check_library() -> None:
    """Import python-stdnum ahead of the first check (ui/app.py, from a thread)."""
    from stdnum.iso7064 import mod_11_2  # noqa: F401


def validate_id_number(number: str) -> str:
    """Return the normalised 18-character number or raise ValidationError."""
    number = normalize_id_number(number)
    if len(number) != 18 or not number[:17].isdigit() or number[17] not in "0123456789X":
        raise ValidationError(
            "ID number must be 17 digits and a digit or X",
            key="error.id.format",
            field="id_number",
        )
    # python-stdnum imports ssl, pydoc and pkgutil for its own online checks
    # (about 50 ms): loaded with the first number checked, not at the start
    # (ui/app.py loads it from a thread once the kiosk is ready).
    from stdnum.exceptions import ValidationError as StdnumValidationError
    from stdnum.iso7064 import mod_11_2

    try:
        mod_11_2.validate(number)
    except StdnumValidationError as exc:
        raise ValidationError(
            "ID number check character is wrong", key="error.id.checksum", field="id_number"
        ) from exc
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise ValidationError(
            "ID number holds no real birth date", key="error.id.birthdate", field="id_number"
        ) from exc
    if birth > dt.date.today() or birth.year < 1880:
        raise ValidationError(
            "ID number birth date is out of range", key="error.id.birthdate", field="id_number"
        )
    return number


@dataclass
class Identity:
    """Personal data of one resident; lives in memory for the session only."""

    name: str
    id_number: str
    source: IdentitySource
    sex: str = ""  # "1" male, "2" female, as on the card
    nation_code: str = ""
    birth_date: dt.date | None = None
    address: str = ""
    authority: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None  # None with long_term=True means 长期
    long_term: bool = False
    photo: bytes = field(default=b"", repr=False)

    def __repr__(self) -> str:  # never print personal data by accident
        return f"Identity({self.masked_name}, {self.masked_id_number}, {self.source.value})"

    __str__ = __repr__

    @property
    def nation(self) -> str:
        return NATIONS.get(self.nation_code, "")

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    def is_expired(self, today: dt.date | None = None) -> bool:
        if self.long_term or self.valid_to is None:
            return False
        return (today or dt.date.today()) > self.valid_to

    def check(self, today: dt.date | None = None) -> None:
        """Refuse an identity the kiosk must not use: bad number or expired card."""
        validate_id_number(self.id_number)
        if self.source is IdentitySource.CARD and self.is_expired(today):
            raise ValidationError("card has expired", key="error.id.expired", field="valid_to")

    def wipe(self) -> None:
        """Overwrite the fields so no reference keeps the values alive."""
        self.name = ""
        self.id_number = ""
        self.address = ""
        self.authority = ""
        self.photo = b""
        self.birth_date = None


def manual_identity(name: str, id_number: str) -> Identity:
    name = name.strip()
    if not name or len(name) > 30 or any(not (ch.isalpha() or ch in "·• ") for ch in name):
        raise ValidationError(
            "name is empty or has invalid characters", key="error.name.invalid", field="name"
        )
    return Identity(
        name=name, id_number=validate_id_number(id_number), source=IdentitySource.MANUAL
    )
