"""Excerpts of an answer around what the query matched, with the spans to highlight."""

from __future__ import annotations

import functools
import re
import unicodedata

from wizard.engine.hanzi import to_simplified
from wizard.engine.terms import normalize

SNIPPET_CHARS = 60
BOUNDARY_REACH = 8
"""How far back an excerpt may start early, to begin at a phrase rather than mid-word (…击「单位办事)."""
_PHRASE_ENDS = frozenset("，。；：、！？,.;:!? \n")
_OPENINGS = frozenset("「『（《“(")
_STOPS = "，。；：、！？,.;:!?"
BULLET = "•"
"""The marker of an item of a list without numbers in an answer's plain text."""
_TRAILING_MARKER = re.compile(r"(?:^|\s)(?:•|\d{1,2}[.)])\s*$")
"""What an excerpt must not end in before its '…': a list's bullet or number with nothing after it."""


def excerpt_source(text: str) -> str:
    """An answer's plain text as one line, the source of excerpts: its lines joined by a space, but a
    list item's bullet dropped (joined, 「…户籍性质。 • 方式二：」 showed a lone • mid-line). An item
    follows a line that ends in a stop mark at once (「…户籍性质。方式二：」, 「按需查询打印：人员增加…」), and
    a line without one after a 「；」. Numbered items keep their numbers: the order means something."""
    joined = ""
    for line in text.splitlines():
        line = line.strip()
        item = line == BULLET or line.startswith(BULLET + " ")
        if item:
            line = line.removeprefix(BULLET).lstrip()
        if not line:
            continue
        if joined:
            joined += ("" if joined[-1] in _STOPS else "；") if item else " "
        joined += line
    return joined


@functools.lru_cache(maxsize=256)
def _normalized_with_positions(text: str) -> tuple[str, list[int]]:
    """``normalize(text)`` and, for each of its characters, the index in ``text`` it came from."""
    chars: list[str] = []
    origin: list[int] = []
    folded_text = unicodedata.normalize("NFKC", text).lower()
    if len(folded_text) == len(text):  # usual: each character folds to one, so positions carry over
        for position, folded in enumerate(folded_text):
            if folded.isalnum():
                chars.append(folded)
                origin.append(position)
        return "".join(chars), origin
    for position, ch in enumerate(text):
        for folded in unicodedata.normalize("NFKC", ch).lower():
            if folded.isalnum():
                chars.append(folded)
                origin.append(position)
    return "".join(chars), origin


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that share two or more consecutive characters with ``query`` (one if the query is one)."""
    haystack, origin = _normalized_with_positions(text)
    needle = to_simplified(normalize(query))
    if not needle or not haystack:
        return []
    size = 1 if len(needle) == 1 else 2
    grams = {needle[i : i + size] for i in range(len(needle) - size + 1)}
    covered = [False] * len(haystack)
    for gram in grams:  # str.find per gram: a few C-speed scans, not a Python loop over the body
        at = haystack.find(gram)
        while at >= 0:
            covered[at : at + size] = [True] * size
            at = haystack.find(gram, at + 1)
    spans: list[tuple[int, int]] = []
    for i, hit in enumerate(covered):
        if not hit:
            continue
        start, end = origin[i], origin[i] + 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def make_snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """An excerpt of ``text`` about ``width`` characters long around the densest match, with spans in it."""
    spans = match_spans(text, query)
    if len(text) <= width:
        return text, spans
    if not spans:
        return _trimmed(text[:width]) + "…", []
    best_start, best_cover = 0, -1
    for start, _ in spans:
        window = max(0, start - width // 4)
        cover = sum(min(e, window + width) - max(s, window) for s, e in spans if s < window + width and e > window)
        if cover > best_cover:
            best_start, best_cover = window, cover
    best_start = _phrase_start(text, min(best_start, max(0, len(text) - width)))
    end = best_start + width
    prefix = "…" if best_start > 0 else ""
    suffix = "…" if end < len(text) else ""
    if suffix:
        end = best_start + len(_trimmed(text[best_start:end]))
    shift = len(prefix) - best_start
    inside = [(max(s, best_start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > best_start]
    return prefix + text[best_start:end] + suffix, inside


def _trimmed(excerpt: str) -> str:
    """An excerpt cut before its end, without what would dangle before its '…': a list number with
    nothing after it (「…模板； 2.…」), an opening bracket (「…申报「…」), spaces."""
    excerpt = _TRAILING_MARKER.sub("", excerpt).rstrip()
    while excerpt and excerpt[-1] in _OPENINGS:
        excerpt = excerpt[:-1].rstrip()
    return excerpt


def _phrase_start(text: str, start: int) -> int:
    """``start``, moved back a little to where a phrase begins: after punctuation, or at an opening mark."""
    for position in range(start, max(0, start - BOUNDARY_REACH) - 1, -1):
        if position == 0 or text[position - 1] in _PHRASE_ENDS:
            return position
        if text[position] in _OPENINGS:
            return position
    return start
