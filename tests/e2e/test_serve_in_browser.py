"""`wizard serve` in a real browser: offline page, the wizard walked to FAQ 13, Chinese on the grid, the cap, Ctrl+C."""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

import pytest

from tests.conftest import BUNDLED_TREES
from tests.e2e.browser import ARTIFACTS, browser_page

pytest.importorskip("textual_serve")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    def __init__(self, process: subprocess.Popen[bytes], url: str, logs: Path) -> None:
        self.process, self.url, self.logs = process, url, logs

    def events(self) -> list[dict]:
        return [json.loads(line) for path in self.logs.glob("events-*.jsonl") for line in path.read_text().splitlines()]

    def wizards(self) -> list[int]:
        """The wizard processes this server started (found by the log folder on their command line)."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                except OSError:
                    continue
                if "wizard.cli" in command and str(self.logs) in command and "wizard.cli serve" not in command:
                    found.append(int(entry.name))
        return found


@contextmanager
def serve(tmp_path: Path, *extra: str, port: int | None = None) -> Iterator[Served]:
    port = port or free_port()
    logs = tmp_path / "logs"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("WIZARD_", "XDG_"))}
    env["HOME"] = str(tmp_path)
    command = [sys.executable, "-m", "wizard.cli", "serve", "--port", str(port), "--log-dir", str(logs)]
    process = subprocess.Popen(
        [*command, "--trees", str(BUNDLED_TREES), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            break
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError(process.stdout.read().decode() if process.stdout else "no output") from None
            time.sleep(0.2)
    served = Served(process, url, logs)
    try:
        yield served
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Served]:
    with serve(tmp_path) as served:
        yield served


def wait_for(condition, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.2)


def test_a_browser_walks_to_faq_13_with_nothing_from_other_hosts(server: Served) -> None:
    with browser_page(1280, 800) as (page, requests):
        page.goto(server.url)
        page.wait_for_function("document.body.classList.contains('-first-byte')", timeout=20_000)
        wait_for(
            lambda: any(event["event"] == "start" or event["event"] == "task" for event in server.events()) or True
        )
        page.wait_for_timeout(1500)  # the task list is drawn
        page.focus(".xterm-helper-textarea")  # keys to the terminal, without clicking a task
        page.keyboard.press("2")
        wait_for(lambda: any(event.get("tree") == "enrolment-errors" for event in server.events()))
        page.keyboard.press("3")
        wait_for(lambda: any(event.get("answer") == "enrol-error-hukou-empty" for event in server.events()))
        page.wait_for_timeout(800)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "serve-faq13.png"))
        hosts = {urlparse(url).hostname for url in requests}
        assert hosts == {"127.0.0.1"}, requests
        # The terminal's font (textual.js asks for 'Roboto Mono', mapped by our page onto a CJK monospace
        # font): a Chinese character must be two Latin cells wide, so Chinese sits on the grid.
        ratio = page.evaluate(
            """() => { const c = document.createElement('canvas').getContext('2d');
                       c.font = "16px 'Roboto Mono'";
                       return c.measureText('户籍性质为空').width / c.measureText('WWWWWWWWWWWW').width; }"""
        )
        assert ratio == pytest.approx(1.0, abs=0.05), ratio
        asked: list[str] = []
        page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
        try:  # a reload would end the session: the page asks first, and staying keeps it
            page.reload(timeout=3_000)
        except Exception as error:  # the reload was called off by the answer "stay"
            assert "Timeout" in type(error).__name__, error
        assert asked == ["beforeunload"]
    answered = [event for event in server.events() if event["event"] == "answer"]
    assert answered[-1]["answer"] == "enrol-error-hukou-empty" and answered[-1]["via"] == "walk"
    assert {event["front"] for event in server.events()} == {"web"}  # told apart from the terminal's "tui"


def test_glyphs_sit_in_their_cells_and_narrow_punctuation_takes_one(server: Served) -> None:
    """The terminal puts a glyph's ideographic baseline at the bottom of its cell, and a CJK font's box
    reaches below it: every row sat low and the key bar lost its bottom. And … “ — ↓, one cell in the
    terminal, were drawn two cells wide by the CJK font, over the next character."""
    with browser_page(1024, 768) as (page, _):
        page.goto(server.url)
        page.wait_for_function("document.body.classList.contains('-first-byte')", timeout=20_000)
        page.evaluate("document.fonts.load(\"16px 'Roboto Mono'\", '…“—↓户W')")
        lowest = page.evaluate(
            """() => { const canvas = document.createElement('canvas'); canvas.width = 40; canvas.height = 60;
                       const c = canvas.getContext('2d'); c.font = "16px 'Roboto Mono'";
                       c.textBaseline = 'ideographic'; c.fillText('gy户', 2, 30);  // 30: a cell's bottom
                       const ink = c.getImageData(0, 0, 40, 60).data; let lowest = -1;
                       for (let row = 0; row < 60; row++) for (let col = 0; col < 40; col++)
                         if (ink[(row * 40 + col) * 4 + 3] > 64) lowest = row;
                       return lowest; }"""
        )
        assert 20 < lowest < 30, lowest  # drawn, and within the cell
        widths = page.evaluate(
            """() => { const c = document.createElement('canvas').getContext('2d');
                       c.font = "16px 'Roboto Mono'"; const cell = c.measureText('W').width;
                       return ['…', '“', '—', '↓'].map((mark) => c.measureText(mark).width / cell); }"""
        )
        assert all(width <= 1.05 for width in widths), widths


LOOKS = """(button) => { const look = (element, ...names) => {
                const style = getComputedStyle(element); return names.map((name) => style[name]); };
              return [look(document.body, 'backgroundColor', 'color', 'fontFamily'),
                      look(button.parentElement, 'backgroundColor', 'borderTopColor', 'fontSize'),
                      look(button, 'fontSize', 'paddingTop', 'paddingLeft')]; }"""
"""How a page and the box around its button look: colours, fonts, sizes."""


def status(url: str) -> int:
    try:
        return int(urllib.request.urlopen(url, timeout=5).status)
    except urllib.error.HTTPError as error:
        return error.code


def test_over_the_cap_a_notice_says_so_in_chinese_and_retry_gets_in_once_a_place_is_free(tmp_path: Path) -> None:
    """The page was plain white, with no button, unlike the dark notices of the wizard's own page."""
    with serve(tmp_path, "--max-sessions", "1") as served, browser_page() as (page, _):
        page.goto(served.url)
        page.wait_for_function("document.body.classList.contains('-first-byte')", timeout=20_000)
        second = page.context.browser.new_page()
        response = second.goto(served.url)
        assert response is not None and response.status == 503
        assert "当前同时使用的人数已达上限（1 人）" in second.inner_text("body")
        assert second.evaluate("document.activeElement.textContent") == "重新尝试"  # Enter or Space retries
        assert second.evaluate(f"({LOOKS})(document.querySelector('button'))") == page.evaluate(
            f"({LOOKS})(document.querySelector('.notice button'))"
        )
        page.close()  # the first clerk is done: a place is free
        wait_for(lambda: status(served.url) == 200)
        second.keyboard.press("Enter")  # reloads: while the new page loads it has no body yet
        second.wait_for_function(
            "document.body !== null && document.body.classList.contains('-first-byte')", timeout=20_000
        )


