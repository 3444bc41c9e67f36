"""A Speaker that records what it is asked to say, around a real one.

The tests cannot hear the kiosk: what reaches the speaker is what would be
said, so they read it here. The WAV still comes from the real engine.
"""

from __future__ import annotations

import threading

from kiosk.voice.speaker import Speaker


class RecordingSpeaker:
    def __init__(self, inner: Speaker) -> None:
        self.inner = inner
        self._lock = threading.Lock()
        self._said: list[tuple[str, str]] = []

    @property
    def name(self) -> str:
        return self.inner.name

    def voice(self, lang: str) -> str:
        return self.inner.voice(lang)

    def render(self, text: str, lang: str) -> bytes:
        with self._lock:  # rendered on the voice's worker thread, read on the test's
            self._said.append((text, lang))
        return self.inner.render(text, lang)

    @property
    def said(self) -> list[str]:
        with self._lock:
            return [text for text, _lang in self._said]

    def clear(self) -> None:
        with self._lock:
            self._said.clear()
