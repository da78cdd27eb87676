"""Coverage numbers, suggestions pasted back, LCOV read back, and the ``wizard coverage`` command."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import ANSWERS, BUNDLED_TREE_FILES, BUNDLED_TREES, TREE, WriteFiles
from wizard.content.catalog import load_catalog
from wizard.content.walk import Verdict
from wizard.maintainer.coverage import Coverage
from wizard.maintainer.lcov import lcov
from wizard.maintainer.suggest import suggest, suggestions_yaml
from wizard.maintainer.yaml_text import yaml_scalar

WITHOUT_LAST = TREE[: TREE.index("  - choose: [乙, 丁]")]


def measure(folder: Path) -> tuple[Coverage, list[tuple[str, int, Verdict]]]:
    loaded = load_catalog([folder])
    assert loaded.draft is not None, [d.format() for d in loaded.diagnostics]
    coverage = Coverage(loaded.draft, loaded.index)
    return coverage, coverage.run_examples()


def test_counts_and_missing_items_with_lines(write_files: WriteFiles) -> None:
    coverage, failures = measure(write_files(answers__yaml=ANSWERS, t__yaml=WITHOUT_LAST))
    assert failures == []
    tree = coverage.report().trees["t"]
    assert (tree.questions.covered, tree.questions.total) == (2, 2)
    assert (tree.options.covered, tree.options.total) == (3, 4)
    assert (tree.answers.covered, tree.answers.total) == (1, 2)
    assert [(m.kind, m.line, m.label or m.answer) for m in tree.missing] == [
        ("option", 18, "丁"),
        ("answer", 18, "a-two"),
    ]


def test_an_unreachable_question_is_named_as_unreachable(write_files: WriteFiles) -> None:
    orphan = TREE.replace(
        "examples:",
        "  q9:\n    question: 孤立？\n    options:\n      - label: 一\n        answer: a-one\n"
        "      - label: 二\n        answer: a-two\nexamples:",
    )
    coverage, _ = measure(write_files(answers__yaml=ANSWERS, t__yaml=orphan))
    missing = coverage.report().trees["t"].missing
    assert missing[0].kind == "question" and missing[0].line == 20
    assert "unreachable" in missing[0].format()


def paste(tree_file: Path, suggestion_text: str) -> None:
    """Append the suggestion block(s) to the file, as a maintainer pasting at the end of 'examples:' would."""
    body = "\n".join(line for line in suggestion_text.splitlines() if not line.startswith("#"))
    tree_file.write_text(tree_file.read_text(encoding="utf-8").rstrip("\n") + "\n" + body + "\n", encoding="utf-8")


def test_suggestions_pasted_back_bring_coverage_to_100(write_files: WriteFiles) -> None:
    folder = write_files(answers__yaml=ANSWERS, t__yaml=WITHOUT_LAST)
    coverage, _ = measure(folder)
    text = suggestions_yaml(suggest(coverage), coverage.catalog)
    assert "    choose: [乙, 丁]\n    expect: a-two\n" in text
    paste(folder / "t.yaml", text)
    after, failures = measure(folder)
    assert failures == []
    assert after.report().percent == 100.0


def test_suggestions_for_a_tree_without_examples_start_the_list(write_files: WriteFiles) -> None:
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE[: TREE.index("examples:")])
    coverage, _ = measure(folder)
    suggestions = suggest(coverage)
    # 丙 is taken on the way to cover 乙, so three options need only three examples, and 丙 none of its own.
    assert [s.choose for s in suggestions] == [["甲"], ["乙", "丙"], ["乙", "丁"]]
    text = suggestions_yaml(suggestions, coverage.catalog)
    assert "\nexamples:\n" in text
    paste(folder / "t.yaml", text)
    assert measure(folder)[0].report().percent == 100.0


ALL_OPTIONS_LEAD_ON = """\
id: t
title: 任务
summary: 摘要
start: q1
nodes:
  q1:
    question: 问题一？
    options:
      - label: 甲
        next: q2
      - label: 乙
        answer: a-one
  q2:
    question: 问题二？
    options:
      - label: 丙
        next: q3
      - label: 丁
        next: q3
  q3:
    question: 问题三？
    options:
      - label: 戊
        answer: a-one
      - label: 己
        answer: a-two
