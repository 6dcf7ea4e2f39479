"""What the HTML and XLSX reports show, worked out once from `ReportData`: the table's
rows, the coverage heat-maps, the progress and findings charts, and the words (zh/en).

Charts are laid out here (positions and sizes in SVG units) so that the template only
draws them; every label is real text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from planforge.errors import display_width
from planforge.report.data import ReportData

HEATMAP_UNIONS = 60  # more unions than this: one heat-map column per group instead
PROGRESS_UNIONS = 30  # more unions than this: one progress bar per group instead
TOP_RULES = 15
LABEL_WIDTH = 34  # display columns of an item label before it is shortened
STATES = ("done", "in_progress", "due_soon", "not_started", "overdue", "dropped")
STATE_COLOURS = {
    "done": "#2e7d32",
    "in_progress": "#64b5f6",
    "due_soon": "#f2a93b",
    "not_started": "#c7ccd3",
    "overdue": "#c62828",
    "dropped": "#8d6e63",
}
STATUS_COLOURS = {"covered": "#2e7d32", "hinted": "#f2c94c", "uncovered": "#d64545"}
SEVERITY_COLOURS = {"error": "#c62828", "warning": "#ef8f00", "info": "#5b7fb0"}

WORDS = {
    "zh": {
        "title": "工作计划汇总报告",
        "as_of": "统计日期",
        "plans": "计划数",
        "failed": "无法读取",
        "summaries_complete": "总结完整",
        "mean_coverage": "平均覆盖率",
        "overdue_tasks": "逾期任务",
        "no": "序号",
        "union": "单位",
        "path": "文件",
        "group": "分组",
        "year": "年度",
        "kind": "类型",
        "coverage": "指标覆盖",
        "score": "可得分",
        "band": "可达等次",
        "missing": "缺少必备项",
        "findings": "问题（错误/警告/提示）",
        "errors": "错误",
        "warnings": "警告",
        "infos": "提示",
        "done": "完成率",
        "overdue": "逾期",
        "upcoming": "30天内到期",
        "summary": "总结",
        "complete": "完整",
        "incomplete": "不完整",
        "error": "读取错误",
        "heatmap": "指标覆盖热力图",
        "heatmap_note": "每行一个指标，按未覆盖的单位数排序；"
        "绿色为已覆盖，黄色为仅提及，红色为未覆盖。",
        "heatmap_groups": "每列一个分组，颜色和数字为覆盖该指标的单位比例。",
        "missed_by": "未覆盖",
        "progress": "任务进度",
        "findings_chart": "共性问题",
        "findings_note": "按涉及的计划数排序的前{n}条规则。",
        "plans_affected": "个计划",
        "times": "处",
        "all": "全部",
        "groups": "分组统计",
        "table": "各单位情况",
        "sort": "点击列标题排序",
        "none": "未填写",
        "unreadable": "无法读取",
        "yes": "是",
        "no_": "否",
        "rubric": "评价标准",
        "state_done": "已完成",
        "state_in_progress": "进行中",
        "state_due_soon": "30天内到期",
        "state_not_started": "未开始",
        "state_overdue": "已逾期",
        "state_dropped": "已取消",
        "kind_school": "学校",
        "kind_enterprise": "企业",
        "kind_federation": "工会联合会",
        "kind_institution": "机关事业单位",
        "kind_other": "其他",
        "lang_zh": "中文",
        "lang_en": "英文",
        "covered": "已覆盖",
        "hinted": "仅提及",
        "uncovered": "未覆盖",
        "without_result": "项已完成任务缺少成效",
        "no_plans": "没有可统计的计划。",
    },
    "en": {
        "title": "Plans report",
        "as_of": "As of",
        "plans": "Plans",
        "failed": "Unreadable",
        "summaries_complete": "Summaries complete",
        "mean_coverage": "Mean coverage",
        "overdue_tasks": "Overdue tasks",
        "no": "#",
        "union": "Union",
        "path": "File",
        "group": "Group",
        "year": "Year",
        "kind": "Kind",
        "coverage": "Coverage",
        "score": "Attainable",
        "band": "Band",
        "missing": "Mandatory missing",
        "findings": "Findings (E/W/I)",
        "errors": "Errors",
        "warnings": "Warnings",
        "infos": "Info",
        "done": "Done",
        "overdue": "Overdue",
        "upcoming": "Due in 30 days",
        "summary": "Summary",
        "complete": "complete",
        "incomplete": "incomplete",
        "error": "Error",
        "heatmap": "Rubric coverage heat-map",
        "heatmap_note": "One row per item, the items most unions miss first; green covered, "
        "yellow only hinted, red uncovered.",
        "heatmap_groups": "One column per group; colour and figure give the share of its "
        "unions covering the item.",
        "missed_by": "missed by",
        "progress": "Task progress",
        "findings_chart": "Recurring findings",
        "findings_note": "The {n} rules that affect the most plans.",
        "plans_affected": "plans",
        "times": "findings",
        "all": "All",
        "groups": "Groups",
        "table": "Unions",
        "sort": "click a column heading to sort",
        "none": "not given",
        "unreadable": "unreadable",
        "yes": "yes",
        "no_": "no",
        "rubric": "Rubric",
        "state_done": "done",
        "state_in_progress": "in progress",
        "state_due_soon": "due in 30 days",
        "state_not_started": "not started",
        "state_overdue": "overdue",
        "state_dropped": "dropped",
        "kind_school": "school",
        "kind_enterprise": "enterprise",
        "kind_federation": "federation",
        "kind_institution": "institution",
        "kind_other": "other",
        "lang_zh": "Chinese",
        "lang_en": "English",
        "covered": "covered",
        "hinted": "hinted",
        "uncovered": "uncovered",
        "without_result": "done tasks without a result",
        "no_plans": "No plans to report.",
    },
}


@dataclass
class Chart:
    """An SVG chart: its size, and shapes the template draws as they are."""

    width: float
    height: float
    rects: list[dict[str, Any]] = field(default_factory=list)
    texts: list[dict[str, Any]] = field(default_factory=list)
    label: str = ""


@dataclass
class RubricView:
    """One rubric across the unions held to it."""

    id: str
    title: str
    scoring: bool
    items: list[dict[str, Any]]  # the rubric's items, with how many unions miss each
    rows: list[dict[str, Any]]  # table rows of the unions held to it
    coverage: list[dict[str, Any]]  # per union: that row's coverage of this rubric
    heatmap: Chart | None = None


@dataclass
class View:
    lang: str
    words: dict[str, str]
    data: ReportData
    rows: list[dict[str, Any]]
    totals: dict[str, Any]
    rubrics: list[RubricView]
    group_by: str | None
    groups: list[dict[str, Any]]
    progress: Chart | None
    findings: Chart | None


def build_view(data: ReportData, group_by: str | None = None, lang: str | None = None) -> View:
    """Everything the HTML and XLSX reports show."""
    lang = lang or majority_language(data)
    words = WORDS[lang]
    rows = [_table_row(i, plan, words, group_by) for i, plan in enumerate(data.plans, 1)]
    rubrics = [_rubric_view(rid, info, rows, words, group_by) for rid, info in data.rubrics.items()]
    groups = _groups(rows, words) if group_by else []
    return View(
        lang,
        words,
        data,
        rows,
        _totals(rows),
        rubrics,
        group_by,
        groups,
        _progress_chart(rows, words, group_by),
        _findings_chart(data, words),
    )


def majority_language(data: ReportData) -> str:
    """The language most plans are written in; Chinese on a tie."""
    counts = Counter(p["language"] for p in data.plans if p.get("language"))
    return "en" if counts["en"] > counts["zh"] else "zh"


# ---------------------------------------------------------------------------- the table


def group_of(plan: dict[str, Any], group_by: str | None, words: dict[str, str]) -> str:
    """The group a plan falls in for `--group-by` (kind, year, language or folder)."""
    if group_by is None:
        return ""
    if group_by == "folder":
        return str(PurePath(plan["path"]).parent)
    if plan.get("error"):
        return words["unreadable"]
    value = plan.get(group_by)
    if value is None:
        return words["none"]
    if group_by in ("kind", "language"):
        key = ("kind_" if group_by == "kind" else "lang_") + str(value)
        return words.get(key, str(value))
    return str(value)


def _table_row(
    index: int, plan: dict[str, Any], words: dict[str, str], group_by: str | None
) -> dict[str, Any]:
    covs = plan.get("rubrics") or []
    shares = [c["covered"] / c["required"] for c in covs if c["required"]]
    progress = plan.get("progress")
    summary = plan.get("summary")
    severities = plan.get("severities") or {}
    kind = plan.get("kind")
    return {
        "index": index,
        "path": plan["path"],
        "name": plan.get("organisation") or PurePath(plan["path"]).name,
        "link": plan.get("plan_html"),
        "group": group_of(plan, group_by, words),
        "year": plan.get("year"),
        "kind": words.get(f"kind_{kind}", kind) if kind else "",
        "error": plan["error"]["message"] if plan.get("error") else None,
        "coverage": covs,
        "coverage_share": min(shares) if shares else None,
        "score": _first(c["attainable"] for c in covs if c["attainable"] is not None),
        "band": _first(c["best_band"] for c in covs if c["best_band"]),
        "missing": [f"{c['rubric']}.{m}" for c in covs for m in c["missing_mandatory"]],
        "errors": severities.get("error", 0),
        "warnings": severities.get("warning", 0),
        "infos": severities.get("info", 0),
        "findings": plan.get("findings") or {},
        "done_share": progress["percent"] / 100 if progress else None,
        "overdue": progress["overdue"] if progress else None,
        "upcoming": progress["due_soon"] if progress else None,
        "progress": progress,
        "summary_complete": summary["complete"] if summary else None,
        "summary_gaps": _summary_gaps(summary, words) if summary else "",
    }


def _first(values: Any) -> Any:
    return next(iter(values), None)


def _summary_gaps(summary: dict[str, Any], words: dict[str, str]) -> str:
    gaps = list(summary["missing"])
    if summary["done_without_result"]:
        gaps.append(f"{summary['done_without_result']} {words['without_result']}")
    return ", ".join(gaps)


def _totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    readable = [r for r in rows if not r["error"]]
    shares = [r["coverage_share"] for r in readable if r["coverage_share"] is not None]
    return {
        "plans": len(rows),
        "failed": len(rows) - len(readable),
        "summaries_complete": sum(1 for r in readable if r["summary_complete"]),
        "mean_coverage": sum(shares) / len(shares) if shares else None,
        "overdue_tasks": sum(r["overdue"] or 0 for r in readable),
    }


def _groups(rows: list[dict[str, Any]], words: dict[str, str]) -> list[dict[str, Any]]:
    by_group: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_group.setdefault(row["group"], []).append(row)
    return [{"name": name, **_totals(members)} for name, members in sorted(by_group.items())]


# ---------------------------------------------------------------------------- heat-maps


def _rubric_view(
    rid: str,
    info: dict[str, Any],
    rows: list[dict[str, Any]],
    words: dict[str, str],
    group_by: str | None,
) -> RubricView:
    held: list[tuple[dict[str, Any], dict[str, Any]]] = [
        (row, cov) for row in rows for cov in row["coverage"] if cov["rubric"] == rid
    ]
    items = []
    for item in info["items"]:
        if item["kind"] == "deduction":
            continue  # things to avoid, not to cover
        missed = sum(1 for _row, cov in held if cov["items"].get(item["id"]) != "covered")
        items.append({**item, "missed": missed})
    order = sorted(items, key=lambda i: -i["missed"])
    view = RubricView(
        rid,
        info["title"],
        bool(info["scoring"]),
        items,
        [row for row, _cov in held],
        [cov for _row, cov in held],
    )
    if held:
        if len(held) <= HEATMAP_UNIONS:
            view.heatmap = _union_heatmap(order, held, words)
        else:
            view.heatmap = _group_heatmap(order, held, words, group_by)
    return view


def shorten(text: str, width: int = LABEL_WIDTH) -> str:
    """`text` cut to `width` display columns (CJK characters count two), with '…'."""
    if display_width(text) <= width:
        return text
    out = ""
    for char in text:
        if display_width(out + char) > width - 1:
            break
        out += char
    return out + "…"


CELL = 14
ROW_LABEL = LABEL_WIDTH * 7.4 + 10  # room for LABEL_WIDTH display columns at 12 px


def _heat_frame(
    order: list[dict[str, Any]], columns: int, total: int, words: dict[str, str], cell: float
) -> Chart:
    top = 20.0
    left = ROW_LABEL
    width = left + columns * cell + 150
    chart = Chart(width, top + len(order) * CELL + 8)
    for r, item in enumerate(order):
        y = top + r * CELL
        label = shorten(f"{item['id']} {item['text']}")
        chart.texts.append(
            {
                "x": left - 6,
                "y": y + CELL - 3,
                "text": label,
                "anchor": "end",
                "title": f"{item['id']}: {item['text']}" + (" (★)" if item["mandatory"] else ""),
            }
        )
        share = item["missed"] / total if total else 0
        chart.texts.append(
            {
                "x": left + columns * cell + 6,
                "y": y + CELL - 3,
                "anchor": "start",
                "title": "",
                "text": f"{words['missed_by']} {item['missed']} ({share:.0%})",
            }
        )
    return chart


def _union_heatmap(
    order: list[dict[str, Any]],
    held: list[tuple[dict[str, Any], dict[str, Any]]],
    words: dict[str, str],
) -> Chart:
    chart = _heat_frame(order, len(held), len(held), words, CELL)
    left = ROW_LABEL
    for c, (row, _cov) in enumerate(held):
        chart.texts.append(
            {
                "x": left + c * CELL + CELL / 2,
                "y": 14,
                "text": str(row["index"]),
                "anchor": "middle",
                "title": row["name"],
                "small": True,
            }
        )
    for r, item in enumerate(order):
        for c, (row, cov) in enumerate(held):
            status = cov["items"].get(item["id"], "uncovered")
            chart.rects.append(
                {
                    "x": left + c * CELL,
                    "y": 20 + r * CELL,
                    "w": CELL - 1,
                    "h": CELL - 1,
                    "fill": STATUS_COLOURS[status],
                    "title": f"{row['name']} · {item['id']}: {words[status]}",
                }
            )
    chart.label = words["heatmap_note"]
    return chart


def _group_heatmap(
    order: list[dict[str, Any]],
    held: list[tuple[dict[str, Any], dict[str, Any]]],
    words: dict[str, str],
    group_by: str | None,
) -> Chart:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row, cov in held:
        name = row["group"] if group_by else (row["kind"] or words["none"])
        groups.setdefault(name, []).append(cov)
    columns = [(words["all"], [cov for _row, cov in held]), *sorted(groups.items())]
    cell = 64.0
    chart = _heat_frame(order, len(columns), len(held), words, cell)
    chart.height += 14
    left = ROW_LABEL
    for c, (name, _covs) in enumerate(columns):
        chart.texts.append(
            {
                "x": left + c * cell + cell / 2,
                "y": 14,
                "text": shorten(name, 10),
                "anchor": "middle",
                "title": f"{name} ({len(_covs)})",
                "small": True,
            }
        )
    for r, item in enumerate(order):
        for c, (name, covs) in enumerate(columns):
            share = sum(1 for cov in covs if cov["items"].get(item["id"]) == "covered") / len(covs)
            x, y = left + c * cell, 20 + r * CELL
            chart.rects.append(
                {
                    "x": x,
                    "y": y,
                    "w": cell - 1,
                    "h": CELL - 1,
                    "fill": share_colour(share),
                    "title": f"{name} · {item['id']}: {share:.0%}",
                }
            )
            chart.texts.append(
                {
                    "x": x + cell / 2,
                    "y": y + CELL - 3,
                    "text": f"{share:.0%}",
                    "anchor": "middle",
                    "title": "",
                    "small": True,
                    "light": share < 0.35 or share > 0.8,
                }
            )
    chart.label = words["heatmap_groups"]
    return chart


def share_colour(share: float) -> str:
    """Red (0) through yellow to green (1)."""
    hue = round(120 * max(0.0, min(1.0, share)))
    return f"hsl({hue}, 62%, {44 + round(14 * (1 - abs(share - 0.5) * 2))}%)"


# ---------------------------------------------------------------------------- charts


def _progress_chart(
    rows: list[dict[str, Any]], words: dict[str, str], group_by: str | None
) -> Chart | None:
    readable = [r for r in rows if r["progress"] and r["progress"]["total"]]
    if not readable:
        return None
    bars: list[tuple[str, str, dict[str, int]]] = [(words["all"], "", _sum_states(readable))]
    if len(readable) <= PROGRESS_UNIONS and not group_by:
        bars += [(f"{r['index']}. {r['name']}", r["path"], r["progress"]) for r in readable]
    else:
        groups: dict[str, list[dict[str, Any]]] = {}
        for r in readable:
            groups.setdefault(r["group"] if group_by else (r["kind"] or words["none"]), []).append(
                r
            )
        bars += [(name, f"{len(m)}", _sum_states(m)) for name, m in sorted(groups.items())]
    left, bar_width, height, gap = ROW_LABEL, 560.0, 16.0, 6.0
    chart = Chart(left + bar_width + 80, 34 + len(bars) * (height + gap))
    for i, state in enumerate(STATES):  # the legend
        x = left + i * 96
        chart.rects.append(
            {
                "x": x,
                "y": 4,
                "w": 10,
                "h": 10,
                "fill": STATE_COLOURS[state],
                "title": words[f"state_{state}"],
            }
        )
        chart.texts.append(
            {
                "x": x + 14,
                "y": 13,
                "text": words[f"state_{state}"],
                "anchor": "start",
                "title": "",
                "small": True,
            }
        )
    for b, (name, title, counts) in enumerate(bars):
        y = 26 + b * (height + gap)
        total = sum(counts.get(s, 0) for s in STATES) or 1
        chart.texts.append(
            {
                "x": left - 6,
                "y": y + height - 4,
                "text": shorten(name),
                "anchor": "end",
                "title": title or name,
            }
        )
        x = left
        for state in STATES:
            n = counts.get(state, 0)
            if not n:
                continue
            w = bar_width * n / total
            chart.rects.append(
                {
                    "x": x,
                    "y": y,
                    "w": w,
                    "h": height,
                    "fill": STATE_COLOURS[state],
                    "title": f"{name}: {words[f'state_{state}']} {n}",
                }
            )
            x += w
        live = total - counts.get("dropped", 0)
        done = counts.get("done", 0) / live if live else 0
        chart.texts.append(
            {
                "x": left + bar_width + 6,
                "y": y + height - 4,
                "text": f"{done:.0%}",
                "anchor": "start",
                "title": "",
            }
        )
    chart.label = words["progress"]
    return chart


def _sum_states(rows: list[dict[str, Any]]) -> dict[str, int]:
    out = dict.fromkeys(STATES, 0)
    for r in rows:
        for state in STATES:
            out[state] += r["progress"].get(state, 0)
    return out


def _findings_chart(data: ReportData, words: dict[str, str]) -> Chart | None:
    plans: Counter[str] = Counter()
    times: Counter[str] = Counter()
    for plan in data.plans:
        for rule, n in (plan.get("findings") or {}).items():
            plans[rule] += 1
            times[rule] += n
    if not plans:
        return None
    top = sorted(plans, key=lambda rule: (-plans[rule], rule))[:TOP_RULES]
    left, bar_width, height, gap = 190.0, 420.0, 16.0, 6.0
    chart = Chart(left + bar_width + 220, 8 + len(top) * (height + gap))
    most = plans[top[0]]
    for i, rule in enumerate(top):
        y = 4 + i * (height + gap)
        info = data.rules.get(rule, {})
        severity = info.get("severity", "error")
        chart.texts.append(
            {
                "x": left - 6,
                "y": y + height - 4,
                "text": rule,
                "anchor": "end",
                "title": info.get("summary", rule),
            }
        )
        w = max(1.0, bar_width * plans[rule] / most)
        chart.rects.append(
            {
                "x": left,
                "y": y,
                "w": w,
                "h": height,
                "fill": SEVERITY_COLOURS.get(severity, "#888"),
                "title": f"{rule} ({severity}): {info.get('summary', '')}",
            }
        )
        chart.texts.append(
            {
                "x": left + w + 6,
                "y": y + height - 4,
                "anchor": "start",
                "title": "",
                "text": f"{plans[rule]} {words['plans_affected']} · {times[rule]} {words['times']}",
            }
        )
    chart.label = words["findings_note"].format(n=len(top))
    return chart
