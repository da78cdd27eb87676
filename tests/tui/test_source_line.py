"""The answer screen names its source in small print."""

from __future__ import annotations

from tests.tui.conftest import MakeApp, screen_text, start
from wizard.content.model import Catalog


async def test_the_answer_screen_shows_where_the_answer_comes_from(bundled: Catalog, make_app: MakeApp) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(100, 60)) as pilot:
        await start(pilot, app, "enrolment-errors")
        await pilot.press("3")
        await pilot.pause()
        text = screen_text(app)
        assert "来源：江苏人社网上办事服务大厅相关问答 第 13 条" in text
        assert text.index("咨询电话：12333") < text.index("来源：")
