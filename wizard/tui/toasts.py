"""The width of a notice (Textual's toast), and its text broken by the rules of Chinese text.

Textual wraps a toast's text at its last column, so a line of the copy
notice started with ；and a file name broke inside .txt. Broken here first,
to the width the toast gives its text, every line fits and Textual keeps the
breaks; a file name or path breaks after its hyphens and slashes (:func:`toast_name`).
"""

from __future__ import annotations

import re

from wizard.engine.linebreak import break_lines, cell_width

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


def toast_name(name: str, screen_width: int) -> str:
    """A file name or path broken to fit its toast: after its hyphens and slashes, so that each part
    stays whole (…-常见问题第13条- / 未解决.txt, never …未解 / 决.txt or .t / xt)."""
    return "\n".join(name_lines(name, toast_width(screen_width)))


def name_lines(name: str, width: int) -> list[str]:
    """``name`` as lines of at most ``width`` cells, broken after its hyphens and slashes (a part longer
    than a line is broken inside by :func:`~wizard.engine.linebreak.break_lines`)."""
    lines = [""]
    for part in re.findall(r"[^-/\\]*[-/\\]|[^-/\\]+$", name):
        if lines[-1] and cell_width(lines[-1] + part) > width:
            lines.append("")
        lines[-1] += part
    return [piece for line in lines for piece in break_lines(line, width)]
