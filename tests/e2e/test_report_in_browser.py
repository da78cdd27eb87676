"""The HTML outcome report opened in a real browser: it loads nothing from anywhere and draws its charts."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Wizard
from tests.e2e.browser import ARTIFACTS, browser_page

EVENTS = [
    {"event": "start"},
    {"event": "task", "tree": "enrolment-errors"},
    {"event": "question", "tree": "enrolment-errors", "question": "which-error"},
    {"event": "choice", "tree": "enrolment-errors", "question": "which-error", "option": "户籍性质为空"},
    {"event": "answer", "answer": "enrol-error-hukou-empty", "via": "walk"},
    {"event": "outcome", "answer": "enrol-error-hukou-empty", "result": "solved"},
    {"event": "search", "query": "社保卡丢了 <b>怎么</b>补办", "answer": None, "score": None, "found": False},
    {"event": "end", "duration_s": 12.5, "said": True, "answer": "enrol-error-hukou-empty"},
]


def test_the_html_report_opens_offline_with_its_bars_and_chinese_text(invoke: Wizard, tmp_path: Path) -> None:
    log = tmp_path / "events-2026-11-29.jsonl"
    common = {"v": 1, "ts": "2026-11-29T09:00:00Z", "session": "s1", "front": "tui", "version": "abc"}
    log.write_text("".join(json.dumps(common | event, ensure_ascii=False) + "\n" for event in EVENTS))
    result = invoke("report", str(tmp_path), "--format", "html")
    assert result.returncode == 0, result.stderr
    page_file = tmp_path / "report.html"
    page_file.write_text(result.stdout, encoding="utf-8")
    with browser_page() as (page, requests):
        page.goto(page_file.as_uri())
        page.wait_for_load_state("load")
        assert page.title() == "向导办理情况报告"
        assert requests == [page_file.as_uri()], requests  # nothing but the file itself
        body = page.inner_text("body")
        assert "如报错「户籍性质为空」该如何处理？（常见问题第 13 条）" in body
        assert "社保卡丢了 <b>怎么</b>补办" in body  # shown as text, not markup
        bar = page.locator("svg rect").first.bounding_box()
        assert bar is not None and bar["width"] > 100  # solved, drawn
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
