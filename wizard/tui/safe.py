"""Content from YAML as display text: no markup parsing, no terminal control characters.

The loader already strips control characters, but the screens must not rely on
it (a catalog can be built in memory), and Textual's ``Content`` only strips a
few of them: ESC passes through to the terminal. So every piece of content goes
through :func:`clean` (wizard.content.text.clean_text) before it becomes a :class:`Content`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

from wizard.content.text import clean_text as clean

__all__ = ["Part", "assemble", "clean", "hanging", "highlighted", "literal", "numbered"]

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


def highlighted(text: str, spans: Sequence[tuple[int, int]], style: str) -> Content:
    """``text`` with each (start, end) span styled; cleaned piece by piece so spans stay aligned."""
    parts: list[Part] = []
    position = 0
    for start, end in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        parts += [text[position:start], (text[start:end], style)]
        position = end
    parts.append(text[position:])
    return assemble(*parts)


def numbered(rows: Sequence[Sequence[Part]], indent: int = 0) -> Table:
    """Numbered lines whose wrapped lines stay under the text, not under the number.

    Long Chinese questions wrap on narrow terminals; a hanging indent keeps each
    step readable. Rich ``Text`` never parses markup, and every part is cleaned.
    """
    grid = _hanging_grid()
    for number, parts in enumerate(rows, start=1):
        grid.add_row(" " * indent + f"{number}. ", _text(parts))
    return grid


def hanging(lead: str, parts: Sequence[Part]) -> Table:
    """One line led by ``lead`` (e.g. '3. '), wrapping under the text: for list options."""
    grid = _hanging_grid()
    grid.add_row(lead, _text(parts))
    return grid


def _hanging_grid() -> Table:
    from rich.table import Table

    grid = Table.grid()
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(ratio=1, overflow="fold")  # Chinese has no spaces to wrap at
    return grid


def _text(parts: Sequence[Part]) -> Text:
    from rich.text import Text

    return Text.assemble(*((clean(p[0]), p[1]) if isinstance(p, tuple) else clean(str(p)) for p in parts))
