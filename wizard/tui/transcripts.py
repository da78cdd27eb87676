"""Saving a clerk's transcript: a unique, safe file name in a user data folder, written whole or not at all."""

from __future__ import annotations

import errno
import re
from datetime import datetime
from pathlib import Path

from wizard.content.files import write_whole

APP_NAME = "hrss-wizard"
_UNSAFE = re.compile(r"[^a-z0-9-]+")
_REASONS = {
    errno.EEXIST: "os_not_a_folder",
    errno.ENOTDIR: "os_not_a_folder",
    errno.EACCES: "os_no_permission",
    errno.EPERM: "os_no_permission",
    errno.ENOSPC: "os_disk_full",
    errno.EDQUOT: "os_disk_full",
    errno.EROFS: "os_read_only",
}
"""OS errors a clerk can meet when saving, as interface strings (Chinese by default, not errno's English)."""


def default_folder() -> Path:
    """The per-user data folder (platformdirs ships with Textual, so no new dependency)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def safe_stem(name: str) -> str:
    """A file-name part made only of lowercase ASCII letters, digits and '-'."""
    stem = _UNSAFE.sub("-", name.lower()).strip("-")[:60]
    return stem or "transcript"


def transcript_name(name: str, now: datetime | None = None, suffix: str = ".md") -> str:
    """The file name of a transcript: when, and which answer (``20261129-104523-enrol-error.md``)."""
    return f"{(now or datetime.now()):%Y%m%d-%H%M%S}-{safe_stem(name)}{suffix}"


def transcript_stem(answer_id: str | None, tried_id: str | None) -> str:
    """What a transcript is about: the answer shown, or after "not solved" the answer that did not help
    (every hand-off page has the same id; the answer tried tells the files apart)."""
    return f"{tried_id}-unsolved" if tried_id else answer_id or ""


def save_transcript(markdown: str, folder: Path, name: str, now: datetime | None = None) -> Path:
    """Write ``markdown`` to a new file in ``folder``; never overwrites, never leaves a partial file."""
    now = now or datetime.now()
    folder.mkdir(parents=True, exist_ok=True)
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
    base = transcript_name(name, now).removesuffix(".md")
    number = 1
    while True:
        path = folder / (f"{base}.md" if number == 1 else f"{base}-{number}.md")
        try:
            write_whole(path, markdown, overwrite=False)
        except FileExistsError:
            if path.exists():
                number += 1
                continue
            raise
        return path


def reason_key(error: OSError) -> str | None:
    """The interface string that says why saving failed, or None when the system's own words must do."""
    return _REASONS.get(error.errno or 0)
