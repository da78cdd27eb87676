"""Path statistics: exact counts on hand-made trees, closed forms on generated DAGs, and ``check --stats``."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from tests.conftest import ANSWERS, REPO, TREE, WriteFiles
from wizard.content import graph
from wizard.content.model import Answer, Catalog, Tree, validate
from wizard.maintainer.stats import CycleError, path_table, tree_stats


def catalog(*trees: dict[str, Any]) -> Catalog:
    """A catalog built in memory (no checks), with an answer for every 'answer:' the trees use."""
    answer_ids = {o["answer"] for t in trees for q in t["nodes"].values() for o in q["options"] if "answer" in o}
    answers = {a: Answer(title=a, body=a) for a in answer_ids}
    built = {t["id"]: validate(Tree, {"title": "任务", "summary": "摘要", **t}) for t in trees}
    return Catalog(trees=built, answers=answers)


def question(*options: dict[str, str]) -> dict[str, Any]:
    return {"question": "？", "options": list(options)}


def to(label: str, **target: str) -> dict[str, str]:
    return {"label": label, **target}


DIAMOND = {
    "id": "d",
    "start": "q1",
    "nodes": {
        "q1": question(to("a", next="q2"), to("b", next="q3")),
        "q2": question(to("x", next="q4"), to("done", answer="a-one")),
        "q3": question(to("y", next="q4"), to("done", answer="a-two")),
        "q4": question(to("1", answer="a-one"), to("2", answer="a-two")),
    },
}


def test_the_shared_fixture_tree(write_files: WriteFiles) -> None:
    from wizard.content.catalog import load_catalog

    loaded = load_catalog([write_files(answers__yaml=ANSWERS, t__yaml=TREE)]).catalog
    assert loaded is not None
    stats = tree_stats(loaded)["t"]
    assert (stats.paths, stats.longest, stats.depths) == (
        5,
        2,
        {0: 1, 1: 1},
    )  # 甲, 乙 › (丙, 丁, way out), and the way out


def test_a_diamond_counts_each_walk_once() -> None:
    stats = tree_stats(catalog(DIAMOND))["d"]
    # q4: 2; q2 and q3: 2 + 1 each; q1: 3 + 3.
    assert (stats.paths, stats.longest, stats.depths) == (6, 3, {0: 1, 1: 2, 2: 1})


def test_tree_links_are_followed() -> None:
    hub = {
        "id": "hub",
        "start": "h1",
        "nodes": {
            "h1": question(to("go", tree="d"), to("stop", answer="a-three")),
        },
    }
    stats = tree_stats(catalog(hub, DIAMOND))
    assert (stats["hub"].paths, stats["hub"].longest) == (7, 4)
    assert stats["hub"].depths == {0: 1}  # depths count the tree's own questions only
    assert stats["d"].paths == 6


def ladder(levels: int, width: int) -> dict[str, Any]:
    """A root, then ``levels`` levels of ``width`` questions; every option leads to every question of the next level.

    Walks from the root: width ** (levels + 1). Options: width + (levels - 1) * width² + width².
    """
    nodes: dict[str, Any] = {"root": question(*(to(f"c{j}", next=f"l1-{j}") for j in range(width)))}
    for level in range(1, levels + 1):
        for i in range(width):
            if level < levels:
                options = [to(f"c{j}", next=f"l{level + 1}-{j}") for j in range(width)]
            else:
                options = [to(f"c{j}", answer=f"a{j}") for j in range(width)]
            nodes[f"l{level}-{i}"] = question(*options)
    return {"id": "ladder", "start": "root", "nodes": nodes}


def count_option_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count how often the DP asks where an option leads (its unit of work)."""
    calls = [0]
    real_target = graph.target

    def counting(*args: Any) -> Any:
        calls[0] += 1
        return real_target(*args)

    monkeypatch.setattr(graph, "target", counting)
    return calls


def all_options(built: Catalog) -> int:
    return sum(len(q.options) for t in built.trees.values() for q in t.nodes.values())


@pytest.mark.parametrize(("levels", "width"), [(1, 2), (3, 2), (2000, 2), (60, 20)])
def test_generated_dags_match_the_closed_form(levels: int, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    built = catalog(ladder(levels, width))
    calls = count_option_reads(monkeypatch)
    stats = tree_stats(built)["ladder"]
    assert stats.paths == width ** (levels + 1)  # 2**2001 and 20**61: far beyond 64-bit, and beyond enumeration
    assert stats.longest == levels + 1
    assert stats.depths == {0: 1, **{level: width for level in range(1, levels + 1)}}
    assert calls[0] <= 2 * all_options(built), "the DP must read each option at most twice"


def test_work_grows_linearly_with_the_number_of_options(monkeypatch: pytest.MonkeyPatch) -> None:
    """Four times the options, four times the work: counted, not timed, so it holds on any machine."""
    calls = count_option_reads(monkeypatch)
    work = []
    for levels in (2000, 8000):
        built = catalog(ladder(levels, 2))
        calls[0] = 0
        path_table(built)
        work.append(calls[0])
        assert calls[0] == 2 * all_options(built)
    assert work[1] < work[0] * 4.01


def test_a_cycle_is_an_error_not_a_hang() -> None:
    looped = {
        "id": "c",
        "start": "q1",
        "nodes": {
            "q1": question(to("on", next="q2"), to("stop", answer="a-one")),
            "q2": question(to("back", next="q1"), to("stop", answer="a-one")),
        },
    }
    with pytest.raises(CycleError, match="circles"):
        tree_stats(catalog(looped))


def test_check_stats_command(write_files: WriteFiles) -> None:
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE)
    run = [sys.executable, "-m", "wizard.cli", "check", str(folder), "--stats"]
    text = subprocess.run(run, capture_output=True, text=True, cwd=REPO, timeout=60)
    assert text.returncode == 0
    assert "  t: 5 path(s), longest 2 choice(s), questions per depth 0:1, 1:1" in text.stdout.splitlines()
    as_json = subprocess.run([*run, "--format", "json"], capture_output=True, text=True, cwd=REPO, timeout=60)
    data = json.loads(as_json.stdout)
    assert data["diagnostics"] == []
    assert data["stats"]["t"] == {"paths": 5, "longest": 2, "questions_per_depth": {"0": 1, "1": 1}}


def test_check_stats_with_errors_says_why_there_are_none(write_files: WriteFiles) -> None:
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE.replace("next: q2", "next: q1"))
    run = [sys.executable, "-m", "wizard.cli", "check", str(folder), "--stats"]
    result = subprocess.run(run, capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 1
    assert "error WZ042" in result.stdout
    assert "paths: not computed while there are errors" in result.stdout
