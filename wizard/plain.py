"""The wizard line by line on stdin/stdout: for screen readers, pipes and scripts.

Used by ``wizard walk`` and by the bare ``wizard`` when stdin or stdout is not
a terminal. Every decision goes through :class:`wizard.engine.session.Session`; this
module only prints places and reads choices. Bad input gets a short message and
the prompt again, end of input ends the walk cleanly, and no Textual is loaded.
"""

from __future__ import annotations

import shutil
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from wizard.content.model import Catalog
from wizard.content.text import one_line
from wizard.engine.linebreak import break_lines, cell_width
from wizard.engine.render import answer_heading, answer_text, handoff_to_show, session_view
from wizard.engine.session import Session
from wizard.i18n import text

if TYPE_CHECKING:
    from wizard.engine.outcomes import Recorder
    from wizard.engine.search import SearchIndex

SEARCH_RESULTS = 3
"""Answers listed for a search typed at the task prompt."""


def shown(raw: str, limit: int = 40) -> str:
    """User input safe to echo: no control characters, not too long."""
    cleaned = one_line(raw.strip())
    return cleaned if len(cleaned) <= limit else cleaned[:limit] + "…"


def choice_number(reply: str, count: int) -> int | None:
    """The 0-based index a typed number picks among ``count`` choices; None for anything else.

    Only short runs of ASCII digits are numbers: a 5 000-digit reply is an
    invalid choice, not a ValueError from int().
    """
    if reply.isascii() and reply.isdigit() and len(reply) <= 4 and 1 <= int(reply) <= count:
        return int(reply) - 1
    return None


class _EndOfInput(Exception):
    """stdin is exhausted: leave quietly."""


class _Quit(Exception):
    """The clerk typed q where no loop of its own is waiting for it."""


@dataclass(frozen=True)
class Start:
    """Where a walk begins: a task (its tree; None for the way out), or an answer found by a search."""

    tree: str | None = None
    answer: str | None = None
    query: str = ""


