"""The prompts as sound: espeak-ng's WAV, the cache, and what is never said (no Qt)."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from kiosk.i18n import LANGUAGES, catalog
from kiosk.voice.cache import PromptCache
from kiosk.voice.guide import VoiceGuide
from kiosk.voice.speaker import EspeakSpeaker, VoiceError, fix_stream_header
from tests.journey.conftest import ID_NUMBER, NAME
from tests.voice.recording import RecordingSpeaker
from tests.voice.wavcheck import duration_and_rms

needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None,
    reason="espeak-ng missing: scripts/ensure-system-deps.sh installs it",
)

# The resident's screens (the technician's pages have no prompt).
RESIDENT_SCREENS = (
    "Attract", "Home", "Browse", "Search", "Guide", "Identify", "Form", "Materials",
    "Review", "Submitted", "Progress", "Proofs", "PhoneCase", "Evaluate",
)  # fmt: skip
SCREENS_DIR = Path(__file__).resolve().parents[2] / "ui" / "qml" / "screens"


def _guide(tmp_path: Path, personal: tuple[str, ...] = ()) -> tuple[VoiceGuide, RecordingSpeaker]:
    speaker = RecordingSpeaker(EspeakSpeaker())
    return VoiceGuide(PromptCache(tmp_path / "voice-cache", speaker), lambda: personal), speaker


def test_every_resident_screen_has_a_prompt_in_every_language() -> None:
    on_disk = {p.name.removesuffix("Screen.qml") for p in SCREENS_DIR.glob("*Screen.qml")}
    assert set(RESIDENT_SCREENS) <= on_disk
    for lang in LANGUAGES:
        for screen in RESIDENT_SCREENS:
            assert f"voice.screen.{screen}" in catalog(lang), (lang, screen)


@needs_espeak
@pytest.mark.parametrize("screen", RESIDENT_SCREENS)
def test_each_screens_mandarin_prompt_is_sound_not_silence(tmp_path: Path, screen: str) -> None:
    guide, speaker = _guide(tmp_path)
    values = {"service": "城乡居民基本医疗保险参保登记", "tracking": "DEMO01-20261201-0003"}
    utterance = guide.screen_prompt(screen, "zh", values)
    assert utterance is not None
    seconds, rms = duration_and_rms(guide.render(utterance))
    # a sentence of a dozen characters or more: over three seconds at 150 words a minute
    assert seconds > 3.0, seconds
    assert rms > 500, rms  # espeak-ng speaks at about 3,000; silence is 0
    assert speaker.said == [utterance.text]


@needs_espeak
@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "zh"])
def test_the_other_languages_are_heard_in_their_own_voice(tmp_path: Path, lang: str) -> None:
    guide, _ = _guide(tmp_path)
    utterance = guide.screen_prompt("Home", lang)
    assert utterance is not None
    seconds, rms = duration_and_rms(guide.render(utterance))
    assert seconds > 3.0 and rms > 500, (lang, seconds, rms)


@needs_espeak
def test_a_prompt_is_rendered_once_then_read_from_disk(tmp_path: Path) -> None:
    guide, speaker = _guide(tmp_path)
    utterance = guide.screen_prompt("Home", "zh")
    assert utterance is not None and utterance.keep
    first = guide.render(utterance)
    second = guide.render(utterance)
    assert first == second and speaker.said == [utterance.text]  # the speaker heard it once
    files = list((tmp_path / "voice-cache").iterdir())
    assert len(files) == 1 and files[0].suffix == ".wav"
    assert "首页" not in files[0].name  # the name is a hash, not the words
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "voice-cache").stat().st_mode) == 0o700
    # another voice is another file: a better engine never plays an old recording
    other = PromptCache(tmp_path / "voice-cache", EspeakSpeaker(words_per_minute=120))
    assert other.path_for(utterance.text, "zh") != files[0]


@needs_espeak
def test_a_prompt_with_a_tracking_number_is_said_in_words_and_never_kept(tmp_path: Path) -> None:
    guide, speaker = _guide(tmp_path)
    utterance = guide.screen_prompt("Submitted", "zh", {"tracking": "DEMO01-20261201-0003"})
    assert utterance is not None and not utterance.keep
    assert "零 零 零 三" in utterance.text and "0003" not in utterance.text
    guide.render(utterance)
    assert not (tmp_path / "voice-cache").exists() or not list((tmp_path / "voice-cache").iterdir())


def test_without_its_value_a_prompt_says_its_short_form(tmp_path: Path) -> None:
    guide, _ = _guide(tmp_path)
    utterance = guide.screen_prompt("Submitted", "zh", {"tracking": ""})
    assert utterance is not None and "{" not in utterance.text and "提交成功" in utterance.text


def test_a_name_or_an_id_number_is_never_spoken(tmp_path: Path) -> None:
    guide, speaker = _guide(tmp_path, personal=(NAME, ID_NUMBER))
    assert guide.screen_prompt("Guide", "zh", {"service": f"{NAME}的事项"}) is None
    assert guide.field_prompt(f"姓名 {NAME}", "", "zh") is None
    assert guide.field_prompt("身份证号", f"{ID_NUMBER} 不对", "zh") is None
    # an ID-shaped number of anyone, spaced or not
    assert guide.field_prompt("号码 440106198001011230", "", "zh") is None
    assert guide.holds_personal(f"{NAME[0]} {NAME[1:]}")  # spaces do not hide a name
    assert guide.field_prompt("联系电话", "请输入11位手机号码", "zh") is not None
    assert speaker.said == []


def test_own_answers_read_on_request_never_say_the_id_number(tmp_path: Path) -> None:
    guide, _ = _guide(tmp_path, personal=(NAME, ID_NUMBER))
    rows = [("姓名", NAME), ("公民身份号码", ID_NUMBER), ("联系电话", "137****1111")]
    utterance = guide.own_answers(rows, "zh")
    assert utterance is not None and not utterance.keep
    assert NAME in utterance.text  # the resident asked for their own answers
    assert "为保护隐私" in utterance.text
    flat = utterance.text.replace(" ", "")
    assert "一一零一零五" not in flat and ID_NUMBER not in flat


def test_a_missing_engine_is_a_typed_error() -> None:
    with pytest.raises(VoiceError) as err:
        EspeakSpeaker(program="espeak-ng-not-here").render("您好", "zh")
    assert err.value.key == "error.voice.unavailable"
    assert err.value.key in catalog("zh") and err.value.key in catalog("en")


def test_a_stream_header_gets_its_real_length() -> None:
    import io
    import wave

    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(b"\x10\x00" * 22050)
    data = bytearray(out.getvalue())
    data[4:8] = b"\xff\xff\xff\x7f"  # what espeak-ng writes to a pipe
    data[40:44] = b"\xff\xff\xff\x7f"
    seconds, rms = duration_and_rms(fix_stream_header(bytes(data)))
    assert seconds == 1.0 and rms == 16.0
    with pytest.raises(VoiceError):
        fix_stream_header(b"not a wav")


def test_only_the_listed_notes_are_said(tmp_path: Path) -> None:
    guide, _ = _guide(tmp_path)
    take = guide.note("identify.take_card", "zh")
    assert take is not None and take.keep and "取回" in take.text
    assert guide.note("error.generic", "zh") is None
