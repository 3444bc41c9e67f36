"""Spoken guidance on screen: the ``Voice`` singleton QML calls, and playback.

QML asks (a speaker button tapped, a screen shown, a field focused); this
object asks ``kiosk.voice.guide`` for the words, renders them on its own
thread (espeak-ng or the cache: never on the GUI thread) and plays the WAV
through Qt Multimedia. When it speaks on its own:

- a screen's prompt when the screen opens in elderly mode, and at once when
  the resident turns elderly mode on;
- a form field's label (and its error) when the field takes the focus or its
  error appears, while the visit is "guided": elderly mode, or the resident
  has tapped a speaker button during this visit.

A new screen's prompt cuts off whatever was being said; a field's words wait
for the one before them. The end of a visit silences the kiosk and forgets
that the resident asked.

Playback: the PySide6 wheels' Qt talks to a PulseAudio or PipeWire server.
Without one (a CI runner, a kiosk whose sound is not set up) Qt Multimedia
would print warnings on first use ("PulseAudioService: pa_context_connect()
failed", "No audio device detected"); so the player looks for the server's
socket first and, finding none, never loads Qt Multimedia: one log line says
the prompts are not played, and the kiosk goes on in silence.
"""

from __future__ import annotations

import io
import logging
import os
import wave
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.session import SessionManager
from kiosk.voice.cache import CACHE_DIR_NAME, PromptCache
from kiosk.voice.guide import Utterance, VoiceGuide
from kiosk.voice.speaker import EspeakSpeaker, Speaker
from ui.gui_thread import GuiThread
from ui.i18n_bridge import I18nBridge
from ui.navigator import Navigator
from ui.style import Style

log = logging.getLogger(__name__)

# Field words waiting behind the one being said: a form refused with many
# errors says the first few, not a minute of them.
MAX_WAITING = 3


def sound_server_socket() -> str:
    """Where a PulseAudio or PipeWire server listens for this user, or ""."""
    if os.environ.get("PULSE_SERVER"):
        return os.environ["PULSE_SERVER"]
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    for path in (
        Path(runtime) / "pulse" / "native",
        Path(runtime) / "pipewire-0",
        Path("/run/pulse/native"),
        Path("/var/run/pulse/native"),
    ):
        if path.exists():
            return str(path)
    return ""


class Player:
    """Plays one WAV at a time from memory (QAudioSink: no file, no decoder).

    A prompt may hold a tracking number or the resident's own answers, so it
    is played from memory and never written to a temporary file.
    """

    def __init__(self, volume_percent: int) -> None:
        self._volume = volume_percent / 100.0
        self._checked = False
        self._usable = False
        self._sink: Any = None
        self._buffer: Any = None
        self.finished: Callable[[], None] = lambda: None
        self.attempts = 0
        self.played = 0

    def _check(self) -> bool:
        if self._checked:
            return self._usable
        self._checked = True
        socket = sound_server_socket()
        if not socket:
            log.info("voice: no sound server (PulseAudio or PipeWire): prompts are not played")
            return False
        from PySide6.QtMultimedia import QMediaDevices  # noqa: PLC0415 (only with a server)

        if not QMediaDevices.audioOutputs():
            log.info("voice: the sound server has no output device: prompts are not played")
            return False
        self._usable = True
        return True

    def play(self, wav: bytes) -> bool:
        """Start playing ``wav``, stopping what played; False when it cannot."""
        self.attempts += 1
        self.stop()
        if not self._check():
            return False
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # noqa: PLC0415
        from PySide6.QtMultimedia import QAudio, QAudioFormat, QAudioSink, QMediaDevices  # noqa: PLC0415

        try:
            with wave.open(io.BytesIO(wav)) as w:
                channels, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
                frames = w.readframes(w.getnframes())
        except (wave.Error, EOFError) as exc:
            log.warning("voice: a prompt is not a WAV file: %s", exc)
            return False
        if width != 2:
            log.warning("voice: %d-byte samples are not played (16-bit only)", width)
            return False
        fmt = QAudioFormat()
        fmt.setSampleRate(rate)
        fmt.setChannelCount(channels)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        device = QMediaDevices.defaultAudioOutput()
        if not device.isFormatSupported(fmt):
            log.info("voice: the sound device does not take %d Hz mono 16-bit", rate)
            return False
        self._buffer = QBuffer()
        self._buffer.setData(QByteArray(frames))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._sink = QAudioSink(device, fmt)
        self._sink.setVolume(
            QAudio.convertVolume(
                self._volume,
                QAudio.VolumeScale.LogarithmicVolumeScale,
                QAudio.VolumeScale.LinearVolumeScale,
            )
        )
        self._sink.stateChanged.connect(self._on_state)
        self._sink.start(self._buffer)
        self.played += 1
        return True

    def _on_state(self, state: Any) -> None:
        from PySide6.QtMultimedia import QAudio  # noqa: PLC0415

        if state == QAudio.State.IdleState:  # the buffer is played out
            self.stop()
            self.finished()

    def stop(self) -> None:
        sink, self._sink = self._sink, None
        if sink is not None:
            sink.stateChanged.disconnect(self._on_state)
            sink.stop()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer = None

    @property
    def busy(self) -> bool:
        return self._sink is not None