def test_ctrl_c_stops_the_server_and_every_wizard(tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        with browser_page() as (page, _):
            page.goto(served.url)
            page.wait_for_function("document.body.classList.contains('-first-byte')", timeout=20_000)
            wait_for(lambda: len(served.wizards()) >= 1)  # the shell textual-serve starts, and its wizard
            served.process.send_signal(signal.SIGINT)
            served.process.wait(timeout=15)
        wait_for(lambda: served.wizards() == [], timeout=10)


def open_then_stop_the_server(page, served: Served) -> None:  # type: ignore[no-untyped-def]
    """Open the wizard, then stop the server (Ctrl+C) once a wizard runs for the page; wait for the notice."""
    page.goto(served.url)
    page.wait_for_function("document.body.classList.contains('-first-byte')", timeout=20_000)
    wait_for(lambda: len(served.wizards()) >= 1)
    served.process.send_signal(signal.SIGINT)
    served.process.wait(timeout=15)
    page.wait_for_function("document.body.dataset.ended === 'stopped'", timeout=20_000)


def test_a_stopped_server_is_not_blamed_on_the_clerk_and_start_again_waits_for_it(tmp_path: Path) -> None:
    with serve(tmp_path) as served, browser_page() as (page, _):
        page.add_init_script(  # how the server closed the connection, seen beside the page's own handler
            """const Native = window.WebSocket; window.__closed = [];
               window.WebSocket = class extends Native { constructor(...args) { super(...args);
                 this.addEventListener('close', (event) => window.__closed.push([event.code, event.reason])); } };"""
        )
        open_then_stop_the_server(page, served)
        assert page.evaluate("window.__closed") == [[1001, "stopped"]]  # said by the server, not guessed
        notice = page.inner_text(".notice")
        assert "向导服务暂时中断" in notice and "12333" in notice and "本次办理已结束" not in notice
        page.click(".notice button")  # the server is still down: no browser error page, the notice stays
        page.wait_for_function("document.body.classList.contains('-still-down')", timeout=10_000)
        assert page.url == served.url and "服务还没有恢复" in page.inner_text(".notice")


def test_when_a_notice_shows_enter_or_space_starts_again(tmp_path: Path) -> None:
    """The keys stayed in the terminal's hidden textarea and went to the closed connection: only a mouse
    click reached 重新开始. The idle and ended notices share the button (the idle test presses Enter)."""
    port = free_port()
    with serve(tmp_path, port=port) as served, browser_page(1024, 768) as (page, _):
        open_then_stop_the_server(page, served)
        assert page.evaluate("document.activeElement.textContent") == "重新开始"
        page.keyboard.press("Enter")  # the server is still down: the notice says so
        page.wait_for_function("document.body.classList.contains('-still-down')", timeout=10_000)
        with serve(tmp_path, port=port):  # back, at the same address
            page.keyboard.press("Space")
            page.wait_for_function(  # a new page (the old one had its first byte too), with a new session
                "document.body !== null && document.body.classList.contains('-first-byte')"
                " && !document.body.classList.contains('-closed')",
                timeout=20_000,
            )


def brightest(page, outside: dict | None = None) -> int:  # type: ignore[no-untyped-def]
    """The brightest colour channel (0-255) on the page's screenshot, leaving out the box ``outside``."""
    shot = base64.b64encode(page.screenshot()).decode()
    return int(
        page.evaluate(
            """async ([shot, box]) => { const image = new Image(); image.src = 'data:image/png;base64,' + shot;
                 await image.decode(); const { width, height } = image;
                 const canvas = document.createElement('canvas'); canvas.width = width; canvas.height = height;
                 const c = canvas.getContext('2d'); c.drawImage(image, 0, 0);
                 const ink = c.getImageData(0, 0, width, height).data; let most = 0;
                 for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
                   if (box && x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height) continue;
                   const at = (y * width + x) * 4; most = Math.max(most, ink[at], ink[at + 1], ink[at + 2]); }
                 return most; }""",
            [shot, outside],
        )
    )


def test_the_wizard_behind_a_notice_is_dimmed(tmp_path: Path) -> None:
    """The stopped wizard stayed as bright as a live one around the notice: its 已解决 / 未解决 looked usable."""
    with serve(tmp_path) as served, browser_page(1024, 768) as (page, _):
        page.goto(served.url)
        page.wait_for_function("document.body.classList.contains('-first-byte')", timeout=20_000)
        wait_for(lambda: brightest(page) > 200)  # the task list is drawn, in bright text
        served.process.send_signal(signal.SIGINT)
        served.process.wait(timeout=15)
        page.wait_for_function("document.body.dataset.ended === 'stopped'", timeout=20_000)
        box = page.evaluate(
            "(({ x, y, width, height }) => ({ x, y, width, height }))("
            "document.querySelector('.notice div').getBoundingClientRect())"
        )
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "serve-stopped-notice.png"))
        assert brightest(page, box) < 128  # only the notice itself stays bright


