"""The outcome report for people: readable text, and one self-contained HTML page with charts.

The HTML has no script and loads nothing: inline CSS and SVG bars, every
text escaped, so it opens from a file share or an e-mail attachment offline.
Queries, ids and labels come from log lines anyone may have pasted into or
edited: both views pass through :func:`clean_text`, so ESC, OSC, C0/C1 and
bidi characters never reach the maintainer's terminal (or the page) as commands.
"""

from __future__ import annotations

import html
from typing import Any

from wizard.content.model import Catalog
from wizard.content.text import clean_text
from wizard.engine.render import answer_heading

BAR_WIDTH = 360


def _title(catalog: Catalog | None, answer_id: str) -> str:
    answer = catalog.answers.get(answer_id) if catalog is not None else None
    return answer_heading(answer) if answer is not None else answer_id


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def as_text(report: dict[str, Any], catalog: Catalog | None) -> str:
    """The report as lines for a terminal or a mail."""
    lines = [
        f"会话 {report['sessions']}（{report['files']} 个文件，{report['events']} 条事件，"
        f"跳过 {report['skipped_lines']} 行无法识别的内容）",
        "",
        "各解答：到达 / 已解决 / 未解决 / 未表态 · 解决率 · 平均评价（1 非常满意 … 5 非常不满意）",
    ]
    answers = sorted(report["answers"].items(), key=lambda item: (-item[1]["reached"], item[0]))
    for answer_id, row in answers:
        mean = "—" if row["mean_rating"] is None else f"{row['mean_rating']:.1f}"
        lines.append(
            f"  {row['reached']:>4} / {row['solved']:>3} / {row['unsolved']:>3} / {row['unknown']:>3}"
            f" · {_rate(row['resolution_rate']):>4} · {mean:>3}  {_title(catalog, answer_id)} [{answer_id}]"
        )
    left = [(key, row) for key, row in report["questions"].items() if row["left_here"]]
    lines += ["", "在这些问题处离开（未到达解答）："]
    for key, row in sorted(left, key=lambda item: -item[1]["left_here"]) or []:
        lines.append(f"  {row['left_here']:>4} 次 / 进入 {row['entered']} 次  {_question(catalog, row)} [{key}]")
    if not left:
        lines.append("  （无）")
    lines += ["", "走“以上都不是 / 未解决”出口：" + _ways_out(report["ways_out"])]
    lines += ["", "没有找到解答的搜索（内容缺口，按次数）："]
    lines += [f"  {item['count']:>4}  {item['query']}" for item in report["searches_without_answer"][:30]] or [
        "  （无）"
    ]
    lines += ["", "搜到解答但随后标为未解决："]
    lines += [
        f"  {item['count']:>4}  {item['query']} → {item['answer']}" for item in report["searches_then_unsolved"][:30]
    ] or ["  （无）"]
    if len(report["versions"]) > 1:
        lines += [
            "",
            "按内容版本：" + "，".join(f"{v or '?'} {t['sessions']} 个会话" for v, t in report["versions"].items()),
        ]
    return clean_text("\n".join(lines) + "\n")


def _question(catalog: Catalog | None, row: dict[str, Any]) -> str:
    tree = catalog.trees.get(row["tree"]) if catalog is not None else None
    node = tree.nodes.get(row["question"]) if tree is not None else None
    return node.question if node is not None else row["question"]


def _ways_out(ways: dict[str, int]) -> str:
    names = {"way_out": "以上都不是", "escalation": "未解决转人工"}
    return "，".join(f"{names.get(key, key)} {count} 次" for key, count in ways.items()) or "无"


def as_html(report: dict[str, Any], catalog: Catalog | None) -> str:
    """One HTML page: resolution per answer as stacked bars, leaving points, content gaps."""
    esc = html.escape
    answers = sorted(report["answers"].items(), key=lambda item: (-item[1]["reached"], item[0]))
    most = max((row["reached"] for _, row in answers), default=1) or 1
    rows = []
    for answer_id, row in answers:
        parts, x = [], 0.0
        for key, colour in (("solved", "#2e7d32"), ("unsolved", "#c62828"), ("unknown", "#9e9e9e")):
            width = BAR_WIDTH * row[key] / most
            if width:
                parts.append(f'<rect x="{x:.1f}" y="2" width="{width:.1f}" height="14" fill="{colour}"/>')
            x += width
        bar = f'<svg width="{BAR_WIDTH}" height="18" role="img" aria-label="{row["reached"]}">{"".join(parts)}</svg>'
        mean = "—" if row["mean_rating"] is None else f"{row['mean_rating']:.1f}"
        rows.append(
            f"<tr><td>{esc(_title(catalog, answer_id))}<br><code>{esc(answer_id)}</code></td><td>{bar}</td>"
            f"<td>{row['reached']}</td><td>{row['solved']}</td><td>{row['unsolved']}</td><td>{row['unknown']}</td>"
            f"<td>{_rate(row['resolution_rate'])}</td><td>{mean}</td></tr>"
        )
    left = sorted(
        ((key, row) for key, row in report["questions"].items() if row["left_here"]),
        key=lambda item: -item[1]["left_here"],
    )
    left_rows = [
        f"<tr><td>{esc(_question(catalog, row))}<br><code>{esc(key)}</code></td>"
        f"<td>{row['left_here']}</td><td>{row['entered']}</td></tr>"
        for key, row in left
    ]
    gaps = [
        f"<tr><td>{esc(item['query'])}</td><td>{item['count']}</td></tr>" for item in report["searches_without_answer"]
    ]
    unsolved = [
        f"<tr><td>{esc(item['query'])}</td><td><code>{esc(item['answer'])}</code></td><td>{item['count']}</td></tr>"
        for item in report["searches_then_unsolved"]
    ]
    none = '<tr><td colspan="8">（无）</td></tr>'
    return clean_text(f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>向导办理情况报告</title>
<style>
body {{ font-family: "Microsoft YaHei", "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; margin: 0.5em 0 2em; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }}
th {{ white-space: nowrap; }}
code {{ color: #666; font-size: 85%; }}
.key span {{ display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; }}
</style></head><body>
<h1>向导办理情况报告</h1>
<p>会话 {report["sessions"]} · 文件 {report["files"]} · 事件 {report["events"]} · 跳过 {report["skipped_lines"]} 行 ·
出口：{esc(_ways_out(report["ways_out"]))}</p>
<h2>各解答的解决情况</h2>
<p class="key"><span style="background:#2e7d32"></span>已解决<span style="background:#c62828"></span>未解决
<span style="background:#9e9e9e"></span>未表态</p>
<table><tr><th>解答</th><th></th><th>到达</th><th>已解决</th><th>未解决</th><th>未表态</th><th>解决率</th>
<th>平均评价（1 最好）</th></tr>
{"".join(rows) or none}</table>
<h2>在这些问题处离开</h2>
<table><tr><th>问题</th><th>离开</th><th>进入</th></tr>{"".join(left_rows) or none}</table>
<h2>没有找到解答的搜索（内容缺口）</h2>
<table><tr><th>搜索内容（已去除个人信息）</th><th>次数</th></tr>{"".join(gaps) or none}</table>
<h2>搜到解答但随后标为未解决</h2>
<table><tr><th>搜索内容</th><th>解答</th><th>次数</th></tr>{"".join(unsolved) or none}</table>
</body></html>
""")