class LineWizard:
    """One clerk at a line terminal (or a script) walking the trees."""

    def __init__(
        self, catalog: Catalog, lang: str, stdin: TextIO, stdout: TextIO, recorder: Recorder | None = None
    ) -> None:
        self.catalog = catalog
        self.lang = lang
        self.stdin = stdin
        self.out = stdout
        self.recorder = recorder
        self.session = Session(catalog)
        self.echo = not _is_tty(stdin)
        self.width = shutil.get_terminal_size((0, 0)).columns if _is_tty(stdout) else 0
        """Lines are broken the Chinese way at this width on a terminal; 0 (a pipe): not at all."""
        self._index: SearchIndex | None = None
        self._searched = False
        """A search began the outcome session the next walk continues."""

    # Output -------------------------------------------------------------------------
    def say(self, line: str = "", indent: str = "", *, joins: bool = False) -> None:
        """Write a line, broken to the terminal's width (wrapped lines under ``indent``); ``joins``: its ›
        join questions to their choices (never at a line's start or end, see :func:`break_lines`)."""
        if self.width <= 20:
            self.out.write(line + "\n")
            return
        lead = " " * (len(line) - len(line.lstrip(" ")))
        hanging = lead + indent
        body = line[len(lead) :]
        for number, part in enumerate(break_lines(body, self.width - cell_width(hanging) - 1, joins=joins) or [""]):
            self.out.write((lead if number == 0 else hanging) + part + "\n")

    def ask(self, prompt: str) -> str:
        """Prompt and read one line; echo it when stdin is a pipe so the transcript reads well."""
        self.out.write(prompt)
        self.out.flush()
        line = self.stdin.readline()
        if not line:
            self.say()
            raise _EndOfInput
        if self.echo:
            self.say(shown(line, 200))
        return unicodedata.normalize("NFKC", line).strip()

    def t(self, key: str) -> str:
        return text(key, self.lang)

    # Screens ------------------------------------------------------------------------
    def tasks(self) -> list[tuple[str, str | None]]:
        """(title — summary, tree id) of each task, the way out last (its tree id None)."""
        found: list[tuple[str, str | None]] = [
            (f"{tree.title} — {tree.summary}", tree.id) for tree in self.catalog.ordered_trees()
        ]
        way_out = self.catalog.way_out
        if way_out is not None and way_out.task:
            found.append((way_out.task, None))
        return found

    def show_tasks(self) -> None:
        self.say(self.t("plain_tasks"))
        for number, (label, _) in enumerate(self.tasks(), start=1):
            self.say(f"  {number}. {label}", "   ")
        self.say(self.t("plain_keys_tasks"))

    def show_question(self) -> None:
        question = self.session.question
        assert question is not None
        self.say()
        trail = [crumb.choice for crumb in self.session.crumbs()]
        if trail:
            self.say(self.t("plain_chosen") + " › ".join(trail))
        self.say(question.question)
        if question.help:
            for line in question.help.strip().splitlines():
                self.say(f"   {line}")
        for number, option in enumerate(self.session.options, start=1):
            self.say(f"  {number}. {option.label}", "   ")
        self.say(self.t("plain_keys_question"))

    def show_answer(self, keys: bool = True) -> None:
        view = session_view(self.session, self.lang)
        assert view is not None
        self.say()
        self.say(self.t("plain_chosen") + " › ".join(crumb.choice for crumb in self.session.crumbs()))
        if view.tried is not None:
            self.say()
            self.say(self.t("answer_tried_heading") + view.tried.heading)
            self.say(self.t("answer_not_solved") + self.t("full_stop"))
        self.say()
        for line in answer_text(view).rstrip().splitlines():
            self.say(line, "   " if line.startswith("  ") else "")
        shown = handoff_to_show(self.session, self.lang)
        if shown:
            self.say()
            for line in shown:
                self.say(line, joins=True)
        self.say()
        if keys:
            self.show_answer_keys()

    def show_answer_keys(self) -> None:
        self.say(self.t("plain_keys_escalated" if self.escalated else "plain_keys_answer"))

    @property
    def escalated(self) -> bool:
        """At the escalation page: "not solved" has nowhere further to go."""
        return self.session.finished and not self.session.can_escalate

    # Loops --------------------------------------------------------------------------
    def pick_task(self) -> Start | None:
        """Where the clerk wants to go: a task by number, or an answer found by typing a question; None to quit."""
        tasks = self.tasks()
        self.show_tasks()
        while True:
            reply = self.ask(self.t("plain_prompt"))
            if reply.lower() == "q":
                return None
            picked = choice_number(reply, len(tasks))
            if picked is not None:
                return Start(tree=tasks[picked][1])
            if reply == "?" or reply == "":
                self.show_tasks()
                continue
            if len(reply) == 1 and reply.isascii():  # a key (b, r…) the task list does not have, not a question
                self.say(self.t("plain_invalid_task").format(shown(reply), len(tasks)))
                continue
            found = self.search(reply)
            if found is not None:
                return found
            self.show_tasks()

    def search(self, query: str) -> Start | None:
        """List what answers ``query`` (or, when the FAQ has nothing, the way to a person and the closest
        topics) and let the clerk open one; None to go back to the tasks. Another question searches again."""
        while True:
            entries = self.show_results(query)
            reply = self.ask(self.t("plain_prompt"))
            if reply.lower() == "q":
                raise _Quit
            picked = choice_number(reply, len(entries))
            if picked is not None:
                return Start(answer=entries[picked], query=query)
            if reply in ("", "?"):
                return None
            query = reply

    def ask_feedback(self, answer_id: str | None = None) -> None:
        """The optional 好差评 rating and comment for the answer just judged (the one shown, by default)."""
        answer_id = answer_id or self.session.place.answer
        if self.recorder is None or not self.recorder.enabled or answer_id is None:
            return
        self.say(self.t("feedback_rating"))
        while True:
            reply = self.ask(self.t("plain_prompt"))
            if reply.lower() == "q":
                raise _Quit
            if reply == "" or reply in ("1", "2", "3", "4", "5"):
                break
            self.say(self.t("feedback_invalid"))
        rating = int(reply) if reply else None
        self.say(self.t("feedback_comment"))
        comment = self.ask(self.t("plain_prompt"))
        if comment.lower() == "q":
            raise _Quit
        if rating is not None or comment:
            self.recorder.feedback(answer_id, rating, comment)
            self.say(self.t("feedback_thanks"))

    def new_session(self) -> Session:
        """A session whose moves go to the outcome log (when there is one) as a session of their own."""
        if self.recorder is None:
            return Session(self.catalog)
        if not self._searched:
            self.recorder.begin()
        self._searched = False
        return Session(self.catalog, observer=self.recorder.observe)

    def show_results(self, query: str) -> list[str]:
        """Print the numbered results of ``query``; their answer ids, in order."""
        if self._index is None:
            from wizard.engine.search import SearchIndex

            self._index = SearchIndex.build(self.catalog)
        findings = self._index.find(query, top=SEARCH_RESULTS)
        if self.recorder is not None:
            if not self._searched:
                self.recorder.begin()  # the search belongs to the session it may open
                self._searched = True
            best = findings.hits[0] if findings.answered else None
            self.recorder.search(query, best.answer if best else None, best.score if best else None, best is not None)
        self.say()
        if findings.answered:
            hits = findings.fitting[:SEARCH_RESULTS]
            self.say(self.t("plain_results").format(shown(query)))
        else:
            hits = findings.closest[:SEARCH_RESULTS]
            if findings.escalation is not None:
                hits.insert(0, findings.escalation)
            none = "plain_none" if findings.closest else "plain_none_alone"
            self.say(findings.no_such_faq_note(self.lang) + self.t(none).format(shown(query)))
        for number, hit in enumerate(hits, start=1):
            self.say(f"  {number}. {answer_heading(self.catalog.answers[hit.answer], self.lang)}", "   ")
        self.say(self.t("plain_keys_results"))
        return [hit.answer for hit in hits]

    def walk(self, start: Start, from_tasks: bool) -> bool:
        """Walk from ``start`` until the clerk quits (False) or leaves for the task list (True)."""
        self.session = self.new_session()
        if start.answer is not None:
            via = self.t("search_via").format(one_line(start.query))
            self.session.jump_to_answer(start.answer, via=via, query=start.query)
            self.show_answer()
        elif start.tree is None:
            way_out = self.catalog.way_out
            assert way_out is not None
            self.session.jump_to_answer(way_out.answer, via=way_out.task or way_out.label)
            self.show_answer()
        else:
            self.session.start(start.tree)
            tree = self.catalog.trees[start.tree]
            self.say()
            self.say(f"【{tree.title}】{tree.summary}")
            self.show_question()
        while True:
            reply = self.ask(self.t("plain_prompt")).lower()
            if reply == "q":
                return False
            if reply == "r":
                self.session.restart()
            elif reply == "b":
                if not self.session.back():
                    if from_tasks:
                        return True
                    self.say(self.t("plain_at_start"))
                    continue
            elif reply in ("", "?"):
                pass
            elif self.session.finished and reply == "y":
                if not self.session.at_hand_off:  # "done" on the way to a person: nothing solved there to rate
                    self.session.solved()
                    self.ask_feedback()
                    self.say(self.t("solved_notice"))
                return from_tasks
            elif self.session.finished and reply == "n":
                tried = self.session.place.answer
                if not self.session.escalate(via=self.t("not_solved_via")):
                    self.say(self.t("already_escalated"))
                    continue
                self.show_answer(keys=False)  # the way to a person first, then the rating of what did not help
                self.ask_feedback(tried)
                self.show_answer_keys()
                continue
            elif self.session.finished:
                self.say(self.t("plain_invalid_key"))
                continue
            elif (picked := choice_number(reply, len(self.session.options))) is not None:
                self.session.choose(picked)
            else:
                self.say(self.t("plain_invalid_number").format(shown(reply), len(self.session.options)))
                continue
            if self.session.finished:
                self.show_answer()
            else:
                self.show_question()

    def run(self, tree_id: str | None) -> int:
        try:
            if tree_id is not None:
                self.walk(Start(tree=tree_id), from_tasks=False)
                return 0
            while True:
                start = self.pick_task()
                if start is None or not self.walk(start, from_tasks=True):
                    return 0
                self.say()
        except (_EndOfInput, _Quit):
            return 0


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _option_index(labels: Sequence[str], given: str) -> int | None:
    """A 1-based number or an exact label, as a 0-based index (None when it is neither)."""
    given = unicodedata.normalize("NFKC", given).strip()
    if given.isascii() and given.isdigit():
        return choice_number(given, len(labels))
    for index, label in enumerate(labels):
        if unicodedata.normalize("NFKC", label) == given:
            return index
    return None


