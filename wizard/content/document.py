"""An answer's Markdown as a list of blocks of styled text: what every screen lays out.

markdown-it parses the body (CommonMark plus tables); this flattens its tokens
into paragraphs, list items with their marker and depth, quotes, headings,
code and tables. Text is cleaned *after* markdown-it decodes entities, so
``&#x202e;`` or ``&#27;`` in a body cannot smuggle a control character past
the loader's cleaning. Raw HTML is kept as the text it is, and a link shows its
text with its address, never as something to click.

Linear in the size of the body, whatever its shape: a 150-column table costs
what its cells cost (the checks bound table size anyway, WZ046).

Nothing is lost to depth. markdown-it stops at a nesting limit (twenty levels:
nine lists in lists, nineteen quotes in quotes) and drops the rest of the body
from there. Here a list or quote that would pass the limit is not opened: its
lines are read as a paragraph of the deepest level shown, markers and all.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from wizard.content.text import clean_text, is_wide

Style = Literal["", "bold", "italic", "code", "link"]
BlockKind = Literal["paragraph", "item", "quote", "heading", "code", "table", "rule"]


@dataclass(frozen=True)
class Run:
    """A piece of text in one style."""

    text: str
    style: Style = ""


@dataclass
class Block:
    """One block of an answer: its runs, and for list items the marker ('1.', '•') and nesting depth."""

    kind: BlockKind
    runs: list[Run] = field(default_factory=list)
    marker: str = ""
    depth: int = 0
    rows: list[list[str]] = field(default_factory=list)
    """A table's rows, the header row first."""

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@functools.cache
def _parser():  # type: ignore[no-untyped-def]
    """One parser for the process: building one costs more than parsing an answer."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    for name, levels in (("list", 2), ("blockquote", 1)):  # list: the list and its item; a quote: itself
        rule = next(rule for rule in md.block.ruler.__rules__ if rule.name == name)
        md.block.ruler.at(name, _within_nesting(rule.fn, levels), {"alt": list(rule.alt)})
    return md


def _within_nesting(rule: Any, levels: int) -> Any:
    """Block ``rule`` (a list or a quote, opening ``levels`` of nesting), declined where its content would
    pass markdown-it's nesting limit, which would drop the rest of the body. Asked only whether it could
    start there (``silent``), it still says yes: the paragraph before it ends, as at any depth."""

    def within(state: Any, start: int, end: int, silent: bool) -> bool:
        if not silent and state.level + levels >= state.md.options["maxNesting"]:
            return False
        return bool(rule(state, start, end, silent))

    return within


def parse(markdown: str) -> list[Block]:
    """The blocks of ``markdown``, in order."""
    tokens = _parser().parse(markdown)
    blocks: list[Block] = []
    lists: list[list[int]] = []  # per open list: [next number] for ordered, [] for bullets
    pending_marker = ""
    quote = 0
    heading = False
    row: list[str] | None = None
    table: Block | None = None
    for token in tokens:
        kind = token.type
        if kind == "bullet_list_open":
            lists.append([])
        elif kind == "ordered_list_open":
            lists.append([int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            counter = lists[-1] if lists else []
            if counter:
                pending_marker = f"{counter[0]}."
                counter[0] += 1
            else:
                pending_marker = "•"
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind == "table_open":
            table = Block("table")
        elif kind == "table_close" and table is not None:
            blocks.append(table)
            table = None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and table is not None and row is not None:
            table.rows.append(row)
            row = None
        elif kind in ("code_block", "fence"):
            blocks.append(Block("code", [Run(clean_text(token.content.rstrip("\n")), "code")]))
        elif kind == "hr":
            blocks.append(Block("rule"))
        elif kind == "html_block":
            blocks.append(Block("paragraph", [Run(clean_text(token.content.strip()))]))
        elif kind == "inline":
            runs = _runs(token.children or [])
            if row is not None:
                row.append("".join(run.text for run in runs))
                continue
            if pending_marker:
                blocks.append(Block("item", runs, pending_marker, len(lists) - 1))
                pending_marker = ""
            elif lists:  # a second paragraph inside a list item: indented, no marker
                blocks.append(Block("item", runs, "", len(lists) - 1))
            else:
                blocks.append(Block("heading" if heading else "quote" if quote else "paragraph", runs))
    return blocks


def _runs(children: list[Any]) -> list[Run]:
    """Inline tokens as styled runs; line breaks inside a paragraph become spaces (Chinese: nothing)."""
    runs: list[Run] = []
    bold = italic = 0
    link: str | None = None
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            link = str(child.attrGet("href") or "")
        elif kind == "link_close":
            if link and not link.startswith("#"):
                runs.append(Run(f" ({clean_text(link)})", "link"))
            link = None
        elif kind == "code_inline":
            runs.append(Run(clean_text(child.content), "code"))
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Run(_join_lines(runs)))
        elif kind in ("text", "html_inline"):
            style: Style = "bold" if bold else "italic" if italic else ""
            runs.append(Run(_unspaced(runs, clean_text(child.content)), style))
    return [run for run in runs if run.text]


def _unspaced(runs: list[Run], text: str) -> str:
    """``text`` without the space an author put after bold Chinese (「**方式二：线下注册。** 法人…」:
    CommonMark closes ``**`` after 。 only before a space); between Chinese, a space is never meant."""
    last = runs[-1].text[-1:] if runs else ""
    if text[:1] == " " and last and is_wide(last) and text[1:2] and is_wide(text[1]):
        return text[1:]
    return text


def _join_lines(runs: list[Run]) -> str:
    """What a source line break inside a paragraph becomes: a space after Latin text, nothing after Chinese."""
    last = runs[-1].text[-1:] if runs and runs[-1].text else ""
    return " " if last.isascii() else ""


def _spaced(blocks: list[Block]) -> Iterator[tuple[list[str], Block]]:
    """Each block with the blank line that goes before it: none first, none between items of a list."""
    previous: Block | None = None
    for block in blocks:
        separate = previous is not None and not (block.kind == "item" and previous.kind == "item")
        yield ([""] if separate else []), block
        previous = block


def plain(blocks: list[Block]) -> str:
    """The blocks as plain text (line mode, clipboard, search): markers kept, styles dropped, one block a line."""
    lines: list[str] = []
    for gap, block in _spaced(blocks):
        lines += gap
        if block.kind == "table":
            lines += table_lines(block)
        elif block.kind == "rule":
            lines.append("—" * 8)
        elif block.kind == "code":
            lines += block.text.splitlines()
        else:
            indent = "  " * block.depth
            marker = f"{block.marker} " if block.marker else ("  " if block.kind == "item" else "")
            lines.append(f"{indent}{marker}{block.text}")
    return "\n".join(lines)


def table_lines(block: Block) -> list[str]:
    """A table as one line a row, 'header：value' pairs: readable at any width, linear in its size."""
    if not block.rows:
        return []
    header, *body = block.rows
    if not body:
        return ["；".join(header)]
    return [
        "；".join(f"{name}：{value}" if name else value for name, value in zip(header, cells, strict=False))
        for cells in body
    ]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def escape_markdown(text: str) -> str:
    """``text`` that any Markdown renderer shows as itself: no emphasis, link, HTML tag or table cell."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\s*)([#>+-]|\d+[.)])(\s)", r"\1\\\2\3", escaped)  # no heading, quote or list by accident


