"""The width of a notice (Textual's toast), and its text broken by the rules of Chinese text.

Textual wraps a toast's text at its last column, so a line of the copy
notice started with ；and a file name broke inside .txt. Broken here first,
to the width the toast gives its text, every line fits and Textual keeps the
breaks (file names and paths: :func:`wizard.tui.transcripts.name_lines`).
"""

from __future__ import annotations

from wizard.engine.linebreak import break_lines

TOAST_WIDTH = 60
"""Textual's toast: 60 cells at most, and at most half the rack it sits in (the screen less the rack's
scrollbar), less its coloured edge and its padding."""
TOAST_RACK_SCROLLBAR = 2
TOAST_EDGES = 3


def toast_width(screen_width: int) -> int:
    """The cells a toast's text has on a screen ``screen_width`` cells wide."""
    return max(1, min(TOAST_WIDTH, (screen_width - TOAST_RACK_SCROLLBAR) // 2) - TOAST_EDGES)


def toast_text(message: str, screen_width: int) -> str:
    """``message`` broken into lines that fit its toast (closing punctuation never starts one)."""
    return "\n".join(break_lines(message, toast_width(screen_width)))
