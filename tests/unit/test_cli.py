"""The CLI as a real subprocess: exit codes, output formats, and no Textual on the way."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ANSWERS, BUNDLED_TREES, TREE


def test_check_bundled_trees_is_clean_and_strict(invoke):
    result = invoke("check", str(BUNDLED_TREES), "--strict")
    assert result.returncode == 0, result.stdout
    assert "0 error(s), 0 warning(s)" in result.stdout


def test_one_tree_file_checked_on_its_own_passes_strict(invoke):
    """Answers no tree reaches is a question about the whole folder: one tree file listed every answer
    the other trees use, so it could never pass --strict. The folder still reports them."""
    result = invoke("check", str(BUNDLED_TREES / "enrolment-errors.yaml"), "--strict")
    assert result.returncode == 0 and "WZ041" not in result.stdout, result.stdout


def test_check_errors_exit_1_with_located_lines(write_files, invoke):
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE.replace("next: q2", "next: q3"))
    result = invoke("check", str(folder))
    assert result.returncode == 1
    assert f"{folder / 't.yaml'}:12:15: error WZ031 " in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_warnings_fail_only_when_strict(write_files, invoke):
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE[: TREE.index("examples:")])
    assert invoke("check", str(folder)).returncode == 0
    strict = invoke("check", str(folder), "--strict")
    assert strict.returncode == 1 and "warning WZ052" in strict.stdout


def test_json_format(write_files, invoke):
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE.replace("answer: a-two", "answer: a-tow"))
    result = invoke("check", str(folder), "--format", "json")
    assert result.returncode == 1
    records = json.loads(result.stdout)
    wanted = {"code": "WZ032", "severity": "error", "line": 19, "col": 17, "hint": "did you mean 'a-two'?"}
    assert any(wanted.items() <= record.items() for record in records)
    assert all(set(r) == {"code", "severity", "path", "line", "col", "message", "hint"} for r in records)


@pytest.mark.parametrize(
    "content",
    [
        b"id: [unclosed\n",
        b"id: t\n\ttitle: x\n",
        b"id: !!python/object/apply:os.system ['true']\n",
        b"a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
        b"\x7fELF\x02\x01\x01\x00\x00",
        b"",
        b"id: t\ntitle: \xc3\x28\n",
    ],
    ids=["syntax", "tabs", "python-tag", "alias-bomb", "binary", "empty", "bad-utf8"],
)
def test_hostile_files_get_one_line_errors(write_files, content, invoke):
    folder = write_files(answers__yaml=ANSWERS, bad__yaml=content)
    result = invoke("check", str(folder))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{folder / 'bad.yaml'}:")
    assert " error WZ0" in lines[0]
    assert result.stderr == ""


def test_usage_error_exits_2(invoke):
    assert invoke("check", "--format", "xml").returncode == 2
    assert invoke("no-such-command").returncode == 2


@pytest.mark.parametrize(
    "args",
    [
        ("--trees", "", "check"),
        ("ask", "花名册", "--trees", ""),
        ("check", ""),
        ("coverage", ""),
        ("--trees", ""),
        ("new", "x-y", "--title", "标题", "--trees", ""),
    ],
)
def test_an_empty_trees_folder_is_a_usage_error(args, invoke, neutral_cwd):
    """`--trees "$TREES"` with TREES unset must not check the bundled trees (or the current folder) instead."""
    result = invoke(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "empty" in result.stderr, result.stderr
    assert list(neutral_cwd.iterdir()) == []


@pytest.mark.parametrize("args", [("check",), ("ask", "花名册"), ("new", "x-y", "--title", "标题")])
def test_an_empty_wizard_trees_variable_is_a_usage_error(args, invoke, neutral_cwd, monkeypatch):
    """README: WIZARD_TREES=DIR names a folder; set to nothing, it names none, and is not taken as unset."""
    monkeypatch.setenv("WIZARD_TREES", "")
    result = invoke(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "WIZARD_TREES is empty" in result.stderr, result.stderr
    assert list(neutral_cwd.iterdir()) == []


def test_version(invoke):
    result = invoke("--version")
    assert result.returncode == 0 and result.stdout.startswith("hrss-wizard ")


def test_schema_prints_json_schema(invoke):
    tree = json.loads(invoke("schema").stdout)
    answers = json.loads(invoke("schema", "answers").stdout)
    assert "nodes" in tree["properties"] and tree["additionalProperties"] is False
    assert "answers" in answers["properties"]


def test_app_option_errors_show_the_full_usage(invoke):
    result = invoke("--lang", "xx")
    assert result.returncode == 2
    assert "COMMAND" in result.stderr and "invalid choice: 'xx'" in result.stderr
