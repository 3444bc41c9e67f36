"""Giving freed memory back to the system.

CPython frees objects into its own arenas and glibc's malloc keeps freed
pages at the top of its heap for the next allocation; after the kiosk drops
something large once (pypinyin's dictionaries after a catalog import, the
start-up's temporaries) those pages stay in its resident set although nothing
uses them. ``malloc_trim(0)`` returns them (about 11 MB after a start).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from typing import Any


@cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name)
        return libc if hasattr(libc, "malloc_trim") else None  # glibc only (not musl)
    except OSError:
        return None


def trim_heap() -> None:
    """Return malloc's free pages to the system; nothing where the C library has no malloc_trim."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
