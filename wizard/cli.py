"""The one front door: parse the command line, then hand over to one module.

Every subcommand lives in its own module under :mod:`wizard.commands` and is
found by name, so adding a command never means editing this file. Modules
import their heavy dependencies inside ``run``, which keeps ``wizard check``,
``coverage`` and ``ask`` free of Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from types import ModuleType

from wizard import __version__, commands


def _command_modules() -> list[ModuleType]:
    """Every module of wizard.commands (a plain directory listing: pkgutil costs start-up time)."""
    folder = Path(commands.__file__).parent
    names = sorted(path.stem for path in folder.glob("*.py") if not path.name.startswith("_"))
    return [importlib.import_module(f"wizard.commands.{name}") for name in names]


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    parser = argparse.ArgumentParser(
        prog="wizard",
        description="江苏人社网办向导: answer a few questions, get the FAQ answer that fits.",
    )
    parser.add_argument("--version", action="version", version=f"hrss-wizard {__version__}")
    commands.add_app_arguments(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = {}
    for module in _command_modules():
        sub = subparsers.add_parser(module.NAME, help=module.HELP, description=module.__doc__)
        module.add_arguments(sub)
        modules[module.NAME] = module
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    parser, modules = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return commands.run_app(args)
        return int(modules[args.command].run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
