# ruff: noqa: E501 - the common words of the list read best one a line
"""The words the sample county list is written in: services, materials, fees, form fields.

``build_sheet.py`` turns these into the workbook a county keeps (one row a
service, a material, a fee) and one form schema file per service; nothing
here is read by the kiosk itself.
"""

from __future__ import annotations

from typing import Any

Row = dict[str, Any]
Pair = tuple[str, str]

# ---- a service, a material, a fee ---------------------------------------------------------


def svc(
    code: str,
    name: str,
    name_en: str,
    dep: str,
    kind: str,
    summary: str,
    summary_en: str,
    *,
    legal: int | str = 0,
    promised: int | str = 0,
    via: str = "窗口",
    online: bool = False,
    ident: str = "读身份证",
    themes: str = "",
    kw: str = "",
    where: Pair | None = None,
    form: list[Row] | None = None,
    materials: tuple[Row, ...] | list[Row] = (),
    fees: tuple[Row, ...] | list[Row] = (),
    who: str = "自然人",
    help: Pair | None = None,  # noqa: A002 - the sheet's word for it
    version: int = 1,
) -> Row:
    """One row of the 事项 sheet. ``via``: 自助 网办 掌上 窗口 (space separated)."""
    ways = via.split()
    unknown = set(ways) - {"自助", "网办", "掌上", "窗口"}
    if unknown:
        raise ValueError(f"{code}: unknown channels {unknown}")
    return {
        "code": code,
        "name": name,
        "name_en": name_en,
        "dep": dep,
        "kind": kind,
        "summary": summary,
        "summary_en": summary_en,
        "legal": legal,
        "promised": promised,
        "kiosk": "自助" in ways,
        "web": "网办" in ways,
        "app": "掌上" in ways,
        "counter": "窗口" in ways,
        "online": online,
        "ident": ident,
        "themes": themes,
        "kw": kw,
        "where": where or ("", ""),
        "form": form,
        "materials": list(materials),
        "fees": list(fees),
        "who": who,
        "help": help or ("", ""),
        "version": version,
    }


def mat(
    name: str,
    name_en: str,
    form: str = "原件",
    n: int = 1,
    *,
    cond: Pair | None = None,
    notes: Pair | None = None,
    code: str = "",
) -> Row:
    """One row of the 申请材料 sheet; ``cond``: needed only in that case (按情形)."""
    return {
        "name": name,
        "name_en": name_en,
        "form": form,
        "n": n,
        "needed": "按情形" if cond else "必要",
        "cond": cond or ("", ""),
        "notes": notes or ("", ""),
        "code": code,
    }


def fee(item: str, item_en: str, amount: float, basis: str = "", basis_en: str = "") -> Row:
    return {"item": item, "item_en": item_en, "amount": amount, "basis": (basis, basis_en)}


# Materials nearly every service asks for.
ID_CARD = mat("居民身份证", "Resident ID card")
HUKOU = mat("居民户口簿", "Household register (hukou booklet)")
PHOTO = mat(
    "近期免冠彩色照片（现场采集）",
    "Recent colour photo (taken on site)",
    notes=("窗口或自助终端现场拍摄，无需自带", "Taken at the window or the kiosk; no need to bring one"),
)
BANK = mat(
    "本人银行账户（社保卡金融账户）",
    "Your bank account (or social security card account)",
    notes=("用于发放待遇", "For the payments"),
)
AGENT = mat(
    "代办人居民身份证及委托书",
    "Agent's ID card and a power of attorney",
    cond=("委托他人代办的", "If someone applies for you"),
)

# ---- form fields ----------------------------------------------------------------------------


def _field(kind: str, fid: str, zh: str, en: str, required: bool, **extra: Any) -> Row:
    out: Row = {"id": fid, "type": kind, "label_zh": zh, "label_en": en, "required": required}
    for key, value in extra.items():
        if value is not None:
            out[key] = value
    return out


def text(fid: str, zh: str, en: str, *, max: int = 30, required: bool = True,  # noqa: A002
         pattern: str | None = None, help: Pair | None = None, prefill: str | None = None) -> Row:  # noqa: A002
    return _field("text", fid, zh, en, required, max=max, pattern=pattern, prefill=prefill,
                  **_help(help))


def addr(fid: str, zh: str, en: str, *, required: bool = True, help: Pair | None = None,  # noqa: A002
         prefill: str | None = None) -> Row:
    return _field("address", fid, zh, en, required, max=70, prefill=prefill, **_help(help))


def num(fid: str, zh: str, en: str, lo: float, hi: float, *, required: bool = True,
        help: Pair | None = None) -> Row:  # noqa: A002
    return _field("number", fid, zh, en, required, min=lo, max=hi, **_help(help))


def date(fid: str, zh: str, en: str, lo: int | None = None, hi: int | None = None, *,
         required: bool = True, help: Pair | None = None, prefill: str | None = None) -> Row:  # noqa: A002
    return _field("date", fid, zh, en, required, min=lo, max=hi, prefill=prefill, **_help(help))


def idno(fid: str, zh: str, en: str, *, required: bool = True, help: Pair | None = None) -> Row:  # noqa: A002
    return _field("id_number", fid, zh, en, required, **_help(help))