@dataclass(frozen=True)
class _Request:
    seq: int
    screen: str  # the screen it is about ("" for a field's words)
    replace: bool


class Voice(QObject):
    """What QML calls to have the kiosk speak; see the module's docstring."""

    guidedChanged = Signal()

    def __init__(
        self,
        config: Config,
        speaker: Speaker | None,
        *,
        i18n: I18nBridge,
        style: Style,
        navigator: Navigator,
        sessions: SessionManager,
        areas: dict[str, QObject],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        settings = config.voice
        self._on = settings.enabled and speaker is not None
        self.cache = (
            PromptCache(config.data_dir / CACHE_DIR_NAME, speaker) if speaker is not None else None
        )
        self.player = Player(settings.volume)
        self.player.finished = self._play_next
        self._i18n, self._style, self._nav, self._sessions = i18n, style, navigator, sessions
        self._areas = areas
        self._gui = GuiThread(self)
        self._worker: ThreadPoolExecutor | None = None
        self._seq = 0
        self._dropped_before = 0  # requests numbered below this are not played
        self._queue: deque[bytes] = deque()
        self._asked = False
        self._shown: tuple[str, dict[str, Any]] = ("", {})
        self.failures = 0
        navigator.screenChanged.connect(self._on_screen)
        style.elderlyChanged.connect(self._on_elderly)
        sessions.on_wipe(self._on_wipe)

    # --- what QML reads ---------------------------------------------------

    @Property(bool, constant=True)
    def enabled(self) -> bool:
        """False when the hall turned the voice off or no engine is installed."""
        return self._on

    @Property(bool, notify=guidedChanged)
    def guided(self) -> bool:
        return self._on and (self._style.elderly or self._asked)

    # --- what QML calls ---------------------------------------------------

    @Slot(str, "QVariantMap")
    def speakScreen(self, screen: str, params: dict[str, Any]) -> None:
        """The speaker button: say this screen's prompt now, in any mode."""
        if not self._asked:
            self._asked = True
            self.guidedChanged.emit()
        self._shown = (screen, dict(params))
        self._say_screen(screen, params)

    @Slot(str, "QVariantMap")
    def screenShown(self, screen: str, params: dict[str, Any]) -> None:
        """A screen opened: its prompt is said in elderly mode."""
        self._shown = (screen, dict(params))
        if self._style.elderly:
            self._say_screen(screen, params)

    @Slot(str, str)
    def fieldFocused(self, label: str, error: str) -> None:
        """A form field took the focus or showed an error: said while guided."""
        if not self.guided:
            return
        lang = self._i18n.language
        self._submit(lambda guide: guide.field_prompt(label, error, lang), "", replace=False)

    @Slot(str)
    def sayNote(self, key: str) -> None:
        """A note the screen just showed (take your card, still there?): said while guided."""
        if not self.guided:
            return
        lang = self._i18n.language
        self._submit(lambda guide: guide.note(key, lang), self._nav.screen, replace=False)

    @Slot()
    def readOwnAnswers(self) -> None:
        """The review screen's read-aloud: the resident's own answers, on their tap."""
        apply = self._areas.get("Apply")
        if apply is None:
            return
        model: Any = apply.property("reviewRows")
        rows = [(str(r["label"]), str(r["value"])) for r in model.rows()]
        lang = self._i18n.language
        self._submit(lambda guide: guide.own_answers(rows, lang), self._nav.screen, replace=True)

    # --- inside -----------------------------------------------------------

    def _say_screen(self, screen: str, params: dict[str, Any]) -> None:
        lang = self._i18n.language
        values = dict(params)
        self._submit(lambda guide: guide.screen_prompt(screen, lang, values), screen, replace=True)

    def _personal(self) -> tuple[str, ...]:
        identity = self._sessions.current.identity
        if identity is None:
            return ()
        return tuple(v for v in (identity.name, identity.id_number, identity.address) if v)

    def _submit(
        self, compose: Callable[[VoiceGuide], Utterance | None], screen: str, *, replace: bool
    ) -> None:
        if not self._on or self.cache is None:
            return
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="voice")
        self._seq += 1
        request = _Request(self._seq, screen, replace)
        if replace:
            self._dropped_before = request.seq
        # the check's values are taken now, on the GUI thread, not read by the worker
        personal = self._personal()
        guide = VoiceGuide(self.cache, lambda: personal)
        self._worker.submit(self._render, guide, compose, request)

    def _render(
        self,
        guide: VoiceGuide,
        compose: Callable[[VoiceGuide], Utterance | None],
        request: _Request,
    ) -> None:
        """On the voice thread: words, then sound; the result goes to the GUI thread."""
        if request.seq < self._dropped_before:
            return  # a newer screen's prompt came first
        try:
            utterance = compose(guide)
            wav = guide.render(utterance) if utterance is not None else b""
        except KioskError as exc:
            log.warning("voice: not rendered: %s", exc.detail or exc.key)
            self._gui.post(self._failed)
            return
        if wav:
            self._gui.post(self._rendered, request, wav)

    def _failed(self) -> None:
        self.failures += 1

    def _rendered(self, request: _Request, wav: bytes) -> None:
        if request.seq < self._dropped_before:
            return
        if request.screen and request.screen != self._nav.screen:
            return  # the resident has moved on
        if request.replace or not self.player.busy:
            self._queue.clear()
            if not self.player.play(wav):
                log.debug("voice: prompt not played (no sound output)")
        elif len(self._queue) < MAX_WAITING:
            self._queue.append(wav)

    def _play_next(self) -> None:
        if self._queue:
            self.player.play(self._queue.popleft())

    def _silence(self) -> None:
        self._dropped_before = self._seq + 1
        self._queue.clear()
        self.player.stop()

    def _on_screen(self) -> None:
        if self._shown[0] != self._nav.screen:
            self._silence()  # what was said is about a screen no longer shown

    def _on_elderly(self) -> None:
        self.guidedChanged.emit()
        screen, params = self._shown
        if self._style.elderly and screen == self._nav.screen:
            self._say_screen(screen, params)

    def _on_wipe(self) -> None:
        self._silence()
        self._shown = ("", {})
        if self._asked:
            self._asked = False
            self.guidedChanged.emit()

    def stop(self) -> None:
        """At shutdown: nothing more is rendered or played."""
        self._silence()
        if self._worker is not None:
            self._worker.shutdown(wait=False, cancel_futures=True)
            self._worker = None


def default_speaker(config: Config) -> Speaker | None:
    """espeak-ng as the hall set it up; None (and one log line) when it is missing."""
    settings = config.voice
    if not settings.enabled:
        return None
    speaker = EspeakSpeaker(settings.program, words_per_minute=settings.words_per_minute)
    if not speaker.available():
        log.warning("voice: %s is not installed: the kiosk does not speak", settings.program)
        return None
    return speaker
