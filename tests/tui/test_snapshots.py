"""How the three main screens look at 100×30 (pytest-textual-snapshot).

The pictures use the small catalog in tests/tui/data/sample, so they change when
the interface does, not when the bundled content is edited. After a deliberate
change to the look, run `pytest tests/tui/test_snapshots.py --snapshot-update`
and review the new SVG files before committing them.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.tui.conftest import SAMPLE, load
from wizard.tui.app import WizardApp

SIZE = (100, 30)
SnapCompare = Callable[..., bool]


def app() -> WizardApp:
    return WizardApp(load(SAMPLE))


def test_home(snap_compare: SnapCompare) -> None:
    assert snap_compare(app(), terminal_size=SIZE)


def test_question_with_breadcrumb(snap_compare: SnapCompare) -> None:
    assert snap_compare(app(), press=["1", "enter", "3"], terminal_size=SIZE)


def test_answer(snap_compare: SnapCompare) -> None:
    assert snap_compare(app(), press=["1", "enter", "1"], terminal_size=SIZE)
