"""Traditional characters to simplified ones, for queries typed on a traditional keyboard."""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def _converter() -> Any:
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters (ASCII text is returned as it is, without loading the tables)."""
    if text.isascii():
        return text
    return str(_converter().convert(text))
