"""Writing a value into YAML by hand (suggested examples, starter trees) so that it reads back unchanged."""

from __future__ import annotations

import json
import re

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#:'\"]*$")


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar, safe in flow lists too: plain when unambiguous, else double-quoted.

    JSON strings are valid double-quoted YAML, with every escape YAML needs.
    """
    import yaml

    if _PLAIN.match(text) and not text.endswith(" "):
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)
