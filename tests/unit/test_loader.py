"""The loader on broken and hostile files: one located diagnostic each, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ANSWERS, TREE, located
from wizard.content.catalog import load_catalog
from wizard.content.loader import MAX_ALIAS_EXPANSION, MAX_FILE_BYTES, _Builder, parse_yaml
from wizard.content.text import clean_text


def test_bundled_style_tree_loads_clean(diagnose):
    assert diagnose(t__yaml=TREE) == []


def test_syntax_error_uses_the_parsers_position(diagnose):
    broken = TREE.replace("question: 问题二？", "question: [问题二？")
    problems = diagnose(t__yaml=broken)
    assert [p.code for p in problems] == ["WZ001"]
    assert problems[0].path.endswith("t.yaml")
    assert problems[0].line >= 14


def test_tab_indentation_gets_a_hint(diagnose):
    problems = diagnose(t__yaml="id: t\nnodes:\n\tq1: x\n")
    assert located(problems) == [("WZ001", "t.yaml", 3, 1)]
    assert "tabs" in (problems[0].hint or "")


@pytest.mark.parametrize(
    ("edit", "where", "hint"),
    [
        (("title: 任务", "title: '任务"), (2, 8), "never closed"),  # reported at the end of the file before
        (("title: 任务", 'title: "任务'), (2, 8), "never closed"),
        (("title: 任务", "title:任务"), (2, 1), "colon and a space"),  # reported on the next line before
        (("title: 任务", "title: 报错: 未知"), (2, 10), "in quotes"),
    ],
)
def test_a_syntax_error_points_at_what_to_fix_and_says_how(diagnose, edit, where, hint):
    problems = diagnose(t__yaml=TREE.replace(*edit))
    assert located(problems) == [("WZ001", "t.yaml", *where)]
    assert hint in (problems[0].hint or "")


def test_duplicate_key_points_at_the_second_one(diagnose):
    problems = diagnose(t__yaml=TREE.replace("summary: 摘要\n", "summary: 摘要\ntitle: 又一个\n"))
    assert located(problems) == [("WZ005", "t.yaml", 4, 1)]
    assert "first on line 2" in problems[0].message


def test_python_tag_is_rejected_and_never_executed(diagnose, tmp_path):
    marker = tmp_path / "executed"
    hostile = TREE.replace("title: 任务", f"title: !!python/object/apply:os.system ['touch {marker}']")
    problems = diagnose(t__yaml=hostile)
    assert located(problems) == [("WZ006", "t.yaml", 2, 8)]
    assert not marker.exists()


def test_custom_tag_is_rejected(diagnose):
    assert located(diagnose(t__yaml=TREE.replace("title: 任务", "title: !shout 任务"))) == [("WZ006", "t.yaml", 2, 8)]


def test_unquoted_date_is_text_not_a_datetime(diagnose):
    assert diagnose(t__yaml=TREE.replace("summary: 摘要", "summary: 2024-01-01")) == []


def test_alias_bomb_stops_after_a_bounded_number_of_values(diagnose, monkeypatch):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*{chr(96 + level)}"] * 10)
        bomb.append(f"{chr(97 + level)}: &{chr(97 + level)} [{refs}]")
    built = 0
    real_track = _Builder._track

    def counting_track(self, node, depth):
        nonlocal built
        built += 1
        return real_track(self, node, depth)

    monkeypatch.setattr(_Builder, "_track", counting_track)
    problems = diagnose(t__yaml="\n".join(bomb) + "\n")
    assert [p.code for p in problems] == ["WZ007"]
    assert built < MAX_ALIAS_EXPANSION + 1_000  # 10**10 values if expanded; the budget stops it


def test_recursive_alias_is_rejected(diagnose):
    assert [p.code for p in diagnose(t__yaml="id: &r [*r]\n")] == ["WZ007"]


def test_deep_nesting_is_rejected(diagnose):
    assert [p.code for p in diagnose(t__yaml="id: " + "[" * 200 + "]" * 200 + "\n")] == ["WZ009"]


def test_invalid_utf8_is_located(diagnose):
    problems = diagnose(t__yaml="id: t\ntitle: ab\xff\n".encode("latin-1"))
    assert located(problems) == [("WZ002", "t.yaml", 2, 10)]


def test_utf16_file_is_named_as_such(diagnose):
    problems = diagnose(t__yaml="id: t\n".encode("utf-16"))
    assert located(problems) == [("WZ002", "t.yaml", 1, 1)]
    assert "UTF-16" in problems[0].message and problems[0].hint == "save the file as UTF-8"


def test_missing_keys_of_one_map_share_one_line(diagnose):
    problems = diagnose(t__yaml="id: t\ntitle: 任务\n")
    assert located(problems) == [("WZ011", "t.yaml", 1, 1)]
    assert problems[0].message == "'summary', 'start' and 'nodes' are required in the top level of the file"


def test_too_long_text_says_the_limit(diagnose):
    problems = diagnose(t__yaml=TREE.replace("title: 任务", "title: " + "长" * 501))
    assert located(problems) == [("WZ012", "t.yaml", 2, 8)]
    assert problems[0].message == "title: is too long (at most 500 characters)"


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (("    title: 答案一\n", "    title: 答案一\n    faq: 0\n"), "answers.a-one.faq: should be 1 or more"),
        (
            ("    title: 答案一\n", "    title: 答案一\n    review_by: 明年\n"),
            "answers.a-one.review_by: should be a date written like 2025-06-30 (got '明年')",
        ),
    ],
)
def test_a_wrong_value_is_explained_in_plain_words(diagnose, edit, said):
    problems = diagnose(answers__yaml=ANSWERS.replace(*edit), t__yaml=TREE)
    assert [problem.message for problem in problems if problem.code == "WZ012"] == [said]


def test_binary_file_is_rejected(diagnose):
    assert [p.code for p in diagnose(t__yaml=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")] == ["WZ002"]


def test_empty_file_and_comment_only_file(diagnose):
    assert located(diagnose(t__yaml="")) == [("WZ004", "t.yaml", 1, 1)]
    assert located(diagnose(t__yaml="# nothing yet\n")) == [("WZ004", "t.yaml", 1, 1)]


def test_huge_file_is_refused_before_reading(write_files, monkeypatch):
    folder = write_files(answers__yaml=ANSWERS)
    with (folder / "big.yaml").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    real_read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        assert path.name != "big.yaml", "the 50 MB file was read"
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = load_catalog([folder])
    assert [d.code for d in result.diagnostics] == ["WZ003"]
    assert f"{MAX_FILE_BYTES // (1024 * 1024)} MB" in result.diagnostics[0].message


def test_file_that_is_a_list_is_a_schema_error(diagnose):
    assert located(diagnose(t__yaml="- a\n- b\n")) == [("WZ012", "t.yaml", 1, 1)]


def test_control_characters_are_stripped(write_files):
    text = 'x: "a\\e[31mred\\u009b2J\\u202eb\\tc\\nd"\n'
    data, _, problems = parse_yaml(write_files(t__yaml=text) / "t.yaml")
    assert problems == []
    assert data == {"x": "a[31mred2Jb\tc\nd"}
    assert clean_text("\x1b]52;c;AAAA\x07ok") == "]52;c;AAAAok"


def test_missing_path_is_reported(tmp_path):
    result = load_catalog([tmp_path / "nope"])
    assert [d.code for d in result.diagnostics] == ["WZ008"]
    assert result.catalog is None


def test_tree_file_brings_its_answers(write_files):
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE)
    result = load_catalog([folder / "t.yaml"])
    assert result.diagnostics == []
    assert result.catalog is not None and set(result.catalog.answers) == {"a-one", "a-two", "a-out"}
