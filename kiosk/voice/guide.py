"""What the kiosk says: each screen's prompt, a form field's label and error,
and the resident's own answers when they ask, never anyone's name or ID number.

The UI asks for an utterance and plays the WAV it gets; the choice of words,
the normalising of numbers and the privacy rule are decided here, without Qt,
so they are tested without a window.

Privacy: a name or an ID number is never spoken, because the next person in
the queue hears everything a kiosk says. Every utterance is checked against
the visit's identity (name, ID number, address) and against anything shaped
like an ID number; one that holds any of it is refused whole (and a log line
says so, without the words). The one exception is the review screen's
read-aloud, which the resident taps on their own screen for their own
answers; even there the ID number stays unsaid.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from kiosk.i18n import catalog, translate
from kiosk.voice.cache import PromptCache
from kiosk.voice.normalise import normalise

log = logging.getLogger(__name__)

SCREEN_KEY = "voice.screen.{screen}"
# Notes said while the visit is guided, as soon as the screen shows them: the
# card to take back, the idle question. Their words are the screen's own.
NOTE_KEYS = frozenset({"identify.take_card", "idle.title"})
_ID_SHAPED = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])|(?<!\d)\d{15}(?!\d)")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Utterance:
    """Words ready for the speaker: normalised, checked, and whether to cache them."""

    text: str
    lang: str
    keep: bool


def screen_key(screen: str) -> str:
    return SCREEN_KEY.format(screen=screen)


def has_screen_prompt(screen: str, lang: str) -> bool:
    return screen_key(screen) in catalog(lang)


class VoiceGuide:
    """Turns the UI's requests into checked utterances and their WAV."""

    def __init__(self, cache: PromptCache, personal: Callable[[], Iterable[str]]) -> None:
        self.cache = cache
        self._personal = personal

    def holds_personal(self, text: str) -> bool:
        """Whether ``text`` names the visit's resident or holds an ID number."""
        if _ID_SHAPED.search(text):
            return True
        flat = _SPACES.sub("", text)
        for value in self._personal():
            value = _SPACES.sub("", value or "")
            if len(value) >= 2 and value in flat:
                return True
        return False

    def _checked(self, text: str, lang: str, *, keep: bool, what: str) -> Utterance | None:
        if not text.strip():
            return None
        if self.holds_personal(text):
            log.warning("voice: %s not spoken: it holds personal data", what)
            return None
        return Utterance(normalise(text, lang), lang, keep)

    def screen_prompt(
        self, screen: str, lang: str, params: dict[str, Any] | None = None
    ) -> Utterance | None:
        """The screen's prompt: what it is and what to do on it.

        A prompt with values of the visit in it (a tracking number) is never
        kept in the cache; one made from its template alone is.
        """
        key = screen_key(screen)
        if key not in catalog(lang) and key not in catalog("zh"):
            log.info("voice: no prompt for screen %s", screen)
            return None
        values = {k: str(v) for k, v in (params or {}).items() if str(v).strip()}
        text = translate(key, lang, **values) if values else translate(key, lang)
        if "{" in text:  # a template whose value is not known yet
            text = translate(key + ".short", lang)
            values = {}
        return self._checked(text, lang, keep=not values, what=f"prompt of {screen}")

    def field_prompt(self, label: str, error: str, lang: str) -> Utterance | None:
        """A form field's label and, when it has one, its error; never its value."""
        if error.strip():
            text = translate("voice.field.error", lang, label=label, error=error)
        else:
            text = translate("voice.field", lang, label=label)
        return self._checked(text, lang, keep=True, what="field label")

    def note(self, key: str, lang: str) -> Utterance | None:
        """One of the few notes said as they appear (NOTE_KEYS), from its template."""
        if key not in NOTE_KEYS:
            log.info("voice: %s is not a spoken note", key)
            return None
        return self._checked(translate(key, lang), lang, keep=True, what=f"note {key}")

    def own_answers(self, rows: Iterable[tuple[str, str]], lang: str) -> Utterance | None:
        """The resident's own answers, read on their tap on their review screen.

        Their name may be said here (they asked, on their own screen); an ID
        number never: a row holding one is said as its label and "not read".
        """
        parts: list[str] = []
        unread = translate("voice.review.not_read", lang)
        empty = translate("review.empty", lang)
        for label, value in rows:
            value = value.strip()
            if _ID_SHAPED.search(value) or self._is_id_number(value):
                value = unread
            parts.append(translate("voice.review.row", lang, label=label, value=value or empty))
        if not parts:
            return None
        text = translate("voice.review.intro", lang) + "".join(parts)
        return Utterance(normalise(text, lang), lang, keep=False)

    def _is_id_number(self, value: str) -> bool:
        flat = _SPACES.sub("", value).upper()
        return any(
            len(v) >= 15 and _SPACES.sub("", v).upper() == flat for v in self._personal() if v
        )

    def render(self, utterance: Utterance) -> bytes:
        """The WAV of an utterance (cache or speaker); raises VoiceError."""
        return self.cache.render(utterance.text, utterance.lang, keep=utterance.keep)
