"""A catalog field's ``pattern``, run by RE2: matching time linear in the input.

The patterns come from the platform (or a county's spreadsheet), not from us,
and Python's ``re`` backtracks: ``(a+)+$`` took 0.76 s on 24 characters and
doubled with every two more, on the GUI thread, for each key a resident
pressed. RE2 (google-re2) never backtracks; what it cannot run in linear time
(back-references, look-around) it refuses to compile, and the catalog import
refuses the document with it, naming the field. Its memory per pattern is
capped too, so ``(a{999}){999}`` is refused rather than built.
"""

from __future__ import annotations

import functools
from typing import Any

MAX_PATTERN = 500  # characters: a phone, ID or account rule needs a few dozen
_MAX_MEM = 1 << 20  # bytes of RE2 program per pattern


class PatternError(ValueError):
    """RE2 cannot run this pattern (invalid, non-linear, or too large)."""


def _options() -> Any:
    import re2  # about 18 ms: loaded by the first pattern, not on the kiosk's first frame

    options = re2.Options()
    options.log_errors = False  # the refusal is ours to report, not absl's on stderr
    options.max_mem = _MAX_MEM
    return options


@functools.lru_cache(maxsize=512)
def compile_pattern(pattern: str) -> Any:
    """The compiled pattern, or PatternError saying why RE2 refuses it."""
    if len(pattern) > MAX_PATTERN:
        raise PatternError(f"is longer than {MAX_PATTERN} characters")
    import re2

    try:
        return re2.compile(pattern, _options())
    except re2.error as exc:
        detail = exc.args[0] if exc.args else exc
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        raise PatternError(f"cannot be run in linear time by RE2: {detail}") from None


def full_match(pattern: str, value: str) -> bool:
    """``value`` matches the whole ``pattern`` (raises PatternError for a refused one)."""
    return compile_pattern(pattern).fullmatch(value) is not None
