"""Masking of personal data at the source.

Names and ID numbers are masked before they reach a log line, a receipt or a
screen that others may see. The masks follow the common practice of Chinese
government services: 张*三 and 440106********123X.
"""

from __future__ import annotations

import logging
import re

_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])")


def mask_name(name: str) -> str:
    """Keep the first and last character; two-character names keep the first."""
    name = name.strip()
    if len(name) <= 1:
        return "*" if name else ""
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id_number(number: str) -> str:
    """Keep the six-digit area code and the last four characters."""
    number = number.strip()
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def scrub(text: str) -> str:
    """Mask anything in free text that looks like an 18-character ID number."""
    return _ID_LIKE.sub(lambda m: m.group(1) + "*" * 8 + m.group(2), text)


class ScrubFilter(logging.Filter):
    """Last line of defence: masks ID-number-shaped strings in every record.

    Code must mask at the source; this filter only catches mistakes. The
    traceback of ``log.exception`` (an exception's message, a local shown in
    a frame) and ``stack_info`` are masked too: the formatter would print
    them after the message, past a filter that only looked at the message.
    The formatted traceback is kept in ``exc_text``, which every formatter
    prints instead of formatting ``exc_info`` again.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True
