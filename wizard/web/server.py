"""``wizard serve``: textual-serve, made fit for an office intranet in China.

textual-serve as shipped loads Google Fonts, draws with a font stack that has
no Chinese monospace font, and starts a process for every connection with no
limit. This subclass serves our own page (``templates/``: nothing from any
other host; the terminal's font name mapped onto the CJK monospace fonts of
Windows and Linux), caps the number of sessions with a Chinese page that
looks like the wizard's notices and has a button to try again, ends a session
nobody has used for ``idle_minutes`` (a tab left open must not hold a place
all day), answers unknown addresses with a page in the clerk's language, and
stops every app process when the server stops. The package itself is used as
installed, never patched.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import signal
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import quote

import aiohttp_jinja2
import textual_serve
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from wizard.i18n import text

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATICS = Path(str(textual_serve.__file__)).resolve().parent / "static"
"""textual-serve's own terminal script and stylesheet, served as installed."""
log = logging.getLogger("wizard.web")
STOP_GRACE = 5.0
"""Seconds the wizards get to quit on their own when the server stops."""
IDLE_CHECKS = 10
"""How often, per idle limit, a session is checked for being idle (at least once a second)."""
BUSY, IDLE, GOING_AWAY = 1013, 4000, 1001
"""Close codes: try again later and going away (RFC 6455), and ours for a session ended for want of use."""


class WizardService(AppService):
    """A wizard process that knows when the clerk last typed or clicked in it."""

    last_input = 0.0

    async def send_bytes(self, data: bytes) -> bool:
        self.last_input = time.monotonic()
        return await super().send_bytes(data)


