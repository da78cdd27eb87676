"""Content is text, never markup or terminal commands, on every real screen."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from textual import events
from textual.widgets import Input, OptionList

from tests.tui.conftest import MakeApp, choose, screen_text, settled, squeeze, start
from wizard.content.model import Catalog
from wizard.tui.screens.answer import AnswerScreen
from wizard.tui.screens.home import HomeScreen
from wizard.tui.screens.question import QuestionScreen

CLICK = "[@click=app.quit]退出[/]"


def rings(app) -> list[str]:  # type: ignore[no-untyped-def]
    """Actions run by the app; markup in content must never add any."""
    return [n.message for n in app._notifications]


async def test_home_shows_markup_like_titles_literally(hostile: Catalog, make_app: MakeApp) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(100, 30)) as pilot:
        shown = screen_text(app)
        assert f"1. {CLICK} 任务" in shown
        assert "摘要 [/etc/hosts] [bold]x [31m红色" in shown  # the loader removed the ESC itself
        await pilot.click("#tasks", offset=(8, 0))  # on the would-be link
        await pilot.pause()
        assert app.is_running


async def test_question_and_answer_screens_show_content_literally(hostile: Catalog, make_app: MakeApp) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, app, "hostile")
        assert isinstance(app.screen, QuestionScreen)
        shown = screen_text(app)
        assert f"问题 {CLICK} 以及 [/etc/hosts]？" in shown
        assert "帮助 [bold]x 和 [link=https://example.com]链接[/link]" in shown
        assert f"1. {CLICK}" in shown and "2. [/etc/hosts]" in shown
        await pilot.click("#question", offset=(5, 0))
        await pilot.click("#options", offset=(6, 1))  # selects option 1, must not quit
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, AnswerScreen)
        shown = screen_text(app)
        assert f"{CLICK} 标题 [bold]x" in shown
        assert "常见问题第 9 条" in shown
        assert f"正文里的 {CLICK} 和 [/etc/hosts] 以及 [bold]x 都要原样显示。" in shown
        assert "[link=file:///etc/passwd]链接[/link]" in shown
        assert "1. [/etc/hosts]" in shown and f"2. {CLICK}" in shown and "3. [bold]x" in shown
        assert f"问题 {CLICK} 以及 [/etc/hosts]？ › {CLICK}" in shown
        await pilot.click("#answer-body", offset=(8, 0))
        await pilot.click("#answer-title", offset=(3, 0))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, AnswerScreen)
        await pilot.press("c")
        assert app.clipboard.startswith(f"{CLICK} 标题 [bold]x（常见问题第 9 条）")


async def test_breadcrumb_and_related_show_markup_literally(hostile: Catalog, make_app: MakeApp) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, app, "hostile")
        await choose(pilot, app, "[/etc/hosts]")
        assert f"问题 {CLICK} 以及 [/etc/hosts]？ › [/etc/hosts]" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await choose(pilot, app, CLICK)
        assert "1. [red]普通答案[/red]" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        shown = screen_text(app)
        assert "[b]请联系 12333[/b]" in shown
        assert "请拨打 12333。[@click=app.bell]响铃[/]" in shown


async def test_control_characters_never_reach_the_terminal(hostile: Catalog, make_app: MakeApp) -> None:
    """Even content that bypassed the loader's cleaning is shown without its ESC sequences."""
    esc = "\x1b[2J\x1b]52;c;cHduZWQ=\x07"
    answer = hostile.answers["hostile-click"]
    tree = hostile.trees["hostile"]
    first = tree.nodes["first"]
    dirty = replace(
        hostile,
        answers={**hostile.answers, "hostile-click": replace(answer, title=f"标题{esc}尾", body=f"正文{esc}尾")},
        trees={
            "hostile": replace(
                tree,
                title=f"任务{esc}尾",
                nodes={**tree.nodes, "first": replace(first, question=f"问题{esc}尾")},
            )
        },
    )
    app = make_app(dirty)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "\x1b" not in screen_text(app) and "任务" in screen_text(app)
        await start(pilot, app, "hostile")
        assert "\x1b" not in screen_text(app) and "问题" in screen_text(app)
        await choose(pilot, app, CLICK)
        shown = screen_text(app)
        assert "\x1b" not in shown and "\x07" not in shown
        assert "标题" in shown and "正文" in shown
        assert app.is_running


