"""The JSON Schema of tree files, answers.yaml and synonyms.yaml, generated from the model (its single source)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from wizard.content.locate import is_answers_file, is_synonyms_file

SchemaKind = Literal["tree", "answers", "synonyms"]
SCHEMA_FILES: dict[SchemaKind, str] = {
    "tree": "schema.json",
    "answers": "answers.schema.json",
    "synonyms": "synonyms.schema.json",
}
"""The file each schema is committed as, beside the YAML it describes (the modelines name it)."""


def schema_text(which: SchemaKind) -> str:
    """The schema as stable, pretty JSON (the committed trees/*.schema.json files match it)."""
    from wizard.content.model import AnswersFile, SynonymsFile, Tree, json_schema

    model = {"tree": Tree, "answers": AnswersFile, "synonyms": SynonymsFile}[which]
    schema = json_schema(model)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"hrss-wizard {'tree' if which == 'tree' else which} file"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_kind(path: Path) -> SchemaKind:
    """Which schema a content file follows, by its name (as the loader decides)."""
    return "answers" if is_answers_file(path) else "synonyms" if is_synonyms_file(path) else "tree"
