"""Print the JSON Schema of tree files, answers.yaml or synonyms.yaml, for editors and validators."""

from __future__ import annotations

import argparse

NAME = "schema"
HELP = "print the JSON Schema of tree files (or of answers.yaml, synonyms.yaml)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("which", nargs="?", choices=("tree", "answers", "synonyms"), default="tree")


def run(args: argparse.Namespace) -> int:
    from wizard.content.schema import schema_text

    print(schema_text(args.which), end="")
    return 0
