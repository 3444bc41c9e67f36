"""Search keys of a name: folded text, full pinyin and pinyin initials.

Computed once when a catalog is imported (pypinyin is slow per character, far
too slow per keystroke). Heteronyms matter little for service names, so the
common reading is taken; pypinyin's phrase dictionary gets 银行 and 长期 right
anyway.

Those dictionaries take about 50 MB of the kiosk's memory (a 2.5 MB JSON of
phrases parsed into Python strings, and a prefix set trained on it), and a
kiosk needs them only while it imports a catalog, which a sync does seldom:
``pinyin_dictionaries`` unloads pypinyin when the last import using it ends.
"""

from __future__ import annotations

import gc
import re
import sys
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from kiosk.memory import trim_heap

_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[\s\-_/·•.,，。、()（）\[\]【】《》\"'“”‘’:：;；!！?？]+")


def fold(text: str) -> str:
    """NFKC (full-width to half-width), lower case, single spaces, no control characters."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    return _SPACE.sub(" ", text).strip()


def compact(text: str) -> str:
    """Folded text without spaces and punctuation: 'Shen Fen-Zheng' -> 'shenfenzheng'."""
    return _PUNCT.sub("", fold(text))


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


_pinyin_lock = threading.Lock()
_pinyin_users = 0


@contextmanager
def pinyin_dictionaries() -> Iterator[None]:
    """Keep pypinyin loaded for the block (a catalog import), then let it go.

    pypinyin is imported again (about 0.4 s) by the next import; imports in
    several threads at once share one load, unloaded when the last one ends.
    """
    global _pinyin_users
    with _pinyin_lock:
        _pinyin_users += 1
    try:
        yield
    finally:
        with _pinyin_lock:
            _pinyin_users -= 1
            if _pinyin_users == 0:
                _unload_pypinyin()


def _unload_pypinyin() -> None:
    names = [n for n in sys.modules if n == "pypinyin" or n.startswith("pypinyin.")]
    if not names:
        return
    for name in names:
        del sys.modules[name]
    gc.collect()  # modules are cycles (functions and their globals): freed by the collector
    trim_heap()


def _keep(chars: str) -> Any:
    """Non-hanzi runs (latin, digits) stay as they are."""
    return [chars]


def syllables(text: str) -> list[str]:
    """Pinyin of each hanzi (other runs of letters and digits kept as they are)."""
    # pypinyin loads its dictionaries on import (about 0.4 s): only catalog
    # imports and pinyin queries need it, not the kiosk's first frame.
    from pypinyin import Style, lazy_pinyin

    out: list[str] = []
    for piece in lazy_pinyin(compact(text), style=Style.NORMAL, errors=_keep):
        piece = piece.replace("ü", "v")
        if piece:
            out.append(piece)
    return out


def full_pinyin(text: str) -> str:
    return "".join(syllables(text))


def initials(text: str) -> str:
    """First letter of each syllable; latin runs and digits keep their first character."""
    return "".join(s[0] for s in syllables(text) if s)


def pinyin_keys(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of a text, both compact."""
    parts = syllables(text)
    return "".join(parts), "".join(p[0] for p in parts if p)


def short_substrings(text: str, longest: int = 2) -> set[str]:
    """Every substring of 1..longest characters (the keys of short queries)."""
    out: set[str] = set()
    for n in range(1, longest + 1):
        for i in range(len(text) - n + 1):
            out.add(text[i : i + n])
    return out


def synonym_variants(text: str, groups: Iterable[tuple[str, ...]]) -> list[str]:
    """Other spellings of a text, each with one synonym swapped for another in its group."""
    variants: list[str] = []
    for group in groups:
        for word in group:
            if word and word in text:
                for other in group:
                    if other != word:
                        variant = text.replace(word, other)
                        if variant != text and variant not in variants:
                            variants.append(variant)
    return variants