_ESCAPE_MARK = re.compile(r"\\([!-/:-@\[-`{-~0-9])")
_STRONG = re.compile(r"(?<!\\)\*\*")


_HEADING = re.compile(r"^(#{1,3}) (.*)$")
_ITEM = re.compile(r"^(\s*)- ")
HEADING_RULES = {1: "＝", 2: "－"}
"""The full-width character a title (#) and a section heading (##) are underlined with in plain text."""
RULE_CELLS = 48
"""The longest underline, in cells: a long answer title is not underlined past a line of Notepad."""


def markdown_as_text(text: str) -> str:
    """Markdown written here (transcripts) as plain text, for a reader that is no Markdown viewer (a .txt
    file in Notepad): the title and each section's heading underlined with ＝ and －, a click path's
    heading in 【】, list items led by • (as the app and its copies show them), quote marks and code
    fences gone, and no bold marks or escapes, so [身份证号] does not read \\[身份证号\\].

    Each line's structure is read before its escapes are undone: an escaped \\# or \\- that began a
    line of text stays a character of it. Lines inside a code fence are kept as they are."""
    lines: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if line == "```":
            fenced = not fenced
            continue
        if fenced:
            lines.append(line)
            continue
        heading = _HEADING.match(line)
        if heading is not None:
            words, level = _unmarked(heading[2]), len(heading[1])
            if level in HEADING_RULES:
                cells = min(sum(2 if is_wide(char) else 1 for char in words), RULE_CELLS)
                lines += [words, HEADING_RULES[level] * max(2, -(-cells // 2))]
            else:
                lines.append(f"【{words}】")
            continue
        if line == "---":
            lines.append("—" * 8)  # as plain() draws a rule
            continue
        item = _ITEM.match(line)
        if item is not None:
            line = f"{item[1]}• {line[item.end() :]}"
        elif line.startswith("> "):
            line = line[2:]
        lines.append(_unmarked(line))
    return "\n".join(lines)


def _unmarked(text: str) -> str:
    """``text`` without bold marks and Markdown escapes."""
    return _ESCAPE_MARK.sub(r"\1", _STRONG.sub("", text))


def markdown(blocks: list[Block]) -> str:
    """The blocks written back as plain, safe Markdown (transcripts, the clipboard).

    A transcript is opened in whatever viewer a clerk has: raw HTML in a body
    (a script tag) and links (javascript:) must arrive as text, so everything
    is written from the cleaned blocks, escaped, with links as 'text (address)'.
    """
    lines: list[str] = []
    for gap, block in _spaced(blocks):
        lines += gap
        text = "".join(
            f"**{escape_markdown(run.text)}**" if run.style == "bold" else escape_markdown(run.text)
            for run in block.runs
        )
        if block.kind == "item":
            indent = "   " * block.depth
            marker = "-" if block.marker in ("", "•") else block.marker
            lines.append(f"{indent}{marker} {text}" if block.marker else f"{indent}   {text}")
        elif block.kind == "quote":
            lines.append(f"> {text}")
        elif block.kind == "heading":
            lines.append(f"**{escape_markdown(block.text)}**")
        elif block.kind == "code":
            lines += ["```", *(line.replace("```", "ʼʼʼ") for line in block.text.splitlines()), "```"]
        elif block.kind == "table":
            lines += [f"- {escape_markdown(line)}" for line in table_lines(block)]
        elif block.kind == "rule":
            lines.append("---")
        else:
            lines.append(text)
    return "\n".join(lines)
