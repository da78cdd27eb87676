"""Outcome events: what the session reports, what the recorder writes, and how the log file is made."""

from __future__ import annotations

import dataclasses
import io
import json
import stat
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_TREES
from wizard.commands.trees import default_log_dir
from wizard.content.catalog import load_catalog
from wizard.content.model import Catalog
from wizard.engine.outcomes import SCHEMA_VERSION, EventLog, Recorder, content_version
from wizard.engine.session import Session
from wizard.plain import LineWizard


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded = load_catalog([BUNDLED_TREES]).catalog
    assert loaded is not None
    return loaded


def events_in(folder: Path) -> list[dict]:
    return [
        json.loads(line) for path in sorted(folder.glob("events-*.jsonl")) for line in path.read_text().splitlines()
    ]


def test_the_session_reports_every_move_with_content_ids_only(catalog):
    seen: list[tuple[str, dict]] = []
    session = Session(catalog, observer=lambda event, fields: seen.append((event, fields)))
    session.start("enrolment-errors")
    session.choose("户籍性质为空")
    session.escalate(via="未解决")
    session.back()
    session.solved()
    assert [event for event, _ in seen] == [
        "task",
        "question",
        "choice",
        "answer",
        "outcome",
        "answer",
        "back",
        "outcome",
    ]
    assert seen[2][1] == {"tree": "enrolment-errors", "question": "which-error", "option": "户籍性质为空"}
    assert seen[3][1] == {"answer": "enrol-error-hukou-empty", "via": "walk", "tree": "enrolment-errors"}
    assert seen[4][1] == {"answer": "enrol-error-hukou-empty", "result": "unsolved"}
    assert seen[5][1] == {"answer": "escalation-not-solved", "via": "escalation"}
    assert seen[7][1] == {"answer": "enrol-error-hukou-empty", "result": "solved"}


def test_a_jump_says_how_it_came(catalog):
    seen: list[dict] = []
    session = Session(catalog, observer=lambda event, fields: seen.append(fields))
    session.jump_to_answer("enrol-error-hukou-empty", via="搜索：户籍", query="户籍")
    session.jump_to_answer("escalation-contact", via="以上都不是")
    assert [fields["via"] for fields in seen] == ["search", "way_out"]
    assert "户籍" not in json.dumps(seen, ensure_ascii=False)  # the query is not the session's to log


def test_the_recorder_writes_one_masked_event_a_line_to_a_private_file_per_day(tmp_path, catalog):
    folder = tmp_path / "logs"
    clock = iter([1_700_000_000.0 + step for step in range(100)])
    recorder = Recorder(EventLog(folder), "line", catalog, clock=lambda: next(clock))
    session = Session(catalog, observer=recorder.observe)
    session.start("enrolment-errors")
    recorder.search("员工张三 身份证320586199001011234 户籍性质为空", None, None, False)
    session.choose(2)
    session.solved()
    recorder.feedback("enrol-error-hukou-empty", 1, "手机13912345678 联系我")
    recorder.end()
    files = list(folder.iterdir())
    assert [path.name for path in files] == ["events-2023-11-14.jsonl"]
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600 and stat.S_IMODE(folder.stat().st_mode) == 0o700
    raw = files[0].read_text(encoding="utf-8")
    assert "3205861990" not in raw and "13912345678" not in raw and "张三" not in raw
    events = events_in(folder)
    assert {event["v"] for event in events} == {SCHEMA_VERSION}
    assert len({event["session"] for event in events}) == 1
    assert [event["event"] for event in events] == [
        "start",
        "task",
        "question",
        "search",
        "choice",
        "answer",
        "outcome",
        "rating",
        "end",
    ]
    assert events[3]["query"] == "员工[姓名] [身份证号] 户籍性质为空"
    assert events[7] | {"ts": ""} == events[7] | {
        "answer": "enrol-error-hukou-empty",
        "rating": 1,
        "comment": "[手机号] 联系我",
        "ts": "",
    }
    assert events[-1]["said"] is True and events[-1]["answer"] == "enrol-error-hukou-empty"
    assert events[-1]["duration_s"] > 0


def test_each_walk_is_a_session_of_its_own(tmp_path, catalog):
    recorder = Recorder(EventLog(tmp_path), "tui", catalog)
    for _ in range(2):
        recorder.begin()
        Session(catalog, observer=recorder.observe).start("undo-change")
    recorder.end()
    sessions = [event["session"] for event in events_in(tmp_path) if event["event"] == "start"]
    assert len(sessions) == 2 and sessions[0] != sessions[1]


def test_a_log_that_cannot_be_written_switches_off_and_says_so_once(tmp_path, catalog):
    blocked = tmp_path / "file"
    blocked.write_text("")
    said: list[str] = []
    recorder = Recorder(EventLog(blocked / "logs", said.append), "line", catalog)
    session = Session(catalog, observer=recorder.observe)
    session.start("enrolment-errors")  # raises nothing
    session.choose(0)
    assert len(said) == 1 and not recorder.enabled


def test_without_a_log_nothing_is_written_and_nothing_asked(tmp_path, catalog):
    recorder = Recorder(None, "line", catalog)
    Session(catalog, observer=recorder.observe).start("enrolment-errors")
    assert not recorder.enabled and list(tmp_path.iterdir()) == []


def test_the_content_version_follows_what_clerks_see(catalog):
    answer = catalog.answers["enrol-error-hukou-empty"]
    edited = dataclasses.replace(catalog, answers={**catalog.answers, answer.title: answer})
    assert content_version(catalog) == content_version(dataclasses.replace(catalog))
    assert content_version(edited) != content_version(catalog)


def test_the_default_folder_is_the_user_data_folder_unless_wizard_log_dir_says(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_log_dir() == tmp_path / "data" / "hrss-wizard" / "logs"
    monkeypatch.setenv("WIZARD_LOG_DIR", str(tmp_path / "elsewhere"))
    assert default_log_dir() == tmp_path / "elsewhere"


def test_done_on_the_way_to_a_person_is_no_solved_outcome_and_asks_no_rating(tmp_path, catalog):
    """In the line mode, y on "not in the FAQ: call 12333" ends the walk: nothing was solved there."""
    recorder = Recorder(EventLog(tmp_path), "line", catalog)
    out = io.StringIO()
    wizard = LineWizard(catalog, "zh", io.StringIO("社保卡丢了怎么补办\n1\ny\nq\n"), out, recorder)
    assert wizard.run(None) == 0
    recorder.end()
    kinds = [event["event"] for event in events_in(tmp_path)]
    assert "answer" in kinds and "outcome" not in kinds and "rating" not in kinds
    assert "请评价这条解答" not in out.getvalue() and "很高兴问题已解决" not in out.getvalue()
