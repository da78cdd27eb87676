"""Writing a value into YAML by hand (suggested examples, starter trees) so that it reads back unchanged."""

from __future__ import annotations

import json
import re
from functools import lru_cache

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#:'\"]*$")


@lru_cache(maxsize=4096)
def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar, safe in flow lists too: plain when unambiguous, else double-quoted.

    JSON strings are valid double-quoted YAML, with every escape YAML needs.
    Remembered: parsing a label back costs far more than writing it, and
    suggested examples repeat the same labels on line after line.
    """
    import yaml

    if _PLAIN.match(text) and not text.endswith(" "):
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)
