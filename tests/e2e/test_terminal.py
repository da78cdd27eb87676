"""The installed `wizard` command in a real terminal: tmux sends keys, capture-pane reads the screen.

Skips only when tmux is missing and CI is not set; in CI a missing tmux fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_TREES
from wizard.content.catalog import load_catalog

TIMEOUT = 30.0
WIZARD = Path(sys.executable).parent / "wizard"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Callable[..., str]]:
    """Run tmux commands on a private server (own socket), killed afterwards."""
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is required in CI for the end-to-end terminal test")
        pytest.skip("tmux is not installed")
    socket = f"wizard-e2e-{uuid.uuid4().hex[:12]}"

    def run(*args: str, check: bool = True) -> str:
        result = subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=30)
        if check:
            assert result.returncode == 0, result.stderr
        return result.stdout if result.returncode == 0 else ""

    yield run
    subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, timeout=30)


def wait_for(capture: Callable[[], str], text: str) -> str:
    """Poll the pane until ``text`` appears (generous timeout, no fixed sleeps)."""
    deadline = time.monotonic() + TIMEOUT
    screen = ""
    while time.monotonic() < deadline:
        screen = capture()
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear; the screen was:\n{screen}")


def test_walk_to_an_answer_in_a_real_terminal(tmux: Callable[..., str], tmp_path: Path) -> None:
    assert WIZARD.exists(), f"install the package first: {WIZARD} is missing"
    catalog = load_catalog([BUNDLED_TREES]).catalog
    assert catalog is not None
    order = [tree.id for tree in catalog.ordered_trees()]
    tree = catalog.trees["enrolment-errors"]
    example = tree.examples[0]
    question = tree.nodes[tree.start]
    option = [o.label for o in question.options].index(example.choose[0])
    answer = catalog.answers[example.expect]

    env = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color", "XDG_CACHE_HOME": str(tmp_path)}
    command = f"{WIZARD} --trees {BUNDLED_TREES} --save-dir {tmp_path}"
    tmux(
        "new-session", "-d", "-x", "120", "-y", "40",
        *(arg for key, value in env.items() for arg in ("-e", f"{key}={value}")),
        command,
    )  # fmt: skip

    def capture() -> str:
        return tmux("capture-pane", "-p", "-J")

    wait_for(capture, "江苏人社网办向导")
    wait_for(capture, tree.title)
    tmux("send-keys", str(order.index(tree.id) + 1))
    tmux("send-keys", "Enter")
    wait_for(capture, question.question)
    tmux("send-keys", str(option + 1))
    screen = wait_for(capture, answer.title)
    assert "是否解决了您的问题？" in screen
    tmux("send-keys", "q")  # quitting ends the command, and with it the tmux session
    wait_for(lambda: "" if tmux("list-sessions", check=False) else "ended", "ended")
