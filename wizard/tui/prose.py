"""Chinese text laid out by our own line breaker, as Rich renderables any Textual widget can show.

Textual and Rich break lines at spaces and cut runs of Chinese at the exact
column; :mod:`wizard.engine.linebreak` breaks as Chinese typesetting does.
These renderables measure the width they are given at render time (so they
follow every resize) and lay out with Rich's own cell widths (so a wide
character is never split across the edge). Every piece of text is cleaned of
control characters on the way in; none is ever parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style

from wizard.content.document import Block, table_lines
from wizard.engine.linebreak import NO_LINE_END, line_spans
from wizard.tui.safe import clean

Piece = str | tuple[str, str]
"""Plain text, or (text, Rich style string)."""

ELLIPSIS = "…"
RUN_STYLES = {"": "", "bold": "bold", "italic": "italic", "code": "bold", "link": "underline"}


class Wrapped:
    """Pieces of styled text as one paragraph, wrapped under a ``lead`` (e.g. '3. ') with a hanging indent.

    ``joins``: the text's ``›`` join questions to their choices (the hand-off's 已选), not a click
    path's steps: no line starts with one (:func:`wizard.engine.linebreak.break_opportunities`).
    """

    def __init__(
        self, pieces: Sequence[Piece], lead: str = "", lead_style: str = "dim", *, joins: bool = False
    ) -> None:
        self.chars: list[tuple[str, str]] = []
        for piece in pieces:
            text, style = (piece, "") if isinstance(piece, str) else piece
            self.chars += [(char, style) for char in clean(text)]
        self.text = "".join(char for char, _ in self.chars)
        self.lead = clean(lead)
        self.lead_style = lead_style
        self.joins = joins

    @property
    def plain(self) -> str:
        """The text without its lead, as it was given (tests and copy read it)."""
        return self.text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lines(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lead = cell_len(self.lead)
        longest = max((cell_len(line) for line in self.text.split("\n")), default=0)
        return Measurement(min(lead + 2, options.max_width), min(lead + longest, options.max_width))

    def lead_apart(self, width: int) -> bool:
        """Whether the lead goes on a line of its own at ``width``: a lead wider than half the line (a
        click path's heading at 60 columns) left the text hung under it a sliver, one character a line."""
        return bool(self.lead) and cell_len(self.lead) > width // 2

    def room(self, width: int) -> int:
        """The cells of each line of text at ``width``, beside the lead or under it."""
        return max(width - (0 if self.lead_apart(width) else cell_len(self.lead)), 2)

    def lines(self, width: int) -> Iterable[Segment]:
        """Segments of every line, each line ended by a newline segment (see :meth:`lead_apart`)."""
        lead = self.lead
        lead_width = cell_len(lead)
        if self.lead_apart(width):
            yield Segment(lead, Style.parse(self.lead_style) if self.lead_style else None)
            yield Segment.line()
            lead, lead_width = "", 0
        room = self.room(width)
        first = True
        offset = 0
        for paragraph in self.text.split("\n"):
            for start, end in line_spans(paragraph, room, cell_len, joins=self.joins):
                shown = lead if first else " " * lead_width
                if shown:
                    yield Segment(shown, Style.parse(self.lead_style) if first and self.lead_style else None)
                yield from _styled(self.chars[offset + start : offset + end])
                yield Segment.line()
                first = False
            offset += len(paragraph) + 1


class Excerpt(Wrapped):
    """An excerpt that ends in '…' (a search result's snippet), which never wraps a character or two onto
    a line of their own (「单…」, at some widths nearly every result had one): it ends a line earlier
    instead, its '…' at the end of the line above. What goes is only context; no width of excerpt
    avoids such a tail at every terminal width, so it is decided where the width is known."""

    SHORT_TAIL = 2
    """At most this many characters before the '…' on a last line are dropped."""

    def lines(self, width: int) -> Iterable[Segment]:
        shorter = self._shortened(width)
        yield from (shorter.lines(width) if shorter is not None else super().lines(width))

    def _shortened(self, width: int) -> Wrapped | None:
        """The excerpt ended a line earlier, or None when its last line holds more than a short tail."""
        text = self.text
        if not text.endswith(ELLIPSIS) or "\n" in text:
            return None
        room = self.room(width)
        spans = line_spans(text, room, cell_len)
        if len(spans) < 2 or spans[-1][1] - spans[-1][0] - len(ELLIPSIS) > self.SHORT_TAIL:
            return None
        start, keep = spans[-2]
        while keep > start + 1 and (
            cell_len(text[start:keep] + ELLIPSIS) > room or text[keep - 1] == " " or text[keep - 1] in NO_LINE_END
        ):
            keep -= 1
        shorter = Wrapped([*self.chars[:keep], (ELLIPSIS, self.chars[-1][1])], self.lead, self.lead_style)
        fits = len(line_spans(shorter.text, room, cell_len)) == len(spans) - 1
        return shorter if fits else None


def _styled(chars: Sequence[tuple[str, str]]) -> Iterable[Segment]:
    """Consecutive characters of one style as one segment."""
    run: list[str] = []
    current = ""
    for char, style in chars:
        if style != current and run:
            yield Segment("".join(run), Style.parse(current) if current else None)
            run = []
        current = style
        run.append(char)
    if run:
        yield Segment("".join(run), Style.parse(current) if current else None)


class Stack:
    """Renderables one under another, with optional blank lines between them."""

    def __init__(self, items: Sequence[Wrapped | None]) -> None:
        self.items = items  # None: a blank line

    @property
    def plain(self) -> str:
        return "\n".join(item.plain if item is not None else "" for item in self.items)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for item in self.items:
            if item is None:
                yield Segment.line()
            else:
                yield from item.lines(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        measures = [item.__rich_measure__(console, options) for item in self.items if item is not None]
        if not measures:
            return Measurement(0, 0)
        return Measurement(max(m.minimum for m in measures), max(m.maximum for m in measures))


def prose(blocks: Sequence[Block]) -> Stack:
    """An answer body: paragraphs apart, list items together, markers hanging, tables as 'header：value' lines."""
    items: list[Wrapped | None] = []
    previous: Block | None = None
    for block in blocks:
        if previous is not None and not (block.kind == "item" and previous.kind == "item"):
            items.append(None)
        previous = block
        runs: list[Piece] = [(run.text, RUN_STYLES[run.style]) for run in block.runs]
        if block.kind == "item":
            lead = "  " * block.depth + (f"{block.marker} " if block.marker else "  ")
            items.append(Wrapped(runs, lead, "bold"))
        elif block.kind == "quote":
            items.append(Wrapped(runs, "▏ ", "dim"))
        elif block.kind == "heading":
            items.append(Wrapped([(run.text, "bold") for run in block.runs]))
        elif block.kind == "code":
            items.append(Wrapped([(block.text, "dim")]))
        elif block.kind == "table":
            items += [Wrapped([line]) for line in table_lines(block)]
        elif block.kind == "rule":
            items.append(Wrapped([("─" * 12, "dim")]))
        else:
            items.append(Wrapped(runs))
    return Stack(items)


def numbered(rows: Sequence[Sequence[Piece]], indent: int = 0) -> Stack:
    """Numbered lines whose wrapped lines stay under the text, not under the number."""
    return Stack([Wrapped(row, " " * indent + f"{number}. ") for number, row in enumerate(rows, start=1)])


def hanging(lead: str, pieces: Sequence[Piece]) -> Wrapped:
    """One line led by ``lead`` (e.g. '3. '), wrapping under the text: for list options."""
    return Wrapped(pieces, lead)


def wrapped(text: str, style: str = "") -> Wrapped:
    """One piece of content (a title, a question) broken into lines the Chinese way."""
    return Wrapped([(text, style)])
