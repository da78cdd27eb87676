"""docs/editor.md works as written: its problem matcher reads `wizard check`, its LCOV command writes LCOV."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from tests.conftest import BUNDLED_TREES, REPO, Wizard

DOC = (REPO / "docs" / "editor.md").read_text(encoding="utf-8")


def test_the_vs_code_problem_matcher_reads_every_check_line(tmp_path: Path, invoke: Wizard) -> None:
    tasks = json.loads(re.search(r"```json\n(.*?)```", DOC, re.S).group(1))  # type: ignore[union-attr]
    pattern = tasks["tasks"][0]["problemMatcher"]["pattern"]
    regexp = re.compile(pattern["regexp"])
    folder = tmp_path / "trees"
    shutil.copytree(BUNDLED_TREES, folder)
    tree = folder / "enrol-and-stop.yaml"
    tree.write_text(tree.read_text(encoding="utf-8").replace("next: other-job", "next: other-jobb", 1), "utf-8")
    result = invoke("check", "trees", cwd=tmp_path)
    lines = [line for line in result.stdout.splitlines() if ": error " in line or ": warning " in line]
    assert lines
    for line in lines:
        found = regexp.match(line)
        assert found, line
        assert Path(tmp_path / found.group(pattern["file"])).is_file()
        assert int(found.group(pattern["line"])) >= 1 and int(found.group(pattern["column"])) >= 1
        assert found.group(pattern["severity"]) in ("error", "warning")
    assert any(regexp.match(line).group(pattern["code"]) == "WZ031" for line in lines)  # type: ignore[union-attr]


def test_the_vim_errorformat_matches_the_same_lines() -> None:
    assert r"set errorformat=%f:%l:%c:\ %trror\ %m,%f:%l:%c:\ %tarning\ %m" in DOC
    line = "trees/x.yaml:18:15: error WZ031 option 'a' leads to 'b'"
    assert re.match(r"^(.+?):(\d+):(\d+): (e)rror (.*)$", line)  # %f:%l:%c:\ %trror\ %m, as Vim reads it


def test_the_lcov_command_writes_lcov_for_coverage_gutters(tmp_path: Path, invoke: Wizard) -> None:
    assert "wizard coverage trees --format lcov -o lcov.info" in DOC
    shutil.copytree(BUNDLED_TREES, tmp_path / "trees")
    result = invoke("coverage", "trees", "--format", "lcov", "-o", "lcov.info", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lcov = (tmp_path / "lcov.info").read_text(encoding="utf-8")
    assert "SF:" in lcov and "DA:" in lcov and lcov.rstrip().endswith("end_of_record")