def test_keys_reach_the_wizard_without_a_click_and_ctrl_v_pastes_the_clerks_clipboard(server: Served) -> None:
    with browser_page() as (page, _):
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url.rstrip("/"))
        page.goto(server.url)
        page.wait_for_function("document.body.classList.contains('-first-byte')", timeout=20_000)
        page.wait_for_timeout(1500)  # the task list is drawn
        page.evaluate("navigator.clipboard.writeText('提交失败！\\n错误信息：户籍性质为空')")  # copied in the web hall
        page.keyboard.press("/")  # no click into the page first
        page.keyboard.press("Control+V")
        page.wait_for_timeout(800)
        page.keyboard.press("Enter")
        wait_for(lambda: any(event.get("answer") == "enrol-error-hukou-empty" for event in server.events()))
    searched = [event for event in server.events() if event["event"] == "search"]
    assert searched and "户籍性质为空" in searched[-1]["query"]


def test_on_plain_http_c_still_copies_the_answer(tmp_path: Path) -> None:
    """An intranet address without https has no clipboard API in the browser: copying must not fail silently."""
    with (
        serve(tmp_path) as served,
        browser_page(1280, 800, "--host-resolver-rules=MAP wizard.test 127.0.0.1") as (
            page,
            _,
        ),
    ):
        page.add_init_script(
            """const copy = document.execCommand.bind(document); window.__copied = [];
               document.execCommand = (command, ...rest) => { const done = copy(command, ...rest);
                 if (command === 'copy') window.__copied.push([done, document.activeElement.value]); return done; };"""
        )
        page.goto(served.url.replace("127.0.0.1", "wizard.test"))
        page.wait_for_function("document.body.classList.contains('-first-byte')", timeout=20_000)
        assert page.evaluate("window.isSecureContext") is False
        page.wait_for_timeout(1500)
        page.keyboard.press("2")
        wait_for(lambda: any(event.get("tree") == "enrolment-errors" for event in served.events()))
        page.keyboard.press("3")
        wait_for(lambda: any(event.get("answer") == "enrol-error-hukou-empty" for event in served.events()))
        page.keyboard.press("c")
        page.wait_for_function("window.__copied.length > 0", timeout=10_000)
        ((copied, text),) = page.evaluate("window.__copied")
        assert copied is True and "户籍性质" in text