async def test_search_shows_hostile_snippets_literally(hostile: Catalog, make_app: MakeApp) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"etc/hosts")
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        assert results.option_count >= 1
        shown = screen_text(app)
        assert f"{CLICK} 标题 [bold]x" in shown
        assert "[/etc/hosts]" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, AnswerScreen)
        assert isinstance(app.screen_stack[0], HomeScreen)


ENTITIES = "反转&#x202e;文字 退格&#8;响铃&#7; 转义&#x1b;[2J 隐藏&#x2066;完"


async def test_markdown_entities_cannot_smuggle_control_characters(hostile: Catalog, make_app: MakeApp) -> None:
    """Cleaning happens on what is rendered, after markdown-it decodes entities."""
    answer = hostile.answers["hostile-plain"]
    dirty = replace(hostile, answers={**hostile.answers, "hostile-plain": replace(answer, body=ENTITIES)})
    app = make_app(dirty)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_answer("hostile-plain", "搜索：x", fresh=True)
        await pilot.pause()
        shown = screen_text(app)
        assert "反转文字 退格" in shown and "隐藏完" in shown  # markdown-it shows &#8; as U+FFFD
        assert not any(char in shown for char in "\u202e\x08\x07\x1b\u2066")
        await pilot.press("c")
        assert not any(char in app.clipboard for char in "\u202e\x08\x07\x1b\u2066")


async def test_a_huge_table_renders_as_lines_and_keeps_the_app_responsive(hostile: Catalog, make_app: MakeApp) -> None:
    """A 150-column table (the checks refuse it, an in-memory catalog need not) is 'header：value' lines."""
    header = "| " + " | ".join(f"列{n}" for n in range(150)) + " |"
    rows = "\n".join("| " + " | ".join(f"值{r}-{n}" for n in range(150)) + " |" for r in range(8))
    body = f"{header}\n|{'---|' * 150}\n{rows}\n"
    answer = hostile.answers["hostile-plain"]
    app = make_app(replace(hostile, answers={**hostile.answers, "hostile-plain": replace(answer, body=body)}))
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_answer("hostile-plain", "搜索：x", fresh=True)
        await pilot.pause()
        shown = screen_text(app)
        assert "列0：值0-0；列1：值0-1" in squeeze(shown)
        await pilot.press("h")
        await pilot.pause()
        assert app.is_running and len(app.screen_stack) == 1


async def test_an_answer_that_lists_a_related_answer_twice_or_itself_does_not_crash(
    hostile: Catalog, make_app: MakeApp
) -> None:
    """A list of options cannot hold an id twice (Textual raises); content must not be able to make it try."""
    answer_id, answer = next((key, value) for key, value in hostile.answers.items() if value.related)
    other = answer.related[0]
    answers = {**hostile.answers, answer_id: replace(answer, related=[other, other, answer_id])}
    app = make_app(replace(hostile, answers=answers))
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_answer(answer_id, "搜索：x", fresh=True)
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen)
        related = app.screen.query_one("#related", OptionList)
        assert [related.get_option_at_index(i).id for i in range(related.option_count)] == [other]


@pytest.mark.parametrize("page_key", ["pagedown", "pageup"])
async def test_a_page_key_with_the_esc_that_shows_the_task_list_does_not_crash(
    bundled: Catalog, make_app: MakeApp, page_key: str
) -> None:
    """Esc closed a search and PageDown came in the same burst: the task list, hidden behind the results
    until then, had no lines laid out, and Textual's paging raised KeyError and closed the app."""
    app = make_app(bundled)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("down", "slash", *"花名册")
        await pilot.pause()
        app.post_message(events.Key("escape", None))
        for _ in range(2):  # each a moment after the one before, as a terminal sends them
            await asyncio.sleep(0)
            app.post_message(events.Key(page_key, None))
        tasks = app.screen.query_one("#tasks", OptionList)
        paged_to = len(tasks.options) - 1 if page_key == "pagedown" else 0
        await settled(pilot, lambda: tasks.has_focus and tasks.highlighted == paged_to)  # keys held meanwhile
        assert app.is_running and isinstance(app.screen, HomeScreen)
        assert tasks.has_focus and tasks.highlighted == paged_to
