"""Numbers, dates, times and codes become words before speech (no Qt)."""

from __future__ import annotations

import pytest

from kiosk.voice.normalise import normalise


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "受理编号：DEMO01-20261201-0003。",
            "受理编号：D E M O 零 一 杠 二 零 二 六 一 二 零 一 杠 零 零 零 三。",
        ),
        ("2026-12-01", "二零二六年十二月一日"),
        ("2026/3/9", "二零二六年三月九日"),
        ("2026年12月1日前", "二零二六年十二月一日前"),
        ("12月31日", "十二月三十一日"),
        ("14:30 同步", "十四点三十分 同步"),
        ("9:00", "九点整"),
        ("电话 13700001111", "电话 一 三 七 零 零 零 零 一 一 一 一"),
        ("承诺 20 个工作日", "承诺 二十 个工作日"),
        ("收费 12.5 元", "收费 十二点五 元"),
        ("3-5天", "三至五天"),
        ("50%", "百分之五十"),
        ("第105号", "第一百零五号"),
        ("服务编码 YB0102", "服务编码 Y B 零 一 零 二"),
        ("没有数字的句子。", "没有数字的句子。"),
    ],
)
def test_chinese(text: str, said: str) -> None:
    assert normalise(text, "zh") == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "Tracking number DEMO01-20261201-0003.",
            "Tracking number D E M O zero one dash two zero two six one two zero one"
            " dash zero zero zero three.",
        ),
        ("on 2026-12-01", "on the first of December, twenty twenty-six"),
        ("at 14:30", "at fourteen thirty"),
        ("at 9:05", "at nine oh five"),
        ("within 20 working days", "within twenty working days"),
        ("fee 12.5 yuan", "fee twelve point five yuan"),
        ("call 13700001111", "call one three seven zero zero zero zero one one one one"),
    ],
)
def test_english(text: str, said: str) -> None:
    assert normalise(text, "en") == said


def test_a_language_without_rules_hears_codes_one_character_at_a_time() -> None:
    assert normalise("DEMO01-20261201-0003", "ug") == "D E M O 0 1 - 2 0 2 6 1 2 0 1 - 0 0 0 3"


def test_no_digit_is_left_in_chinese_or_english() -> None:
    text = "2026-12-01 14:30 DEMO01-20261201-0003 13700001111 12.5 元 3-5 天 50% 第7号"
    for lang in ("zh", "en"):
        said = normalise(text, lang)
        assert not any(ch.isdigit() for ch in said), said


def test_an_impossible_date_is_not_read_as_one() -> None:
    assert "月" not in normalise("2026-13-45", "zh")