def download_faq_13(served: Served) -> tuple[str, str, bytes]:
    """Walk to FAQ 13 in a browser and press s: the file's name as the browser saves it, the
    Content-Disposition it came with, and its bytes."""
    with browser_page(1280, 800) as (page, _):
        downloads: list[Any] = []
        dispositions: list[str] = []
        context = page.context
        context.on("page", lambda tab: tab.on("download", lambda download: downloads.append(download)))
        page.on("download", lambda download: downloads.append(download))
        context.on(
            "response",
            lambda response: (
                dispositions.append(response.headers.get("content-disposition", ""))
                if "/download/" in response.url
                else None
            ),
        )
        page.goto(served.url)
        page.wait_for_function("document.body.classList.contains('-first-byte')", timeout=20_000)
        page.wait_for_timeout(1500)  # the task list is drawn
        page.keyboard.press("2")
        wait_for(lambda: any(event.get("tree") == "enrolment-errors" for event in served.events()))
        page.keyboard.press("3")
        wait_for(lambda: any(event.get("answer") == "enrol-error-hukou-empty" for event in served.events()))
        page.wait_for_timeout(500)
        page.keyboard.press("s")
        for _ in range(100):  # Playwright's events arrive only while it runs: no time.sleep here
            if downloads:
                break
            page.wait_for_timeout(200)
        assert downloads, "no download"
        (download,) = downloads
        return download.suggested_filename, dispositions[-1], Path(download.path()).read_bytes()


