"""The pytest plugin, run on throwaway projects through pytester: items, failures, the report, the threshold."""

from __future__ import annotations

import textwrap

import pytest

from tests.conftest import ANSWERS, TREE

WITHOUT_LAST = TREE[: TREE.index("  - choose: [乙, 丁]")]

# pytest-textual-snapshot keeps one temp folder per process; an inner session would delete the outer one's.
INNER = ("-p", "no:textual-snapshot", "-p", "no:asyncio", "-p", "no:cacheprovider", "-p", "no:hypothesispytest")


def project(pytester: pytest.Pytester, tree: str = TREE, ini: str = "", **extra: str) -> None:
    """A project with trees/answers.yaml and trees/t.yaml (plus ``extra`` files under trees/)."""
    folder = pytester.mkdir("trees")
    (folder / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    (folder / "t.yaml").write_text(tree, encoding="utf-8")
    for name, text in extra.items():
        (folder / name.replace("__", ".")).write_text(textwrap.dedent(text), encoding="utf-8")
    if ini:
        pytester.makeini(textwrap.dedent(ini))


def test_examples_become_items_with_readable_ids(pytester: pytest.Pytester) -> None:
    named = TREE.replace("  - choose: [甲]", "  - name: 直接选甲\n    choose: [甲]")
    project(pytester, named)
    result = pytester.runpytest(*INNER, "-v")
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(
        [
            "trees/t.yaml::直接选甲 PASSED*",
            "trees/t.yaml::example 2 PASSED*",
            "trees/t.yaml::example 3 PASSED*",
        ]
    )
    result.stdout.fnmatch_lines(["*tree coverage*", "t * 2/2 * 4/4 * 2/2 * 100%", "TOTAL*100%"])


def test_a_wrong_label_shows_the_walk_and_did_you_mean(pytester: pytest.Pytester) -> None:
    tree = TREE.replace("丁", "未获取到人员信息").replace(
        "choose: [乙, 未获取到人员信息]", "choose: [乙, 未获得人员信息]"
    )
    project(pytester, tree)
    result = pytester.runpytest(*INNER)
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "trees/t.yaml:25:17: error WZ050 at question 'q2' there is no option '未获得人员信息'"
            " (did you mean '未获取到人员信息'?)",
            "",
            "walk from the start of tree 't':",
            "  1. q1 › 乙",
            "  2. q2 › 未获得人员信息   ✗ no such option",
        ]
    )
    result.stdout.fnmatch_lines(["FAILED trees/t.yaml::example 3"])
    assert "Traceback" not in result.stdout.str()


def test_a_label_with_no_close_match_lists_the_options(pytester: pytest.Pytester) -> None:
    project(pytester, TREE.replace("choose: [乙, 丁]", "choose: [乙, 戊]"))
    result = pytester.runpytest(*INNER)
    result.stdout.fnmatch_lines(
        [
            "trees/t.yaml:25:17: error WZ050 at question 'q2' there is no option '戊'"
            " (the options are: '丙', '丁', '以上都不是')"
        ]
    )


def test_a_wrong_expect_names_both_answers(pytester: pytest.Pytester) -> None:
    project(pytester, TREE.replace("choose: [乙, 丁]\n    expect: a-two", "choose: [乙, 丁]\n    expect: a-one"))
    result = pytester.runpytest(*INNER)
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        ["trees/t.yaml:26:*: error WZ051 the example ends at answer 'a-two', not at 'a-one'*", "  = answer 'a-two' ✗"]
    )


def test_coverage_under_the_threshold_fails_and_names_the_option(pytester: pytest.Pytester) -> None:
    project(pytester, WITHOUT_LAST, ini="[pytest]\ntree_cov_fail_under = 100\n")
    result = pytester.runpytest(*INNER)
    result.assert_outcomes(passed=2)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        [
            "t * 2/2 * 3/4 * 1/2 *",
            "trees/t.yaml:18: option '丁' of question 'q2' (answer: a-two) is taken by no example",
            "trees/t.yaml:18: answer 'a-two' is reached by no example of this tree",
            "FAIL Required tree coverage of 100% not reached. Total tree coverage: 75.00%*",
        ]
    )


def test_no_report_when_x_stops_the_run_before_the_examples(pytester: pytest.Pytester) -> None:
    project(pytester, ini="[pytest]\ntree_cov_fail_under = 100\n")
    pytester.makepyfile(test_first="def test_broken(): assert False")
    result = pytester.runpytest(*INNER, "-x", "test_first.py", "trees")
    result.assert_outcomes(failed=1)
    assert "tree coverage" not in result.stdout.str()
    assert "Required tree coverage" not in result.stdout.str()


def test_command_line_threshold_overrides_the_ini(pytester: pytest.Pytester) -> None:
    project(pytester, WITHOUT_LAST, ini="[pytest]\ntree_cov_fail_under = 100\n")
    result = pytester.runpytest(*INNER, "--tree-cov-fail-under=70")
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["Required tree coverage of 70% reached. Total tree coverage: 75.00%"])


