"""`wizard diff`: what a content change means for clerks, between folders and between git revisions."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_TREES, Wizard
from wizard.maintainer.content_diff import word_diff


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """The bundled trees with 户籍性质为空 retargeted to escalation-contact and FAQ 11's body edited."""
    folder = tmp_path / "new"
    shutil.copytree(BUNDLED_TREES, folder)
    tree = folder / "enrolment-errors.yaml"
    text = tree.read_text(encoding="utf-8")
    start = text.index("label: 户籍性质为空")
    answer_at = text.index("answer: enrol-error-hukou-empty", start)
    tree.write_text(
        text[:answer_at] + "answer: escalation-contact" + text[answer_at + len("answer: enrol-error-hukou-empty") :],
        encoding="utf-8",
    )
    answers = folder / "answers.yaml"
    text = answers.read_text(encoding="utf-8")
    text = text.replace("中采集员工基础信息。", "中采集员工基础信息，请先核对身份证号码。", 1)
    answers.write_text(text, encoding="utf-8")
    return folder


def test_the_diff_names_the_option_both_targets_and_the_edited_answer(edited: Path, invoke: Wizard) -> None:
    result = invoke("diff", str(BUNDLED_TREES), str(edited))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "选项去向  enrolment-errors/which-error: 户籍性质为空: enrol-error-hukou-empty → escalation-contact" in out
    assert "解答正文  enrol-error-no-person-info (常见问题第 11 条):" in out
    assert "采集员工基础信息{+，请先核对身份证号码+}。" in out
    assert "办理路线  enrolment-errors: 户籍性质为空 → enrol-error-hukou-empty → escalation-contact" in out
    assert "示例覆盖率：100% →" in out


def test_json_and_markdown_and_the_exit_code(edited: Path, invoke: Wizard) -> None:
    data = json.loads(invoke("diff", str(BUNDLED_TREES), str(edited), "--format", "json").stdout)
    kinds = {change["kind"] for change in data["changes"]}
    assert {"option target", "answer text", "walk"} <= kinds and data["changed"] is True
    target = next(change for change in data["changes"] if change["kind"] == "option target")
    assert (target["detail"], target["before"], target["after"]) == (
        "户籍性质为空",
        "enrol-error-hukou-empty",
        "escalation-contact",
    )
    markdown = invoke("diff", str(BUNDLED_TREES), str(edited), "--format", "markdown", "--exit-code")
    assert markdown.returncode == 1 and markdown.stdout.startswith("### 对办事员可见的变化")
    assert "**，请先核对身份证号码**" in markdown.stdout
    same = invoke("diff", str(BUNDLED_TREES), str(BUNDLED_TREES), "--exit-code")
    assert same.returncode == 0 and "对办事员没有可见的变化" in same.stdout


def test_answers_added_removed_renamed_and_click_paths(tmp_path: Path, invoke: Wizard) -> None:
    folder = tmp_path / "new"
    shutil.copytree(BUNDLED_TREES, folder)
    answers = folder / "answers.yaml"
    text = answers.read_text(encoding="utf-8")
    text = text.replace("  print-staff-roster:", "  print-all-staff-roster:", 1)
    text = text.replace("answer: print-staff-roster", "answer: print-all-staff-roster")
    text = text.replace("steps: [个人中心, 我的信息, 修改]", "steps: [个人中心, 我的信息, 编辑]", 1)
    answers.write_text(text, encoding="utf-8")
    for tree in folder.glob("*.yaml"):
        tree.write_text(
            tree.read_text(encoding="utf-8").replace("print-staff-roster", "print-all-staff-roster"), encoding="utf-8"
        )
    data = json.loads(invoke("diff", str(BUNDLED_TREES), str(folder), "--format", "json").stdout)
    by_kind = {change["kind"]: change for change in data["changes"]}
    assert by_kind["answer renamed"]["before"] == "print-staff-roster"
    assert by_kind["click path"]["before"] == "个人中心 › 我的信息 › 修改"
    assert by_kind["click path"]["after"] == "个人中心 › 我的信息 › 编辑"


def test_git_revisions_of_the_trees_folder(tmp_path: Path, edited: Path, invoke: Wizard) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(BUNDLED_TREES, repo / "trees")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "one")
    for name in ("enrolment-errors.yaml", "answers.yaml"):
        shutil.copy(edited / name, repo / "trees" / name)
    working = invoke("diff", "--git", "HEAD", "--trees", "trees", "--format", "json", cwd=repo)
    assert working.returncode == 0, working.stderr
    assert any(change["kind"] == "option target" for change in json.loads(working.stdout)["changes"])
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qam", "two")
    ranged = invoke("diff", "--git", "HEAD~1..HEAD", "--trees", "trees", "--exit-code", cwd=repo)
    assert ranged.returncode == 1 and "户籍性质为空: enrol-error-hukou-empty → escalation-contact" in ranged.stdout
    wrong = invoke("diff", "--git", "no-such-rev", "--trees", "trees", cwd=repo)
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    assert wrong.stderr.count("\n") == 1 and "no-such-rev" in wrong.stderr and "Command '[" not in wrong.stderr


def test_the_word_diff_treats_each_chinese_character_as_a_word() -> None:
    assert word_diff("请到窗口办理", "请到社保窗口办理", ("[-", "-]"), ("{+", "+}")) == "请到{+社保+}窗口办理"
    assert word_diff("拨打 12333", "拨打 12345", ("[-", "-]"), ("{+", "+}")) == "拨打 [-12333-]{+12345+}"


def test_usage_errors_exit_2(invoke: Wizard, tmp_path: Path) -> None:
    assert invoke("diff").returncode == 2
    assert invoke("diff", str(BUNDLED_TREES)).returncode == 2
    assert invoke("diff", str(BUNDLED_TREES), str(tmp_path / "missing")).returncode == 2


def test_markdown_shows_content_as_text_not_html_links_or_mentions(tmp_path: Path, invoke: Wizard) -> None:
    """A label is whatever a maintainer typed; in a merge-request comment it must not become a tag, a link,
    a mention of everyone or a quote."""
    folder = tmp_path / "new"
    shutil.copytree(BUNDLED_TREES, folder)
    answers = folder / "answers.yaml"
    hostile = "户籍 <img src=x onerror=alert(1)> [点我](https://evil.example) @all #1 **粗**"
    title = "title: 单位用户在做「用人单位用工参保登记」时，如报错「户籍性质为空」该如何处理？"
    answers.write_text(answers.read_text(encoding="utf-8").replace(title, f"title: '{hostile}'", 1), encoding="utf-8")
    out = invoke("diff", str(BUNDLED_TREES), str(folder), "--format", "markdown").stdout
    assert "解答标题" in out, out
    for live in (r"<img", r"\]\(https", r"@all", r"#1"):  # only escaped, each one
        assert not re.search(r"(?<!\\)" + live, out), live
    assert "\\<img src=x onerror=alert(1)\\>" in out and "\\@all" in out and "\\*\\*粗\\*\\*" in out
