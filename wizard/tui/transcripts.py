"""Saving a clerk's transcript: a unique, safe file name in a user data folder."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

APP_NAME = "hrss-wizard"
_UNSAFE = re.compile(r"[^a-z0-9-]+")


def default_folder() -> Path:
    """The per-user data folder (platformdirs ships with Textual, so no new dependency)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def safe_stem(name: str) -> str:
    """A file-name part made only of lowercase ASCII letters, digits and '-'."""
    stem = _UNSAFE.sub("-", name.lower()).strip("-")[:60]
    return stem or "transcript"


def save_transcript(markdown: str, folder: Path, name: str, now: datetime | None = None) -> Path:
    """Write ``markdown`` to a new file in ``folder``; never overwrites an existing file."""
    now = now or datetime.now()
    folder.mkdir(parents=True, exist_ok=True)
    base = f"{now:%Y%m%d-%H%M%S}-{safe_stem(name)}"
    number = 1
    while True:
        path = folder / (f"{base}.md" if number == 1 else f"{base}-{number}.md")
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(markdown)
        except FileExistsError:
            number += 1
            continue
        return path
