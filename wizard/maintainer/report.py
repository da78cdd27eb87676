"""What the outcome logs say: which answers solve clerks' problems, where clerks give up, what the FAQ lacks.

Reads the JSON Lines of :mod:`wizard.engine.outcomes` (files or folders of
``events-*.jsonl``), rebuilds each session from its events, and counts per
answer (reached / solved / unsolved / unknown), per question (entered / left
there without an answer), ways out, 好差评 ratings, searches that found no
answer (the content's gaps, by normalised query) and searches whose answer
was then marked unsolved. A line that is not an event of a known version, or
is longer than :data:`MAX_LINE` bytes, is skipped and counted, never fatal.
"""

from __future__ import annotations

import datetime
import json
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard.engine.outcomes import LOG_PREFIX, SCHEMA_VERSION

MAX_LINE = 64 * 1024
"""An event is a few hundred bytes; anything far longer is not one of ours."""


@dataclass
class Source:
    """The events read, and how many lines were not events."""

    events: list[dict[str, Any]] = field(default_factory=list)
    skipped: int = 0
    files: int = 0


def log_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the ``events-*.jsonl`` files of the folders named, in order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(path.glob(f"{LOG_PREFIX}*.jsonl"))
        else:
            found.append(path)
    return found


def read_events(paths: Iterable[Path]) -> Source:
    """Every well-formed event of the files; the rest counted as skipped."""
    source = Source()
    for path in log_files(paths):
        source.files += 1
        with path.open("rb") as stream:
            for line in _lines(stream):
                event = _event(line)
                if event is None:
                    source.skipped += 1
                else:
                    source.events.append(event)
    return source


