"""``newsbot report``: one self-contained HTML page for people who would rather look.

A chart of articles per day per source (an SVG drawn here, no script, no CDN), the health
table of :mod:`newsbot.health` with its warnings, and the latest failures.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from newsbot.health import COVERAGE, SourceHealth, latest_failures, source_health
from newsbot.store import Store

__all__ = ["articles_per_day", "chart_svg", "render_report", "write_report"]

DAYS = 30
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)
CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; } th, td { padding: .3em .7em; }
th { text-align: left; border-bottom: 2px solid #999; } td { border-bottom: 1px solid #ddd; }
td.num { text-align: right; } tr.warn td { background: #fdecea; }
.warnings li { color: #a11; } svg text { font-size: 11px; fill: #444; }
"""


def articles_per_day(store: Store, days: int = DAYS) -> dict[str, dict[str, int]]:
    """``{day: {source: count}}`` by publication day, the latest ``days`` days with articles."""
    sql = (
        "SELECT substr(published, 1, 10) AS day, source, count(*) AS n FROM articles"
        " WHERE day IN (SELECT DISTINCT substr(published, 1, 10) AS d FROM articles"
        " ORDER BY d DESC LIMIT ?) GROUP BY day, source ORDER BY day"
    )
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in store.db.query(sql, [days]):
        counts[row["day"]][row["source"]] = row["n"]
    return dict(counts)


def chart_svg(counts: dict[str, dict[str, int]], width: int = 900, height: int = 260) -> str:
    """Stacked bars, one per day, one colour per source, with axis labels and a legend."""
    days = sorted(counts)
    sources = sorted({s for per in counts.values() for s in per})
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sources)}
    left, bottom, top = 40, 40, 10
    plot_h = height - bottom - top
    peak = max((sum(per.values()) for per in counts.values()), default=0) or 1
    slot = (width - left - 10) / max(len(days), 1)
    axis_y = top + plot_h
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}"'
        f' height="{height + 20 * len(sources)}" role="img"'
        ' aria-label="articles per day per source">',
        f'<line x1="{left}" y1="{axis_y}" x2="{width - 10}" y2="{axis_y}" stroke="#999"/>',
        f'<text x="{left - 6}" y="{top + 10}" text-anchor="end">{peak}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>',
    ]
    for i, day in enumerate(days):
        x = left + i * slot + slot * 0.1
        y = top + plot_h
        for source in sources:
            n = counts[day].get(source, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.8:.1f}" height="{h:.1f}"'
                f' fill="{colour[source]}" data-day="{day}" data-source="{escape(source)}"'
                f' data-count="{n}"><title>{day} {escape(source)}: {n}</title></rect>'
            )
        parts.append(
            f'<text x="{x + slot * 0.4:.1f}" y="{top + plot_h + 14}" text-anchor="middle">'
            f"{day[5:]}</text>"
        )
    for i, source in enumerate(sources):
        y = height + 20 * i
        parts.append(
            f'<rect x="{left}" y="{y - 10}" width="12" height="12" fill="{colour[source]}"/>'
        )
        parts.append(f'<text x="{left + 18}" y="{y}" class="legend">{escape(source)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _health_table(report: list[SourceHealth]) -> str:
    head = "".join(
        f"<th>{h}</th>"
        for h in ("source", "total", "24 h", "last success", "failed", *COVERAGE, "warnings")
    )
    rows = []
    for h in report:
        cells = [
            f"<td>{escape(h.source)}</td>",
            f'<td class="num">{h.total}</td>',
            f'<td class="num">{h.last_24h}</td>',
            f"<td>{escape((h.last_success or '-')[:19])}</td>",
            f'<td class="num">{_pct(h.failure_rate)}</td>',
            *(f'<td class="num">{_pct(h.coverage.get(name))}</td>' for name in COVERAGE),
            '<td><ul class="warnings">'
            + "".join(f"<li>{escape(w)}</li>" for w in h.warnings)
            + "</ul></td>",
        ]
        css = ' class="warn"' if h.warnings else ""
        rows.append(f'<tr{css} data-source="{escape(h.source)}">{"".join(cells)}</tr>')
    return f'<table id="health"><tr>{head}</tr>\n' + "\n".join(rows) + "</table>"


def _failures_table(store: Store) -> str:
    failures = latest_failures(store)
    if not failures:
        return '<p id="failures">No unresolved failures.</p>'
    head = "".join(f"<th>{h}</th>" for h in ("last seen", "source", "reason", "URL", "message"))
    rows = [
        "<tr>"
        + "".join(
            f"<td>{escape(str(f.get(k) or ''))}</td>"
            for k in ("last_seen", "source", "reason", "url", "message")
        )
        + "</tr>"
        for f in failures
    ]
    return f'<table id="failures"><tr>{head}</tr>\n' + "\n".join(rows) + "</table>"


def render_report(store: Store, now: datetime | None = None) -> str:
    """The report page (HTML, self-contained)."""
    now = now or datetime.now(UTC)
    health = source_health(store, now=now)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>newsbot report</title>
<style>{CSS}</style></head><body>
<h1>newsbot report</h1>
<p>{escape(str(store.path))}, {now:%Y-%m-%d %H:%M} UTC</p>
<h2>Articles per day per source</h2>
{chart_svg(articles_per_day(store))}
<h2>Sources</h2>
{_health_table(health)}
<h2>Latest failures</h2>
{_failures_table(store)}
</body></html>
"""


def write_report(store: Store, path: Path) -> Path:
    """Write the report to ``path`` (its folder is created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(store), "utf-8")
    return path