def test_s_in_a_browser_downloads_the_transcript_under_a_chinese_name(server: Served) -> None:
    """QA round 6: downloads were named 20261129-173038-enrol-error-hukou-empty.txt in Chinese mode, and
    textual-serve sends a name raw in an unquoted filename=, which HTTP does not allow outside ASCII."""
    name, disposition, _ = download_faq_13(server)
    assert re.fullmatch(r"办理记录-\d{8}-\d{4}-常见问题第13条\.txt", name), name
    assert disposition.startswith('attachment; filename="') and disposition.isascii(), disposition
    assert f"filename*=UTF-8''{quote(name)}" in disposition, disposition


def test_the_downloaded_transcript_reads_as_plain_text_in_notepad(server: Served) -> None:
    """QA round 6: the .txt still read as Markdown: 「# 江苏人社网办向导 · 办理记录」, 「## 问答经过」,
    「- 时间：」."""
    _, _, data = download_faq_13(server)
    assert data.startswith("\ufeff".encode()) and data.count(b"\n") == data.count(b"\r\n")  # as Notepad writes
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[:2] == ["江苏人社网办向导 · 办理记录", "＝" * 14], lines[:4]
    assert "问答经过" in lines and "• 方式一：员工登陆网办大厅个人账户，" in "\n".join(lines)
    assert not [line for line in lines if line.lstrip().startswith(("#", "- ", "> ", "**"))], lines


def test_a_download_says_its_name_in_ascii_and_in_utf_8() -> None:
    from wizard.web.server import content_disposition

    assert content_disposition("办理记录-20261129-1730-常见问题第13条-未解决.txt") == (
        "attachment; filename=\"20261129-1730-13.txt\"; filename*=UTF-8''"
        + quote("办理记录-20261129-1730-常见问题第13条-未解决.txt")
    )
    plain = content_disposition("20261129-173038-join-after-11th-unsolved.txt", inline=True)
    assert plain.startswith('inline; filename="20261129-173038-join-after-11th-unsolved.txt"; filename*=')


def test_listening_beyond_loopback_needs_public(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wizard.cli", "serve", "--host", "0.0.0.0", "--port", str(free_port())],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2 and "--public" in result.stderr and "docs/serve.md" in result.stderr


def test_the_page_and_its_stylesheet_name_no_other_host(server: Served) -> None:
    """Without a browser too: every address in the page and in xterm.css is this server's."""
    import re

    page = urllib.request.urlopen(server.url, timeout=10).read().decode()
    addresses = re.findall(r"(?:https?|wss?)://[^\s\"')]+", page)
    assert addresses and {urlparse(address).hostname for address in addresses} == {"127.0.0.1"}, addresses
    assert "googleapis" not in page and "Roboto Mono" in page  # the name textual.js asks for, mapped locally
    assert 'local("Noto Sans Mono CJK SC")' in page and 'local("NSimSun")' in page
    css = urllib.request.urlopen(server.url + "static/css/xterm.css", timeout=10).read().decode()
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)  # its licence comment names a website; loads nothing
    assert not re.search(r"https?://|@import|url\(", rules)


def test_each_session_runs_the_wizard_on_the_same_trees_log_and_language(tmp_path: Path) -> None:
    import argparse

    from wizard.commands.serve import app_command, is_loopback

    args = argparse.Namespace(trees=str(tmp_path / "trees"), log_dir=str(tmp_path / "logs"), lang="en")
    command = app_command(args)
    assert command.startswith(f"{sys.executable} -m wizard.cli --lang en --trees ")
    assert f"--log-dir {tmp_path / 'logs'}" in command
    assert "--no-log" in app_command(argparse.Namespace(trees=None, no_log=True))
    assert [is_loopback(host) for host in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "10.1.2.3", "wizard")] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_a_session_nobody_uses_ends_and_the_page_says_why(tmp_path: Path) -> None:
    with serve(tmp_path, "--idle-minutes", "0.05") as served, browser_page(1024, 768) as (page, _):
        page.goto(served.url)
        page.wait_for_function("document.body.classList.contains('-first-byte')", timeout=20_000)
        wait_for(lambda: len(served.wizards()) >= 1)
        page.wait_for_function("document.body && document.body.dataset.ended === 'idle'", timeout=20_000)
        notice = page.inner_text(".notice")
        assert "0.05 分钟没有操作，本次办理已自动结束" in notice and "本次办理已结束（" not in notice
        wait_for(lambda: served.wizards() == [], timeout=10)  # its place is free again
        page.keyboard.press("Enter")  # the notice's button has the keys
        page.wait_for_function(  # a new page (the old one had its first byte too), with a new session
            "document.body !== null && document.body.classList.contains('-first-byte')"
            " && !document.body.classList.contains('-closed')",
            timeout=20_000,
        )


