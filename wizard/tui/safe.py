"""Content from YAML as display text: no markup parsing, no terminal control characters.

Short, single-line pieces become Textual ``Content`` here; paragraphs that
must wrap the Chinese way are laid out by :mod:`wizard.tui.prose`, which cleans
through the same :func:`clean`.

The loader already strips control characters, but the screens must not rely on
it (a catalog can be built in memory), and Textual's ``Content`` only strips a
few of them: ESC passes through to the terminal. So every piece of content goes
through :func:`clean` (wizard.content.text.clean_text) before it becomes a :class:`Content`.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from wizard.content.text import clean_text as clean

__all__ = ["Part", "assemble", "clean", "highlight_pieces", "literal"]

Part = Content | tuple[str, str] | str


def literal(text: str, style: str = "") -> Content:
    """Content that shows ``text`` exactly, optionally in one style."""
    return Content.styled(clean(text), style) if style else Content(clean(text))


def assemble(*parts: Part) -> Content:
    """Join parts; plain strings and (text, style) pairs are cleaned first."""
    cleaned: list[Part] = []
    for part in parts:
        if isinstance(part, tuple):
            cleaned.append((clean(part[0]), part[1]))
        elif isinstance(part, str):
            cleaned.append(clean(part))
        else:
            cleaned.append(part)
    return Content.assemble(*cleaned)


def highlight_pieces(text: str, spans: Sequence[tuple[int, int]], style: str) -> list[str | tuple[str, str]]:
    """``text`` as pieces with each (start, end) span styled, cut before cleaning so the spans stay
    aligned with the text they were found in (each piece is cleaned where it is shown)."""
    pieces: list[str | tuple[str, str]] = []
    position = 0
    for start, end in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        pieces += [text[position:start], (text[start:end], style)]
        position = end
    pieces.append(text[position:])
    return pieces