examples:
  - choose: [乙]
    expect: a-one
"""


def test_suggestions_walk_on_through_the_trees_own_options_when_the_way_out_is_nearer(
    write_files: WriteFiles,
) -> None:
    """q2 leads only to further questions, so the built-in way out is its nearest end; a suggestion
    still completes through q2's own options, which the examples are there to prove."""
    folder = write_files(answers__yaml=ANSWERS, t__yaml=ALL_OPTIONS_LEAD_ON)
    coverage, _ = measure(folder)
    suggestions = suggest(coverage)
    assert [(s.choose, s.expect) for s in suggestions] == [
        (["甲", "丙", "戊"], "a-one"),
        (["甲", "丁", "戊"], "a-one"),
        (["甲", "丙", "己"], "a-two"),
    ]
    paste(folder / "t.yaml", suggestions_yaml(suggestions, coverage.catalog))
    assert measure(folder)[0].report().percent == 100.0


def test_suggestions_down_a_chain_read_each_label_once(write_files: WriteFiles, monkeypatch) -> None:
    """Down a chain every suggestion repeats all the choices above it, so the output grows with the
    square of the depth; writing it must not parse each label again for every line it is on."""
    length = 60
    lines = ["id: t", "title: 任务", "summary: 摘要", "start: q0", "nodes:"]
    for number in range(length):
        onward = f"next: q{number + 1}" if number + 1 < length else "answer: a-two"
        lines += [f"  q{number}:", f"    question: 问题{number}？", "    options:"]
        lines += [f"      - {{label: 是, {onward}}}", "      - {label: 否, answer: a-one}"]
    coverage, _ = measure(write_files(answers__yaml=ANSWERS, t__yaml="\n".join(lines) + "\n"))
    parsed = 0
    real = yaml.safe_load

    def counting(text: str) -> object:
        nonlocal parsed
        parsed += 1
        return real(text)

    monkeypatch.setattr(yaml, "safe_load", counting)
    suggestions = suggest(coverage)
    text = suggestions_yaml(suggestions, coverage.catalog)
    assert sum(len(item.choose) for item in suggestions) > length * length / 2
    assert f"    choose: [{', '.join(['是'] * (length - 1))}, 否]\n" in text
    assert parsed <= 2 * length + 10  # each suggestion's name, and each label once


@pytest.mark.parametrize("tree_file", [path.name for path in BUNDLED_TREE_FILES])
def test_removing_any_bundled_example_is_caught_and_suggest_gives_it_back(tmp_path: Path, tree_file: str) -> None:
    """The acceptance check: drop one example, coverage falls, --suggest's YAML restores 100%."""
    source = (BUNDLED_TREES / tree_file).read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^(?=  - )", source[source.index("\nexamples:\n") :])
    head, examples = source[: source.index("\nexamples:\n")] + blocks[0], blocks[1:]
    assert examples
    for number in range(len(examples)):
        folder = tmp_path / f"drop-{number}"
        shutil.copytree(BUNDLED_TREES, folder)
        (folder / tree_file).write_text(head + "".join(examples[:number] + examples[number + 1 :]), encoding="utf-8")
        coverage, failures = measure(folder)
        assert failures == []
        tree_id = Path(tree_file).stem  # bundled trees are named after their id
        assert coverage.report([tree_id]).percent < 100.0, f"dropping example {number + 1} went unnoticed"
        text = suggestions_yaml(suggest(coverage, [tree_id]), coverage.catalog)
        assert text.startswith(f"# {folder / tree_file}:")
        paste(folder / tree_file, text)
        after, failures = measure(folder)
        assert failures == [] and after.report([tree_id]).percent == 100.0


