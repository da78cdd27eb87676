"""The README's examples work as printed, and say what they show.

Each line of a shell example that runs `wizard` and writes no file is run in
bash, with `.venv/bin` on PATH as the README tells a new user to put it; it must
exit 0 without a traceback, and what its comment promises ("常见问题第 13 条",
a JSON field, "12333", "exit 1") must be in its output.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ANSWERS, REPO, TREE
from wizard.cli import build_parser

BLOCK = re.compile(r"```sh\n(.*?)```", re.S)
PROMISES = re.compile(r"常见问题第 \d+ 条|\"[a-z]+\": [\w\"-]+|12333|exit \d")


def examples() -> list[tuple[str, str]]:
    """(command, comment) for every runnable `wizard` line of the README's shell blocks."""
    found = []
    for block in BLOCK.findall((REPO / "README.md").read_text(encoding="utf-8")):
        for line in block.splitlines():
            command, _, comment = line.partition(" # ")
            if re.search(r"(^|\| )wizard ", command) and ">" not in command:
                found.append((command.strip(), comment.strip()))
    return found


@pytest.mark.parametrize(("command", "comment"), examples(), ids=[command for command, _ in examples()])
def test_a_readme_example_works_as_printed(command: str, comment: str, neutral_cwd: Path) -> None:
    path = f"{Path(sys.executable).parent}:/usr/bin:/bin"
    result = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, cwd=neutral_cwd, env={"PATH": path}, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for promise in PROMISES.findall(comment):
        assert promise in result.stdout, (command, promise, result.stdout[:500])


def test_the_readme_shows_runnable_examples() -> None:
    assert len(examples()) >= 4


SHARED_OPTIONS = ("--trees", "--log-dir", "--no-log")
"""Options several commands take, described once under the README's command table."""


def test_the_command_table_names_every_option_the_cli_takes() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table, shared, _ = readme[readme.index("## All commands") :].split("\n\n", 3)[1:]
    rows = [line.split(" | ")[0] for line in table.splitlines() if line.startswith("| `wizard")]
    missing = []
    for name, module in build_parser()[1].items():
        cells = " ".join(row for row in rows if re.search(rf"`wizard {name}\b", row))
        assert cells, f"the README's command table has no row for 'wizard {name}'"
        command = argparse.ArgumentParser(add_help=False)
        module.add_arguments(command)
        for action in command._actions:
            named = any(re.search(rf"{re.escape(string)}\b", cells) for string in action.option_strings)
            option = action.option_strings[0] if action.option_strings else None
            if option is None or named:
                continue
            if option in SHARED_OPTIONS and option in shared and (option == "--trees" or f"`{name}`" in shared):
                continue
            missing.append(f"wizard {name} {option}")
    assert not missing, f"options the README's command table does not name: {missing}"


def test_the_readme_says_what_wizard_check_does_with_similar_questions(write_files, invoke) -> None:
    """`wizard check` does not search with each 相似问 (the pytest plugin does): it only rejects one listed twice."""
    misfiled = ANSWERS.replace("    body: 正文二\n", "    body: 正文二\n    similar: [答案一]\n")
    assert invoke("check", str(write_files(answers__yaml=misfiled, t__yaml=TREE))).returncode == 0
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    sentences = re.split(r"(?<=\.) ", readme)
    claims = [sentence for sentence in sentences if "相似问" in sentence and "wizard check" in sentence]
    assert claims and all("WZ024" in claim and "pytest plugin" in claim for claim in claims), claims
