"""Diagnostics: every problem the loader or the checks can report, in one table.

A code is a promise to maintainers: it never changes meaning, so documentation,
search engines and muscle memory keep working. Each code carries its message
templates (pyxform's ``errors.py``, ruff's rules): a call site names the code,
the place and the fields, never the words. Messages say where and what to do,
in words a person who has never written Python understands.

Every field is put on one line before it is formatted (:func:`one_line`), so a
key or label holding a line break can never forge a second diagnostic line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from wizard.content.text import one_line


class Severity(StrEnum):
    """How bad a problem is: errors stop the wizard from using the trees."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Message:
    """A message template and the hint that says what to do (``str.format`` fields)."""

    text: str
    hint: str | None = None


@dataclass(frozen=True)
class Code:
    """One entry of the code table: its severity, a title, and its message templates.

    ``variants`` name other wordings of the same problem (a file that is UTF-16
    and one that is binary are both WZ002); the plain ``message`` is variant "".
    """

    code: str
    severity: Severity
    title: str
    message: Message
    variants: Mapping[str, Message] = field(default_factory=dict)

    def template(self, variant: str = "") -> Message:
        return self.variants[variant] if variant else self.message


_E, _W = Severity.ERROR, Severity.WARNING
_UTF8 = "save the file as UTF-8"

