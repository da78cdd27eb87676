"""Debian's chromium, driven by Playwright through ``executable_path``: nothing downloads a browser.

Tests that need it skip, with the reason, where chromium is not installed
(a developer's machine); CI installs it (.ci/run).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"
"""Screenshots kept after a run (ignored by git)."""


def chromium_path() -> str:
    """The system chromium, or a skip saying how to get one."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("chromium is not installed (apt-get install chromium fonts-noto-cjk); CI has it")
    return found


@contextmanager
def browser_page(width: int = 1280, height: int = 800, *args: str) -> Iterator[tuple[Any, list[str]]]:
    """A fresh page and the list of every URL it requests; ``args`` go to chromium."""
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = chromium_path()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox", *args])
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            yield page, requests
        finally:
            browser.close()
