"""How many browser sessions one machine holds: `wizard serve` on 127.0.0.1 under simulated browsers.

Starts `wizard serve`, then opens sessions one after another as websocket
clients (aiohttp, the library textual-serve itself uses), each speaking as a
browser does (connect, send its size). Each session's first paint is the time
from connecting until the first task's title arrives; the wizards' memory is
the resident size of their processes, read from /proc. Sessions already open
stay open (idle, as clerks reading an answer), so later ones start on a
loaded machine. Stops at --max sessions, or once the median first paint of
the last five exceeds 2 s.

    .venv/bin/python benchmarks/serve_load.py [--max 100]

Loopback only: nothing here reaches another host.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 2.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def first_title() -> str:
    sys.path.insert(0, str(ROOT))
    from wizard.content.catalog import load_catalog

    catalog = load_catalog([ROOT / "trees"]).catalog
    assert catalog is not None
    return catalog.ordered_trees()[0].title


def wizard_memory(marker: str) -> tuple[int, int]:
    """(count, total resident MiB) of the wizard processes whose command line holds ``marker``."""
    count = total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            if marker.encode() not in command or b"wizard.cli serve" in command.replace(b"\0", b" "):
                continue
            if not command.startswith(b"/bin/sh"):
                rss = next(line for line in (entry / "status").read_text().splitlines() if line.startswith("VmRSS"))
                total += int(rss.split()[1])
                count += 1
        except (OSError, StopIteration):
            continue
    return count, total // 1024


async def open_session(
    session: aiohttp.ClientSession, url: str, title: bytes
) -> tuple[float, aiohttp.ClientWebSocketResponse]:
    started = time.perf_counter()
    websocket = await session.ws_connect(url + "ws?width=100&height=30")
    await websocket.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
    seen = b""
    async for message in websocket:
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data
            if title in seen:
                return time.perf_counter() - started, websocket
    raise RuntimeError("the session closed before its first paint")


async def drain(websocket: aiohttp.ClientWebSocketResponse) -> None:
    """Keep reading an open session (its screen updates), so its websocket stays alive."""
    async for _ in websocket:
        pass


async def measure(url: str, most: int, marker: str) -> list[tuple[int, float, int]]:
    title = first_title().encode()
    rows: list[tuple[int, float, int]] = []
    open_sockets = []
    drains = []
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:  # no pool cap
        for number in range(1, most + 1):
            paint, websocket = await open_session(session, url, title)
            open_sockets.append(websocket)
            drains.append(asyncio.create_task(drain(websocket)))  # answer the server's pings, as a browser does
            await asyncio.sleep(0.3)  # let the new wizard finish loading its trees
            _, memory = wizard_memory(marker)
            rows.append((number, paint, memory))
            print(f"{number:4d} sessions  first paint {paint:5.2f} s  wizards' memory {memory:6d} MiB", flush=True)
            recent = [row[1] for row in rows[-5:]]
            if len(recent) == 5 and statistics.median(recent) > LIMIT:
                break
        for websocket in open_sockets:
            await websocket.close()
        for task in drains:
            task.cancel()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=100, help="sessions to open at most (default 100)")
    args = parser.parse_args()
    logs = tempfile.mkdtemp(prefix="wizard-load-")
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wizard.cli",
            "serve",
            "--port",
            str(port),
            "--max-sessions",
            str(args.max + 1),
            "--log-dir",
            logs,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        time.sleep(2)
        rows = asyncio.run(measure(f"http://127.0.0.1:{port}/", args.max, logs))
    finally:
        os.killpg(server.pid, 2)
        server.wait(timeout=30)
    held = [row for row in rows if row[1] <= LIMIT]
    per_session = rows[-1][2] / rows[-1][0]
    print(f"sessions with first paint <= {LIMIT:.0f} s: {len(held)} of {len(rows)} opened")
    print(f"memory per session: {per_session:.0f} MiB (all wizards {rows[-1][2]} MiB at {rows[-1][0]} sessions)")
    print(f"median first paint: {statistics.median(row[1] for row in rows):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