class WizardServer(Server):
    """Serves the wizard; at most ``max_sessions`` browser sessions (app processes) at once."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        max_sessions: int,
        public_url: str | None,
        lang: str = "zh",
        idle_minutes: float = 0,
    ) -> None:
        super().__init__(
            command,
            host=host,
            port=port,
            title=text("app_title", lang),
            public_url=public_url,
            statics_path=STATICS,
            templates_path=TEMPLATES,
        )
        self.max_sessions = max_sessions
        self.lang = lang
        self.idle_minutes = idle_minutes
        self.services: set[AppService] = set()
        self.sockets: set[web.WebSocketResponse] = set()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        aiohttp_jinja2.get_env(app).globals["page"] = self._page_texts()
        app.middlewares.append(self._not_found_in_clerks_language)
        app.router.add_get("/favicon.ico", _no_icon)
        return app

    def _page_texts(self) -> dict[str, str]:
        """What the pages say, in the server's language."""
        minutes = f"{self.idle_minutes:g}"
        return {
            "html_lang": "zh-CN" if self.lang == "zh" else "en",
            "opening": text("serve_opening", self.lang).format(self.title),
            "ended": text("serve_ended", self.lang),
            "idle": text("serve_idle", self.lang).format(minutes),
            "full": text("serve_full", self.lang),
            "stopped": text("serve_stopped", self.lang),
            "still_down": text("serve_still_down", self.lang),
            "full_title": text("serve_full_title", self.lang),
            "restart": text("serve_restart", self.lang),
            "retry": text("serve_retry", self.lang),
            "not_found": text("serve_not_found", self.lang),
            "back_home": text("serve_back_home", self.lang),
            "home": f"{self.public_url}/",
        }

    @web.middleware
    async def _not_found_in_clerks_language(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """A wrong address, a download already fetched, or a folder of /static: one page, in the clerk's
        language (aiohttp's own says "404: Not Found"; its static route would list the folder)."""
        if request.path.startswith("/static/") and request.path.endswith("/"):
            return self._not_found(request)
        try:
            return await handler(request)
        except web.HTTPNotFound:
            return self._not_found(request)

    def _not_found(self, request: web.Request) -> web.Response:
        return aiohttp_jinja2.render_template("not_found.html", request, {}, status=404)

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """A transcript the wizard offers, as textual-serve sends it but named so that every browser keeps
        its Chinese name: textual-serve writes ``filename=办理记录-….txt`` raw and unquoted, which
        HTTP does not allow; RFC 6266 says it with ``filename*`` (RFC 5987) beside an ASCII fallback."""
        key = request.match_info["key"]
        try:
            meta = await self.download_manager.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound() from None
        response = web.StreamResponse()
        charset = f"; charset={meta.encoding}" if meta.encoding else ""
        response.headers["Content-Type"] = f"{meta.mime_type}{charset}"
        response.headers["Content-Disposition"] = content_disposition(
            meta.file_name, inline=meta.open_method == "browser"
        )
        await response.prepare(request)
        async for chunk in self.download_manager.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    def initialize_logging(self) -> None:
        """Plain log lines: the stock handler prints a banner and rich tracebacks with local variables."""
        logging.basicConfig(level="INFO", format="%(asctime)s %(message)s", datefmt="%H:%M:%S")

    async def on_startup(self, app: web.Application) -> None:
        print(text("serve_started", self.lang).format(self.public_url, self.max_sessions), flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        """Stop every wizard still running (Ctrl+C must not leave any behind): ask each to quit, then kill.
        Each page is told first that the server stops, so it does not say the clerk ended the session."""
        with contextlib.suppress(Exception):
            await asyncio.gather(*(socket.close(code=GOING_AWAY, message=b"stopped") for socket in self.sockets))
        services = list(self.services)
        if services:
            with contextlib.suppress(TimeoutError, Exception):
                await asyncio.wait_for(asyncio.gather(*(service.stop() for service in services)), STOP_GRACE)
        left = [getattr(service, "_process", None) for service in services]
        _kill_trees([process.pid for process in left if process is not None and process.returncode is None])

    @property
    def busy(self) -> bool:
        return len(self.services) >= self.max_sessions

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.busy:
            return self._busy_page(request)
        return await super().handle_index(request)

    def _busy_page(self, request: web.Request) -> web.Response:
        response = aiohttp_jinja2.render_template(
            "busy.html", request, {"message": text("serve_busy", self.lang).format(self.max_sessions)}
        )
        response.set_status(503)
        response.headers["Retry-After"] = "60"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One wizard process per connection, unless the cap is reached (then closed as busy: the page
        says so). Anything but a websocket (a browser or a probe asking for /ws) gets a plain 400."""
        if not web.WebSocketResponse().can_prepare(request).ok:
            raise web.HTTPBadRequest(text=text("serve_not_found", self.lang))
        if self.busy:
            websocket = web.WebSocketResponse()
            await websocket.prepare(request)
            await websocket.close(code=BUSY, message=b"busy")
            return websocket
        return await self._serve_one(request)

    async def _serve_one(self, request: web.Request) -> web.WebSocketResponse:
        """As textual-serve does it, but the app service is counted while it runs."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _cells(request.query.get("width"), 80)
        height = _cells(request.query.get("height"), 24)
        service: WizardService | None = None
        watch: asyncio.Task[None] | None = None
        try:
            await websocket.prepare(request)
            self.sockets.add(websocket)
            service = WizardService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,  # type: ignore[arg-type]  # its result is not awaited for
                download_manager=self.download_manager,
                debug=False,
            )
            self.services.add(service)
            await service.start(width, height)
            service.last_input = time.monotonic()
            if self.idle_minutes > 0:
                watch = asyncio.create_task(self._end_when_idle(websocket, service))
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one browser's trouble must not stop the server
            log.warning("session ended with an error: %s", type(error).__name__)
        finally:
            if watch is not None:
                watch.cancel()
            self.sockets.discard(websocket)
            if service is not None:
                await service.stop()
                self.services.discard(service)
        return websocket

    async def _end_when_idle(self, websocket: web.WebSocketResponse, service: WizardService) -> None:
        """Close the session once nothing was typed or clicked for ``idle_minutes``; the page says why."""
        limit = self.idle_minutes * 60
        while True:
            left = service.last_input + limit - time.monotonic()
            if left <= 0:
                log.info("session ended after %g idle minutes", self.idle_minutes)
                await websocket.close(code=IDLE, message=b"idle")
                return
            await asyncio.sleep(min(left, max(1.0, limit / IDLE_CHECKS)))


async def _no_icon(request: web.Request) -> web.Response:
    """The wizard has no icon; saying so spares every page load an error in the browser's console."""
    return web.Response(status=204)


def _kill_trees(pids: list[int]) -> None:
    """Kill processes and all their descendants (textual-serve runs each wizard under a shell).

    One pass over /proc finds every parent; children die before their parents.
    """
    if not pids:
        return
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(entry.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.parent.name))
    order: list[int] = []
    stack = list(pids)
    while stack:
        pid = stack.pop()
        order.append(pid)
        stack += children.get(pid, [])
    for pid in reversed(order):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def content_disposition(name: str, inline: bool = False) -> str:
    """The Content-Disposition of a file called ``name`` (RFC 6266): a quoted ASCII ``filename`` for old
    clients (the name's ASCII letters and digits, e.g. ``20261129-1730-13.txt``) and the whole name,
    UTF-8 and percent-encoded, as ``filename*``, which every current browser prefers."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    fallback = "-".join(re.findall(r"[A-Za-z0-9_]+", stem)) or "download"
    fallback += f".{re.sub(r'[^A-Za-z0-9]', '', suffix)}" if suffix else ""
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _cells(value: str | None, default: int) -> int:
    """A terminal size from the query string, within sane bounds."""
    try:
        return max(20, min(500, int(value or default)))
    except ValueError:
        return default
