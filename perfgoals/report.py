"""`perfgoals report`: one static HTML page of charts and unit sections that opens offline.

The charts are Vega-Lite specs (``perfgoals.charts``); Vega, Vega-Lite and
vega-embed come inline from vl-convert's bundle, so the page loads nothing
from the network. Every text from a document is escaped: a unit name is
data, never markup.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from core.errors import UsageError
from perfgoals import charts
from warehouse.report import ReportData

ISSUES_PER_UNIT = 40  # the rest are one `perfgoals review UNIT` away
OPEN_UNITS = 12  # up to this many units, every section starts open; beyond, a click opens one
TEMPLATE = "report.html.j2"


@dataclass(frozen=True)
class ReportInfo:
    """What `perfgoals report` wrote."""

    path: Path
    n_units: int
    n_charts: int
    size_bytes: int


def _script_json(value: Any) -> Markup:
    """JSON safe inside a <script> element: no "</script>" or "<!--" can come out of a string in it."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@cache
def _vega_bundle() -> tuple[Markup, str]:
    """(the inline JavaScript of Vega, Vega-Lite and vega-embed, the Vega-Lite version it carries)."""
    import altair as alt
    import vl_convert as vlc

    version = "v" + "_".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])  # v6.4.1 → v6_4, as vl-convert names it
    bundle = vlc.javascript_bundle(vl_version=version)
    return Markup(bundle.replace("</script", "<\\/script")), alt.SCHEMA_VERSION


def _charts(data: ReportData) -> list[dict[str, Any]]:
    """The page's charts in order: id, title, a sentence on why it is there, the spec (None when nothing to draw)."""
    def spec(frame, build):
        return build(frame) if frame.height else None

    def shown(n_units: int, which: str) -> str:
        limit = charts.MAX_UNITS_SHOWN
        return f" The chart shows the {limit} {which} of {n_units} units; every unit has its section below." \
            if n_units > limit else ""

    n_budget_units = data.budget.get_column("unit_name").n_unique()
    return [
        {"id": "budget", "title": "Budget by unit 各单位项目预算",
         "why": "Project budgets (万元) summed per unit, split by source of money. A table loaded from both its "
                "Word file and its PDF counts once; department-wide tables are left out (they restate the total)."
                + shown(n_budget_units, "largest"),
         "spec": spec(data.budget, charts.budget_by_unit), "empty": "No project table states a budget."},
        {"id": "targets", "title": "Targets across units 指标值分布",
         "why": "For the indicator families most units share, the units' targets in the family's standard unit: a dot "
                "per target, larger when more units state it. The box holds the middle half of the units' targets "
                "and the line inside it is the median; red dots lie more than 1.5 box-widths outside the box: "
                "worth a question.",
         "spec": charts.target_spread(data.targets, data.target_boxes) if data.targets.height else None,
         "empty": "No indicator with a numeric target appears in two units yet."},
        {"id": "quality", "title": "Review quality by unit 各单位审核结果",
         "why": "Issues the review rules found in each unit's goal tables, and the share of its tables without an "
                "error (what a reviewer would send back)." + shown(data.quality.height, "with the most issues"),
         "spec": spec(data.quality, charts.quality_by_unit), "empty": "No goal table loaded."},
        {"id": "defects", "title": "Defects by rule 问题类型",
         "why": "How often each review rule failed, over all units. Hover a bar for an example message.",
         "spec": spec(data.defects, charts.defects_by_rule), "empty": "No review rule failed. 审核未发现问题。"},
        {"id": "achieved", "title": "Targets reached 目标达成情况",
         "why": "From the units' self-evaluations (绩效自评表): the share of their numeric targets the actual "
                "result reaches, judged on standard units against the goal table's target. Words (合规, 有效) are "
                "not judged." + shown(data.achieved.height, "lowest"),
         "spec": spec(data.achieved, charts.achieved_by_unit), "empty": "No self-evaluation loaded yet."},
    ]


def _money(value: float | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def _units(data: ReportData) -> list[dict[str, Any]]:
    issues_by_unit = {name: rows for (name,), rows in data.unit_issues.group_by("unit_name", maintain_order=True)}
    units = []
    for n, ((name,), tables) in enumerate(data.unit_tables.group_by("unit_name", maintain_order=True), start=1):
        issues = issues_by_unit.get(name)
        rows = [] if issues is None else issues.rows(named=True)
        units.append({
            "name": name, "anchor": f"unit-{n}",
            "tables": [t | {"budget": _money(t["budget_total"])} for t in tables.rows(named=True)],
            "n_errors": sum(r["severity"] == "error" for r in rows),
            "n_warnings": sum(r["severity"] == "warning" for r in rows),
            "issues": rows[:ISSUES_PER_UNIT], "more_issues": max(len(rows) - ISSUES_PER_UNIT, 0)})
    return units


def render_report(data: ReportData, db_name: str, *, generated: datetime | None = None) -> tuple[str, int]:
    """(the report page as HTML text, how many charts it draws)."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("perfgoals", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    page_charts = _charts(data)
    bundle, vl_version = _vega_bundle()
    html = env.get_template(TEMPLATE).render(
        font=charts.FONT, error_color=charts.ERROR, warning_color=charts.WARNING,
        vega_bundle=bundle, vega_lite_version=vl_version, db_name=db_name, year=data.year,
        generated=(generated or datetime.now()).strftime("%Y-%m-%d %H:%M"), overview=data.overview,
        charts=page_charts, units=_units(data), open_units=OPEN_UNITS,
        mismatches=data.score_mismatches.rows(named=True),
        specs_json=_script_json({c["id"]: c["spec"] for c in page_charts if c["spec"]}))
    return html, sum(1 for c in page_charts if c["spec"])


def write_report(data: ReportData, out: Path, db_name: str) -> ReportInfo:
    """Write the report page to ``out`` (its folder must exist), whole or not at all, and say what is in it."""
    html, n_charts = render_report(data, db_name)
    partial = out.with_name(out.name + ".partial")  # a reader never opens half a page
    try:
        partial.write_text(html, encoding="utf-8")
        os.replace(partial, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UsageError(f"报告无法写入。 Cannot write the report to {out}: {exc.strerror}. "
                         "Choose another file with --out.") from None
    return ReportInfo(out, data.unit_tables.get_column("unit_name").n_unique(), n_charts, out.stat().st_size)
