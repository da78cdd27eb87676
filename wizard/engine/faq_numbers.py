"""FAQ numbers in a query: "13", "第13条", "常见问题第 13 条", "FAQ 13", "第十三条".

Clerks who have the FAQ printed out refer to its entries by number. A bare
number is read as one only when it is the whole query ("11号" is a day of the
month, "12333" a phone number); with "第…条" or "常见问题"/"FAQ"/"问题" in front
it may stand beside other words ("常见问题第1条 结算单").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

_NUMERAL = r"[0-9]{1,3}|[零〇一二两三四五六七八九十]{1,3}"
_WHOLE = re.compile(rf"^(?:常见问题|问题|faq|q)?第?({_NUMERAL})(?:条|题|个问题)?$")
_INSIDE = re.compile(rf"(?:常见问题|问题|faq)第?({_NUMERAL})(?:条|题)?|第({_NUMERAL})(?:条|题)")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(numeral: str) -> int | None:
    """The value of a numeral below 100 in digits or Chinese characters ("13", "十三", "二十"); None if malformed."""
    if numeral.isdigit():
        return int(numeral)
    if "十" not in numeral:
        return _DIGITS[numeral] if len(numeral) == 1 else None
    tens, _, ones = numeral.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def faq_number(query: str, known: Container[int]) -> int | None:
    """The FAQ entry the query names by number, if it names one of ``known``."""
    return next((number for number in named_numbers(query) if number in known), None)


def named_numbers(query: str) -> list[int]:
    """Every number the query names as an FAQ entry, whether or not there is one ("第18条" → [18])."""
    text = "".join(ch for ch in unicodedata.normalize("NFKC", query).lower() if ch.isalnum())
    whole = _WHOLE.match(text)
    numerals = [whole.group(1)] if whole else [a or b for a, b in _INSIDE.findall(text)]
    return [number for number in map(chinese_number, numerals) if number is not None]
