"""Walks through the real screens with number keys: one of each kind.

Every example of every tree is walked by the tree-coverage plugin through the
same engine in milliseconds; here a few walks prove the screens follow it: the
longest walk, one that continues in another tree, and one that ends at an
escalation.
"""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.conftest import BUNDLED_TREES
from tests.tui.conftest import MakeApp, choose, load, screen_text, squeeze, start
from wizard.content.document import parse
from wizard.content.model import Catalog, Example, Tree
from wizard.content.walk import Walker
from wizard.tui.screens.answer import AnswerScreen
from wizard.tui.screens.home import HomeScreen
from wizard.tui.screens.question import QuestionScreen


def representative_walks(catalog: Catalog) -> list[tuple[str, Tree, Example]]:
    """The longest example, the first that crosses into another tree, the first that ends at an escalation."""
    walker = Walker(catalog)
    examples = [(tree, example) for tree in catalog.ordered_trees() for example in tree.examples]
    longest = max(examples, key=lambda pair: len(pair[1].choose))
    crossing = next(
        pair for pair in examples if len({step[0] for step in walker.walk(pair[0].id, pair[1].choose).steps}) > 1
    )
    escalating = next(pair for pair in examples if catalog.answers[pair[1].expect].kind == "escalation")
    return [("longest", *longest), ("crosses-trees", *crossing), ("escalation", *escalating)]


WALKS = [pytest.param(tree.id, example, id=kind) for kind, tree, example in representative_walks(load(BUNDLED_TREES))]


@pytest.mark.parametrize(("tree_id", "example"), WALKS)
async def test_a_walk_reaches_its_answer_on_screen(
    bundled: Catalog, make_app: MakeApp, tree_id: str, example: Example
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await start(pilot, app, tree_id)
        for label in example.choose:
            assert isinstance(app.screen, QuestionScreen)
            assert app.session is not None and app.session.question is not None
            assert squeeze(app.session.question.question) in squeeze(screen_text(app))
            await choose(pilot, app, label)
        assert isinstance(app.screen, AnswerScreen)
        answer = bundled.answers[example.expect]
        assert app.screen.query_one("#answer-title", Static).content.plain == answer.title
        body = app.screen.query_one("#answer-body", Static).content.plain
        assert all(block.text in body for block in parse(answer.body))
        assert squeeze(answer.title)[:20] in squeeze(screen_text(app))
