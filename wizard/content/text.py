"""Text hygiene: no control characters in anything shown, and diagnostics on one line.

ESC and friends in a tree file would reach the clerk's terminal as commands
(colours, cursor moves, OSC 52 clipboard writes), and bidirectional overrides
can make a label read differently from what it says. Kept free of YAML and
pydantic so the full-screen app can use it at no start-up cost.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 control characters except tab and newline, plus the bidirectional
# overrides that can make a label display differently from what it says.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Remove characters that would reach the terminal as commands, not text."""
    return _CONTROL.sub("", text)


def is_wide(char: str) -> bool:
    """Whether ``char`` takes two terminal cells (Chinese, full-width punctuation)."""
    return unicodedata.east_asian_width(char) in "WF"


def has_control(text: str) -> bool:
    """Whether :func:`clean_text` would change ``text`` (cheap to ask of a whole file)."""
    return _CONTROL.search(text) is not None


# Everything an editor or a terminal may take as the end of a line.
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def one_line(text: str) -> str:
    """``text`` for a one-line report: line breaks shown as ``\\n``, control characters removed.

    Undecodable bytes of a file name (kept by Python as lone surrogates) are
    shown as ``\\xNN``, so printing never fails on a UTF-8 terminal.
    """
    text = clean_text(_LINE_BREAK.sub(r"\\n", text)).replace("\t", " ")
    if _SURROGATE.search(text):
        text = _SURROGATE.sub(lambda match: f"\\x{ord(match.group()) - 0xDC00:02x}", text)
    return text