def sel(fid: str, zh: str, en: str, options: list[tuple[Any, ...]], *, required: bool = True,
        multi: bool = False, help: Pair | None = None, prefill: str | None = None) -> Row:  # noqa: A002
    """``options``: (value, zh, en) or (value, zh, en, min_age)."""
    opts = []
    for o in options:
        opt: Row = {"value": o[0], "label_zh": o[1], "label_en": o[2]}
        if len(o) > 3:
            opt["min_age"] = o[3]
        opts.append(opt)
    return _field("multi_select" if multi else "select", fid, zh, en, required, options=opts,
                  prefill=prefill, **_help(help))


def _help(pair: Pair | None) -> Row:
    return {"help_zh": pair[0], "help_en": pair[1]} if pair else {}


NAME = text("name", "姓名", "Name", prefill="name")
ID_NUMBER = _field("id_number", "id_number", "公民身份号码", "ID number", True, prefill="id_number")
SEX = sel("sex", "性别", "Sex", [("1", "男", "Male"), ("2", "女", "Female")], prefill="sex")
NATION = text("nation", "民族", "Ethnic group", max=10, prefill="nation")
BIRTH = date("birth_date", "出生日期", "Date of birth", hi=0, prefill="birth_date")
ADDRESS = addr("address", "户籍地址", "Registered address", prefill="address")
LIVE = addr("live_address", "现居住地址", "Current address", help=("写到门牌号", "Down to the house number"))
PHONE = _field(
    "phone", "phone", "联系电话", "Phone number", True, prefill="phone", pattern=r"1[3-9]\d{9}",
    help_zh="11位手机号码，用于接收办理进度短信", help_en="11-digit mobile number for progress text messages",
)
AGREE = _field(
    "checkbox", "agree", "本人承诺所填信息真实有效", "I declare that the information is true", True,
    help_zh="提供虚假信息须承担法律责任", help_en="False information has legal consequences",
)
BANK_ACCOUNT = text(
    "bank_account", "收款账号", "Bank account", max=25, pattern=r"\d{12,25}",
    help=("本人名下一类银行账户或社保卡金融账户", "A bank account in your name, or your social security card account"),
)
PURPOSE = sel("purpose", "用途", "Purpose", [
    ("job", "入职/求职", "Employment"), ("school", "子女入学", "Child's school enrolment"),
    ("house", "购房/落户", "Home purchase or residence"), ("other", "其他", "Other"),
])
COPIES = num("copies", "打印份数", "Copies", 1, 5, help=("最多5份", "Up to 5"))
PICKUP = sel("pickup", "领取方式", "How to collect", [
    ("window", "窗口自取", "Collect at the window"), ("post", "邮政寄递（到付）", "By post (paid on delivery)"),
])


def print_form(*purposes: tuple[str, str, str]) -> list[Row]:
    """A proof printed on the spot: what it is for and how many copies."""
    if not purposes:
        return [PURPOSE, COPIES]
    return [sel("purpose", "用途", "Purpose", [*purposes, ("other", "其他", "Other")]), COPIES]


def booking_form(place: str, place_en: str, slots: list[tuple[str, str, str]] | None = None,
                 days: int = 14) -> list[Row]:
    """A time booked at a counter: the day (from tomorrow), the half day, a phone for the SMS."""
    return [
        NAME, ID_NUMBER, PHONE,
        date("day", "预约日期", "Day", 1, days, help=(f"可预约{days}天内的工作日；{place}",
                                                       f"A working day within {days} days; {place_en}")),
        sel("slot", "预约时段", "Time", slots or [
            ("am", "上午 9:00-12:00", "Morning 9:00-12:00"),
            ("pm", "下午 13:30-17:00", "Afternoon 13:30-17:00"),
        ]),
        AGREE,
    ]


def person_form(*extra: Row, live: bool = False, bank: bool = False) -> list[Row]:
    """The identity fields (prefilled from the card), what the service asks, and the declaration."""
    head = [NAME, ID_NUMBER, PHONE]
    return [*head, *( [LIVE] if live else []), *extra, *( [BANK_ACCOUNT] if bank else []), AGREE]


def patch(
    services: list[Row],
    forms: dict[str, list[Row]] | None = None,
    helps: dict[str, Pair] | None = None,
) -> None:
    """Give services listed above a form, or the words for what the kiosk does for them."""
    by_code = {s["code"]: s for s in services}
    for code, form in (forms or {}).items():
        by_code[code]["form"] = form
        by_code[code]["kiosk"] = True
    for code, words in (helps or {}).items():
        by_code[code]["help"] = words


def guide_only(where: str, where_en: str, also: str = "", also_en: str = "") -> Pair:
    """What the kiosk does for a service done elsewhere: the guide, its QR, the place."""
    return (
        f"本终端可为您显示本指南，扫旁边的二维码可存到手机；{also}请带齐材料到{where}办理。",
        f"This kiosk shows this guide, and its QR code keeps it on your phone; {also_en}"
        f"bring the documents to {where_en}.",
    )


def checkbox_field(fid: str, zh: str, en: str, *, required: bool = True) -> Row:
    return _field("checkbox", fid, zh, en, required)
