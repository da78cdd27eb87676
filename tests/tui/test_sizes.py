"""From 60×20 to 200×60: nothing crashes, Chinese text wraps, every option stays reachable."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from tests.tui.conftest import MakeApp, choose, screen_text, squeeze, start
from wizard.content.model import Catalog
from wizard.tui.screens.answer import AnswerScreen
from wizard.tui.screens.help import HelpScreen
from wizard.tui.screens.question import QuestionScreen

SIZES = [pytest.param((60, 20), id="60x20"), pytest.param((200, 60), id="200x60")]
LONG_QUESTION = (
    "这是一个非常长的中文问题，用来检查在很窄的终端里文字会自动换行而不是被截断，"
    "一直写到这里才结束的句子末尾标记：终点？"
)
LONG_LABEL = "这是一个非常长的中文选项，用来检查在很窄的终端里选项文字也会自动换行而不是被截断：选项末尾"


@pytest.mark.parametrize("size", SIZES)
async def test_long_text_wraps_and_the_last_option_is_reachable(
    hostile: Catalog, make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app(hostile)
    async with app.run_test(size=size) as pilot:
        await start(pilot, app, "hostile")
        await choose(pilot, app, "[/etc/hosts]")
        shown = squeeze(screen_text(app))
        assert squeeze(LONG_QUESTION) in shown  # wrapped, not cropped: the end is on screen
        options = app.screen.query_one("#options", OptionList)
        await pilot.press("end")
        await pilot.pause()
        assert options.highlighted == 8
        assert "最后一个选项" in screen_text(app)  # scrolled into view
        await pilot.press("pageup")  # back to the first option
        await pilot.pause()
        assert squeeze(LONG_LABEL) in squeeze(screen_text(app))
        await pilot.press("9")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen)
        assert app.session is not None and app.session.place.answer == "hostile-escalation"


@pytest.mark.parametrize("size", SIZES)
async def test_every_screen_renders_at_the_extremes(
    bundled: Catalog, hostile: Catalog, make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app(hostile)
    async with app.run_test(size=size) as pilot:
        await start(pilot, app, "hostile")
        await choose(pilot, app, "[/etc/hosts]")
        await choose(pilot, app, "[bold]x")
        assert isinstance(app.screen, AnswerScreen)
        body = "这是一个普通的答案，包含一个很长很长"
        assert squeeze(body) in squeeze(screen_text(app))
        assert "需要自动换行而不是被截断。" in squeeze(screen_text(app))
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "slash")
        await pilot.press(*"户籍")
        await pilot.pause()
        assert app.is_running
    if size[0] > 100:
        return  # every tree's first walk, where space is short
    app = make_app(bundled)
    async with app.run_test(size=size) as pilot:
        for tree in bundled.ordered_trees():
            await start(pilot, app, tree.id)
            assert isinstance(app.screen, QuestionScreen)
            example = tree.examples[0]
            for label in example.choose:
                await choose(pilot, app, label)
            assert isinstance(app.screen, AnswerScreen)
            await pilot.press("h")
            await pilot.pause()
        assert app.is_running
