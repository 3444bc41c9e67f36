"""Aligned text tables for the commands, their headers in the chosen language.

A header is a message key (``cli.col.port``) translated with ``--lang``; the
columns are padded by display width, so a Chinese header or value (two
columns per character) lines up with Latin ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from kiosk.i18n import translate


def display_width(text: str) -> int:
    """Terminal columns of ``text``: wide and full-width characters count two."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def table(header_keys: Sequence[str], rows: Sequence[Sequence[str]], lang: str) -> str:
    """A header line (translated keys), then one line per row, columns aligned."""
    headers = [translate(key, lang) for key in header_keys]
    cells = [headers] + [[str(cell) for cell in row] for row in rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        parts = [pad(cell, widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def pairs(rows: Sequence[tuple[str, str]], lang: str) -> str:
    """``label  value`` lines, each label a message key translated into ``lang``."""
    labels = [translate(key, lang) for key, _ in rows]
    width = max((display_width(label) for label in labels), default=0)
    return "\n".join(
        f"{pad(label, width)}  {value}".rstrip()
        for label, (_, value) in zip(labels, rows, strict=True)
    )
