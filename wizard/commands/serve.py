"""Serve the wizard to browsers: one wizard process per browser session, for an office intranet.

Binds 127.0.0.1 by default. Any other address needs ``--public`` and should sit
behind a reverse proxy that asks for a login (docs/serve.md: nginx with basic
auth, or the intranet's single sign-on). Over ``--max-sessions`` the page says
so in Chinese instead of starting another process; a session nobody has used
for ``--idle-minutes`` ends, freeing its place. Ctrl+C stops the server
and every wizard it started. Needs the ``serve`` extra (textual-serve).
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

from wizard.commands.trees import add_log_arguments, add_trees_option, chosen_paths, log_folder

NAME = "serve"
HELP = "serve the wizard to browsers on this machine or, behind a proxy, an intranet"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument(
        "--max-sessions", type=_positive, default=20, metavar="N", help="browser sessions at once (default 20)"
    )
    parser.add_argument(
        "--idle-minutes",
        type=_minutes,
        default=30,
        metavar="M",
        help="end a session nobody has used for M minutes, freeing its place (default 30; 0: never)",
    )
    parser.add_argument("--public-url", metavar="URL", help="the address browsers use, e.g. behind a proxy")
    parser.add_argument("--public", action="store_true", help="allow listening on an address other than loopback")
    parser.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS, help="language of the interface")
    add_trees_option(parser)
    add_log_arguments(parser)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {value!r}")
    return int(value)


def _minutes(value: str) -> float:
    try:
        minutes = float(value)
    except ValueError:
        minutes = -1.0
    if not 0 <= minutes < float("inf"):
        raise argparse.ArgumentTypeError(f"not a number of minutes: {value!r}")
    return minutes


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def app_command(args: argparse.Namespace) -> str:
    """The command each browser session runs: this Python's wizard, on the same trees, log and language."""
    command = [sys.executable, "-m", "wizard.cli", "--lang", getattr(args, "lang", None) or "zh"]
    command += ["--trees", str(chosen_paths(args)[0])]
    folder = log_folder(args)
    command += ["--no-log"] if folder is None else ["--log-dir", str(Path(folder).resolve())]
    return shlex.join(command)


def run(args: argparse.Namespace) -> int:
    if not is_loopback(args.host) and not args.public:
        print(
            f"wizard serve: refusing to listen on {args.host!r} without --public: anyone who can reach it would "
            "use the wizard with no login. Listen on 127.0.0.1 behind a reverse proxy that asks for one "
            "(docs/serve.md), or add --public if such a proxy is already in front.",
            file=sys.stderr,
        )
        return 2
    try:
        from wizard.web.server import WizardServer
    except ImportError:
        print("wizard serve: install the browser extra first: pip install 'hrss-wizard[serve]'", file=sys.stderr)
        return 1
    if args.public:
        print(
            "wizard serve: listening beyond this machine. Put it behind a reverse proxy with a login "
            "(docs/serve.md) and pass --public-url with the address browsers use.",
            file=sys.stderr,
        )
    server = WizardServer(
        app_command(args),
        host=args.host,
        port=args.port,
        max_sessions=args.max_sessions,
        public_url=args.public_url,
        lang=getattr(args, "lang", None) or "zh",
        idle_minutes=args.idle_minutes,
    )
    server.serve()
    return 0
