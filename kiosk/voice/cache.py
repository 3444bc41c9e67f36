"""Prompts rendered once and kept on disk, keyed by engine, voice and text.

The same few dozen sentences (each screen's prompt, each field's label) are
said all day; rendering them once keeps the second saying instant and the
CPU of a two-core kiosk free. Only what the caller marks ``keep`` is written:
prompts made from fixed templates. A sentence with anything of a visit in it
(a tracking number, the resident's own answers read back) is rendered in
memory and forgotten, so the cache can never hold anything personal.

Files are named by a SHA-256 of (engine, voice, language, text), so a file
name tells nothing of the words; folder 0700, files 0600, written atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
from pathlib import Path

from kiosk.voice.speaker import Speaker

log = logging.getLogger(__name__)

CACHE_DIR_NAME = "voice-cache"
MAX_FILES = 2000  # a catalog's labels and every prompt in three languages fit


class PromptCache:
    """Renders through ``speaker``; keeps what it is told to keep in ``folder``."""

    def __init__(self, folder: Path, speaker: Speaker) -> None:
        self.folder = folder
        self.speaker = speaker
        self.hits = 0
        self.misses = 0

    def key(self, text: str, lang: str) -> str:
        speaker = self.speaker
        material = "\x00".join((speaker.name, speaker.voice(lang), lang, text))
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def path_for(self, text: str, lang: str) -> Path:
        return self.folder / f"{self.key(text, lang)}.wav"

    def render(self, text: str, lang: str, *, keep: bool) -> bytes:
        """The WAV of ``text``: from disk when kept before, else from the speaker."""
        if not keep:
            return self.speaker.render(text, lang)
        path = self.path_for(text, lang)
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        if data:
            self.hits += 1
            return data
        self.misses += 1
        data = self.speaker.render(text, lang)
        self._store(path, data)
        return data

    def _store(self, path: Path, data: bytes) -> None:
        """Best effort: a full disk costs the next saying a render, nothing more."""
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if sum(1 for _ in self.folder.glob("*.wav")) >= MAX_FILES:
                return
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".part")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.chmod(tmp, 0o600)
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError as exc:
            log.warning("voice cache not written: %s", type(exc).__name__)
