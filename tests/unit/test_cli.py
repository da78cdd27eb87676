"""The CLI as a real subprocess: exit codes, output formats, and no Textual on the way."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ANSWERS, BUNDLED_TREES, REPO, TREE


def wizard(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard.cli", *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=60
    )


def test_check_bundled_trees_is_clean_and_strict():
    result = wizard("check", str(BUNDLED_TREES), "--strict")
    assert result.returncode == 0, result.stdout
    assert "0 error(s), 0 warning(s)" in result.stdout


def test_check_errors_exit_1_with_located_lines(write_files):
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE.replace("next: q2", "next: q3"))
    result = wizard("check", str(folder))
    assert result.returncode == 1
    assert f"{folder / 't.yaml'}:12:15: error WZ031 " in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_warnings_fail_only_when_strict(write_files):
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE[: TREE.index("examples:")])
    assert wizard("check", str(folder)).returncode == 0
    strict = wizard("check", str(folder), "--strict")
    assert strict.returncode == 1 and "warning WZ052" in strict.stdout


def test_json_format(write_files):
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE.replace("answer: a-two", "answer: a-tow"))
    result = wizard("check", str(folder), "--format", "json")
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
def test_hostile_files_get_one_line_errors(write_files, content):
    folder = write_files(answers__yaml=ANSWERS, bad__yaml=content)
    result = wizard("check", str(folder))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{folder / 'bad.yaml'}:")
    assert " error WZ0" in lines[0]
    assert result.stderr == ""


def test_usage_error_exits_2():
    assert wizard("check", "--format", "xml").returncode == 2
    assert wizard("no-such-command").returncode == 2


def test_version():
    result = wizard("--version")
    assert result.returncode == 0 and result.stdout.startswith("hrss-wizard ")


def test_schema_prints_json_schema():
    tree = json.loads(wizard("schema").stdout)
    answers = json.loads(wizard("schema", "answers").stdout)
    assert "nodes" in tree["properties"] and tree["additionalProperties"] is False
    assert "answers" in answers["properties"]


@pytest.mark.parametrize("args", [["check", str(BUNDLED_TREES)], ["schema"], ["--version"]])
def test_commands_do_not_import_textual(args):
    probe = textwrap.dedent(
        f"""
        import sys
        from wizard.cli import main
        try:
            main({args!r})
        except SystemExit:
            pass
        heavy = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
        print("TEXTUAL:", heavy, file=sys.stderr)
        """
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert "TEXTUAL: []" in result.stderr


def test_the_clerks_command_line_skips_the_subcommand_modules():
    probe = textwrap.dedent(
        """
        import sys
        from wizard.cli import _parse_for_app
        from wizard.commands import SUBCOMMANDS
        args = _parse_for_app(["--lang", "en", "--trees", "somewhere"])
        print(args.lang, args.trees, args.command)
        print(sorted(m for m in sys.modules if m.removeprefix("wizard.commands.") in SUBCOMMANDS))
        print(_parse_for_app(["check"]), _parse_for_app(["-h"]), _parse_for_app(["--lang", "xx"]))
        """
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.stdout.splitlines() == ["en somewhere None", "[]", "None None None"], result.stderr


def test_app_option_errors_show_the_full_usage():
    result = wizard("--lang", "xx")
    assert result.returncode == 2
    assert "COMMAND" in result.stderr and "invalid choice: 'xx'" in result.stderr
