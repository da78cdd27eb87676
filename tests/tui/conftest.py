"""Fixtures for driving the real app with Pilot, and reading what the terminal would show."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import pytest
from rich.console import Console
from textual import events
from textual.app import App
from textual.css.query import NoMatches
from textual.keys import _character_to_key
from textual.pilot import Pilot

from tests.conftest import BUNDLED_TREES
from wizard.content.catalog import load_catalog
from wizard.content.model import Catalog
from wizard.engine.search import SearchIndex
from wizard.tui.app import WizardApp

DATA = Path(__file__).resolve().parent / "data"
HOSTILE = DATA / "hostile"
SAMPLE = DATA / "sample"


def load(folder: Path) -> Catalog:
    result = load_catalog([folder])
    assert result.catalog is not None, [d.format() for d in result.diagnostics]
    return result.catalog


@pytest.fixture(scope="session")
def bundled() -> Catalog:
    return load(BUNDLED_TREES)


@pytest.fixture(scope="session")
def hostile() -> Catalog:
    return load(HOSTILE)


@pytest.fixture(scope="session")
def sample() -> Catalog:
    return load(SAMPLE)


MakeApp = Callable[..., WizardApp]


_INDEXES: dict[int, tuple[Catalog, SearchIndex]] = {}


def _shared_index(catalog: Catalog) -> SearchIndex:
    """One search index per catalog object for the whole run: an index never changes once built,
    and the session-wide catalogs would otherwise be indexed again by every app."""
    kept = _INDEXES.get(id(catalog))
    if kept is None or kept[0] is not catalog:
        kept = _INDEXES[id(catalog)] = (catalog, _BUILD(catalog))
    return kept[1]


_BUILD = SearchIndex.build


@pytest.fixture
def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeApp:
    """A WizardApp that saves into tmp_path unless told otherwise."""
    monkeypatch.setattr(SearchIndex, "build", staticmethod(_shared_index))

    def make(catalog: Catalog, **options: object) -> WizardApp:
        options.setdefault("save_dir", tmp_path / "saved")
        return WizardApp(catalog, **options)  # type: ignore[arg-type]

    return make


def screen_text(app: App[object]) -> str:
    """The current screen as plain text, exactly as the terminal would show it."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True, legacy_windows=False
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


_LAYOUT = re.compile(r"[\s▊▎▌▔▁▂▃▄▅▆▇█]")  # spaces, borders and scrollbar blocks


def squeeze(text: str) -> str:
    """Text without spaces, line breaks and border edges: wrapped lines join back to the original."""
    return _LAYOUT.sub("", text)


def task_key(catalog: Catalog, tree_id: str) -> str:
    """The number key that picks a tree on the home screen."""
    ids = [tree.id for tree in catalog.ordered_trees()]
    return str(ids.index(tree_id) + 1)


async def settled(pilot: Pilot[object], done: Callable[[], bool], seconds: float = 10) -> None:
    """Pause until ``done()``, or ``seconds`` pass: for what takes a thread or a few refreshes, slower on a
    busy machine (the trees loading, held keys let go after a screen is drawn). The test asserts after."""
    for _ in range(int(seconds / 0.05)):
        with suppress(NoMatches):  # a screen on its way has no widgets yet: not done
            if done():
                return
        await pilot.pause(0.05)


def burst(app: App[object], text: str) -> None:
    """Send ``text`` as a terminal's reader hands an input method's phrase to the app: every key at once,
    before the first has done anything."""
    for character in text:
        app.post_message(events.Key(_character_to_key(character), character))


async def choose(pilot: Pilot[object], app: WizardApp, label: str) -> None:
    """Press the number key of the option labelled ``label`` on the question screen."""
    assert app.session is not None
    labels = [option.label for option in app.session.options]
    assert label in labels, (label, labels)
    await pilot.press(str(labels.index(label) + 1))
    await pilot.pause()


async def start(pilot: Pilot[object], app: WizardApp, tree_id: str) -> None:
    """Start a task on the home screen with its number key (a digit starts it at once)."""
    await pilot.press(task_key(app.catalog, tree_id))
    await pilot.pause()
