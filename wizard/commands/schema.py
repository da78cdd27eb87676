"""Print the JSON Schema of tree files or of answers.yaml, for editors and validators."""

from __future__ import annotations

import argparse
import json

NAME = "schema"
HELP = "print the JSON Schema of tree files (or of answers.yaml)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("which", nargs="?", choices=("tree", "answers"), default="tree")


def schema_text(which: str) -> str:
    """The schema as stable, pretty JSON (the committed trees/*.schema.json files match it)."""
    from wizard.model import AnswersFile, Tree

    model = Tree if which == "tree" else AnswersFile
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hrss-wizard tree file" if which == "tree" else "hrss-wizard answers file"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def run(args: argparse.Namespace) -> int:
    print(schema_text(args.which), end="")
    return 0
