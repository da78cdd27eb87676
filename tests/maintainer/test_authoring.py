"""docs/authoring.md stays true: every code documented, the complete example clean, every command valid."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import REPO
from wizard.cli import build_parser
from wizard.content.diagnostics import CODES

GUIDE = REPO / "docs" / "authoring.md"
TEXT = GUIDE.read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_a_heading_with_its_title(code: str):
    headings = re.findall(rf"^#+ {code} (.+?) · ", TEXT, re.MULTILINE)
    assert headings == [CODES[code].title], f"docs/authoring.md needs one heading '#### {code} {CODES[code].title} · …'"


def test_no_heading_names_an_unknown_code():
    assert set(re.findall(r"^#+ (WZ\d{3}) ", TEXT, re.MULTILINE)) == set(CODES)


def test_the_complete_example_passes_strict_check_and_full_coverage(tmp_path: Path, invoke):
    blocks = re.findall(r"```yaml\n(# 文件：(\S+)\n.*?)```", TEXT, re.DOTALL)
    assert sorted(name for _, name in blocks) == ["answers.yaml", "demo-undo.yaml"]
    for text, name in blocks:
        (tmp_path / name).write_text(text, encoding="utf-8")
    check = invoke("check", "--strict", str(tmp_path))
    assert check.returncode == 0, check.stdout
    coverage = invoke("coverage", "--fail-under", "100", str(tmp_path))
    assert coverage.returncode == 0, coverage.stdout
    assert invoke("graph", "demo-undo", "--format", "dot", "--trees", str(tmp_path)).returncode == 0


def _documented_commands() -> list[str]:
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", TEXT, re.DOTALL):
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            for part in re.split(r"\s*(?:\||>|&&)\s*", line):
                if part.startswith("wizard"):
                    commands.append(part)
    return commands


def test_every_documented_wizard_command_parses():
    commands = _documented_commands()
    assert len(commands) >= 15
    parser, _ = build_parser()
    for command in commands:
        try:
            parser.parse_args(shlex.split(command)[1:])
        except SystemExit as error:
            raise AssertionError(f"docs/authoring.md shows a command the CLI rejects: {command}") from error
