"""The JSON Schema of tree files and of answers.yaml, generated from the model (its single source)."""

from __future__ import annotations

import json
from typing import Literal

SchemaKind = Literal["tree", "answers"]


def schema_text(which: SchemaKind) -> str:
    """The schema as stable, pretty JSON (the committed trees/*.schema.json files match it)."""
    from wizard.content.model import AnswersFile, Tree, json_schema

    schema = json_schema(Tree if which == "tree" else AnswersFile)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hrss-wizard tree file" if which == "tree" else "hrss-wizard answers file"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
