"""`wizard new`: a starter tree that passes `wizard check --strict`, written without touching what exists."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ANSWERS, BUNDLED_TREES, REPO, TREE, WriteFiles
from wizard.maintainer.yaml_text import yaml_scalar


@pytest.fixture
def trees(tmp_path: Path) -> Path:
    """A copy of the bundled trees (with their schema files) to scaffold into."""
    return Path(shutil.copytree(BUNDLED_TREES, tmp_path / "trees"))


def test_scaffold_into_the_bundled_trees_passes_strict_check(trees: Path, invoke):
    answers_before = (trees / "answers.yaml").read_text(encoding="utf-8")
    result = invoke("new", "pension-transfer", "--title", "养老保险关系转移", "--trees", str(trees))
    assert result.returncode == 0, result.stderr
    assert "0 error(s), 0 warning(s)" in result.stdout

    check = invoke("check", "--strict", str(trees))
    assert check.returncode == 0, check.stdout
    assert "7 trees, 26 answers: 0 error(s), 0 warning(s)" in check.stdout

    text = (trees / "pension-transfer.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema.json\n")
    tree = yaml.safe_load(text)
    assert tree["id"] == "pension-transfer" and tree["title"] == "养老保险关系转移"
    (question,) = tree["nodes"].values()
    assert len(question["options"]) == 2 and len(tree["examples"]) == 1
    # The bundled catalog declares a way out (every question gets it), so the second option is a second case.
    assert [o["answer"] for o in question["options"]] == ["pension-transfer-answer", "pension-transfer-answer-other"]
    assert question["options"][1]["label"] == "情况二（请改成实际选项）"

    answers_after = (trees / "answers.yaml").read_text(encoding="utf-8")
    assert answers_after.startswith(answers_before), "existing text of answers.yaml must be kept byte for byte"
    assert "pension-transfer-answer:" in answers_after[len(answers_before) :]
    assert "【待填写】" in answers_after[len(answers_before) :]


def test_scaffold_twice_refuses_to_overwrite(trees: Path, invoke):
    assert invoke("new", "pension-transfer", "--title", "甲", "--trees", str(trees)).returncode == 0
    before = {p.name: p.read_bytes() for p in trees.iterdir()}
    again = invoke("new", "pension-transfer", "--title", "乙", "--trees", str(trees))
    assert again.returncode == 1
    assert "already exists; not overwriting" in again.stderr
    assert {p.name: p.read_bytes() for p in trees.iterdir()} == before


def test_an_id_already_used_by_another_file_is_refused(trees: Path, invoke):
    (trees / "undo-change.yaml").rename(trees / "undo.yaml")
    result = invoke("new", "undo-change", "--title", "撤销", "--trees", str(trees))
    assert result.returncode == 1 and "already exists" in result.stderr
    assert not (trees / "undo-change.yaml").exists()


@pytest.mark.parametrize("bad", ["Pension", "pension_transfer", "pension--transfer", "x-", "养老", "a" * 65])
def test_invalid_ids_exit_2_with_the_rule(trees: Path, bad: str, invoke):
    result = invoke("new", bad, "--title", "标题", "--trees", str(trees))
    assert result.returncode == 2
    assert "lowercase letters" in result.stderr or "characters long" in result.stderr
    assert sorted(p.name for p in trees.iterdir()) == sorted(p.name for p in BUNDLED_TREES.iterdir())


def test_title_is_required_and_not_empty(trees: Path, invoke):
    assert invoke("new", "x", "--trees", str(trees)).returncode == 2
    assert invoke("new", "x", "--title", "  ", "--trees", str(trees)).returncode == 2


def test_without_escalation_two_starter_answers_are_added(write_files: WriteFiles, invoke):
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE)
    title, summary = '带 "引号" 与 #号: 的标题', "- 列表样 [x]"
    result = invoke("new", "second", "--title", title, "--summary", summary, "--trees", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    assert invoke("check", "--strict", str(folder)).returncode == 0
    tree = yaml.safe_load((folder / "second.yaml").read_text(encoding="utf-8"))
    assert tree["title"] == title and tree["summary"] == summary
    answers = yaml.safe_load((folder / "answers.yaml").read_text(encoding="utf-8"))["answers"]
    assert {"second-answer", "second-answer-other"} <= set(answers)
    assert (folder / "schema.json").is_file() and (folder / "answers.schema.json").is_file()


def test_into_an_empty_folder_creates_answers_yaml(tmp_path: Path, invoke):
    folder = tmp_path / "fresh"
    result = invoke("new", "first", "--title", "第一个任务", "--trees", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        (folder / "answers.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=answers.schema.json\n")
    )
    assert invoke("check", "--strict", str(folder)).returncode == 0


def test_answers_not_last_in_the_file_are_refused_untouched(write_files: WriteFiles, invoke):
    trailing = ANSWERS + "escalation: a-one\n"
    folder = write_files(answers__yaml=trailing, t__yaml=TREE)
    result = invoke("new", "second", "--title", "标题", "--trees", str(folder))
    assert result.returncode == 1 and "cannot append" in result.stderr
    assert (folder / "answers.yaml").read_text(encoding="utf-8") == trailing
    assert not (folder / "second.yaml").exists()


def _file_modes_enforced() -> list[str]:
    """A command prefix under which a read-only file cannot be written: root needs its DAC capabilities dropped."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only file stays writable")
    capabilities = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={capabilities}", f"--bounding-set={capabilities}"]


def test_an_unwritable_answers_file_leaves_nothing_written(write_files: WriteFiles, neutral_cwd: Path):
    """The tree file (and schema files) would point at answers never appended: all are written, or none."""
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE)  # no schema files: three files to create
    (folder / "answers.yaml").chmod(0o444)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    command = [sys.executable, "-m", "wizard.cli", "new", "second", "--title", "标题", "--trees", str(folder)]
    done = subprocess.run(
        [*_file_modes_enforced(), *command],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=neutral_cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith(f"wizard new: cannot write {folder / 'answers.yaml'}"), done.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_broken_answers_file_is_refused(write_files: WriteFiles, invoke):
    folder = write_files(answers__yaml="answers:\n  a-one: [\n", t__yaml=TREE)
    result = invoke("new", "second", "--title", "标题", "--trees", str(folder))
    assert result.returncode == 1 and "WZ001" in result.stderr


def test_the_trees_option_before_the_command_works(trees: Path, invoke):
    result = invoke("--trees", str(trees), "new", "via-main", "--title", "标题")
    assert result.returncode == 0, result.stderr
    assert (trees / "via-main.yaml").is_file()


@pytest.mark.parametrize("text", ["纯中文", 'a "b"', "#x", "a: b", "- x", "[x]", "yes", "12333", "a\\b", "  x"])
def test_yaml_scalar_reads_back_as_written(text: str):
    assert yaml.safe_load(f"k: {yaml_scalar(text)}\n") == {"k": text}


def test_without_trees_it_writes_into_trees_of_the_current_folder(invoke, neutral_cwd: Path):
    result = invoke("new", "x-y", "--title", "标题")
    assert result.returncode == 0, result.stderr
    assert (neutral_cwd / "trees" / "x-y.yaml").is_file() and (neutral_cwd / "trees" / "answers.yaml").is_file()
    assert not (REPO / "trees" / "x-y.yaml").exists() and not (REPO / "wizard" / "trees").exists()
