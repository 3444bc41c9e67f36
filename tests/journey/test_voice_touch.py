"""The kiosk speaks through its screens: speaker buttons tapped, elderly mode,
form fields, and never a name or an ID number.

What reaches the speaker is what would be heard: the real espeak-ng renders
every prompt, wrapped by a recorder (tests/voice/recording.py) that keeps the
words. The sound card cannot be checked here: where there is no sound server
(CI), playing fails soft, with a log line and no Qt warning (any Qt warning
fails these tests).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from kiosk.voice.cache import PromptCache  # noqa: E402
from kiosk.voice.normalise import normalise  # noqa: E402
from tests.journey.walks import card_to_form, medical_form_to_review, search_to_guide  # noqa: E402
from tests.voice.recording import RecordingSpeaker  # noqa: E402
from tests.voice.wavcheck import duration_and_rms  # noqa: E402

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None,
    reason="espeak-ng missing: scripts/ensure-system-deps.sh installs it",
)

NAME = "欧阳丽华"
ID_NUMBER = "440106198001011230"
PHONE = "13700001111"
SERVICE = "城乡居民基本医疗保险参保登记"
SPEAKER = "朗读本页说明"  # the speaker button's Accessible.name


@pytest.fixture
def heard(kiosk: Any, tmp_path: Path) -> Iterator[RecordingSpeaker]:
    """The kiosk's own voice, recorded, over a cache of this test's own."""
    voice = kiosk.voice
    assert voice is not None and voice.enabled
    kept = voice.cache
    recorder = RecordingSpeaker(kept.speaker)
    voice.cache = PromptCache(tmp_path / "voice-cache", recorder)
    yield recorder
    voice.cache = kept


def _said(recorder: RecordingSpeaker, fragment: str) -> bool:
    return any(fragment in text for text in recorder.said)


def test_the_speaker_button_says_the_screens_prompt(
    kiosk: Any, screen: Any, heard: RecordingSpeaker
) -> None:
    s = screen
    played = kiosk.voice.player.attempts  # the shared app's player: earlier visits count too
    s.tap("政务服务 一站办理")
    s.wait_for("请选择您要办理的事项")
    s.tap("办理事项")
    s.wait_for("按分类查找事项")
    s.tap(SPEAKER)
    s.wait_until(lambda: _said(heard, "按分类查找事项"), 10, "the Browse prompt said")
    # in the standard mode a screen does not speak by itself: the Home screen
    # opened before and said nothing (the voice renders in order, one at a time)
    assert len(heard.said) == 1 and "首页" not in heard.said[0]
    voice = kiosk.voice
    s.wait_until(lambda: voice.player.attempts > played, 10, "the prompt handed to the player")
    wav = voice.cache.render(heard.said[0], "zh", keep=True)  # from disk now
    seconds, rms = duration_and_rms(wav)
    assert seconds > 3.0 and rms > 500
    assert len(heard.said) == 1  # the second rendering came from the cache


def test_elderly_mode_speaks_each_screen_when_it_opens(
    kiosk: Any, screen: Any, heard: RecordingSpeaker
) -> None:
    s = screen
    s.tap("政务服务 一站办理")
    s.wait_for("请选择您要办理的事项")
    s.tap("适老模式")  # turned on: the screen shown is said at once
    s.wait_until(lambda: _said(heard, "这是首页"), 10, "the Home prompt said")
    s.tap("搜索服务")
    s.wait_until(lambda: _said(heard, "这是搜索事项"), 10, "the Search prompt said, untapped")
    s.tap("标准模式")
    s.tap("返回")
    s.wait_for("请选择您要办理的事项")
    player = kiosk.voice.player
    before = player.attempts
    s.tap(SPEAKER)  # heard again, now because it was asked: from the cache this time
    s.wait_until(lambda: player.attempts == before + 1, 10, "the Home prompt played again")
    assert sum("这是首页" in t for t in heard.said) == 1  # rendered once


def _to_form(s: Any, sims: dict[str, Any]) -> None:
    s.tap("政务服务 一站办理")
    s.tap("适老模式")
    search_to_guide(s, "cxjmjbyl", SERVICE)
    card_to_form(s, sims["card"], NAME, ID_NUMBER, "欧**华")


def _spoken_personal(recorder: RecordingSpeaker) -> list[str]:
    """Every spelling of the card's name and number that a voice could say."""
    forms = [NAME, ID_NUMBER, normalise(ID_NUMBER, "zh")]
    birth = ID_NUMBER[6:14]  # the birth date inside the number
    as_date = f"{birth[:4]}-{birth[4:6]}-{birth[6:]}"
    forms += [birth, normalise(birth, "zh"), normalise(as_date, "zh")]
    leaks = []
    for text in recorder.said:
        flat = text.replace(" ", "")
        leaks += [f for f in forms if f.replace(" ", "") in flat]
    return leaks


