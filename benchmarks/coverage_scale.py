"""How tree coverage and path statistics scale: a generated tree of ~100 000 questions.

The tree is written as YAML in a temporary folder and loaded through the real
loader and checks, as a maintainer's trees would be. One file of 100 000
questions would pass the loader's 5 MB limit, so the tree is split the way a
maintainer would split it: a small top tree whose last questions hand over to
16 subtrees (``tree:`` links), one file each. Every question is a heap node with
options L and R (the two questions below it, or answers at the bottom) and E
(an answer); the examples take every option, so coverage must come out 100%.

Reported: bytes written, load time (parse + schema + graph checks, including the
checks' own walk of every example) and its ratio to PyYAML's own C composer
(``yaml.compose`` with ``CSafeLoader``, GC off) over the same files, measured in
fresh processes, alternating with the load (target: at most 1.5x; medians of
--rounds runs), coverage time (walking every example and building the report),
path-statistics time, and peak memory (peak RSS of a process that only loads,
target at most 800 MB; of this process after coverage; and the tracemalloc peak
of the coverage and path phases alone).

    .venv/bin/python benchmarks/coverage_scale.py [--questions 100000] [--subtrees 16]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wizard.content.catalog import load_catalog
from wizard.content.gc_pause import keep_for_good
from wizard.maintainer.coverage import Coverage
from wizard.maintainer.stats import tree_stats

ANSWER_COUNT = 10


def heap_tree(tree_id: str, prefix: str, size: int, below: list[str] | None, *, title: str) -> tuple[str, int]:
    """YAML of one heap-shaped tree with examples taking every option.

    ``below`` names the trees its bottom edges link to (None: they end at answers).
    Returns the text and the number of questions.
    """
    lines = [f"id: {tree_id}", f"title: {title}", "summary: generated", f"start: {prefix}0", "nodes:"]
    examples: list[tuple[list[str], str]] = []
    links = iter(below or [])
    paths: dict[int, list[str]] = {0: []}
    for i in range(size):
        lines += [f"  {prefix}{i}:", "    question: Q", "    options:"]
        here = paths.pop(i)
        for label, child in (("L", 2 * i + 1), ("R", 2 * i + 2)):
            if child < size:
                lines.append(f"      - {{label: {label}, next: {prefix}{child}}}")
                paths[child] = [*here, label]
            elif below is not None:
                lines.append(f"      - {{label: {label}, tree: {next(links)}}}")
                examples.append(([*here, label, "E"], "a0"))  # E at the linked tree's start question 0
            else:
                lines.append(f"      - {{label: {label}, answer: a{child % ANSWER_COUNT}}}")
                examples.append(([*here, label], f"a{child % ANSWER_COUNT}"))
        lines.append(f"      - {{label: E, answer: a{i % ANSWER_COUNT}}}")
        examples.append(([*here, "E"], f"a{i % ANSWER_COUNT}"))
    lines.append("examples:")
    for labels, expect in examples:
        lines += [f"  - choose: [{', '.join(labels)}]", f"    expect: {expect}"]
    return "\n".join(lines) + "\n", size


def write_trees(folder: Path, questions: int, subtrees: int) -> int:
    """Write answers.yaml, top.yaml and the subtree files; returns the number of questions written."""
    answers = ["answers:"] + [f"  a{i}:\n    title: 答案{i}\n    body: 正文{i}" for i in range(ANSWER_COUNT)]
    (folder / "answers.yaml").write_text("\n".join(answers) + "\n", encoding="utf-8")
    top_size = subtrees - 1  # a heap of n questions has n + 1 bottom edges: one per subtree
    sub_size = (questions - top_size) // subtrees
    names = [f"sub-{k}" for k in range(subtrees)]
    total = 0
    for k, name in enumerate(names):
        text, count = heap_tree(name, f"s{k}-q", sub_size, None, title=f"子树{k}")
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        total += count
    text, count = heap_tree("top", "t-q", top_size, names, title="顶层")
    (folder / "top.yaml").write_text(text, encoding="utf-8")
    return total + count


def compose_only(folder: Path) -> None:
    """Child process: PyYAML's C composer alone over every file, GC off; prints the seconds."""
    import gc

    import yaml

    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.yaml"))]
    gc.disable()
    started = time.perf_counter()
    for text in texts:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    print(time.perf_counter() - started)


