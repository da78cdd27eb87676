"""Every example of every bundled tree, walked through the real screens with number keys."""

from __future__ import annotations

import pytest
from textual.widgets import Markdown, Static

from tests.conftest import BUNDLED_TREES
from tests.tui.conftest import MakeApp, choose, load, screen_text, squeeze, start
from wizard.content.model import Catalog
from wizard.tui.screens.answer import AnswerScreen
from wizard.tui.screens.home import HomeScreen
from wizard.tui.screens.question import QuestionScreen

EXAMPLES = [
    pytest.param(tree.id, example.choose, example.expect, id=f"{tree.id}:{example.name or '/'.join(example.choose)}")
    for tree in load(BUNDLED_TREES).ordered_trees()
    for example in tree.examples
]


@pytest.mark.parametrize(("tree_id", "labels", "expected"), EXAMPLES)
async def test_every_example_reaches_its_answer_on_screen(
    bundled: Catalog, make_app: MakeApp, tree_id: str, labels: list[str], expected: str
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await start(pilot, app, tree_id)
        for label in labels:
            assert isinstance(app.screen, QuestionScreen)
            assert app.session is not None and app.session.question is not None
            shown = squeeze(screen_text(app))
            assert squeeze(app.session.question.question) in shown
            await choose(pilot, app, label)
        assert isinstance(app.screen, AnswerScreen)
        answer = bundled.answers[expected]
        assert app.screen.query_one("#answer-title", Static).visual.plain == answer.title  # type: ignore[union-attr]
        assert app.screen.query_one("#answer-body", Markdown).source == answer.body
        assert squeeze(answer.title)[:20] in squeeze(screen_text(app))
