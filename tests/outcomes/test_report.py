"""From a clerk's walk to the maintainer's report: the log a real process writes, and what the report makes of it."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Wizard

ID_NUMBER = "320586199001011234"
PHONE = "13912345678"


def _wizard(*args: str, stdin: str, home: Path) -> subprocess.CompletedProcess[str]:
    """``wizard ARGS`` in a process of its own, with an empty home and no WIZARD_* of the developer."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("WIZARD_", "XDG_"))}
    env |= {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "wizard.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=home,
        timeout=120,
    )


@pytest.fixture(scope="module")
def logged_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A piped walk that ends "not solved" (rated 4, with a comment), and searches with personal data in them."""
    home = tmp_path_factory.mktemp("home")
    folder = home / "logs"
    walked = _wizard(
        "walk",
        "enrolment-errors",
        "--log-dir",
        str(folder),
        stdin=f"3\nn\n4\n员工张三 手机{PHONE} 还是不行\ny\n",
        home=home,
    )
    assert walked.returncode == 0, walked.stderr
    asked = _wizard("ask", f"身份证{ID_NUMBER} 社保卡丢了怎么补办", "--log-dir", str(folder), stdin="", home=home)
    assert asked.returncode == 1
    found = _wizard("ask", f"户籍性质为空 身份证{ID_NUMBER}", "--log-dir", str(folder), stdin="", home=home)
    assert found.returncode == 0, found.stdout  # the ID number pasted along does not spoil the search
    line = _wizard("walk", "--log-dir", str(folder), stdin=f"电话{PHONE} 社保卡补办\n\nq\n", home=home)
    assert line.returncode == 0
    return folder


@pytest.fixture
def logged(logged_once: Path, tmp_path: Path) -> Path:
    """A copy of the logs this test may add to."""
    copy = tmp_path / "logs"
    shutil.copytree(logged_once, copy)
    return copy


def test_the_log_holds_no_personal_number_and_only_its_owner_reads_it(logged_once: Path):
    files = list(logged_once.glob("events-*.jsonl"))
    assert len(files) == 1 and stat.S_IMODE(files[0].stat().st_mode) == 0o600
    raw = files[0].read_text(encoding="utf-8")
    assert ID_NUMBER not in raw and PHONE not in raw and "张三" not in raw
    free_text = [
        event[key]
        for line in raw.splitlines()
        for event in [json.loads(line)]
        for key in ("query", "comment")
        if event.get(key)
    ]
    assert len(free_text) == 4 and not any(re.search(r"[0-9]{6,}", text) for text in free_text), free_text


def test_the_report_counts_the_unsolved_answer_and_the_searches_without_an_answer(logged: Path, invoke: Wizard):
    result = invoke("report", str(logged), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["sessions"] == 4 and report["skipped_lines"] == 0
    hukou = report["answers"]["enrol-error-hukou-empty"]
    assert (hukou["reached"], hukou["solved"], hukou["unsolved"]) == (1, 0, 1)
    assert hukou["ratings"] == {"4": 1} and hukou["comments"] == ["员工[姓名] [手机号] 还是不行"]
    assert report["answers"]["escalation-not-solved"]["reached"] == 1
    assert report["ways_out"] == {"escalation": 1}
    assert report["searches_without_answer"] == [
        {"query": "[手机号] 社保卡补办", "count": 1},
        {"query": "[身份证号] 社保卡丢了怎么补办", "count": 1},
    ]
    assert report["questions"]["enrolment-errors/which-error"]["entered"] == 1
    assert report["front_ends"] == {"ask": 2, "line": 2}


def test_lines_that_are_not_events_are_skipped_and_counted(logged: Path, invoke: Wizard):
    log = next(logged.glob("events-*.jsonl"))
    with log.open("a", encoding="utf-8") as stream:
        stream.write("this is not json\n")
        stream.write('{"v": 1, "event": "answer", "session": "x", "ts": "' + "9" * 2_000_000 + '"}\n')
        stream.write('{"v": 99, "event": "answer", "session": "x", "ts": "2026-01-01T00:00:00Z"}\n')
        stream.write("[1, 2]\n")
    result = invoke("report", str(logged), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["skipped_lines"] == 4 and report["sessions"] == 4


def test_the_text_report_reads_as_chinese_with_titles(logged: Path, invoke: Wizard):
    result = invoke("report", str(logged))
    assert result.returncode == 0, result.stderr
    assert "会话 4" in result.stdout
    assert "如报错「户籍性质为空」该如何处理？（常见问题第 13 条） [enrol-error-hukou-empty]" in result.stdout
    assert "[身份证号] 社保卡丢了怎么补办" in result.stdout.split("没有找到解答的搜索", 1)[1]


def test_the_html_report_is_one_offline_page_with_everything_escaped(logged: Path, invoke: Wizard):
    log = next(logged.glob("events-*.jsonl"))
    hostile = {
        "v": 1,
        "event": "search",
        "session": "h",
        "ts": "2026-01-01T00:00:00Z",
        "front": "ask",
        "query": "<script>alert(1)</script>",
        "found": False,
    }
    with log.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(hostile) + "\n")
    result = invoke("report", str(logged), "--format", "html")
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert page.startswith("<!doctype html>") and "<svg" in page
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"(?:src|href)\s*=|https?://|@import|url\(", page), "the page must load nothing"


CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("form", ["text", "html"])
def test_the_report_sends_no_control_characters_to_the_terminal(form: str, logged: Path, invoke: Wizard):
    """A query, id or label logged with ESC, OSC, C1 or bidi characters is shown as its text, never as commands."""
    hostile = "\x1b[31m退休\x1b]0;pwned\x07 手续\x9b2J\u202e\x1b]52;c;cHduZWQ=\x1b\\"
    log = next(logged.glob("events-*.jsonl"))
    base = {"v": 1, "session": "h", "ts": "2026-01-01T00:00:00Z", "front": "ask", "version": f"v{hostile}"}
    events = [
        {"event": "search", "query": hostile, "found": False},
        {"event": "question", "tree": f"t{hostile}", "question": f"q{hostile}"},
        {"event": "answer", "answer": f"a{hostile}", "via": f"w{hostile}"},
        {"event": "end", "tree": f"t{hostile}", "question": f"q{hostile}", "answer": None},
    ]
    with log.open("a", encoding="utf-8") as stream:
        stream.writelines(json.dumps(base | event) + "\n" for event in events)
    result = invoke("report", str(logged), "--format", form)
    assert result.returncode == 0, result.stderr
    assert "退休" in result.stdout and "手续" in result.stdout
    assert not CONTROLS.findall(result.stdout), CONTROLS.findall(result.stdout)


def test_since_and_tree_filter_the_sessions(logged: Path, invoke: Wizard):
    future = json.loads(invoke("report", str(logged), "--since", "2999-01-01", "--format", "json").stdout)
    assert future["sessions"] == 0
    walked = json.loads(invoke("report", str(logged), "--tree", "enrolment-errors", "--format", "json").stdout)
    assert walked["sessions"] == 1


def test_a_missing_log_folder_is_a_usage_error(invoke: Wizard, tmp_path: Path):
    result = invoke("report", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "no such file or folder" in result.stderr and "Traceback" not in result.stderr


def test_no_log_and_wizard_log_dir(run_wizard: Wizard, tmp_path: Path):
    quiet = run_wizard("ask", "户籍性质为空", "--no-log", env={"WIZARD_LOG_DIR": str(tmp_path / "env")})
    assert quiet.returncode == 0 and not (tmp_path / "env").exists()
    loud = run_wizard("ask", "户籍性质为空", env={"WIZARD_LOG_DIR": str(tmp_path / "env")})
    assert loud.returncode == 0 and len(list((tmp_path / "env").glob("events-*.jsonl"))) == 1


def test_the_default_log_is_in_the_user_data_folder(run_wizard: Wizard, isolated_environment: Path):
    assert run_wizard("ask", "户籍性质为空").returncode == 0
    assert list((isolated_environment / "xdg_data_home" / "hrss-wizard" / "logs").glob("events-*.jsonl"))


def test_the_diagram_shows_traffic(logged: Path, invoke: Wizard):
    result = invoke("graph", "enrolment-errors", "--format", "dot", "--traffic", str(logged))
    assert result.returncode == 0, result.stderr
    assert "户籍性质为空\\n100%（1）" in result.stdout
    assert "解决率 0%（0/1）" in result.stdout
