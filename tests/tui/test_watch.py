"""`wizard --watch`: edits reload the trees; broken edits show diagnostics and keep the session."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from textual.pilot import Pilot

from tests.tui.conftest import SAMPLE, MakeApp, choose, load, screen_text, start
from wizard.tui.app import WizardApp
from wizard.tui.screens.question import QuestionScreen

TIMEOUT = 15.0


def trees_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "trees"
    shutil.copytree(SAMPLE, folder)
    return folder


def write(path: Path, text: str) -> None:
    """Write and move the modification time forward, so even a coarse clock sees the edit."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


async def wait_for_message(pilot: Pilot[object], app: WizardApp, start_with: str) -> str:
    """Poll (the watch timer runs in the background) until a notification starts with ``start_with``."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        for notification in app._notifications:
            if notification.message.startswith(start_with):
                return notification.message
        await pilot.pause(0.1)
    raise AssertionError(f"no notification {start_with!r}; got {[n.message for n in app._notifications]}")


async def test_broken_edit_shows_diagnostics_and_keeps_the_session_then_a_fix_reloads(
    tmp_path: Path, make_app: MakeApp
) -> None:
    folder = trees_copy(tmp_path)
    tree_file = folder / "sample.yaml"
    good = tree_file.read_text(encoding="utf-8")
    app = make_app(load(folder), watch_paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "其他报错")
        write(tree_file, good.replace("next: other", "next: no-such-question"))
        report = await wait_for_message(pilot, app, "事项文件有错误，继续使用上一版内容：")
        assert f"{tree_file}:15:15: error WZ031" in report
        assert isinstance(app.screen, QuestionScreen)
        assert app.session is not None and app.session.place.question == "other"
        assert [step.label for step in app.session.history] == ["其他报错"]
        assert "报错信息里是否提到身份证号码？" in screen_text(app)
        await choose(pilot, app, "是")  # the old trees keep working
        assert app.session.place.answer == "sample-contact"
        await pilot.press("escape")
        await pilot.pause()

        app.clear_notifications()
        write(tree_file, good.replace("报错信息里是否提到身份证号码？", "报错信息里是否提到身份证号码（新）？"))
        assert await wait_for_message(pilot, app, "事项内容已重新加载。") == "事项内容已重新加载。"
        assert app.problems == []
        assert app.session.place.question == "other"
        assert app.session.catalog is app.catalog
        assert "报错信息里是否提到身份证号码（新）？" in screen_text(app)


async def test_reload_that_removes_the_current_question_keeps_the_old_trees_for_the_session(
    tmp_path: Path, make_app: MakeApp
) -> None:
    folder = trees_copy(tmp_path)
    tree_file = folder / "sample.yaml"
    good = tree_file.read_text(encoding="utf-8")
    app = make_app(load(folder), watch_paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "其他报错")
        old = app.session.catalog  # type: ignore[union-attr]
        renamed = good.replace("next: other", "next: other-error").replace("  other:", "  other-error:")
        write(tree_file, renamed.replace("title: 参保登记报错处理", "title: 参保登记报错（新版）"))
        message = await wait_for_message(pilot, app, "事项内容已重新加载。")
        assert "当前问题在新内容中已不存在，本次办理继续使用旧内容。" in message
        assert app.session is not None and app.session.catalog is old
        assert app.session.place.question == "other"
        assert "报错信息里是否提到身份证号码？" in screen_text(app)
        await pilot.press("h")
        await pilot.pause()
        assert "参保登记报错（新版）" in screen_text(app)  # the task list uses the new trees


async def test_search_in_a_session_kept_on_the_old_trees_opens_old_answers(tmp_path: Path, make_app: MakeApp) -> None:
    """The session keeps its trees after a rename; its search must search those trees, not the new ones."""
    folder = trees_copy(tmp_path)
    tree_file, answers_file = folder / "sample.yaml", folder / "answers.yaml"
    good = tree_file.read_text(encoding="utf-8")
    app = make_app(load(folder), watch_paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "其他报错")
        brand_new = "  brand-new-answer:\n    title: 全新的答案\n    body: 全新正文\n    keywords: [全新关键词]\n"
        answers_file.write_text(answers_file.read_text(encoding="utf-8") + brand_new, encoding="utf-8")
        renamed = good.replace("next: other", "next: renamed").replace("  other:", "  renamed:")
        new_option = "      - label: 全新选项\n        answer: brand-new-answer\n  renamed:"
        renamed = renamed.replace("\n  renamed:", "\n" + new_option, 1)
        write(tree_file, renamed + "  - choose: [全新选项]\n    expect: brand-new-answer\n")
        await wait_for_message(pilot, app, "事项内容已重新加载。")
        await pilot.press("slash", *"全新关键词")
        await pilot.pause()
        assert "全新的答案" not in screen_text(app)  # not in the trees this session uses
        await pilot.press("enter")  # not in those trees: the way out of the old trees opens
        await pilot.pause()
        assert app.is_running and app.session is not None and app.session.catalog is not app.catalog
        assert app.session.place.answer == "sample-contact"
        await pilot.press("escape", "h")
        await pilot.pause()
        await pilot.press("slash", *"全新关键词", "enter")  # a fresh session from home uses the new trees
        await pilot.pause()
        assert app.session is not None and app.session.place.answer == "brand-new-answer"


CRASHING_EDITS = {
    "int-tag": "id: !!int abc\n",
    "huge-number": "id: sample\norder: " + "9" * 5000 + "\n",
    "null-document": "~\n",
    "too-many-values": "x: [" + "1," * 600_000 + "1]\n",
    "binary": "\x00\x01",
    "bad-character": "id: sample\x01\n",
}
"""Edits that crashed a watching app before (or would have): each must be reported, not raised."""


async def test_no_edit_crashes_a_watching_app_or_loses_the_clerks_place(tmp_path: Path, make_app: MakeApp) -> None:
    folder = trees_copy(tmp_path)
    tree_file = folder / "sample.yaml"
    app = make_app(load(folder), watch_paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "其他报错")
        for name, text in CRASHING_EDITS.items():
            app.clear_notifications()
            write(tree_file, text)
            report = await wait_for_message(pilot, app, "事项文件有错误，继续使用上一版内容：")
            assert f"{tree_file}:" in report and " error WZ0" in report, (name, report)
            assert app.is_running and app.session is not None and app.session.place.question == "other", name
        await choose(pilot, app, "是")
        assert app.session.place.answer == "sample-contact"


async def test_the_reload_report_shows_errors_before_warnings(tmp_path: Path, make_app: MakeApp) -> None:
    folder = trees_copy(tmp_path)
    one_option = (
        "id: a{n}\ntitle: 任务{n}\nsummary: s\nstart: q{n}\nnodes:\n  q{n}:\n    question: 问？\n"
        "    options:\n      - label: 唯一\n        answer: sample-contact\n"
        "examples:\n  - choose: [唯一]\n    expect: sample-contact\n"
    )
    for n in range(6):  # six trees with a one-option question (warnings), in files that sort first
        (folder / f"a{n}.yaml").write_text(one_option.format(n=n), encoding="utf-8")
    app = make_app(load(folder), watch_paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        sample = folder / "sample.yaml"
        write(sample, sample.read_text(encoding="utf-8").replace("next: other", "next: nowhere"))
        report = await wait_for_message(pilot, app, "事项文件有错误，继续使用上一版内容：")
        lines = report.splitlines()
        assert " error WZ031 " in lines[1], report
        assert lines[-1].startswith("……另有 ")


async def test_reloading_runs_off_the_ui_thread(tmp_path: Path, make_app: MakeApp, monkeypatch) -> None:
    """While a slow reload is under way, keys still work."""
    import threading

    from wizard.content import catalog as catalog_module

    folder = trees_copy(tmp_path)
    release = threading.Event()
    real = catalog_module.load_catalog

    def slow(paths, **options):  # type: ignore[no-untyped-def]
        release.wait(timeout=20)
        return real(paths, **options)

    app = make_app(load(folder), watch_paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        monkeypatch.setattr(catalog_module, "load_catalog", slow)
        app.reload_trees()
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"  # answered while the load still waits
        release.set()
        await wait_for_message(pilot, app, "事项内容已重新加载。")
