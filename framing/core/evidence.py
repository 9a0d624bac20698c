"""Evidence as HTML: article text with highlighted spans and collapsible evidence tables.

Article text is untrusted input: every string that reaches HTML goes through
:func:`html.escape` here, and notebooks show evidence only through these helpers, so a
``<script>`` in an article is displayed as text, never run.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

EVIDENCE_CSS = """
<style>
.fr-article{font-family:Georgia,'Times New Roman',serif;line-height:1.55;max-width:46em;
  white-space:pre-wrap;border-left:3px solid #ddd;padding:.3em 1em;margin:.5em 0 1.2em}
.fr-article mark{padding:0 .12em;border-radius:3px;background:transparent;
  border-bottom:3px solid var(--c);}
.fr-article mark[data-fill]{background:color-mix(in srgb,var(--c) 22%,white);}
.fr-legend span{display:inline-block;margin-right:1em;font-size:.85em}
.fr-legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-1px;
  background:var(--c);border-radius:2px}
details.fr-evidence{margin:.4em 0 1em;border:1px solid #e3e3e3;border-radius:4px;
  padding:.2em .7em}
details.fr-evidence summary{cursor:pointer;font-weight:600;color:#333}
table.fr-table{border-collapse:collapse;font-size:.86em;margin:.4em 0;table-layout:auto}
table.fr-table th,table.fr-table td{border-bottom:1px solid #eee;padding:.25em .6em;
  text-align:left;vertical-align:top}
table.fr-table th{background:#f6f6f6}
.jp-RenderedHTMLCommon table{table-layout:auto}
.jp-RenderedHTMLCommon td,.jp-RenderedHTMLCommon th,table.fr-table td,table.fr-table th{
  word-break:normal;overflow-wrap:normal;max-width:none}
.jp-RenderedHTMLCommon table.fr-table td,.jp-RenderedHTMLCommon table.fr-table th{
  text-align:left;min-width:2.5em}
.jp-RenderedHTMLCommon table.fr-table td.fr-num{text-align:right}
table.fr-table .fr-num,table.fr-table .fr-date,table.fr-table thead th{white-space:nowrap}
table.fr-table td.fr-text{min-width:18em}
.fr-scroll{overflow:auto;max-width:100%;max-height:80vh;margin:.4em 0}
.fr-scroll table.fr-table{margin:0}
.fr-scroll table.fr-table thead th{position:sticky;top:0;z-index:2}
table.fr-sortable thead th{cursor:pointer}
table.fr-sortable thead th[aria-sort=ascending]::after{content:" \25B2";font-size:.7em}
table.fr-sortable thead th[aria-sort=descending]::after{content:" \25BC";font-size:.7em}
</style>
"""


def esc(value: object) -> str:
    """Escape any value for HTML text or attribute context."""
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value))
                       else str(value), quote=True)


def highlight(
    text: str,
    spans: pd.DataFrame | Iterable[dict],
    *,
    offset: int = 0,
    fill: bool = False,
) -> str:
    """Escaped HTML of ``text`` with spans marked.

    Args:
        text: the raw (untrusted) text.
        spans: rows with ``start``, ``end`` (offsets into ``text`` + ``offset``), ``color`` and
            optional ``title`` (hover text). Overlapping spans: the earlier/longer one wins.
        offset: subtract from span offsets (when ``text`` is a slice of a document).
        fill: shade the span background as well as underlining it.
    """
    rows = spans.to_dict("records") if isinstance(spans, pd.DataFrame) else list(spans)
    rows = sorted(rows, key=lambda r: (r["start"], -(r["end"] - r["start"])))
    out, pos = [], 0
    for row in rows:
        start, end = int(row["start"]) - offset, int(row["end"]) - offset
        if start < pos or start >= end or end > len(text):
            continue
        out.append(esc(text[pos:start]))
        title = f' title="{esc(row.get("title"))}"' if row.get("title") else ""
        data_fill = " data-fill" if fill else ""
        out.append(
            f'<mark style="--c:{esc(row.get("color", "#999"))}"{title}{data_fill}>'
            f"{esc(text[start:end])}</mark>"
        )
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def legend(items: dict[str, str]) -> str:
    """A one-line colour legend: label → colour."""
    parts = "".join(f'<span style="--c:{esc(c)}"><i></i>{esc(k)}</span>' for k, c in items.items())
    return f'<div class="fr-legend">{parts}</div>'


def article_block(title: str, text: str, spans: pd.DataFrame | Iterable[dict],
                  **kwargs: object) -> str:
    """An article heading plus its highlighted text, as one HTML string."""
    return (f"<h4>{esc(title)}</h4>"
            f'<div class="fr-article">{highlight(text, spans, **kwargs)}</div>')


#: Column names as a reader sees them (others: underscores become spaces).
COLUMN_LABELS = {"sent_id": "sentence no.", "article_id": "article", "n": "n",
                 "p_loaded": "probability loaded", "z": "z-score"}
#: Headers longer than this are shortened (the full name stays on hover).
SHORT_HEADER = 28
#: A cell of running text (a sentence): wraps at spaces, never inside a word.
TEXT_MIN_CHARS = 60


#: A category value ("agentless_passive"): shown in words ("agentless passive").
CATEGORY = re.compile(r"[a-z]+(?:_[a-z]+)+")


def column_label(name: object) -> str:
    """A column name in human words: ``agent_text`` -> "agent text"."""
    text = str(name)
    return COLUMN_LABELS.get(text, text.replace("_", " "))


def short_label(text: str, limit: int = SHORT_HEADER) -> str:
    """``text`` without its parenthetical and, when still longer than ``limit``, cut at a
    word boundary with an ellipsis (the full text goes in a ``title`` attribute)."""
    short = text.split(" (")[0].strip() if " (" in text else text
    if len(short) <= limit:
        return short
    cut = short[:limit].rsplit(" ", 1)[0]
    return f"{cut}…"


def header_cell(label: str, *, full: str | None = None, attrs: str = "") -> str:
    """A ``<th>`` with a short label and the full name on hover (both escaped)."""
    full = full if full is not None else label
    short = short_label(label)
    title = f' title="{esc(full)}"' if full != short else ""
    return f'<th scope="col"{title}{attrs}>{esc(short)}</th>'


def cell_text(value: object) -> str:
    """A value as table text: floats to at most three decimals, missing values empty,
    booleans as yes / no."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, bool) or (hasattr(value, "dtype") and str(getattr(value, "dtype", ""))
                                   == "bool"):
        return "yes" if bool(value) else "no"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value == value else ""
    text = str(value)
    return text.replace("_", " ") if CATEGORY.fullmatch(text) else text


def scroll(table: str) -> str:
    """A wide table in a scrolling box (sticky header) rather than wrapped mid-word."""
    return f'<div class="fr-scroll">{table}</div>'


#: A date or time cell ("2020-06-16", "2020-06-16 08:30"): never wrapped at its hyphens.
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$")


def table_html(frame: pd.DataFrame, columns: list[str] | None = None,
               max_rows: int | None = 200, *, sortable: bool = True) -> str:
    """An escaped HTML table in a scrolling box: numbers never wrap (right-aligned), text
    wraps only between words, headers are short with the full column name on hover, and a
    click on a header sorts the rows (``fr-sortable``; the page's small inline sorter)."""
    view = frame if columns is None else frame[[c for c in columns if c in frame.columns]]
    more = ""
    if max_rows is not None and len(view) > max_rows:
        more = f"<p><em>{len(view) - max_rows} more rows in the CSV.</em></p>"
        view = view.head(max_rows)
    view = view.reset_index(drop=True)
    numeric = [pd.api.types.is_numeric_dtype(view[c]) and not pd.api.types.is_bool_dtype(view[c])
               for c in view.columns]
    texts = [[cell_text(v) for v in view[c]] for c in view.columns]
    long_text = [not num and any(len(t) > TEXT_MIN_CHARS for t in col)
                 for num, col in zip(numeric, texts, strict=True)]
    head = "".join(header_cell(column_label(c), full=str(c)) for c in view.columns)
    dates = [not num and any(texts[j]) and all(DATE.match(t) for t in texts[j] if t)
             for j, num in enumerate(numeric)]
    classes = ["fr-num" if num else "fr-date" if date else "fr-text" if long else ""
               for num, date, long in zip(numeric, dates, long_text, strict=True)]
    body = "".join(
        "<tr>" + "".join(
            f'<td{f" class={cls}" if cls else ""}>{esc(texts[j][i])}</td>'
            for j, cls in enumerate(classes)) + "</tr>"
        for i in range(len(view)))
    kind = "fr-table fr-sortable" if sortable else "fr-table"
    return scroll(f'<table class="{kind}"><thead><tr>{head}</tr></thead>'
                  f"<tbody>{body}</tbody></table>") + more


def details(summary: str, body_html: str, *, open: bool = False) -> str:
    """A collapsible block; ``summary`` is escaped, ``body_html`` must already be safe HTML."""
    flag = " open" if open else ""
    return (f'<details class="fr-evidence"{flag}><summary>{esc(summary)}</summary>'
            f"{body_html}</details>")


def evidence(frame: pd.DataFrame, summary: str, columns: list[str] | None = None, *,
             open: bool = False, max_rows: int | None = 200) -> str:
    """A collapsible, escaped evidence table (the sentences behind a number or chart)."""
    label = f"{summary} ({len(frame)} row{'s' if len(frame) != 1 else ''})"
    return details(label, table_html(frame, columns, max_rows), open=open)


def show(html_text: str):
    """Display safe HTML in a notebook (with the evidence stylesheet)."""
    from IPython.display import HTML

    return HTML(EVIDENCE_CSS + html_text)


def save_table(frame: pd.DataFrame, name: str, output_dir: str | Path | None) -> Path | None:
    """Write the data behind a figure or table as CSV beside the report (evidence to reuse)."""
    if output_dir is None:
        return None
    folder = Path(output_dir) / "data"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    frame.to_csv(path, index=False)
    return path