CODES: dict[str, Code] = {
    code.code: code
    for code in (
        # Reading the file.
        Code(
            "WZ001",
            _E,
            "YAML syntax error",
            Message("YAML syntax error: {problem}"),
            {
                "tabs": Message("YAML syntax error: {problem}", "indent with spaces, not tabs"),
                "unclosed": Message("YAML syntax error: {problem}", "the quote opened here is never closed"),
                "key": Message("YAML syntax error: {problem}", "a key needs a colon and a space after it ('title: …')"),
                "colon": Message(
                    "YAML syntax error: {problem}",
                    "a value with ': ' in it must be in quotes; or the line above lacks the space after its colon",
                ),
            },
        ),
        Code(
            "WZ002",
            _E,
            "file is not UTF-8 text",
            Message("the file is not valid UTF-8 text", _UTF8),
            {
                "encoding": Message("the file is {encoding} text", _UTF8),
                "binary": Message("the file holds binary data, not text"),
            },
        ),
        Code(
            "WZ003",
            _E,
            "file too large",
            Message("the file is {size:,} bytes; the limit is {limit} MB", "split it into several tree files"),
            {
                "values": Message(
                    "the file holds about {values:,} values; the limit is {limit:,}",
                    "split it into several tree files",
                )
            },
        ),
        Code(
            "WZ004",
            _E,
            "file is empty",
            Message("the file holds no data", "a tree needs at least 'id', 'title' and 'nodes'"),
        ),
        Code(
            "WZ005",
            _E,
            "duplicate key",
            Message(
                "the key '{key}' appears twice in the same map (first on line {line})",
                "keep one of them; YAML would silently use only the last",
            ),
            {"more": Message("{count:,} more duplicate keys in this file are not listed one by one")},
        ),
        Code(
            "WZ006",
            _E,
            "forbidden YAML tag",
            Message("the tag '{tag}' is not allowed", "tree files hold plain text, numbers, lists and maps only"),
        ),
        Code(
            "WZ007",
            _E,
            "too many or recursive aliases",
            Message(
                "aliases expand to more than {limit} values",
                "write the values out instead of repeating '*' aliases",
            ),
            {"recursive": Message("an alias refers to itself", "remove the recursive '*' alias")},
        ),
        Code(
            "WZ008",
            _E,
            "path not found or holds no trees",
            Message("no such file or folder"),
            {
                "unreadable": Message("cannot read the file: {reason}"),
                "unreadable-folder": Message("cannot read the folder: {reason}"),
                "empty-folder": Message("this folder holds no .yaml files"),
                "not-a-file": Message(
                    "this is not a regular file (a folder, a pipe or a device), so it is not read",
                    "rename it so it does not end in .yaml or .yml",
                ),
                "dangling-link": Message(
                    "this is a link to nothing (or a loop of links), so it is not read", "remove or fix the link"
                ),
                "outside-link": Message(
                    "this is a link to a file outside the trees folder, so it is not read",
                    "copy the file into the folder instead of linking to it",
                ),
            },
        ),
        Code("WZ009", _E, "nesting too deep", Message("values are nested more than {limit} levels deep")),
        # The shape of one file (the schema).
        Code("WZ010", _E, "unknown key", Message("unknown key '{key}' in {where}", "remove it or check its spelling")),
        Code("WZ011", _E, "missing key", Message("{keys} {verb} required in {where}")),
        Code(
            "WZ012",
            _E,
            "wrong type or value",
            Message("{where}: {problem}"),
            {
                "not-a-map": Message(
                    "the file must be a map of keys (like 'id:', 'nodes:'), not a list or a single value"
                ),
                "key-not-text": Message("a key must be plain text, not a list or a map"),
                "tree-as-answers": Message(
                    "this file is named like an answers file but holds a tree ('id', 'start', 'nodes')",
                    "rename it to <tree id>.yaml; answers.yaml holds 'answers:'",
                ),
                "answers-as-tree": Message(
                    "this file holds answers ('answers:') but is not named answers.yaml",
                    "rename it to answers.yaml, or move its answers into answers.yaml",
                ),
            },
        ),
        Code(
            "WZ013",
            _E,
            "option needs exactly one target",
            Message("an option needs exactly one of 'next', 'answer' or 'tree' (found: {found})"),
        ),
        # Ids across files.
        Code(
            "WZ020",
            _E,
            "duplicate tree id",
            Message("the tree id '{tree}' is already used by {other}", "give each tree its own id"),
        ),
        Code(
            "WZ021",
            _W,
            "question id used in several trees",
            Message(
                "the question id '{question}' is also used in tree '{tree}'",
                "use ids that are unique across trees so reports are unambiguous",
            ),
        ),
        Code(
            "WZ022",
            _E,
            "duplicate answer id",
            Message("the answer id '{answer}' is already defined in {other}", "keep one definition of each answer"),
        ),
        Code(
            "WZ024",
            _E,
            "similar question listed twice",
            Message(
                "answer '{answer}' lists the similar question '{similar}', which answer '{other}' lists too",
                "a similar question says which answer a clerk wants: keep it under one answer",
            ),
            {
                "twice": Message(
                    "answer '{answer}' lists the similar question '{similar}' twice",
                    "keep one: a second copy tests nothing new and makes the answer look better covered",
                ),
            },
        ),
        Code(
            "WZ026",
            _W,
            "answer due for review",
            Message(
                "answer '{answer}' was due for review on {date}",
                "check it against the current rules, then move 'review_by' on (or correct the answer)",
            ),
        ),
        Code(
            "WZ027",
            _W,
            "answer without source or review date",
            Message(
                "answer '{answer}' has neither 'source' nor 'review_by', and answers.yaml asks for them "
                "('require_source: true')",
                "add 'source: {{document: …, entry: …}}' or a 'review_by' date",
            ),
        ),
        Code(
            "WZ028",
            _E,
            "duplicate FAQ number",
            Message(
                "answer '{answer}' has FAQ number {faq}, which answer '{other}' has too",
                "give it its own number from the FAQ; if both answer FAQ entry {faq}, "
                "list '{answer}' under 'related:' of '{other}'",
            ),
        ),
        Code(
            "WZ025",
            _E,
            "synonym in two groups",
            Message(
                "'{word}' is in the synonym group of '{term}' and in that of '{other}'",
                "a word means one FAQ term: keep it in one group",
            ),
        ),
        Code(
            "WZ023",
            _E,
            "no answers file",
            Message("no answers.yaml was found beside this tree", "put answers.yaml in the same folder"),
        ),
        # References.
        Code(
            "WZ030",
            _E,
            "start question not found",
            Message("the start question '{start}' is not in this tree", "name one of the questions under 'nodes'"),
        ),
        Code(
            "WZ031",
            _E,
            "'next' points to a missing question",
            Message(
                "option '{label}' of question '{question}' leads to '{target}', "
                "but there is no such question in this tree"
            ),
        ),
        Code(
            "WZ032",
            _E,
            "'answer' points to a missing answer",
            Message("option '{label}' of question '{question}' leads to '{target}', but there is no such answer"),
        ),
        Code(
            "WZ033",
            _E,
            "'tree' points to a missing tree",
            Message("option '{label}' of question '{question}' leads to '{target}', but there is no such tree"),
        ),
        Code(
            "WZ034",
            _E,
            "reference to a missing answer",
            Message("answer '{answer}' lists '{related}' as related, but there is no such answer"),
            {
                "escalation": Message("the escalation answer '{answer}' does not exist"),
                "way-out": Message("the way out leads to '{answer}', but there is no such answer"),
                "next-step": Message(
                    "answer '{answer}' names '{related}' as its next step, but there is no such answer"
                ),
            },
        ),
        Code(
            "WZ036",
            _E,
            "click path not found",
            Message(
                "'{where}' names the click path '{click_path}' of answer '{answer}', "
                "but that answer has no path labelled so",
                "use one of the 'label:' values under that answer's 'menu:'",
            ),
            {
                "needs-answer": Message(
                    "option '{label}' of question '{question}' has 'path:' but no 'answer:'",
                    "'path:' picks a click path of the answer the option ends at",
                ),
                "several": Message(
                    "answer '{answer}' has several click paths; '{where}' must say which one with 'path:'",
                    "add 'path:' with one of the 'label:' values under that answer's 'menu:'",
                ),
            },
        ),
        Code(
            "WZ035",
            _E,
            "escalation answer is not of kind 'escalation'",
            Message(
                "the escalation answer '{answer}' is of kind '{kind}'",
                "add 'kind: escalation' to it or name another answer",
            ),
        ),
        # The shape of the graph.
        Code(
            "WZ040",
            _W,
            "question can never be reached",
            Message(
                "no option leads to question '{question}', so a clerk never sees it",
                "link to it with 'next:' or delete it",
            ),
        ),
        Code(
            "WZ041",
            _W,
            "answer is reached by no tree",
            Message(
                "no option in any tree ends at answer '{answer}', so clerks can only find it by search",
                "add an option with 'answer: {answer}'",
            ),
        ),
        Code(
            "WZ042",
            _E,
            "cycle",
            Message(
                "option '{label}' leads back to question '{question}', so a clerk can go round in circles ({loop})",
                "every walk must end at an answer",
            ),
        ),
        Code(
            "WZ043",
            _W,
            "question with fewer than two options",
            Message(
                "question '{question}' has {count} option(s); a question needs at least two",
                "add an option or link straight to the next step",
            ),
        ),
        Code(
            "WZ045",
            _E,
            "question without options",
            Message(
                "question '{question}' has no options, so a clerk who reaches it is stuck",
                "add the options a clerk can pick",
            ),
        ),
        Code(
            "WZ047",
            _W,
            "question without a way out",
            Message(
                "question '{question}' offers no way out: no option ends at an escalation answer and the catalog "
                "declares no 'way_out'",
                "declare 'way_out:' in answers.yaml, add an option to the escalation answer, "
                "or write 'way_out: false' under the question if its options cover every case",
            ),
        ),
        Code(
            "WZ048",
            _W,
            "not sure offered twice",
            Message(
                "question '{question}' has its own option '{label}' for a clerk who is not sure, and the way out "
                "'{way_out}' offers the same",
                "write 'way_out: false' under the question, or take the option out",
            ),
        ),
        Code(
            "WZ046",
            _E,
            "table too large",
            Message(
                "answer '{answer}' has a table of {columns} columns and {rows} rows; "
                "at most {max_columns} columns and {max_rows} rows stay readable on a clerk's screen",
                "split it into several tables or write it as a list",
            ),
        ),
        Code(
            "WZ044",
            _E,
            "duplicate option label",
            Message(
                "question '{question}' has the option '{label}' twice (also option {first})",
                "every option of a question needs a different label",
            ),
        ),
        # Examples.
        Code(
            "WZ050",
            _E,
            "example does not follow the options",
            Message("at question '{question}' there is no option '{label}'", "the options are: {options}"),
            {
                "stopped": Message(
                    "the example stops at question '{question}' before reaching an answer",
                    "add the next choice to 'choose:'",
                ),
                "left-over": Message(
                    "the example reaches answer '{answer}' with {count} choice(s) left over",
                    "remove the choices after the answer",
                ),
            },
        ),
        Code(
            "WZ051",
            _E,
            "example ends at another answer",
            Message("the example ends at answer '{answer}', not at '{expect}'", "fix 'expect:' or the choices"),
        ),
        Code(
            "WZ052",
            _W,
            "tree has no examples",
            Message(
                "tree '{tree}' has no examples, so tests cannot prove its branches work",
                "add 'examples:' with 'choose:' and 'expect:'",
            ),
        ),
    )
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One located problem: ``path:line:col: severity CODE message``."""

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str | None = None

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def format(self) -> str:
        """The one-line form printed by ``wizard check``."""
        text = f"{one_line(self.path)}:{self.line}:{self.col}: {self.severity.value} {self.code} {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "message": self.message,
            "hint": self.hint,
        }


def make(
    code: str,
    path: str,
    position: tuple[int, int],
    variant: str = "",
    *,
    hint: str | None = None,
    **fields: object,
) -> Diagnostic:
    """A diagnostic worded by the code table; ``hint`` replaces the table's hint (a 'did you mean').

    An unknown code or a missing field is a bug in the caller, so it raises.
    """
    template = CODES[code].template(variant)
    shown = {name: one_line(value) if isinstance(value, str) else value for name, value in fields.items()}
    message = template.text.format_map(shown)
    if hint is None and template.hint is not None:
        hint = template.hint.format_map(shown)
    line, col = position
    return Diagnostic(path=path, line=line, col=col, code=code, message=message, hint=one_line(hint) if hint else None)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def did_you_mean(word: str, choices: Iterable[object]) -> str | None:
    """A 'did you mean ...?' hint for a misspelled id or key, or None."""
    import difflib

    matches = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{one_line(matches[0])}'?" if matches else None
