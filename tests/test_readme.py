"""The README's examples work as printed, and say what they show.

Each line of a shell example that runs `wizard` and writes no file is run in
bash, with `.venv/bin` on PATH as the README tells a new user to put it; it must
exit 0 without a traceback, and what its comment promises ("常见问题第 13 条",
a JSON field, "12333", "exit 1") must be in its output.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

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