def run_answers(
    catalog: Catalog,
    tree_id: str | None,
    answers: Sequence[str],
    lang: str = "zh",
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Answer the questions from ``answers`` (numbers or labels) and print the answer; 1 when they do not fit."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    pending = list(answers)
    if tree_id is None:
        trees = catalog.ordered_trees()
        if not pending:
            err.write(text("plain_answers_short", lang).format(text("plain_tasks", lang)) + "\n")
            return 1
        given = pending.pop(0)
        index = _option_index([tree.title for tree in trees], given)
        if index is None:
            err.write(text("plain_answers_bad", lang).format(1, shown(given)) + "\n")
            return 1
        tree_id = trees[index].id
    used = len(answers) - len(pending)
    session = Session(catalog)
    session.start(tree_id)
    while not session.finished:
        question = session.question
        assert question is not None
        if not pending:
            err.write(text("plain_answers_short", lang).format(question.question) + "\n")
            return 1
        given = pending.pop(0)
        used += 1
        options = session.options
        index = _option_index([option.label for option in options], given)
        if index is None:
            err.write(text("plain_answers_bad", lang).format(used, shown(given)) + "\n")
            labels = ", ".join(f"{n}. {option.label}" for n, option in enumerate(options, start=1))
            err.write(f"{question.question} {labels}\n")
            return 1
        session.choose(index)
    view = session_view(session, lang)
    assert view is not None
    for crumb in session.crumbs():
        out.write(f"{crumb.question} {crumb.choice}\n")
    out.write("\n" + answer_text(view))
    if pending:
        err.write(text("plain_answers_extra", lang).format(", ".join(shown(p) for p in pending)) + "\n")
        return 1
    return 0


def run(
    catalog: Catalog,
    tree_id: str | None = None,
    lang: str = "zh",
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    log_dir: Path | None = None,
) -> int:
    """The interactive line-mode wizard; starts at ``tree_id`` or at the task list. Returns the exit code.

    With ``log_dir``, the clerk's sessions go to the outcome log there (docs/outcomes.md).
    """
    from wizard.engine.outcomes import EventLog, Recorder, stderr_notice

    recorder = Recorder(EventLog(log_dir, stderr_notice(lang)) if log_dir is not None else None, "line", catalog)
    wizard = LineWizard(catalog, lang, stdin or sys.stdin, stdout or sys.stdout, recorder)
    try:
        return wizard.run(tree_id)
    finally:
        recorder.end()