def test_a_whole_journey_in_elderly_mode_never_speaks_a_name_or_id_number(
    kiosk: Any, screen: Any, sims: dict[str, Any], heard: RecordingSpeaker
) -> None:
    s = screen
    _to_form(s, sims)
    s.wait_until(lambda: _said(heard, "请取回您的身份证"), 10, "the card's note said")
    s.wait_until(lambda: _said(heard, "这是申请表"), 10, "the Form prompt said")
    s.tap("联系电话")  # the focused field's label is read, never its value
    s.wait_until(lambda: _said(heard, "联系电话"), 10, "the field's label said")
    s.type_text("1370000")
    s.tap("下一步：材料")  # the phone number is too short: its error is read
    s.wait_until(
        lambda: any("联系电话" in t and len(t) > len("联系电话。") for t in heard.said),
        10,
        "the field's error said",
    )
    s.tap("联系电话")
    for _ in range(7):
        s.key(Qt.Key.Key_Backspace)
    medical_form_to_review(s, PHONE)
    s.wait_until(lambda: _said(heard, "请核对信息"), 10, "the Review prompt said")
    s.tap("确认提交")
    s.wait_for("受理编号", timeout=8)
    s.wait_until(lambda: _said(heard, "提交成功。受理编号是"), 10, "the Submitted prompt said")
    submitted = next(t for t in heard.said if "提交成功。受理编号是" in t)
    assert "杠" in submitted and not any(ch.isdigit() for ch in submitted)  # read in words
    s.tap("评价本次服务")
    s.wait_until(lambda: _said(heard, "请对本次服务进行评价"), 10, "the Evaluate prompt said")
    s.tap("非常满意")
    s.tap("提交评价")
    s.wait_for("感谢")
    s.tap("完成并退出")
    s.wait_for("政务服务自助终端")
    screens = {t.split("。")[0] for t in heard.said}
    assert len(screens) >= 7, heard.said  # it was listening all along
    assert _spoken_personal(heard) == []
    # nothing of the visit was kept on disk: only prompts made from templates
    cache = kiosk.voice.cache
    kept = {p.read_bytes() for p in cache.folder.glob("*.wav")}
    assert cache.render(submitted, "zh", keep=False) not in kept


def test_the_review_reads_the_residents_own_answers_on_their_tap_only(
    kiosk: Any, screen: Any, sims: dict[str, Any], heard: RecordingSpeaker
) -> None:
    s = screen
    _to_form(s, sims)
    medical_form_to_review(s, PHONE)
    assert not _said(heard, "您填写的内容如下")
    s.tap("朗读我的填写")
    s.wait_until(lambda: _said(heard, "您填写的内容如下"), 10, "the answers read")
    answers = next(t for t in heard.said if "您填写的内容如下" in t)
    assert "联系电话" in answers
    flat = answers.replace(" ", "")
    assert ID_NUMBER not in flat and normalise(ID_NUMBER, "zh").replace(" ", "") not in flat
    assert "为保护隐私" in answers  # the ID number's row is named, its value not read


def test_the_still_there_question_is_said_to_a_guided_visit(
    kiosk: Any, screen: Any, heard: RecordingSpeaker
) -> None:
    s = screen
    idle = kiosk.backends.idle
    s.tap("政务服务 一站办理")
    s.wait_for("请选择您要办理的事项")
    s.tap("适老模式")
    s.wait_until(lambda: _said(heard, "这是首页"), 10, "the Home prompt said")
    idle.set_intervals(0.05, 30, tick_ms=1000)  # the question comes at once, the countdown is long
    try:
        idle.poke()
        s.wait_for("您还在吗", timeout=5)
        s.wait_until(lambda: _said(heard, "您还在吗"), 10, "the idle question said")
        s.tap("继续办理")
    finally:
        cfg = kiosk.backends.config.ui
        idle.set_intervals(cfg.idle_seconds, cfg.warning_seconds)