def test_a_failing_example_does_not_count_as_coverage(pytester: pytest.Pytester) -> None:
    project(pytester, TREE.replace("expect: a-two", "expect: a-one"))
    result = pytester.runpytest(*INNER, "--tree-cov-fail-under=100")
    result.stdout.fnmatch_lines(
        ["trees/t.yaml:18: option '丁' of question 'q2' (answer: a-two) is taken by no example"]
    )


def test_a_folder_with_load_errors_gives_a_clear_failing_item(pytester: pytest.Pytester) -> None:
    project(pytester, TREE.replace("next: q2", "next: q3"))
    result = pytester.runpytest(*INNER)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "the trees in trees cannot be loaded (1 error(s)):",
            "trees/t.yaml:12:15: error WZ031 option '乙' of question 'q1' leads to 'q3', but there is no such*",
            "FAILED trees/t.yaml::load",
        ]
    )
    assert "Traceback" not in result.stdout.str()
    assert "INTERNALERROR" not in result.stdout.str()


def test_a_yaml_syntax_error_is_a_failing_item_too(pytester: pytest.Pytester) -> None:
    project(pytester, "id: [unclosed\n")
    result = pytester.runpytest(*INNER)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["trees/t.yaml:*: error WZ001 YAML syntax error*"])


def test_a_walk_through_a_tree_link_covers_nothing_in_the_linked_tree(pytester: pytest.Pytester) -> None:
    other = """\
    id: hub
    title: 入口
    summary: 摘要
    start: h1
    nodes:
      h1:
        question: 去哪？
        options:
          - label: 任务
            tree: t
          - label: 直接答案
            answer: a-two
    examples:
      - choose: [任务, 乙, 丁]
        expect: a-two
      - choose: [直接答案]
        expect: a-two
    """
    project(pytester, WITHOUT_LAST, hub__yaml=other)
    result = pytester.runpytest(*INNER, "--tree-cov-fail-under=100")
    result.assert_outcomes(passed=4)  # hub's walk through t to 丁 is checked ...
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    # ... but t's option 丁 and its answer a-two stay uncovered until t's own examples take them.
    result.stdout.fnmatch_lines(["hub * 1/1 * 2/2 * 1/1 * 100%", "t * 2/2 * 3/4 * 1/2 *"])
    missing = "trees/t.yaml:18: option '丁' of question 'q2' (answer: a-two) is taken by no example"
    result.stdout.fnmatch_lines([missing])


def test_deselected_trees_are_left_out_of_the_report(pytester: pytest.Pytester) -> None:
    project(pytester, ini="[pytest]\ntree_cov_fail_under = 100\n")
    pytester.makepyfile(test_other="def test_something(): pass")
    result = pytester.runpytest(*INNER, "-k", "something")
    result.assert_outcomes(passed=1)
    assert result.ret == pytest.ExitCode.OK
    assert "tree coverage" not in result.stdout.str()


def test_yaml_files_that_are_not_trees_are_ignored(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yaml", config="services:\n  web:\n    image: nginx\n")
    pytester.makepyfile(test_other="def test_something(): pass")
    result = pytester.runpytest(*INNER)
    result.assert_outcomes(passed=1)
    assert "tree coverage" not in result.stdout.str()


def test_collection_can_be_switched_off(pytester: pytest.Pytester) -> None:
    project(pytester, ini="[pytest]\ntree_collect = false\n")
    result = pytester.runpytest(*INNER)
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_tree_paths_limits_collection_to_the_listed_folders(pytester: pytest.Pytester) -> None:
    project(pytester, ini="[pytest]\ntree_paths = trees\n")
    fixtures = pytester.mkdir("fixtures")
    (fixtures / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    (fixtures / "t.yaml").write_text(WITHOUT_LAST, encoding="utf-8")
    result = pytester.runpytest(*INNER, "--tree-cov-fail-under=100", "-v")
    result.assert_outcomes(passed=3)
    assert result.ret == pytest.ExitCode.OK
    assert "fixtures/t.yaml" not in result.stdout.str()


def coverage_section(output: str) -> list[str]:
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if "tree coverage" in line)
    return lines[start : next(i for i, line in enumerate(lines) if line.startswith("FAIL Required"))]


def test_coverage_is_reported_once_across_xdist_workers(pytester: pytest.Pytester) -> None:
    """With -n 2 the examples run in two workers; the controller reports what a serial run reports."""
    project(pytester, WITHOUT_LAST, ini="[pytest]\ntree_cov_fail_under = 100\n")
    serial = pytester.runpytest(*INNER)
    parallel = pytester.runpytest_subprocess(*INNER, "-n", "2")
    parallel.assert_outcomes(passed=2)
    parallel.stdout.fnmatch_lines(["2 workers [[]2 items[]]", "t * 2/2 * 3/4 * 1/2 * 75%"])
    assert coverage_section(parallel.stdout.str()) == coverage_section(serial.stdout.str())
    assert parallel.ret == serial.ret == pytest.ExitCode.TESTS_FAILED
