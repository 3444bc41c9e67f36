"""Numbers, dates, times and codes written out as words before speech.

A speech engine reads "2026-12-01" or "DEMO01-20261201-0003" as it likes
(espeak-ng's Mandarin voice says digits one way in one place and another way
elsewhere); a resident who cannot read the screen must hear a date as a date
and a tracking number as the characters to say at a counter. So the kiosk
writes every such token out in words first, by rules it owns and tests:

- a code (letters and digits, with or without dashes, such as a tracking
  number or a service code) is read character by character, a dash as 杠;
- a long run of digits (a phone number) is read digit by digit;
- a date (2026-12-01, 2026/12/01, 2026年12月1日) as year digits, month and day;
- a time (14:30) as hours and minutes;
- an amount or a count (12.5 元, 3 个工作日, 50%) as a number.

Cardinal numbers come from cn2an (Chinese) and num2words (English); both load
on first use, in the speaking thread, not at the kiosk's start.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

_DIGITS_ZH = "零一二三四五六七八九"
_DIGITS_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip

# A code: at least one letter and one digit, dashes allowed between parts
# (DEMO01-20261201-0003, YB0102, A4); or digit groups joined by dashes that are
# not a date (0101-0003).
_CODE = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(?=[A-Za-z0-9-]*[A-Za-z])(?=[A-Za-z0-9-]*[0-9])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"
    r"(?![A-Za-z0-9])"
)
_DATE = re.compile(r"(?<!\d)(\d{4})(?:-|/|\.|年)(\d{1,2})(?:-|/|\.|月)(\d{1,2})日?(?!\d)")
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"(?<!\d)(\d{4})年")
_TIME = re.compile(r"(?<!\d)([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?!\d)")
_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[%％]")
_RANGE = re.compile(r"(?<![\d.])(\d+)\s*[-~～至到]\s*(\d+)(?![\d.])")
_LONG_DIGITS = re.compile(r"(?<![\d.])\d{5,}(?![\d.])")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


@cache
def _an2cn() -> Callable[[str], str]:
    import cn2an  # noqa: PLC0415 (about 0.2 s: loaded in the speaking thread)

    convert: Callable[[str], str] = cn2an.an2cn
    return convert


@cache
def _num2words() -> Callable[..., str]:
    from num2words import num2words  # noqa: PLC0415

    convert: Callable[..., str] = num2words
    return convert


def _zh_number(text: str) -> str:
    return _an2cn()(text)


def _en_number(text: str) -> str:
    value: Any = float(text) if "." in text else int(text)
    return _num2words()(value)


def _zh_chars(code: str) -> str:
    """A code read character by character: 零一二..., letters as they are, 杠."""
    out: list[str] = []
    for ch in code:
        if ch.isdigit():
            out.append(_DIGITS_ZH[int(ch)])
        elif ch == "-":
            out.append("杠")
        else:
            out.append(ch.upper())
    return " ".join(out)


def _en_chars(code: str) -> str:
    out: list[str] = []
    for ch in code:
        if ch.isdigit():
            out.append(_DIGITS_EN[int(ch)])
        elif ch == "-":
            out.append("dash")
        else:
            out.append(ch.upper())
    return " ".join(out)


def _valid_date(year: str, month: str, day: str) -> bool:
    return 1 <= int(month) <= 12 and 1 <= int(day) <= 31 and len(year) == 4


def _normalise_zh(text: str) -> str:
    def date(m: re.Match[str]) -> str:
        year, month, day = m.groups()
        if not _valid_date(year, month, day):
            return m.group(0)
        said_year = _zh_chars(year).replace(" ", "")
        return f"{said_year}年{_zh_number(str(int(month)))}月{_zh_number(str(int(day)))}日"

    def time(m: re.Match[str]) -> str:
        hours, minutes, seconds = m.groups()
        said = f"{_zh_number(str(int(hours)))}点"
        said += f"{_zh_number(str(int(minutes)))}分" if int(minutes) else "整"
        if seconds and int(seconds):
            said += f"{_zh_number(str(int(seconds)))}秒"
        return said

    text = _DATE.sub(date, text)
    text = _MONTH_DAY.sub(
        lambda m: f"{_zh_number(str(int(m.group(1))))}月{_zh_number(str(int(m.group(2))))}日", text
    )
    text = _YEAR.sub(lambda m: f"{_zh_chars(m.group(1)).replace(' ', '')}年", text)
    text = _TIME.sub(time, text)
    text = _CODE.sub(lambda m: " " + _zh_chars(m.group(0)) + " ", text)
    text = _PERCENT.sub(lambda m: f"百分之{_zh_number(m.group(1))}", text)
    text = _RANGE.sub(lambda m: f"{_zh_number(m.group(1))}至{_zh_number(m.group(2))}", text)
    text = _LONG_DIGITS.sub(lambda m: " " + _zh_chars(m.group(0)) + " ", text)
    text = _NUMBER.sub(lambda m: _zh_number(m.group(0)), text)
    return _tidy(text)


def _normalise_en(text: str) -> str:
    def date(m: re.Match[str]) -> str:
        year, month, day = m.groups()
        if not _valid_date(year, month, day):
            return m.group(0)
        ordinal = _num2words()(int(day), to="ordinal")
        said_year = _num2words()(int(year), to="year")
        return f"the {ordinal} of {_MONTHS_EN[int(month) - 1]}, {said_year}"

    def time(m: re.Match[str]) -> str:
        hours, minutes, _seconds = m.groups()
        said = _en_number(str(int(hours)))
        if int(minutes) == 0:
            return said + " o'clock"
        if int(minutes) < 10:
            return f"{said} oh {_en_number(str(int(minutes)))}"
        return f"{said} {_en_number(str(int(minutes)))}"

    text = _DATE.sub(date, text)
    text = _TIME.sub(time, text)
    text = _CODE.sub(lambda m: " " + _en_chars(m.group(0)) + " ", text)
    text = _PERCENT.sub(lambda m: f"{_en_number(m.group(1))} percent", text)
    text = _RANGE.sub(lambda m: f"{_en_number(m.group(1))} to {_en_number(m.group(2))}", text)
    text = _LONG_DIGITS.sub(lambda m: " " + _en_chars(m.group(0)) + " ", text)
    text = _NUMBER.sub(lambda m: _en_number(m.group(0)), text)
    return _tidy(text)


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" ([，。、：；！？,.:;!?）)])", r"\1", text)
    text = re.sub(r"([，。、：；！？（(]) ", r"\1", text)
    return text.strip()


def normalise(text: str, lang: str) -> str:
    """``text`` with its numbers, dates, times and codes in words of ``lang``.

    Chinese rules serve zh and zh-Hant, English ones en. A language without
    rules of its own (ug) gets its codes and long digit runs spaced out, one
    character at a time, so its voice says "2 0 2 6" in its own words for
    digits rather than a number of twenty million.
    """
    if lang == "en":
        return _normalise_en(text)
    if lang.startswith("zh"):
        return _normalise_zh(text)
    text = _CODE.sub(lambda m: " " + " ".join(m.group(0)) + " ", text)
    text = _LONG_DIGITS.sub(lambda m: " " + " ".join(m.group(0)) + " ", text)
    return _tidy(text)
