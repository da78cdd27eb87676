"""`wizard check` for CI systems (github, gitlab, sarif, junit) and the pre-commit hooks, on a broken folder."""

from __future__ import annotations

import json
import shlex
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml

from tests.conftest import BUNDLED_TREES, REPO, Wizard


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The bundled trees with one dangling `next` (error WZ031) in trees/broken.yaml."""
    folder = tmp_path / "trees"
    shutil.copytree(BUNDLED_TREES, folder)
    source = (folder / "enrol-and-stop.yaml").read_text(encoding="utf-8")
    (folder / "enrol-and-stop.yaml").unlink()
    (folder / "broken.yaml").write_text(source.replace("next: other-job", "next: other-jobb", 1), encoding="utf-8")
    return folder


def test_github_annotations_point_at_the_file_and_line(broken: Path, invoke: Wizard) -> None:
    result = invoke("check", "trees", "--format", "github", cwd=broken.parent)
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1
    assert errors[0].startswith("::error file=trees/broken.yaml,line=18,col=15,title=WZ031::option ")
    assert all(line.startswith(("::error ", "::warning ")) for line in result.stdout.splitlines())


def test_github_escapes_what_would_break_a_workflow_command() -> None:
    from wizard.content.diagnostics import Diagnostic
    from wizard.maintainer.ci_formats import github

    line = github([Diagnostic("a,b:c.yaml", 1, 2, "WZ031", "two\nlines 100%")])
    assert line == "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=WZ031::two%0Alines 100%25\n"


def test_sarif_is_2_1_0_with_a_located_result_and_its_rule(broken: Path, invoke: Wizard) -> None:
    result = invoke("check", "trees", "--format", "sarif", cwd=broken.parent)
    assert result.returncode == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    error = next(item for item in run["results"] if item["level"] == "error")
    assert error["ruleId"] == "WZ031" and rules["WZ031"]["shortDescription"]["text"]
    assert run["tool"]["driver"]["rules"][error["ruleIndex"]]["id"] == "WZ031"
    location = error["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "trees/broken.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 18, "startColumn": 15}


def test_gitlab_code_quality_and_junit(broken: Path, invoke: Wizard) -> None:
    quality = json.loads(invoke("check", "trees", "--format", "gitlab", cwd=broken.parent).stdout)
    major = [issue for issue in quality if issue["severity"] == "major"]
    assert [(issue["check_name"], issue["location"]) for issue in major] == [
        ("WZ031", {"path": "trees/broken.yaml", "lines": {"begin": 18}})
    ]
    assert len({issue["fingerprint"] for issue in quality}) == len(quality)
    junit = invoke("check", "trees", "--format", "junit", cwd=broken.parent)
    assert junit.returncode == 1
    suite = ElementTree.fromstring(junit.stdout).find("testsuite")
    assert suite is not None
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert len(cases) == len(list(broken.glob("*.yaml"))) and suite.get("failures") == "1"
    failure = cases["trees/broken.yaml"].find("failure")
    assert failure is not None and failure.get("type") == "WZ031"
    assert cases["trees/answers.yaml"].find("failure") is None


@pytest.mark.parametrize("fmt", ["github", "gitlab", "sarif", "junit"])
def test_a_clean_folder_exits_0_in_every_format(fmt: str, invoke: Wizard) -> None:
    result = invoke("check", str(BUNDLED_TREES), "--format", fmt)
    assert result.returncode == 0, result.stdout
    assert "::error" not in result.stdout


def hook_command(hook_id: str, filenames: list[str]) -> list[str]:
    """What pre-commit runs for a hook of .pre-commit-hooks.yaml: entry, args, then the files if it takes them."""
    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    hook = hooks[hook_id]
    command = shlex.split(hook["entry"]) + list(hook.get("args", []))
    if hook.get("pass_filenames", True):
        import re

        command += [name for name in filenames if re.search(hook["files"], name)]
    return command


def test_the_pre_commit_check_hook_fails_on_a_broken_change_and_passes_on_a_fix(
    broken: Path, run_wizard: Wizard
) -> None:
    changed = ["trees/broken.yaml", "README.md", ".github/workflows/ci.yaml"]
    command = hook_command("wizard-check", changed)
    assert command == ["wizard", "check", "--strict", "--whole-folders", "trees/broken.yaml"]
    failed = run_wizard(*command[1:], cwd=broken.parent)
    assert failed.returncode == 1 and "trees/broken.yaml:18:15: error WZ031" in failed.stdout
    fixed = broken / "broken.yaml"
    fixed.write_text(fixed.read_text(encoding="utf-8").replace("other-jobb", "other-job"), encoding="utf-8")
    assert run_wizard(*command[1:], cwd=broken.parent).returncode == 0


def test_the_pre_commit_coverage_hook_checks_the_trees_folder(broken: Path, run_wizard: Wizard) -> None:
    fixed = broken / "broken.yaml"
    fixed.write_text(fixed.read_text(encoding="utf-8").replace("other-jobb", "other-job"), encoding="utf-8")
    command = hook_command("wizard-coverage", ["trees/broken.yaml"])
    assert command == ["wizard", "coverage", "--fail-under", "100", "trees"]
    assert run_wizard(*command[1:], cwd=broken.parent).returncode == 0


def test_coverage_gaps_as_github_annotations(tmp_path: Path, invoke: Wizard) -> None:
    folder = tmp_path / "trees"
    shutil.copytree(BUNDLED_TREES, folder)
    tree = folder / "undo-change.yaml"
    text = tree.read_text(encoding="utf-8")
    tree.write_text(text[: text.index("examples:")] + "examples: []\n", encoding="utf-8")
    result = invoke("coverage", "trees", "--format", "github", "--fail-under", "100", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("::warning file=trees/undo-change.yaml,line=") for line in lines)
    assert any("title=coverage::question 'in-period' is reached by no example" in line for line in lines)
