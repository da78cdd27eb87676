"""Tree coverage as LCOV, so an editor's coverage extension marks untested options in the YAML itself."""

from __future__ import annotations

from collections.abc import Iterable

from wizard.content.text import one_line
from wizard.maintainer.coverage import Coverage


def lcov(coverage: Coverage, tree_ids: Iterable[str] | None = None) -> str:
    """LCOV records whose lines are the YAML lines of questions and options, one record per tree file.

    A question line's hit count is how many walks stood on it; an option line's is
    how many took it. Each question is also a branch point (BRDA) with one branch
    per option, so editors can show "1 of 3 branches taken".
    """
    out: list[str] = []
    wanted = list(coverage.catalog.trees) if tree_ids is None else list(tree_ids)
    for tree_id in wanted:
        tree = coverage.catalog.trees[tree_id]
        lines: dict[int, int] = {}
        branches: list[str] = []
        taken_branches = 0
        for question_id, question in tree.nodes.items():
            qline = coverage.question_line(tree_id, question_id)
            visited = coverage.question_hits.get((tree_id, question_id), 0)
            lines[qline] = max(lines.get(qline, 0), visited)
            for number in range(len(question.options)):
                hits = coverage.option_hits.get((tree_id, question_id, number), 0)
                oline = coverage.option_line(tree_id, question_id, number)
                lines[oline] = max(lines.get(oline, 0), hits)
                branches.append(f"BRDA:{qline},0,{number},{hits if visited else '-'}")
                taken_branches += hits > 0
        out += ["TN:", f"SF:{one_line(coverage.tree_path(tree_id))}"]  # a newline in a name would forge a record
        out += branches
        out += [f"BRF:{len(branches)}", f"BRH:{taken_branches}"]
        out += [f"DA:{line},{hits}" for line, hits in sorted(lines.items())]
        out += [f"LF:{len(lines)}", f"LH:{sum(1 for hits in lines.values() if hits)}", "end_of_record"]
    return "\n".join(out) + ("\n" if out else "")
