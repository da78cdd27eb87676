"""Outcome events: what clerks did with the wizard, one JSON object per line, without personal data.

Every front end records through a :class:`Recorder`: the trees' version, each
question entered and option chosen, the answer reached and how (walk, search,
the way out, not solved), solved / not solved, the 好差评 rating, searches with
what they found, and how the session ended. Ids and labels come from the
content; the only free text — search queries and feedback comments — passes
through :func:`wizard.engine.privacy.mask` first. Files are one per day,
created readable by their owner only (0600). Writing never stops the clerk:
a log that cannot be written is switched off and said once.

The schema (``"v": 1``) is documented in docs/outcomes.md.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.engine.privacy import mask

if TYPE_CHECKING:
    from wizard.content.model import Catalog

SCHEMA_VERSION = 1
RATINGS = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
"""The national 好差评 scale, best first; a rating is recorded as its 1-based position."""
COMMENT_CHARS = 200
LOG_PREFIX = "events-"


def content_version(catalog: Catalog) -> str:
    """A short hash of everything the clerk can see: trees, answers, synonyms, the way out."""
    digest = hashlib.sha256()
    parts: list[object] = [catalog.trees[tree_id] for tree_id in sorted(catalog.trees)]
    parts += [(answer_id, catalog.answers[answer_id]) for answer_id in sorted(catalog.answers)]
    parts += [catalog.synonyms, catalog.escalation, catalog.contact, catalog.way_out]
    for part in parts:  # content is frozen dataclasses: their repr is every field, in order
        digest.update(repr(part).encode())
    return digest.hexdigest()[:12]


class EventLog:
    """Appends events to ``<folder>/events-YYYY-MM-DD.jsonl`` (UTC day), files 0600, folder 0700."""

    def __init__(self, folder: Path, on_failure: Callable[[str], None] | None = None) -> None:
        self.folder = folder
        self.failed: str | None = None
        self._on_failure = on_failure

    def write(self, event: dict[str, Any]) -> None:
        if self.failed is not None:
            return
        line = json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n"
        day = str(event.get("ts", ""))[:10] or datetime.date.today().isoformat()
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            descriptor = os.open(
                self.folder / f"{LOG_PREFIX}{day}.jsonl", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600
            )
            try:
                os.write(descriptor, line.encode("utf-8"))
            finally:
                os.close(descriptor)
        except OSError as error:  # a full disk or a read-only folder must not cost the clerk the wizard
            self.failed = f"{type(error).__name__}: {error.strerror or error}"
            if self._on_failure is not None:
                self._on_failure(self.failed)


def stderr_notice(lang: str = "zh") -> Callable[[str], None]:
    """For the line mode and ``wizard ask``: say once, on stderr, that the log is switched off and why."""
    from wizard.content.text import one_line
    from wizard.i18n import text

    def notice(why: str) -> None:
        print(text("log_failed", lang).format(one_line(why)[:120]), file=sys.stderr)

    return notice


class Recorder:
    """One front end's outcome events; each walk the clerk starts is a session with its own random id."""

    def __init__(
        self,
        log: EventLog | None,
        front_end: str,
        catalog: Catalog,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.log = log
        self.front_end = front_end
        self._clock = clock
        self._version = content_version(catalog) if log is not None else ""
        self._session: str | None = None
        self._started = 0.0
        self._where: dict[str, Any] = {}
        self._said = False

    @property
    def enabled(self) -> bool:
        return self.log is not None and self.log.failed is None

    def set_catalog(self, catalog: Catalog) -> None:
        """The trees were reloaded: later sessions carry the new version."""
        if self.log is not None:
            self._version = content_version(catalog)

    # Sessions ----------------------------------------------------------------------------
    def begin(self) -> None:
        """Start a session (ending the one before, if any)."""
        self.end()
        self._session = secrets.token_hex(8)
        self._started = self._clock()
        self._where, self._said = {}, False
        self._emit("start")

    def end(self) -> None:
        """End the current session: how long it took, where it stopped, whether the clerk said solved or not."""
        if self._session is None:
            return
        duration = round(self._clock() - self._started, 1)
        self._emit("end", duration_s=duration, said=self._said, **self._where)
        self._session = None

    def observe(self, kind: str, fields: dict[str, Any]) -> None:
        """A move of the session (see :class:`wizard.engine.session.Session`): record it as is."""
        if self._session is None:
            self.begin()
        if kind == "question":
            self._where = {"tree": fields.get("tree"), "question": fields.get("question")}
        elif kind == "answer":
            self._where = {"answer": fields.get("answer")}
        elif kind == "outcome":
            self._said = True
        self._emit(kind, **fields)

    # What front ends add ------------------------------------------------------------------
    def search(self, query: str, answer: str | None, score: float | None, found: bool) -> None:
        """A search the clerk made (not every keystroke): the masked query and what it found."""
        if not query.strip():
            return
        if self._session is None:
            self.begin()
        self._emit("search", query=mask(query.strip())[:COMMENT_CHARS], answer=answer, score=score, found=found)

    def feedback(self, answer: str, rating: int | None, comment: str = "") -> None:
        """The 好差评 rating (1 = 非常满意 … 5 = 非常不满意) and the masked comment, each optional."""
        if rating is None and not comment.strip():
            return
        self._emit("rating", answer=answer, rating=rating, comment=mask(comment.strip())[:COMMENT_CHARS] or None)

    # Writing ---------------------------------------------------------------------------------
    def _emit(self, kind: str, **fields: Any) -> None:
        if not self.enabled or self._session is None:
            return
        now = datetime.datetime.fromtimestamp(self._clock(), tz=datetime.UTC)
        event = {
            "v": SCHEMA_VERSION,
            "ts": now.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "event": kind,
            "session": self._session,
            "front": self.front_end,
            "version": self._version,
            **fields,
        }
        assert self.log is not None
        self.log.write(event)
