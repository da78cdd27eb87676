"""The start-up path: the cached task list, loading after the first frame, and light imports."""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from textual.events import Key
from textual.widgets import Input

from tests.conftest import BUNDLED_TREES
from tests.tui.conftest import SAMPLE, MakeApp, burst, choose, load, screen_text, settled, start
from wizard.content.catalog import LoadResult
from wizard.content.locate import tree_files
from wizard.content.model import Catalog
from wizard.tui import home_cache, watch
from wizard.tui.app import WizardApp
from wizard.tui.messages import StartTask
from wizard.tui.screens.answer import AnswerScreen
from wizard.tui.screens.feedback import FeedbackScreen
from wizard.tui.screens.question import QuestionScreen


def test_the_watcher_polls_exactly_the_files_the_loader_reads() -> None:
    for paths in ([BUNDLED_TREES], [BUNDLED_TREES / "enrolment-errors.yaml"]):
        assert [Path(entry[0]) for entry in watch.stamp(paths)] == tree_files(paths).files


def test_cache_round_trip_and_any_edit_invalidates_it(tmp_path: Path) -> None:
    trees = tmp_path / "trees"
    shutil.copytree(SAMPLE, trees)
    cache = tmp_path / "cache"
    assert home_cache.read([trees], cache) is None
    home_cache.write([trees], cache, load(trees))
    tasks = home_cache.read([trees], cache)
    assert tasks == [
        home_cache.Task("sample", "参保登记报错处理", "办理参保登记时系统提示报错，按报错信息查处理办法"),
        home_cache.Task("second", "查询与打印", "打印社保结算单、查看人员月缴费明细"),
        home_cache.Task(home_cache.WAY_OUT, "其他问题（常见问题中没有）", ""),
    ]
    answers = trees / "answers.yaml"
    stat = answers.stat()
    os.utime(answers, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert home_cache.read([trees], cache) is None
    (cache / next(p.name for p in cache.iterdir())).write_text("{not json", encoding="utf-8")
    assert home_cache.read([trees], cache) is None


async def test_app_paints_cached_tasks_then_loads_the_catalog(make_app: MakeApp) -> None:
    tasks = home_cache.tasks_of(load(SAMPLE))
    app = make_app(None, load_from=[SAMPLE], tasks=tasks)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "参保登记报错处理" in screen_text(app)
        await pilot.pause(0.3)
        assert app.loaded
        await start(pilot, app, "sample")
        await choose(pilot, app, "其他报错")
        assert isinstance(app.screen, QuestionScreen)


async def test_a_key_before_the_load_loads_on_demand(make_app: MakeApp) -> None:
    app = make_app(None, load_from=[SAMPLE], tasks=home_cache.tasks_of(load(SAMPLE)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "enter")
        await pilot.pause()
        assert app.session is not None and app.session.start_tree == "sample"


async def test_two_task_keys_before_the_load_do_not_crash(make_app: MakeApp) -> None:
    """Both starts wait for the catalog; the second found the first's question screen pushed but not yet
    mounted, and showing it there closed the app (NoMatches '#task-title')."""
    app = make_app(None, load_from=[SAMPLE], tasks=home_cache.tasks_of(load(SAMPLE)))
    async with app.run_test(size=(100, 30)) as pilot:
        app.post_message(StartTask("sample"))
        app.post_message(StartTask("sample"))
        await pilot.pause(0.5)
        assert app.is_running and isinstance(app.screen, QuestionScreen)
        assert "系统提示的是哪条报错？" in screen_text(app)


async def test_keys_typed_before_the_load_do_what_they_do_after_it(
    bundled: Catalog, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clerk who knows the way types 2 3 as the app starts: task 2, then its option 3. While task 2
    waited for the trees, the 3 reached the task list too and opened task 3."""
    import wizard.content.catalog

    release = threading.Event()
    real_load = wizard.content.catalog.load_catalog

    def slow_load(paths: list[Path]) -> LoadResult:
        release.wait(10)
        return real_load(paths)

    monkeypatch.setattr(wizard.content.catalog, "load_catalog", slow_load)
    app = make_app(None, load_from=[BUNDLED_TREES], tasks=home_cache.tasks_of(bundled))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "3")
        assert not app.loaded  # both keys came before the trees
        release.set()
        await settled(pilot, lambda: isinstance(app.screen, AnswerScreen))
        assert app.session is not None and app.session.start_tree == "enrolment-errors"
        assert isinstance(app.screen, AnswerScreen)  # option 3 of its first question: 户籍性质为空
        assert app.session.place.answer == "enrol-error-hukou-empty"


async def test_keys_that_arrive_together_go_to_the_screen_the_first_opens(bundled: Catalog, make_app: MakeApp):
    """2 and 3 in one burst (a quick typist, a slow link to a browser): the 3 came back to the app before
    task 2's question was shown, and started task 3 over it."""
    app = make_app(bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.post_message(Key("2", "2"))
        app.post_message(Key("3", "3"))
        await settled(pilot, lambda: isinstance(app.screen, AnswerScreen))
        assert app.session is not None and app.session.start_tree == "enrolment-errors"
        assert isinstance(app.screen, AnswerScreen) and app.session.place.answer == "enrol-error-hukou-empty"


async def test_trees_broken_since_the_cache_was_written_exit_1(tmp_path: Path) -> None:
    broken = tmp_path / "trees"
    shutil.copytree(SAMPLE, broken)
    (broken / "sample.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    app = WizardApp(None, load_from=[broken], tasks=[home_cache.Task("sample", "标题", "摘要")])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("enter")
    assert app.return_code == 1
    assert any(problem.code == "WZ001" for problem in app.problems)


def test_without_catalog_the_app_needs_paths() -> None:
    with pytest.raises(ValueError):
        WizardApp(None)


async def test_keys_sent_together_each_act_on_the_screen_the_one_before_opened(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    """2 3 y in one go: task 2, option 3 of its question, then y on the answer that opens. The y reached
    the task list while 2 was on its way and started a search for y23."""
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        burst(app, "23y")
        await settled(pilot, lambda: isinstance(app.screen, FeedbackScreen))
        assert isinstance(app.screen, FeedbackScreen)  # y: solved, and the rating asked for
        assert app.screen_stack[0].query_one("#search", Input).value == ""
    logged = [
        json.loads(line) for path in (tmp_path / "logs").glob("*.jsonl") for line in path.read_text().splitlines()
    ]
    (outcome,) = [event for event in logged if event["event"] == "outcome"]
    assert outcome["answer"] == "enrol-error-hukou-empty" and outcome["result"] == "solved", outcome