def load_only(folder: Path) -> None:
    """Child process: our whole load (parse, schema, checks); prints the seconds and the peak RSS."""
    started = time.perf_counter()
    loaded = load_catalog([folder])
    elapsed = time.perf_counter() - started
    print(elapsed if loaded.catalog is not None else "nan", peak_rss_mb())


def child(which: str, folder: Path) -> list[float]:
    """Run one phase in a fresh process (neither run's memory or heap can slow the other)."""
    command = [sys.executable, __file__, "--child", which, str(folder)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return [float(word) for word in result.stdout.split()]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--subtrees", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="load and compose runs, alternating (default 3)")
    parser.add_argument("--child", nargs=2, metavar=("PHASE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        (compose_only if args.child[0] == "compose" else load_only)(Path(args.child[1]))
        return 0
    with tempfile.TemporaryDirectory(prefix="wizard-coverage-scale-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        count = write_trees(folder, args.questions, args.subtrees)
        sizes = [p.stat().st_size for p in folder.glob("*.yaml")]
        print(
            f"generated   {count:,} questions in {len(sizes)} files, {sum(sizes) / 1e6:.1f} MB "
            f"(largest {max(sizes) / 1e6:.2f} MB) in {time.perf_counter() - started:.2f} s"
        )

        loads, composes, rss = [], [], []
        for _ in range(args.rounds):  # alternate, so a machine that slows down slows both alike
            composes += child("compose", folder)
            seconds, peak = child("load", folder)
            loads.append(seconds)
            rss.append(peak)
        load_time, compose_time = statistics.median(loads), statistics.median(composes)
        loaded = load_catalog([folder])
        keep_for_good()
        if loaded.catalog is None:
            for diagnostic in loaded.diagnostics[:20]:
                print(diagnostic.format())
            return 1
        options = sum(len(q.options) for t in loaded.catalog.trees.values() for q in t.nodes.values())
        examples = sum(len(t.examples) for t in loaded.catalog.trees.values())
        runs = f"median of {args.rounds}"
        facts = f"{options:,} options, {examples:,} examples; parse, schema, checks"
        print(f"load        {load_time:6.2f} s  ({facts}; {runs})")
        print(f"compose     {compose_time:6.2f} s  (yaml.compose with CSafeLoader alone, GC off; {runs})")
        print(f"load/compose {load_time / compose_time:5.2f}x (target <= 1.5x)")
        print(f"peak RSS    {max(rss):6.0f} MB (a process that only loads the catalog; target <= 800 MB)")

        started = time.perf_counter()
        coverage = Coverage(loaded.catalog, loaded.index)
        failures = coverage.run_examples()
        report = coverage.report()
        coverage_time = time.perf_counter() - started
        print(f"coverage    {coverage_time:6.2f} s  ({report.percent:.2f}% covered, {len(failures)} failing examples)")

        started = time.perf_counter()
        stats = tree_stats(loaded.catalog)
        paths_time = time.perf_counter() - started
        top = stats["top"]
        print(f"path stats  {paths_time:6.2f} s  (top: {top.paths:,} paths, longest {top.longest} choices)")
        print(f"peak RSS    {peak_rss_mb():6.0f} MB (this process, after coverage and path stats as well)")

        tracemalloc.start()
        again = Coverage(loaded.catalog, loaded.index)
        again.run_examples()
        again.report()
        tree_stats(loaded.catalog)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"tracemalloc {peak / 1e6:6.1f} MB peak for coverage + path stats (on top of the catalog)")
        ok = report.percent == 100.0 and not failures
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
