"""``kiosk voice say``: one prompt rendered to a WAV file from the shell.

For a technician checking the kiosk's voice (is espeak-ng installed, is the
Mandarin voice there, how fast does it speak) and for anyone writing a new
prompt: the text goes through the same normaliser as on screen, so
``kiosk voice say --out t.wav "受理编号 DEMO01-20261201-0003"`` says the
tracking number as the kiosk would.
"""

from __future__ import annotations

import argparse
import io
import wave
from pathlib import Path
from typing import Any

from kiosk.i18n import translate


def register(sub: Any) -> None:
    voice = sub.add_parser("voice", help="the spoken guidance's voice")
    voice_sub = voice.add_subparsers(dest="voice_command", required=True, metavar="ACTION")
    say = voice_sub.add_parser("say", help="render TEXT to a WAV file, as the kiosk would say it")
    # dest differs from the global --lang (the language of messages)
    say.add_argument(
        "--lang", dest="voice_lang", metavar="LANG", default="zh", help="language of TEXT (zh)"
    )
    say.add_argument("--out", type=Path, required=True, help="the WAV file to write")
    say.add_argument("text", nargs="+", help="the words")
    say.set_defaults(func=_say)


def _say(args: argparse.Namespace) -> int:
    from app.cli import load
    from kiosk.voice.normalise import normalise
    from kiosk.voice.speaker import EspeakSpeaker, VoiceError

    settings = load(args).voice
    speaker = EspeakSpeaker(settings.program, words_per_minute=settings.words_per_minute)
    text = normalise(" ".join(args.text), args.voice_lang)
    wav = speaker.render(text, args.voice_lang)
    try:
        args.out.write_bytes(wav)
    except OSError as exc:
        raise VoiceError(str(exc), key="error.voice.write", path=str(args.out)) from exc
    with wave.open(io.BytesIO(wav)) as w:
        seconds = w.getnframes() / w.getframerate()
    print(translate("cli.voice.written", args.lang, path=args.out, seconds=f"{seconds:.1f}"))
    return 0
