"""Text hygiene shared by the loader and every front end: no control characters.

ESC and friends in a tree file would reach the clerk's terminal as commands
(colours, cursor moves, OSC 52 clipboard writes), and bidirectional overrides
can make a label read differently from what it says. Kept in a module of its
own so the full-screen app can use it without importing YAML or pydantic.
"""

from __future__ import annotations

import re

# C0 and C1 control characters except tab and newline, plus the bidirectional
# overrides that can make a label display differently from what it says.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Remove characters that would reach the terminal as commands, not text."""
    return _CONTROL.sub("", text)