def lcov_records(text: str) -> dict[str, dict[int, int]]:
    records: dict[str, dict[int, int]] = {}
    current: dict[int, int] = {}
    for line in text.splitlines():
        if line.startswith("SF:"):
            current = records.setdefault(line[3:], {})
        elif line.startswith("DA:"):
            number, hits = line[3:].split(",")
            current[int(number)] = int(hits)
        elif line.startswith("LH:"):
            assert int(line[3:]) == sum(1 for hits in current.values() if hits)
    return records


def test_lcov_lines_are_the_question_and_option_lines_of_the_yaml(write_files: WriteFiles) -> None:
    folder = write_files(answers__yaml=ANSWERS, t__yaml=WITHOUT_LAST)
    coverage, _ = measure(folder)
    records = lcov_records(lcov(coverage))
    assert list(records) == [str(folder / "t.yaml")]
    yaml_lines = WITHOUT_LAST.splitlines()
    questions = [i for i, line in enumerate(yaml_lines, 1) if re.match(r"^  q\d+:$", line)]
    options = [i for i, line in enumerate(yaml_lines, 1) if line.lstrip().startswith("- label:")]
    hits = records[str(folder / "t.yaml")]
    assert sorted(hits) == sorted(questions + options)
    assert {line: hits[line] for line in questions} == {6: 2, 13: 1}
    assert [hits[line] for line in options] == [1, 1, 1, 0]  # 甲, 乙, 丙, 丁 (no example takes 丁)
    text = lcov(coverage)
    assert "BRDA:13,0,1,0" in text and "BRF:4\nBRH:3" in text and text.endswith("end_of_record\n")


def test_yaml_scalar_quotes_only_when_needed() -> None:
    assert yaml_scalar("未获取到人员信息") == "未获取到人员信息"
    for risky in ("2024", "yes", "a, b", "[x]", "a: b", "#x", "- x", "null", ' "q"', "x "):
        assert yaml_scalar(risky).startswith('"'), risky


def test_command_json_shape(write_files: WriteFiles, invoke) -> None:
    folder = write_files(answers__yaml=ANSWERS, t__yaml=WITHOUT_LAST)
    result = invoke("coverage", str(folder), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    tree = data["trees"]["t"]
    assert tree["options"] == {"covered": 3, "total": 4, "percent": 75.0}
    assert tree["questions"]["covered"] == tree["questions"]["total"] == 2
    assert {"kind": "option", "question": "q2", "option": 1, "label": "丁", "line": 18}.items() <= tree["missing"][
        0
    ].items()
    assert data["total"]["percent"] == 75.0


def test_command_fail_under_and_lcov_output_file(write_files: WriteFiles, tmp_path: Path, invoke) -> None:
    folder = write_files(answers__yaml=ANSWERS, t__yaml=WITHOUT_LAST)
    failing = invoke("coverage", str(folder), "--fail-under", "100")
    assert failing.returncode == 1
    assert f"{folder / 't.yaml'}:18: option '丁' of question 'q2'" in failing.stdout
    assert "below --fail-under 100%" in failing.stderr
    assert invoke("coverage", str(folder), "--fail-under", "75").returncode == 0
    out = tmp_path / "trees.lcov"
    assert invoke("coverage", str(folder), "--format", "lcov", "--output", str(out)).returncode == 0
    assert lcov_records(out.read_text(encoding="utf-8"))[str(folder / "t.yaml")][18] == 0


def test_command_reports_load_errors_and_wrong_examples(write_files: WriteFiles, invoke) -> None:
    broken = invoke("coverage", str(write_files(answers__yaml=ANSWERS, t__yaml=TREE.replace("next: q2", "next: q3"))))
    assert broken.returncode == 1 and "error WZ031" in broken.stderr and "Traceback" not in broken.stderr
    wrong = write_files(answers__yaml=ANSWERS, t__yaml=TREE.replace("expect: a-two", "expect: a-one"))
    result = invoke("coverage", str(wrong))
    assert result.returncode == 1 and "error WZ051" in result.stderr
    assert "option '丁' of question 'q2'" in result.stdout  # the wrong example does not count


def test_command_suggest_on_bundled_trees_says_all_covered(invoke) -> None:
    result = invoke("coverage", "--suggest")
    assert result.returncode == 0
    assert result.stdout == "# every option is covered\n"
