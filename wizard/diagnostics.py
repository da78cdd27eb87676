"""Diagnostics: every problem the loader or the checks can report, in one table.

A code is a promise to maintainers: it never changes meaning, so documentation,
search engines and muscle memory keep working. Messages say where and what to do,
in words a person who has never written Python understands.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors stop the wizard from using the trees."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """One entry of the code table."""

    code: str
    severity: Severity
    title: str


_E, _W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = {
    code.code: code
    for code in (
        # Reading the file.
        Code("WZ001", _E, "YAML syntax error"),
        Code("WZ002", _E, "file is not UTF-8 text"),
        Code("WZ003", _E, "file too large"),
        Code("WZ004", _E, "file is empty"),
        Code("WZ005", _E, "duplicate key"),
        Code("WZ006", _E, "forbidden YAML tag"),
        Code("WZ007", _E, "too many or recursive aliases"),
        Code("WZ008", _E, "path not found or holds no trees"),
        Code("WZ009", _E, "nesting too deep"),
        # The shape of one file (the schema).
        Code("WZ010", _E, "unknown key"),
        Code("WZ011", _E, "missing key"),
        Code("WZ012", _E, "wrong type or value"),
        Code("WZ013", _E, "option needs exactly one target"),
        # Ids across files.
        Code("WZ020", _E, "duplicate tree id"),
        Code("WZ021", _W, "question id used in several trees"),
        Code("WZ022", _E, "duplicate answer id"),
        Code("WZ023", _E, "no answers file"),
        # References.
        Code("WZ030", _E, "start question not found"),
        Code("WZ031", _E, "'next' points to a missing question"),
        Code("WZ032", _E, "'answer' points to a missing answer"),
        Code("WZ033", _E, "'tree' points to a missing tree"),
        Code("WZ034", _E, "reference to a missing answer"),
        Code("WZ035", _E, "escalation answer is not of kind 'escalation'"),
        # The shape of the graph.
        Code("WZ040", _W, "question can never be reached"),
        Code("WZ041", _W, "answer is reached by no tree"),
        Code("WZ042", _E, "cycle"),
        Code("WZ043", _W, "question with fewer than two options"),
        Code("WZ044", _E, "duplicate option label"),
        # Examples.
        Code("WZ050", _E, "example does not follow the options"),
        Code("WZ051", _E, "example ends at another answer"),
        Code("WZ052", _W, "tree has no examples"),
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
        text = f"{self.path}:{self.line}:{self.col}: {self.severity.value} {self.code} {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return {key: data[key] for key in ("code", "severity", "path", "line", "col", "message", "hint")}


def make(code: str, path: str, position: tuple[int, int], message: str, hint: str | None = None) -> Diagnostic:
    """Build a diagnostic; the code must be in :data:`CODES` (a typo is a bug, so it raises)."""
    if code not in CODES:
        raise KeyError(f"unknown diagnostic code {code}")
    line, col = position
    return Diagnostic(path=path, line=line, col=col, code=code, message=message, hint=hint)


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def did_you_mean(word: str, choices: object) -> str | None:
    """A 'did you mean ...?' hint for a misspelled id or key, or None."""
    import difflib

    matches = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)  # type: ignore[attr-defined]
    return f"did you mean '{matches[0]}'?" if matches else None
