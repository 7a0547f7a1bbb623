"""Charts of a version for people skimming it: trade by partner and year, the most-mentioned actors, documents
over time. Rendered to PNG with matplotlib and gathered in one HTML page, stored under report/ in the version."""
from __future__ import annotations

import base64
import html
import io
from collections import Counter

import matplotlib

matplotlib.use("Agg")  # no display: files only
import matplotlib.pyplot as plt  # noqa: E402
import pyarrow as pa  # noqa: E402

CHARTS = {
    "trade_by_partner_year.png": "Trade figures by partner and year (number of figures)",
    "top_actors.png": "Most-mentioned actors (documents mentioning them)",
    "documents_by_year.png": "Documents by year of the record",
}


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _bar(labels: list[str], values: list[int], title: str, horizontal: bool = False) -> bytes:
    fig, ax = plt.subplots(figsize=(8, max(3, 0.3 * len(labels)) if horizontal else 4))
    if not labels:
        ax.text(0.5, 0.5, "no rows", ha="center", va="center")
        ax.set_axis_off()
    elif horizontal:
        ax.barh(labels[::-1], values[::-1], color="#4c72b0")
    else:
        ax.bar(labels, values, color="#4c72b0")
        ax.tick_params(axis="x", rotation=60)
    ax.set_title(title)
    return _png(fig)


def _trade_heatmap(figures: pa.Table) -> bytes:
    rows = [(r["partner"], r["year"]) for r in figures.select(["partner", "year"]).to_pylist()
            if r["partner"] and r["year"]]
    partners = [p for p, _ in Counter(p for p, _ in rows).most_common(15)]
    years = sorted({y for _, y in rows})
    fig, ax = plt.subplots(figsize=(max(6, 0.5 * len(years) + 3), max(3, 0.35 * len(partners) + 1)))
    if not partners:
        ax.text(0.5, 0.5, "no trade figures with partner and year", ha="center", va="center")
        ax.set_axis_off()
    else:
        counts = Counter(rows)
        grid = [[counts.get((p, y), 0) for y in years] for p in partners]
        image = ax.imshow(grid, aspect="auto", cmap="Blues")
        ax.set_xticks(range(len(years)), [str(y) for y in years], rotation=60)
        ax.set_yticks(range(len(partners)), partners)
        fig.colorbar(image, ax=ax, label="figures")
    ax.set_title(CHARTS["trade_by_partner_year.png"])
    return _png(fig)


def render_report(tables: dict[str, pa.Table]) -> dict[str, bytes]:
    """report/*.png and report/index.html for a version's tables."""
    mentions = tables["actor_mentions"].select(["document_id", "name"]).to_pylist()
    per_actor = Counter(name for _, name in {(m["document_id"], m["name"]) for m in mentions})
    top = per_actor.most_common(20)
    dates = [d for d in tables["documents"].column("date").to_pylist() if d]
    per_year = sorted(Counter(d.year for d in dates).items())
    charts = {
        "trade_by_partner_year.png": _trade_heatmap(tables["trade_figures"]),
        "top_actors.png": _bar([n for n, _ in top], [c for _, c in top], CHARTS["top_actors.png"], horizontal=True),
        "documents_by_year.png": _bar([str(y) for y, _ in per_year], [c for _, c in per_year],
                                      CHARTS["documents_by_year.png"]),
    }
    body = "\n".join(f"<h2>{html.escape(CHARTS[name])}</h2>\n<img src=\"{name}\" alt=\"{html.escape(CHARTS[name])}\">"
                     for name in charts)
    page = (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Dataset report</title></head>"
            f"<body>\n<h1>Dataset report</h1>\n<p>{tables['documents'].num_rows} documents, "
            f"{tables['trade_figures'].num_rows} trade figures, {tables['actor_mentions'].num_rows} actor mentions."
            f"</p>\n{body}\n</body></html>\n")
    return {**{f"report/{n}": data for n, data in charts.items()}, "report/index.html": page.encode()}


def markdown_with_images(report: dict[str, bytes]) -> str:
    """The charts inline, for the Dagster UI's materialization metadata."""
    return "\n\n".join(f"**{CHARTS[name.split('/')[-1]]}**\n\n![{name}](data:image/png;base64,"
                       f"{base64.b64encode(data).decode()})" for name, data in report.items() if name.endswith(".png"))