def test_typing_keeps_a_session_from_ending(tmp_path: Path) -> None:
    # The idle clock starts with the wizard's process, before its first paint: under a loaded CI machine
    # that paint can take seconds, so the limit (6 s) leaves room for it and still ends before the typing.
    with serve(tmp_path, "--idle-minutes", "0.1") as served, browser_page(1024, 768) as (page, _):
        page.goto(served.url)
        page.wait_for_function("document.body.classList.contains('-first-byte')", timeout=20_000)
        page.focus(".xterm-helper-textarea")
        for _ in range(10):  # ten keys a second apart, well past the limit: never six seconds without one
            page.keyboard.press("ArrowDown")
            page.wait_for_timeout(1000)
        assert page.evaluate("document.body.dataset.ended") is None
        assert served.wizards() != []


def test_a_page_that_lost_the_race_for_the_last_place_says_the_wizard_is_full(tmp_path: Path) -> None:
    """The page loaded while a place was free, then another tab took it before this one connected."""
    with serve(tmp_path, "--max-sessions", "1") as served, browser_page() as (page, _):
        late = page.context.browser.new_page()
        held: list = []
        late.route("**/textual.js", lambda route: held.append(route))  # its terminal script waits: not connected
        late.goto(served.url, wait_until="commit")
        while not held:  # playwright runs the route handler while the page is waited on
            late.wait_for_timeout(100)
        page.goto(served.url)  # the other tab takes the only place
        page.wait_for_function("document.body.classList.contains('-first-byte')", timeout=20_000)
        held[0].continue_()
        late.wait_for_function("document.body && document.body.dataset.ended === 'busy'", timeout=20_000)
        assert "当前同时使用的人数已达上限" in late.inner_text(".notice")
        assert "本次办理已结束" not in late.inner_text(".notice")


def test_wrong_addresses_get_a_page_in_the_clerks_language_and_no_traceback(tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        for path in ("nothing-here", "download/no-such-key", "static/", "static/js/"):
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(served.url + path, timeout=10)
            body = error.value.read().decode()
            assert error.value.code == 404 and "没有这个页面" in body and "Not Found" not in body, path
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(served.url + "ws", timeout=10)  # a probe, not a websocket
        assert error.value.code == 400
        assert urllib.request.urlopen(served.url + "favicon.ico", timeout=10).status == 204
    output = served.process.stdout.read().decode() if served.process.stdout else ""
    assert "Traceback" not in output and "Error handling request" not in output, output


def test_the_pages_speak_the_servers_language() -> None:
    from wizard.web.server import WizardServer

    def page(lang: str) -> dict[str, str]:
        server = WizardServer("true", host="127.0.0.1", port=1, max_sessions=1, public_url=None, lang=lang)
        server.idle_minutes = 30
        return server._page_texts()

    assert page("zh")["idle"].startswith("30 分钟没有操作") and page("zh")["html_lang"] == "zh-CN"
    assert page("zh")["retry"] == "重新尝试"
    english = page("en")
    assert english["idle"].startswith("Nothing was done for 30 minutes") and english["html_lang"] == "en"
    assert not any("\u4e00" <= char <= "\u9fff" for value in english.values() for char in value)


def test_the_console_line_speaks_the_servers_language(capsys: pytest.CaptureFixture[str]) -> None:
    import asyncio

    from wizard.web.server import WizardServer

    server = WizardServer("true", host="127.0.0.1", port=1, max_sessions=3, public_url=None, lang="en")
    asyncio.run(server.on_startup(None))  # type: ignore[arg-type]  # the app is not used
    assert capsys.readouterr().out.startswith("The wizard is served at")
