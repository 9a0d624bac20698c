"""Evidence as HTML: article text with highlighted spans and collapsible evidence tables.

Article text is untrusted input: every string that reaches HTML goes through
:func:`html.escape` here, and notebooks show evidence only through these helpers, so a
``<script>`` in an article is displayed as text, never run.
"""

from __future__ import annotations

import html
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
table.fr-table{border-collapse:collapse;font-size:.86em;margin:.4em 0}
table.fr-table th,table.fr-table td{border-bottom:1px solid #eee;padding:.25em .6em;
  text-align:left;vertical-align:top}
table.fr-table th{background:#f6f6f6}
.jp-RenderedHTMLCommon table.fr-table td,.jp-RenderedHTMLCommon table.fr-table th{
  text-align:left;max-width:38em;overflow-wrap:anywhere}
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


def table_html(frame: pd.DataFrame, columns: list[str] | None = None,
               max_rows: int | None = 200) -> str:
    """An escaped HTML table (pandas' ``to_html`` with escaping forced on)."""
    view = frame if columns is None else frame[[c for c in columns if c in frame.columns]]
    more = ""
    if max_rows is not None and len(view) > max_rows:
        more = f"<p><em>{len(view) - max_rows} more rows in the CSV.</em></p>"
        view = view.head(max_rows)
    return view.to_html(index=False, escape=True, classes="fr-table", border=0,
                        na_rep="") + more


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
