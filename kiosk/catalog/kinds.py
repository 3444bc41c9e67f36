"""The words a catalog document uses: the closed lists its fields choose from.

Kept apart from the models (``kiosk.catalog.model``) so the model module
holds only the shapes and their rules; the values are the document's own
spellings and never change meaning, because stored service versions use them.
"""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """Who applies: a resident (个人) or a legal person (法人)."""

    PERSONAL = "personal"
    LEGAL = "legal"


class ServiceType(StrEnum):
    """The kind of government power, as the national catalog classifies it."""

    LICENSE = "license"  # 行政许可
    PAYMENT = "payment"  # 行政给付
    CONFIRMATION = "confirmation"  # 行政确认
    COLLECTION = "collection"  # 行政征收
    REWARD = "reward"  # 行政奖励
    RULING = "ruling"  # 行政裁决
    PENALTY = "penalty"  # 行政处罚 (settling a traffic offence)
    OTHER_POWER = "other_power"  # 其他行政权力
    PUBLIC_SERVICE = "public_service"  # 公共服务


class Channel(StrEnum):
    KIOSK = "kiosk"
    WEB = "web"
    APP = "app"
    COUNTER = "counter"


class IdentityRequirement(StrEnum):
    """What identity the service accepts before its form opens."""

    CARD = "card"  # the card must be read (or a phone QR resolved)
    CARD_OR_MANUAL = "card_or_manual"  # typed name + ID number is enough
    NONE = "none"  # anonymous (e.g. an enquiry)


class MaterialForm(StrEnum):
    ORIGINAL = "original"  # 原件
    COPY = "copy"  # 复印件
    ORIGINAL_AND_COPY = "original_and_copy"  # 原件及复印件
    ELECTRONIC = "electronic"  # 电子证照, fetched by the platform


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    SELECT = "select"
    MULTI_SELECT = "multi_select"
    PHONE = "phone"
    ID_NUMBER = "id_number"
    ADDRESS = "address"
    CHECKBOX = "checkbox"


class PrefillSource(StrEnum):
    """Where a field's first value comes from; names match ``kiosk.identity.Identity``."""

    NAME = "name"
    ID_NUMBER = "id_number"
    SEX = "sex"  # "1" male, "2" female, as on the card
    NATION = "nation"  # the nation's name (汉, 回 ...)
    BIRTH_DATE = "birth_date"
    ADDRESS = "address"
    PHONE = "phone"  # not on the card: the session may know it
