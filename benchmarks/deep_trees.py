"""What depth costs: search, suggestions and diagrams on a chain of N questions against a bushy tree of N.

Each generated tree is added to a copy of the bundled trees, so search indexes
the real answers and synonyms too. The chain is the deepest tree N questions
can make: question i offers 是 → question i + 1, and 否 and 不清楚 → the way-out
answer. The baseline, measured in the same run, is a heap of the same N
questions and options: 是 and 否 lead to questions 2i + 1 and 2i + 2 (or end at
the way-out answer at the bottom), 不清楚 ends there, and the heap is as deep as
log2 N. (不清楚 gives every question an answer one choice away, so both
shapes end at the same number of answers.) Each phase runs
in a fresh process, chain and heap alternating, --rounds times; reported are
the median seconds, how far the phase raised the process's peak RSS, and the
chain/heap ratio of the times, which stays near 1 when depth costs nothing of
its own:

- search: building the search index (what ``wizard ask``, the app's search box
  and ``wizard serve`` do before the first query);
- graph: the Mermaid text of the tree (``wizard graph``);
- suggest: the shortest example for every option (``wizard coverage
  --suggest``), per label written. A chain's examples take every choice above
  them, so that output grows with the square of N whatever the code does; what
  it costs per label should not. Not run above 4000 questions.

    .venv/bin/python benchmarks/deep_trees.py [--sizes 1000 4000 16000] [--rounds 3] [--timeout 300]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PHASES = ("search", "graph", "suggest")
SUGGEST_MAX = 4000
"""Above this many questions suggest is not run: the chain's examples alone would be N² labels."""


def chain(size: int) -> str:
    lines = ["id: deep", "title: 深层任务", "summary: 生成的问题链", "start: q0", "nodes:"]
    for i in range(size):
        onward = f"next: q{i + 1}" if i + 1 < size else "answer: escalation-contact"
        lines += [f"  q{i}:", f"    question: 第{i}问？", "    options:", f"      - {{label: 是, {onward}}}"]
        lines += [
            "      - {label: 否, answer: escalation-contact}",
            "      - {label: 不清楚, answer: escalation-contact}",
        ]
    return "\n".join(lines) + "\n"


def heap(size: int) -> str:
    lines = ["id: deep", "title: 深层任务", "summary: 生成的问题树", "start: q0", "nodes:"]
    for i in range(size):
        lines += [f"  q{i}:", f"    question: 第{i}问？", "    options:"]
        for label, child in (("是", 2 * i + 1), ("否", 2 * i + 2)):
            where = f"next: q{child}" if child < size else "answer: escalation-contact"
            lines.append(f"      - {{label: {label}, {where}}}")
        lines.append("      - {label: 不清楚, answer: escalation-contact}")
    return "\n".join(lines) + "\n"


def write(folder: Path, shape: str, size: int) -> None:
    shutil.copytree(REPO / "trees", folder)
    (folder / "deep.yaml").write_text((chain if shape == "chain" else heap)(size), encoding="utf-8")


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def measure(phase: str, folder: Path) -> None:
    """Child process: load the trees, then time one phase; prints seconds, RSS growth (MB) and a count."""
    from wizard.content.catalog import load_catalog

    loaded = load_catalog([folder])
    catalog = loaded.draft
    assert catalog is not None, [d.format() for d in loaded.diagnostics[:5]]
    before = peak_rss_mb()
    started = time.perf_counter()
    count = 1
    if phase == "search":
        from wizard.engine.search import SearchIndex

        SearchIndex.build(catalog).search("结算单")
    elif phase == "graph":
        from wizard.maintainer.diagram import render

        render(catalog, ["deep"], "mermaid")
    else:
        from wizard.maintainer.coverage import Coverage
        from wizard.maintainer.suggest import suggest, suggestions_yaml

        coverage = Coverage(catalog, loaded.index)
        coverage.run_examples()
        found = suggest(coverage)
        suggestions_yaml(found, catalog)
        count = sum(len(item.choose) for item in found)
    print(time.perf_counter() - started, peak_rss_mb() - before, count)


def child(phase: str, folder: Path, timeout: float) -> tuple[float, float, int] | None:
    command = [sys.executable, __file__, "--child", phase, str(folder)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    seconds, memory, count = result.stdout.split()
    return float(seconds), float(memory), int(count)


def row(
    phase: str,
    size: int,
    chain_runs: list[tuple[float, float, int]],
    heap_runs: list[tuple[float, float, int]],
    timeout: float,
) -> str:
    """One line of the table: medians, and the chain/heap ratio (per label written, for suggest)."""
    if not chain_runs or not heap_runs:
        hung = "chain" if not chain_runs else "heap"
        return f"{phase:8} {size:6}  the {hung} took over {timeout:.0f} s"
    chain_s, heap_s = (statistics.median(run[0] for run in runs) for runs in (chain_runs, heap_runs))
    chain_mb, heap_mb = (max(run[1] for run in runs) for runs in (chain_runs, heap_runs))
    chain_count, heap_count = chain_runs[0][2], heap_runs[0][2]
    ratio = (chain_s / chain_count) / (heap_s / heap_count)
    note = f"  ({chain_count:,} / {heap_count:,} labels; ratio per label)" if phase == "suggest" else ""
    return f"{phase:8} {size:6} {chain_s:9.2f} {heap_s:8.2f} {ratio:7.2f} {chain_mb:9.0f} {heap_mb:8.0f}{note}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 16000])
    parser.add_argument("--phases", nargs="+", choices=PHASES, default=list(PHASES))
    parser.add_argument("--rounds", type=int, default=3, help="runs of each phase, alternating (default 3)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a phase counts as hung")
    parser.add_argument("--child", nargs=2, metavar=("PHASE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(args.child[0], Path(args.child[1]))
        return 0
    print(f"{'phase':8} {'N':>6} {'chain s':>9} {'heap s':>8} {'ratio':>7} {'chain MB':>9} {'heap MB':>8}")
    with tempfile.TemporaryDirectory(prefix="wizard-deep-trees-") as tmp:
        for size in args.sizes:
            folders = {shape: Path(tmp) / f"{shape}-{size}" for shape in ("chain", "heap")}
            for shape, folder in folders.items():
                write(folder, shape, size)
            for phase in args.phases:
                if phase == "suggest" and size > SUGGEST_MAX:
                    print(f"{phase:8} {size:6}  not run above {SUGGEST_MAX} questions (N² labels of output)")
                    continue
                runs: dict[str, list[tuple[float, float, int]]] = {"chain": [], "heap": []}
                for _ in range(args.rounds):  # alternate, so a machine that slows down slows both alike
                    for shape, folder in folders.items():
                        run = child(phase, folder, args.timeout)
                        if run is not None:
                            runs[shape].append(run)
                print(row(phase, size, runs["chain"], runs["heap"], args.timeout))
    return 0


if __name__ == "__main__":
    sys.exit(main())
