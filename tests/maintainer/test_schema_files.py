"""The committed JSON Schemas: in sync with the model, named by every bundled file, and used by a real validator."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import ANSWERS, BUNDLED_TREES, TREE
from wizard.content.catalog import load_catalog
from wizard.content.locate import tree_files
from wizard.content.schema import SCHEMA_FILES as SCHEMA_NAMES
from wizard.content.schema import schema_kind, schema_text

SCHEMA_FILES = {which: BUNDLED_TREES / name for which, name in SCHEMA_NAMES.items()}
YAML_FILES = sorted(BUNDLED_TREES.glob("*.y*ml"))


def validator(which: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILES[which].read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_errors(which: str, text: str) -> list[str]:
    return [error.message for error in validator(which).iter_errors(yaml.safe_load(textwrap.dedent(text)))]


@pytest.mark.parametrize("which", sorted(SCHEMA_FILES))
def test_committed_schema_matches_wizard_schema(which: str):
    assert SCHEMA_FILES[which].read_text(encoding="utf-8") == schema_text(which), (
        f"regenerate: wizard schema {which} > {SCHEMA_FILES[which].relative_to(BUNDLED_TREES.parent)}"
    )


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.name)
def test_every_bundled_file_names_its_schema_on_the_first_line(path: Path):
    wanted = SCHEMA_NAMES[schema_kind(path)]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={wanted}"


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.name)
def test_every_bundled_file_is_valid_against_the_committed_schema(path: Path):
    which = schema_kind(path)
    errors = list(validator(which).iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors] == []


def test_the_loader_ignores_the_schema_files():
    found = tree_files([BUNDLED_TREES])
    assert found.problems == [] and all(f.suffix == ".yaml" for f in found.files)
    assert load_catalog([BUNDLED_TREES]).ok


def test_schema_accepts_what_the_loader_accepts(write_files):
    assert schema_errors("tree", TREE) == []
    assert schema_errors("answers", ANSWERS) == []
    # A null target does not count, at run time nor in the schema.
    assert schema_errors("tree", TREE.replace("        next: q2\n", "        next: q2\n        tree: null\n")) == []
    assert load_catalog([write_files(answers__yaml=ANSWERS, t__yaml=TREE)]).ok


BAD_TREES: dict[str, tuple[str, str]] = {
    "unknown key": ("    question: 问题一？\n", "    question: 问题一？\n    hepl: 帮助\n"),
    "two targets": ("        next: q2\n", "        next: q2\n        answer: a-two\n"),
    "no target": ("        next: q2\n", ""),
    "null as the only target": ("        next: q2\n", "        next: null\n"),
    "question id not an id": ("  q2:", "  Q_2:"),
    "missing start": ("start: q1\n", ""),
    "order not a number": ("summary: 摘要\n", "summary: 摘要\norder: 第一\n"),
    "bad reference id": ("next: q2", "next: Q2"),
    "unknown key in an example": ("    expect: a-one\n", "    expect: a-one\n    expected: a-one\n"),
}


@pytest.mark.parametrize("name", sorted(BAD_TREES))
def test_schema_rejects_what_the_loader_rejects(name: str, write_files):
    old, new = BAD_TREES[name]
    assert old in TREE
    bad = TREE.replace(old, new, 1)
    assert schema_errors("tree", bad) != []
    assert not load_catalog([write_files(answers__yaml=ANSWERS, t__yaml=bad)]).ok


def test_schema_rejects_bad_answers():
    assert schema_errors("answers", ANSWERS.replace("    body: 正文一\n", "    body: 正文一\n    kind: other\n"))
    assert schema_errors("answers", ANSWERS.replace("  a-one:", "  A One:"))
    assert schema_errors("answers", ANSWERS.replace("    title: 答案一\n", ""))


@pytest.mark.parametrize("which", sorted(SCHEMA_FILES))
def test_every_property_has_a_description_and_objects_are_closed(which: str):
    """Editors show descriptions on hover; closed objects make a misspelled key an error while typing."""
    schema = json.loads(SCHEMA_FILES[which].read_text(encoding="utf-8"))
    for name, definition in [("root", schema), *schema["$defs"].items()]:
        assert definition["additionalProperties"] is False, name
        assert definition.get("description"), name
        undocumented = [key for key, value in definition["properties"].items() if not value.get("description")]
        assert undocumented == [], name


def test_option_schema_states_exactly_one_target():
    option = json.loads(SCHEMA_FILES["tree"].read_text(encoding="utf-8"))["$defs"]["Option"]
    assert sorted(branch["required"][0] for branch in option["oneOf"]) == ["answer", "next", "tree"]
