"""The HTML of the one-page campaign report: page, sections, tables, inline figures (private).

Everything here returns HTML text. Every value that may come from the data goes through
`text` (HTML-escaped); figures are inlined as ``data:`` URIs, and the page's Content
Security Policy forbids every request, so the file opens offline and cannot reach anywhere.
"""

from __future__ import annotations

import base64
import html
import io
import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# No request of any kind: images only from data: URIs, styles only inline.
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'"

CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #5f6368; --rule: #d9d9d9; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 96rem; padding: 1.5rem 2rem 3rem; color: var(--ink);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 1px solid var(--rule); }
h3 { font-size: .95rem; margin: 0 0 .4rem; }
.meta, figcaption, .note { color: var(--muted); font-size: .85rem; }
.cols { display: grid; gap: 1.25rem 2rem; overflow-x: auto;
  grid-template-columns: repeat(var(--n), minmax(19rem, 1fr)); }
.cell { min-width: 0; }
figure { margin: 0; }
figure img { display: block; width: 100%; max-width: 34rem; height: auto; }
table { border-collapse: collapse; font-size: .85rem; margin: .25rem 0 .5rem; }
th, td { padding: .2rem .6rem .2rem 0; text-align: left; vertical-align: top;
  border-bottom: 1px solid #eeeeee; }
th { font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.value { max-width: 16rem; overflow-wrap: anywhere; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .8rem; }
"""


def text(value: object) -> str:
    """Return any value as escaped HTML text (quotes too); None as an empty string."""
    return "" if value is None else html.escape(str(value), quote=True)


def copy(hashed: object) -> str:
    """Name the copy of a dataset: hashed, unhashed, or nothing when unknown."""
    return "hashed" if hashed is True else "unhashed" if hashed is False else ""


def count(value: Any) -> str:
    """Format a count with thousands separators; None as nothing."""
    return "" if value is None else f"{value:,}"


def percent(value: Any) -> str:
    """Format a share in [0, 1] as a percentage with one decimal; None as nothing."""
    return "" if value is None else f"{100 * value:.1f}%"


def when(value: Any) -> str:
    """Format a datetime to the minute (the archive's precision); None as nothing."""
    return "" if value is None else f"{value:%Y-%m-%d %H:%M}"


def svg_data_uri(fig: Figure) -> str:
    """Render a figure to SVG and return it as a ``data:`` URI (deterministic output)."""
    from matplotlib import rc_context

    buffer = io.BytesIO()
    # A style context for this one rendering: fixed ids, text as paths (no font needed).
    with (
        rc_context({"svg.hashsalt": "ioarchive", "svg.fonttype": "path"}),
        warnings.catch_warnings(),
    ):
        # Scripts the default font lacks (e.g. CJK hashtags) are drawn as boxes; the tables
        # beside each figure give the text.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def figure(fig: Figure, alt: str) -> str:
    """Return a figure as an ``<img>`` with alternative text."""
    return f'<figure><img src="{svg_data_uri(fig)}" alt="{text(alt)}"></figure>'


def table(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, numeric: Sequence[bool] = ()
) -> str:
    """Return an HTML table; every cell is escaped, numeric columns right-aligned."""
    flags = list(numeric) + [False] * (len(header) - len(numeric))

    def cls(i: int) -> str:
        return ' class="num"' if flags[i] else ' class="value"'

    head = "".join(f"<th{cls(i) if flags[i] else ''}>{text(h)}</th>" for i, h in enumerate(header))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{text(v)}</td>" for i, v in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def columns(cells: Sequence[str]) -> str:
    """Lay cells side by side, one column per campaign."""
    inner = "".join(f'<div class="cell">{c}</div>' for c in cells)
    return f'<div class="cols" style="--n:{max(len(cells), 1)}">{inner}</div>'


def section(anchor: str, title: str, body: str, note: str = "") -> str:
    """Return a titled section."""
    extra = f'<p class="note">{text(note)}</p>' if note else ""
    return f'<section id="{text(anchor)}"><h2>{text(title)}</h2>{extra}{body}</section>'


def page(title: str, subtitle: str, sections: Sequence[str], footer: str) -> str:
    """Return the whole document."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{text(title)}</title><style>{CSS}</style></head>\n"
        f'<body><header><h1>{text(title)}</h1><p class="meta">{text(subtitle)}</p></header>\n'
        + "\n".join(sections)
        + f"\n<footer>{text(footer)}</footer></body></html>\n"
    )
