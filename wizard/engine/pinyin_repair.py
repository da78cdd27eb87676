"""Repair what a pinyin keyboard got wrong: homophones, initials and pinyin typed as letters.

Clerks type with a pinyin input method, so their slips are homophones
(参宝登记 for 参保登记, 花明册 for 花名册, 交费明晰 for 缴费明细), and in a hurry they
type initials (hjxz, sb, cbdj) or pinyin without picking characters
(canbao shenfen). A bigram index cannot see any of these. The repair only
touches what the content cannot explain:

- a Chinese character none of whose bigrams occurs in the content is replaced
  by a content character that sounds the same, if that completes a term
  (keyword, synonym, menu step) around it: 挺保 → 停保, 保错 → 报错; tones are
  ignored, as the keyboard ignores them;
- a word of letters the content does not know is replaced by the content
  phrase it spells in full pinyin, or else by the term whose initials it is.

The pinyin table (xpinyin, about 50 ms to load) is read on the first query
that needs a repair, never at start-up.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

MIN_LETTERS = 2
MAX_PHRASE_CHARS = 8
MIN_TERM_CHARS = 2


@functools.cache
def _table() -> Any:
    from xpinyin import Pinyin

    return Pinyin()


def _is_hanzi(unit: str) -> bool:
    return len(unit) == 1 and "\u3400" <= unit <= "\u9fff"


@functools.lru_cache(maxsize=8192)
def sound(char: str) -> str:
    """The toneless pinyin of one character ('' for anything that is not a Chinese character)."""
    return str(_table().get_pinyin(char)) if _is_hanzi(char) else ""


class PinyinRepair:
    """Knows the content's characters, bigrams and terms by their sound; repairs query runs."""

    def __init__(self, bigrams: Iterable[str], phrases: Iterable[str], words: Iterable[str]):
        """``bigrams``: the content's Chinese bigrams; ``phrases``: its terms (keywords, synonyms, menu
        steps); ``words``: the words of letters and digits it uses (APP, 12333)."""
        self._phrases = tuple(dict.fromkeys(p for p in phrases if 2 <= len(p) <= MAX_PHRASE_CHARS))
        self._term_bigrams = frozenset(phrase[i : i + 2] for phrase in self._phrases for i in range(len(phrase) - 1))
        self._bigrams = frozenset((*bigrams, *self._term_bigrams))
        self._words = frozenset(words)
        self._phrase_set = frozenset(self._phrases)

    @functools.cached_property
    def _chars_by_sound(self) -> dict[str, list[str]]:
        chars = sorted({char for bigram in self._bigrams for char in bigram if _is_hanzi(char)})
        found: dict[str, list[str]] = defaultdict(list)
        for char in chars:
            found[sound(char)].append(char)
        return found

    @functools.cached_property
    def _spelled(self) -> dict[str, str]:
        """Full pinyin ("canbao") and initials ("cbdj") → the content phrase or bigram they stand for."""
        found: dict[str, str] = {}
        for phrase in self._phrases:  # terms first: their initials are what clerks abbreviate
            if all(_is_hanzi(char) for char in phrase):
                found.setdefault("".join(sound(char)[0] for char in phrase), phrase)
        for text in (*self._phrases, *sorted(self._bigrams)):
            if all(_is_hanzi(char) for char in text):
                found.setdefault("".join(sound(char) for char in text), text)
        return found

    def warm(self) -> None:
        """Build the sound tables now (they are otherwise built by the first query that needs them)."""
        _ = self._chars_by_sound, self._spelled

    def repair(self, runs: list[list[str]]) -> list[list[str]]:
        """The runs with unexplained homophones and letter words replaced; runs that need nothing are kept."""
        return [self._repair_run(run) for run in runs]

    def _repair_run(self, run: list[str]) -> list[str]:
        if all(self._explained(run, position) for position in range(len(run))):
            return run
        repaired: list[str] = []
        for unit in run:
            if unit.isascii() and unit.isalpha() and len(unit) >= MIN_LETTERS and unit not in self._words:
                phrase = self._spelled.get(unit)
                repaired += list(phrase) if phrase else [unit]
            else:
                repaired.append(unit)
        for position, unit in enumerate(repaired):
            if _is_hanzi(unit) and not self._explained(repaired, position):
                repaired[position] = self._homophone(repaired, position)
        return repaired

    def _explained(self, run: list[str], position: int) -> bool:
        """Whether a bigram holding the unit at ``position`` occurs in the content (a lone unit counts as one)."""
        unit = run[position]
        if not _is_hanzi(unit):
            return not (unit.isascii() and unit.isalpha()) or unit in self._words
        if len(run) == 1:
            return True
        before = position > 0 and run[position - 1] + unit in self._bigrams
        after = position + 1 < len(run) and unit + run[position + 1] in self._bigrams
        return before or after

    def _homophone(self, run: list[str], position: int) -> str:
        """The content character that sounds like ``run[position]`` and completes a known term there.

        Only a whole term counts, the longest one winning (a bigram that merely
        occurs somewhere in the content is too easy to make by accident), or,
        for a run of two characters alone, the start of a term (参宝 → 参保, as
        in 参保登记). The character replaced had no bigram in the content at all,
        so a real word of another topic (医保, 退休) is rarely taken for a slip.
        """
        best, best_length = run[position], MIN_TERM_CHARS - 1
        for candidate in self._chars_by_sound.get(sound(run[position]), ()):
            trial = [*run[:position], candidate, *run[position + 1 :]]
            length = self._longest_term(trial, position)
            if length > best_length:
                best, best_length = candidate, length
            elif best_length < MIN_TERM_CHARS and len(run) == 2 and "".join(trial) in self._term_bigrams:
                best, best_length = candidate, 2  # a two-character run that is part of a term: 参宝 → 参保(登记)
        return best

    def _longest_term(self, run: list[str], position: int) -> int:
        """The length of the longest known term in ``run`` that holds ``position`` (0 if none)."""
        for length in range(min(MAX_PHRASE_CHARS, len(run)), MIN_TERM_CHARS - 1, -1):
            for start in range(max(0, position - length + 1), min(position, len(run) - length) + 1):
                if "".join(run[start : start + length]) in self._phrase_set:
                    return length
        return 0