def _lines(stream: Any) -> Iterator[bytes | None]:
    """The lines of a binary stream; None for one longer than MAX_LINE (read past, never held whole)."""
    while True:
        line = stream.readline(MAX_LINE + 1)
        if not line:
            return
        if len(line) > MAX_LINE and not line.endswith(b"\n"):
            while (rest := stream.readline(MAX_LINE)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        if line.strip():
            yield line


def _event(line: bytes | None) -> dict[str, Any] | None:
    if line is None:
        return None
    try:
        event = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if not isinstance(event, dict) or event.get("v") != SCHEMA_VERSION:
        return None
    if not all(isinstance(event.get(key), str) for key in ("event", "session", "ts")):
        return None
    return event


def normalised_query(query: str) -> str:
    """How searches are grouped: NFKC, lower case, one space between words."""
    return " ".join(unicodedata.normalize("NFKC", query).lower().split())


@dataclass
class Tally:
    """Counts over a set of sessions."""

    sessions: int = 0
    reached: Counter[str] = field(default_factory=Counter)
    solved: Counter[str] = field(default_factory=Counter)
    unsolved: Counter[str] = field(default_factory=Counter)
    entered: Counter[tuple[str, str]] = field(default_factory=Counter)
    left: Counter[tuple[str, str]] = field(default_factory=Counter)
    ways_out: Counter[str] = field(default_factory=Counter)
    ratings: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    comments: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    missed: Counter[str] = field(default_factory=Counter)
    then_unsolved: Counter[tuple[str, str]] = field(default_factory=Counter)
    chosen: Counter[tuple[str, str, str]] = field(default_factory=Counter)

    def add(self, events: list[dict[str, Any]]) -> None:
        """Count one session's events (in the order they happened)."""
        self.sessions += 1
        searched: dict[str, str] = {}  # answer → the query that found it
        for event in events:
            kind = event["event"]
            answer = event.get("answer")
            if kind == "question":
                self.entered[(str(event.get("tree")), str(event.get("question")))] += 1
            elif kind == "choice":
                self.chosen[(str(event.get("tree")), str(event.get("question")), str(event.get("option")))] += 1
            elif kind == "answer" and isinstance(answer, str):
                self.reached[answer] += 1
                if event.get("via") in ("way_out", "escalation"):
                    self.ways_out[str(event["via"])] += 1
            elif kind == "outcome" and isinstance(answer, str):
                if event.get("result") == "solved":
                    self.solved[answer] += 1
                elif event.get("result") == "unsolved":
                    self.unsolved[answer] += 1
                    if answer in searched:
                        self.then_unsolved[(searched[answer], answer)] += 1
            elif kind == "rating" and isinstance(answer, str):
                rating = event.get("rating")
                if isinstance(rating, int) and 1 <= rating <= 5:
                    self.ratings[answer][rating] += 1
                if isinstance(event.get("comment"), str) and event["comment"]:
                    self.comments[answer].append(event["comment"])
            elif kind == "search" and isinstance(event.get("query"), str):
                query = normalised_query(event["query"])
                if event.get("found") and isinstance(answer, str):
                    searched[answer] = query
                elif query:
                    self.missed[query] += 1
            elif kind == "end" and event.get("question") is not None and event.get("answer") is None:
                self.left[(str(event.get("tree")), str(event.get("question")))] += 1

    def answers(self) -> dict[str, dict[str, Any]]:
        found = {}
        for answer in sorted(set(self.reached) | set(self.solved) | set(self.unsolved)):
            reached, solved, unsolved = self.reached[answer], self.solved[answer], self.unsolved[answer]
            ratings = self.ratings.get(answer, Counter())
            count = sum(ratings.values())
            found[answer] = {
                "reached": reached,
                "solved": solved,
                "unsolved": unsolved,
                "unknown": max(0, reached - solved - unsolved),
                "resolution_rate": round(solved / reached, 3) if reached else None,
                "ratings": {str(value): ratings[value] for value in range(1, 6) if ratings[value]},
                "mean_rating": round(sum(k * v for k, v in ratings.items()) / count, 2) if count else None,
                "comments": self.comments.get(answer, [])[-20:],
            }
        return found

    def as_json(self) -> dict[str, Any]:
        return {
            "sessions": self.sessions,
            "answers": self.answers(),
            "questions": {
                f"{tree}/{question}": {
                    "tree": tree,
                    "question": question,
                    "entered": self.entered[(tree, question)],
                    "left_here": self.left[(tree, question)],
                }
                for tree, question in sorted(set(self.entered) | set(self.left))
            },
            "choices": [
                {"tree": tree, "question": question, "option": option, "count": count}
                for (tree, question, option), count in sorted(self.chosen.items())
            ],
            "ways_out": dict(sorted(self.ways_out.items())),
            "searches_without_answer": [
                {"query": query, "count": count}
                for query, count in sorted(self.missed.items(), key=lambda item: (-item[1], item[0]))
            ],
            "searches_then_unsolved": [
                {"query": query, "answer": answer, "count": count}
                for (query, answer), count in sorted(self.then_unsolved.items(), key=lambda item: (-item[1], item[0]))
            ],
        }


def report(source: Source, *, since: datetime.date | None = None, tree: str | None = None) -> dict[str, Any]:
    """The whole report: totals over all sessions kept, and the same per content version."""
    sessions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in source.events:
        sessions[event["session"]].append(event)
    total = Tally()
    versions: dict[str, Tally] = defaultdict(Tally)
    fronts: Counter[str] = Counter()
    for events in sessions.values():
        events.sort(key=lambda event: event["ts"])
        if since is not None and events[-1]["ts"][:10] < since.isoformat():
            continue
        if tree is not None and not any(event.get("tree") == tree for event in events):
            continue
        total.add(events)
        versions[str(events[0].get("version", ""))].add(events)
        fronts[str(events[0].get("front", ""))] += 1
    result = total.as_json()
    result["files"] = source.files
    result["events"] = len(source.events)
    result["skipped_lines"] = source.skipped
    result["front_ends"] = dict(sorted(fronts.items()))
    result["versions"] = {version: tally.as_json() for version, tally in sorted(versions.items())}
    return result
