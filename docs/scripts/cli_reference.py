"""Write docs/reference/cli.md from the command line's own parsers and metric signatures.

Run from the repository root: ``python docs/scripts/cli_reference.py``. A test fails when the
page is not what this script writes, so the reference cannot go stale.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from ioarchive.cli._metrics import metrics  # noqa: E402
from ioarchive.cli._parser import build, top_help  # noqa: E402

HEAD = """# Command line

Generated from the parsers by `docs/scripts/cli_reference.py`; do not edit by hand.

Every command takes the options listed under "options of every command", before or after the
command and its arguments. Errors are one line on stderr with exit status 2; `validate` exits
with 1 when it finds a problem. Tables fit the terminal; `--json` prints JSON and `--output`
writes a file.

```text
{top}
```
"""


def render() -> str:
    """Return the page."""
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"  # argparse wraps help to the terminal: fix it for the page
    try:
        parsers = build()
        out = [HEAD.format(top=top_help(parsers))]
        for name, (summary, parser) in parsers.items():
            out.append(f"\n## `ioarchive {name}`\n\n{summary[0].upper()}{summary[1:]}.\n")
            out.append(f"\n```text\n{parser.format_help().rstrip()}\n```\n")
        out.append("\n## Metrics\n\n`ioarchive metric NAME --help` shows a metric's page.\n\n")
        out.append("| metric | reads | parameters (`--param NAME=VALUE`) | what it computes |\n")
        out.append("| --- | --- | --- | --- |\n")
        for m in metrics().values():
            params = "<br>".join(f"`{n}`: {t} = {d}" for n, t, d in m.parameters())
            reads = " and ".join(m.frames)
            out.append(
                f"| `{m.name}` | {reads} | {params.replace('|', '&#124;')} | {m.summary} |\n"
            )
        out.append("\n## From Python\n\n::: ioarchive.cli\n")
        return "".join(out)
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous


if __name__ == "__main__":
    (ROOT / "docs" / "reference" / "cli.md").write_text(render(), encoding="utf-8")
