"""Whatever the bytes, the loader answers with located diagnostics, never an exception.

Hypothesis mutates a valid tree (inserts, deletes and repeats characters and lines,
including YAML's own punctuation) and also feeds raw bytes; every result must be
either a catalog or errors that each name a file, a line and a column.
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ANSWERS, TREE
from wizard.content.catalog import load_catalog
from wizard.content.diagnostics import CODES, has_errors

YAML_BITS = [
    *":-[]{}&*!|>'\"#%@`?,\t\n ",
    *("\x1b", "\u202e", "…", "问", "&a", "*a", "!!python/name:os.system", "<<"),
    # scalar tags that do not construct, numbers int() refuses, null documents, editor-invisible line breaks
    *("!!int ", "!!float ", "!!bool ", "!!null ", "!!str ", "!!timestamp ", "~", "null", "---", "..."),
    *("0x" + "f" * 40, "9" * 40, "-0o7", "1e9999", ".nan", "\u2028", "\x85", "\x01", "\ufeff", "&#x202e;"),
]

mutation = st.tuples(
    st.sampled_from(["insert", "delete", "repeat-line", "drop-line"]),
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from(YAML_BITS) | st.text(max_size=3),
)


def apply(text: str, mutations: list[tuple[str, int, str]]) -> str:
    for kind, at, bit in mutations:
        lines = text.splitlines(keepends=True)
        if kind == "insert":
            position = at % (len(text) + 1)
            text = text[:position] + bit + text[position:]
        elif kind == "delete" and text:
            position = at % len(text)
            text = text[:position] + text[position + 1 :]
        elif kind == "repeat-line" and lines:
            line = at % len(lines)
            text = "".join([*lines[: line + 1], lines[line], *lines[line + 1 :]])
        elif lines:
            line = at % len(lines)
            text = "".join(lines[:line] + lines[line + 1 :])
    return text


def assert_well_reported(folder: Path) -> None:
    result = load_catalog([folder])
    for diagnostic in result.diagnostics:
        assert diagnostic.code in CODES
        assert diagnostic.line >= 1 and diagnostic.col >= 1
        assert Path(diagnostic.path).parent == folder
        assert one_line_and_clean(diagnostic.format())
    assert (result.catalog is None) == has_errors(result.diagnostics)


def one_line_and_clean(text: str) -> bool:
    """Nothing an editor or a terminal would take as a new line or a command (no control character at all)."""
    return not any(
        unicodedata.category(char) == "Cc" or char in "\u2028\u2029\u202a\u202b\u202c\u202d\u202e" for char in text
    )


FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=6))
def test_mutated_trees_never_raise(tmp_path: Path, mutations: list[tuple[str, int, str]]) -> None:
    folder = tmp_path / "trees"
    folder.mkdir(exist_ok=True)
    (folder / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    (folder / "t.yaml").write_text(apply(TREE, mutations), encoding="utf-8")
    assert_well_reported(folder)


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=6))
def test_mutated_answers_never_raise(tmp_path: Path, mutations: list[tuple[str, int, str]]) -> None:
    folder = tmp_path / "trees"
    folder.mkdir(exist_ok=True)
    (folder / "answers.yaml").write_text(apply(ANSWERS, mutations), encoding="utf-8")
    (folder / "t.yaml").write_text(TREE, encoding="utf-8")
    assert_well_reported(folder)


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(tmp_path: Path, data: bytes) -> None:
    folder = tmp_path / "trees"
    folder.mkdir(exist_ok=True)
    (folder / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    (folder / "t.yaml").write_bytes(data)
    assert_well_reported(folder)


@FUZZ
@given(st.text(min_size=1, max_size=12).filter(lambda name: "/" not in name and "\x00" not in name))
def test_any_file_name_is_reported_on_one_clean_line(tmp_path: Path, name: str) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # Hypothesis reuses tmp_path: a fresh folder per example
    (folder / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    try:
        (folder / f"{name}.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        return  # a name this file system refuses
    result = load_catalog([folder])
    assert result.diagnostics and all(one_line_and_clean(d.format()) for d in result.diagnostics)
