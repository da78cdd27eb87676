"""Saving a clerk's transcript: a unique, safe file name in a user data folder, written whole or not at all."""

from __future__ import annotations

import errno
import re
from datetime import datetime
from pathlib import Path

from wizard.content.files import write_whole
from wizard.content.model import Answer, Catalog

APP_NAME = "hrss-wizard"
_UNSAFE = re.compile(r"[^a-z0-9-]+")
_RESERVED = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f\s]+')
"""What Windows refuses in a file name (and spaces, which a clerk's search of 下载 trips on)."""
NAME_CHARS = 40
CHINESE_NAME = {"transcript": "办理记录", "faq": "常见问题第{}条", "unsolved": "未解决", "handoff": "转人工"}
"""The words of a transcript's file name in Chinese mode; with ``--lang en`` it is named by the answer's id."""
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


def safe_words(words: str) -> str:
    """A file-name part in the clerk's words that Windows accepts: no reserved characters (``<>:"/\\|?*``),
    control characters or spaces (each becomes '-'), no dot or '-' at either end, at most
    :data:`NAME_CHARS` characters ("" when nothing is left)."""
    return _RESERVED.sub("-", words).strip(" .-")[:NAME_CHARS].strip(" .-")


def transcript_name(stem: str, now: datetime | None = None, suffix: str = ".md", lang: str = "zh") -> str:
    """The file name of a transcript, which says when and what, in the clerk's language: in Chinese
    ``办理记录-20261129-1045-常见问题第13条.md`` (what a clerk looks for in 下载), in English
    ``20261129-104523-enrol-error-hukou-empty.md`` (the answer's id). ``stem``: :func:`transcript_stem`."""
    now = now or datetime.now()
    if lang == "en":
        return f"{now:%Y%m%d-%H%M%S}-{safe_stem(stem)}{suffix}"
    what = safe_words(stem)
    return f"{CHINESE_NAME['transcript']}-{now:%Y%m%d-%H%M}{'-' if what else ''}{what}{suffix}"


def transcript_stem(catalog: Catalog, answer_id: str | None, tried_id: str | None, lang: str = "zh") -> str:
    """What a transcript is about: the answer shown, or after "not solved" the answer that did not help
    (every hand-off page is the same answer; the answer tried tells the files apart). In Chinese its FAQ
    entry (常见问题第13条, 常见问题第7条-未解决) or 转人工 for a hand-off page; in English the answer's id."""
    if lang == "en":
        return f"{tried_id}-unsolved" if tried_id else answer_id or ""
    tried = catalog.answers.get(tried_id) if tried_id else None
    if tried is not None:
        return f"{_entry(tried)}-{CHINESE_NAME['unsolved']}"
    answer = catalog.answers.get(answer_id) if answer_id else None
    if answer is None:
        return ""
    return CHINESE_NAME["handoff"] if answer.kind == "escalation" else _entry(answer)


def _entry(answer: Answer) -> str:
    """An answer as a clerk names it: its FAQ entry, else its title."""
    return CHINESE_NAME["faq"].format(answer.faq) if answer.faq is not None else answer.title


def save_transcript(markdown: str, folder: Path, name: str, now: datetime | None = None, lang: str = "zh") -> Path:
    """Write ``markdown`` to a new file in ``folder`` (named by :func:`transcript_name` from ``name``);
    never overwrites, never leaves a partial file."""
    now = now or datetime.now()
    folder.mkdir(parents=True, exist_ok=True)
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
    base = transcript_name(name, now, lang=lang).removesuffix(".md")
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
