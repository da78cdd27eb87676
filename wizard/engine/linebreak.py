"""Where a line of mixed Chinese and Latin text may break, and where it must not (避头尾).

Terminal widgets break lines at spaces, which is wrong for Chinese twice over:
a run of Chinese has no spaces, so it is cut at the exact column (「服 / 务」);
and a click path with spaces (「个人中心 › 我的信息 › 修改」) breaks early at a
space. The rules here are those of Chinese typesetting, simplified:

- a line may break between any two Chinese characters, and at a space;
- never inside a Latin word or a number (unless the word is longer than the line);
- closing punctuation (，。、；：？！」』）》…) never starts a line, and opening
  punctuation (「『（《“) never ends one: each stays with its neighbour;
- a number set off by spaces in Chinese text stays with its words, and an FAQ
  reference stays whole (常见问题第 13 条);
- a short quoted term stays whole (「单位登录」「用人单位退工停保登记」);
- a click-path step ``› 标签`` stays together: the break comes before the ``›``,
  and never inside a step's label (单位办事 › 企业服务);
- where ``›`` joins a question to the choice made (问题？ › 选项, several pairs
  in one paragraph: the hand-off's 已选), no line starts with it either: it
  stays with its question as well as with its choice;
- a piece kept whole is still cut when it is longer than the line.

Pure functions of text and a cell-width function, so the full-screen app
(Rich's own cell widths), the line mode and the diagrams break the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from wizard.content.text import is_wide

NO_LINE_START = frozenset("，。、；：？！）」』》〉】〕〗〙〛”’…‥·•,.;:!?)]}%‰℃")
"""Closing punctuation: glued to the character before it."""
NO_LINE_END = frozenset("（「『《〈【〔〖〘〚“‘([{")
"""Opening punctuation: glued to the character after it."""
STEP = "›"
"""The click-path separator; a line breaks before it, never after it."""

CellWidth = Callable[[str], int]
_LABEL = re.compile(r"[^\s›「」『』（）()，。；：、]+")
"""A run that can be a click-path step's label (a label ends at a space or punctuation)."""
_WHOLE = re.compile(r"(?:常见问题)?第 ?\d+ ?条|「[^「」]{1,12}」")
"""Pieces read as one: an FAQ reference, a short quoted term (a menu item, an error message's key words)."""


def cell_width(text: str) -> int:
    """Terminal cells of ``text``: wide (CJK) characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if is_wide(char) else 1
    return width


def break_opportunities(text: str, keep_whole: bool = True, *, joins: bool = False) -> list[bool]:
    """``allowed[i]``: whether a line may end before ``text[i]`` (index 0 and len(text) are never breaks).

    ``keep_whole=False`` lets a line break inside a piece otherwise kept whole (for a piece longer than
    the line: better there, by the other rules, than at the exact column). ``joins``: each ``›`` joins a
    question to its choice, so no line starts with it."""
    allowed = [False] * (len(text) + 1)
    whole = _kept_whole(text) if keep_whole else [False] * (len(text) + 1)
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after in NO_LINE_START or before in NO_LINE_END:
            continue
        if before == STEP or (before == " " and i >= 2 and text[i - 2] == STEP):
            continue  # '› 标签': the step stays with its label
        if joins and after == STEP:
            continue  # '问题？ ›': the choice's › stays with its question
        if whole[i]:
            continue
        if before == " " and i >= 2 and _number_in_words(text[i - 2], after):
            continue  # '第 13 条': the number stays with its words
        if before.isspace() and not after.isspace():
            allowed[i] = True  # after a space (the space is dropped at the line end)
        elif is_wide(before) or is_wide(after):
            allowed[i] = not after.isspace()
        # between two narrow characters (a Latin word, a number): no break
    return allowed


def _number_in_words(before_space: str, after_space: str) -> bool:
    """Whether a space sits between a Chinese character and a number (either way round)."""
    return (is_wide(before_space) and after_space.isdigit()) or (before_space.isdigit() and is_wide(after_space))


def _kept_whole(text: str) -> list[bool]:
    """``inside[i]``: whether ``text[i - 1]`` and ``text[i]`` belong to one piece kept whole: a click-path
    step's label, an FAQ reference or a short quoted term."""
    inside = [False] * (len(text) + 1)
    spans = [match.span() for match in _WHOLE.finditer(text)]
    if STEP in text:
        for match in _LABEL.finditer(text):
            start, end = match.span()
            if text[max(0, start - 2) : start].strip() == STEP or text[end : end + 2].strip() == STEP:
                spans.append((start, end))
    for start, end in spans:
        for i in range(start + 1, end):
            inside[i] = True
    return inside


def line_spans(text: str, width: int, measure: CellWidth = cell_width, *, joins: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text`` (one paragraph, no newlines) at most ``width`` cells wide;
    ``joins`` as for :func:`break_opportunities`.

    Spaces where a line breaks are left out of both lines. A piece that cannot
    fit (a word longer than the line) is cut at the width, still keeping
    closing punctuation off the next line's start where it can.
    """
    width = max(width, 2)
    end_of_text = len(text.rstrip())
    if measure(text) <= width:
        return [(0, end_of_text)]
    allowed = break_opportunities(text, joins=joins)
    within: list[bool] | None = None  # the breaks inside pieces kept whole, computed when first needed
    spans: list[tuple[int, int]] = []
    start = 0
    while True:
        while start < end_of_text and text[start] == " ":
            start += 1  # no line starts with a space
        if start >= end_of_text:
            break
        end, used, last_break = start, 0, -1
        while end < end_of_text:
            cells = measure(text[end])
            if used + cells > width:
                break
            used += cells
            end += 1
            if end < end_of_text and allowed[end]:
                last_break = end
        if end >= end_of_text:
            spans.append((start, end_of_text))
            break
        if last_break <= start:  # a piece kept whole is longer than the line: break inside it by the rules
            within = within or break_opportunities(text, keep_whole=False, joins=joins)
            last_break = max((i for i in range(start + 1, end) if within[i]), default=-1)
        if last_break > start:
            cut = last_break
        else:  # nothing allowed fits: cut at the width, but keep closing punctuation off the next line
            cut = end
            while cut > start + 1 and text[cut] in NO_LINE_START:
                cut -= 1
        stop = cut
        while stop > start and text[stop - 1] == " ":
            stop -= 1
        spans.append((start, stop))
        start = cut
    return spans or [(0, 0)]


def break_lines(text: str, width: int, measure: CellWidth = cell_width, *, joins: bool = False) -> list[str]:
    """``text`` as lines of at most ``width`` cells (see :func:`line_spans`); newlines in it are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += [paragraph[start:end] for start, end in line_spans(paragraph, width, measure, joins=joins)]
    return lines
