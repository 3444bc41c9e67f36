"""Text to WAV: the ``Speaker`` interface and its offline espeak-ng voice.

A speaker only turns words into a WAV file's bytes; it never plays them (the
UI does, through Qt Multimedia) and never decides what to say (the prompts
do). That keeps a better voice a drop-in: anything with ``name``,
``voice(lang)`` and ``render(text, lang)`` will do, and the cache keys its
files by the speaker's name and voice, so a new voice never plays an old one's
recording.

espeak-ng is a Debian package (scripts/ensure-system-deps.sh installs it);
its Mandarin voice is ``cmn``. The text goes to espeak-ng on its standard
input, never on its command line, where any user of the machine could read
it in the process list (the review screen reads a resident's own answers).
"""

from __future__ import annotations

import io
import logging
import shutil
import struct
import wave
from typing import Protocol

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

# espeak-ng's voice for each kiosk language: Mandarin for both scripts of
# Chinese (espeak-ng reads traditional characters with the same voice).
ESPEAK_VOICES: dict[str, str] = {"zh": "cmn", "zh-Hant": "cmn", "en": "en", "ug": "ug"}
RENDER_TIMEOUT_SECONDS = 20.0


class VoiceError(KioskError):
    """Speech could not be made: no engine, or it failed on this text."""

    key = "error.voice"


class Speaker(Protocol):
    """Turns text into WAV bytes in one language's voice."""

    @property
    def name(self) -> str:
        """Which engine this is, for the cache's keys and the logs."""
        ...

    def voice(self, lang: str) -> str:
        """The engine's voice for ``lang`` (part of the cache's key)."""
        ...

    def render(self, text: str, lang: str) -> bytes:
        """The whole WAV file of ``text`` spoken; raises VoiceError."""
        ...


class EspeakSpeaker:
    """espeak-ng in a subprocess, one call per prompt (about 50 ms each)."""

    def __init__(
        self,
        program: str = "espeak-ng",
        *,
        words_per_minute: int = 150,
        voices: dict[str, str] | None = None,
    ) -> None:
        self._program = program
        self._wpm = words_per_minute
        self._voices = dict(ESPEAK_VOICES if voices is None else voices)

    @property
    def name(self) -> str:
        return f"espeak-ng@{self._wpm}"

    def available(self) -> bool:
        return shutil.which(self._program) is not None

    def voice(self, lang: str) -> str:
        return self._voices.get(lang, self._voices.get("zh", "cmn"))

    def render(self, text: str, lang: str) -> bytes:
        import subprocess  # noqa: PLC0415 (not needed before the first prompt: start-up stays lean)

        path = shutil.which(self._program)
        if path is None:
            raise VoiceError(f"{self._program} is not installed", key="error.voice.unavailable")
        command = [path, "-v", self.voice(lang), "-s", str(self._wpm), "--stdout"]
        try:
            done = subprocess.run(  # noqa: S603 (fixed program and arguments; text on stdin)
                command,
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=RENDER_TIMEOUT_SECONDS,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise VoiceError(f"{self._program} did not run: {type(exc).__name__}") from exc
        if done.returncode != 0 or not done.stdout:
            # stderr names the voice or the option at fault, never the text
            reason = done.stderr.decode("utf-8", "replace").strip()[:200]
            raise VoiceError(f"{self._program} failed ({done.returncode}): {reason}")
        return fix_stream_header(done.stdout)


def fix_stream_header(data: bytes) -> bytes:
    """A WAV whose header states its real length.

    Written to a pipe, espeak-ng cannot seek back to fill the RIFF and data
    sizes, so it leaves them at 0xFFFFFFFF-ish values; the ``wave`` module and
    Qt would then take the prompt for hours of sound. The samples are taken
    as they are and wrapped in a fresh header.
    """
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise VoiceError("the speech engine did not answer with a WAV file")
    offset = 12
    fmt: tuple[int, int, int] | None = None
    while offset + 8 <= len(data):
        chunk, size = struct.unpack_from("<4sI", data, offset)
        body = offset + 8
        if chunk == b"fmt ":
            _tag, channels, rate, _bps, _align, bits = struct.unpack_from("<HHIIHH", data, body)
            fmt = (channels, rate, bits)
        elif chunk == b"data":
            if fmt is None:
                break
            samples = data[body:]
            channels, rate, bits = fmt
            width = bits // 8
            samples = samples[: len(samples) - len(samples) % (width * channels)]
            out = io.BytesIO()
            with wave.open(out, "wb") as w:
                w.setnchannels(channels)
                w.setsampwidth(width)
                w.setframerate(rate)
                w.writeframes(samples)
            return out.getvalue()
        offset = body + size + (size & 1)
    raise VoiceError("the speech engine's WAV has no samples")
