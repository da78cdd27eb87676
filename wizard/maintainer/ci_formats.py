"""``wizard check`` findings in the formats CI systems and editors read.

- ``github``: workflow commands (``::error file=…,line=…,col=…,title=WZ031::message``),
  which GitHub Actions turns into annotations on the pull request's diff;
- ``gitlab``: Code Quality JSON for a merge request's widget;
- ``sarif``: SARIF 2.1.0 (GitHub code scanning, VS Code's SARIF viewer, …), one
  rule per code with its help text, locations relative to the working folder;
- ``junit``: one test case per file checked, a failure per file with findings.

Each is a pure function of the diagnostics; the exit status stays the check's own.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from wizard.content.diagnostics import CODES, Diagnostic, Severity

FORMATS = ("github", "gitlab", "sarif", "junit")
HELP_URI = "docs/authoring.md"
"""Where each code is explained (a heading per code)."""


def relative(path: str) -> str:
    """``path`` relative to the working folder when it is under it, with forward slashes."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()
    return Path(path if shown.startswith("..") else shown).as_posix()


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _message(diagnostic: Diagnostic) -> str:
    return f"{diagnostic.message} ({diagnostic.hint})" if diagnostic.hint else diagnostic.message


def github(diagnostics: Sequence[Diagnostic]) -> str:
    lines = []
    for diagnostic in diagnostics:
        kind = "error" if diagnostic.severity is Severity.ERROR else "warning"
        properties = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("file", relative(diagnostic.path)),
                ("line", diagnostic.line),
                ("col", diagnostic.col),
                ("title", diagnostic.code),
            )
        )
        lines.append(f"::{kind} {properties}::{_escape_data(_message(diagnostic))}")
    return "".join(line + "\n" for line in lines)


def warning_annotations(findings: Iterable[tuple[str, int, str, str]]) -> str:
    """GitHub warning annotations for (path, line, title, message) findings, e.g. coverage gaps."""
    lines = []
    for path, line, title, message in findings:
        properties = f"file={_escape_property(relative(path))},line={line},title={_escape_property(title)}"
        lines.append(f"::warning {properties}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)


def gitlab(diagnostics: Sequence[Diagnostic]) -> str:
    issues = []
    for diagnostic in diagnostics:
        path = relative(diagnostic.path)
        key = f"{path}:{diagnostic.line}:{diagnostic.col}:{diagnostic.code}:{diagnostic.message}"
        issues.append(
            {
                "description": f"{diagnostic.code} {_message(diagnostic)}",
                "check_name": diagnostic.code,
                "fingerprint": hashlib.md5(key.encode("utf-8"), usedforsecurity=False).hexdigest(),
                "severity": "major" if diagnostic.severity is Severity.ERROR else "minor",
                "location": {"path": path, "lines": {"begin": diagnostic.line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def sarif(diagnostics: Sequence[Diagnostic], version: str) -> str:
    used = sorted({diagnostic.code for diagnostic in diagnostics})
    rules = [
        {
            "id": code,
            "name": code,
            "shortDescription": {"text": CODES[code].title},
            "help": {"text": f"{CODES[code].title}. See {HELP_URI}, section {code}."},
            "defaultConfiguration": {"level": CODES[code].severity.value},
        }
        for code in used
    ]
    results = [
        {
            "ruleId": diagnostic.code,
            "ruleIndex": used.index(diagnostic.code),
            "level": diagnostic.severity.value,
            "message": {"text": _message(diagnostic)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(relative(diagnostic.path)), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": max(1, diagnostic.line), "startColumn": max(1, diagnostic.col)},
                    }
                }
            ],
        }
        for diagnostic in diagnostics
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "wizard check", "version": version, "rules": rules}},
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def junit(diagnostics: Sequence[Diagnostic], files: Iterable[str]) -> str:
    by_file: dict[str, list[Diagnostic]] = {relative(path): [] for path in files}
    for diagnostic in diagnostics:
        by_file.setdefault(relative(diagnostic.path), []).append(diagnostic)
    failures = sum(1 for found in by_file.values() if found)
    cases = []
    for path, found in by_file.items():
        if not found:
            cases.append(f'    <testcase classname="wizard check" name={quoteattr(path)}/>')
            continue
        first = found[0]
        body = escape("\n".join(diagnostic.format() for diagnostic in found))
        cases.append(
            f'    <testcase classname="wizard check" name={quoteattr(path)}>\n'
            f"      <failure type={quoteattr(first.code)} message={quoteattr(_message(first))}>{body}</failure>\n"
            "    </testcase>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="wizard check" tests="{len(by_file)}" failures="{failures}">\n'
        f'  <testsuite name="wizard check" tests="{len(by_file)}" failures="{failures}">\n'
        + "\n".join(cases)
        + "\n  </testsuite>\n</testsuites>\n"
    )


def render(fmt: str, diagnostics: Sequence[Diagnostic], files: Iterable[str], version: str) -> str:
    """The diagnostics in one of :data:`FORMATS`."""
    if fmt == "github":
        return github(diagnostics)
    if fmt == "gitlab":
        return gitlab(diagnostics)
    if fmt == "sarif":
        return sarif(diagnostics, version)
    return junit(diagnostics, files)
