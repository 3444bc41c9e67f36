"""The hall's [voice] settings: typed, range-checked, named in the error."""

from __future__ import annotations

import pytest

from kiosk.config import Config, parse_config
from kiosk.errors import ConfigError


def test_defaults_speak_at_eighty_percent() -> None:
    voice = Config().voice
    assert voice.enabled and voice.volume == 80 and voice.words_per_minute == 150
    assert voice.program == "espeak-ng"


def test_a_hall_can_turn_the_voice_off_and_down() -> None:
    config = parse_config("[voice]\nenabled = false\nvolume = 30\n", "hall.toml")
    assert not config.voice.enabled and config.voice.volume == 30


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("[voice]\nvolume = 101\n", "voice.volume"),
        ("[voice]\nvolume = -1\n", "voice.volume"),
        ("[voice]\nvolume = 0.5\n", "voice.volume"),
        ("[voice]\nwords_per_minute = 20\n", "voice.words_per_minute"),
        ('[voice]\nenabled = "no"\n', "voice.enabled"),
        ("[voice]\nloudness = 3\n", "voice.loudness"),
    ],
)
def test_a_wrong_value_names_the_key_and_the_file(text: str, name: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(text, "hall.toml")
    assert err.value.params["name"] == name and err.value.params["file"] == "hall.toml"
